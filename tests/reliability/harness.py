"""Shared pieces of the reliability tests: stores full of dossiers, key recording, sandbox figures.

Kept free of pytest so tests/reliability/drainer.py (a subprocess) and soak.py can use it too.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from kiosk.crypto import Sealer
from kiosk.store import Assisted, DossierState, Store

KEY = bytes(range(32))
PROCEDURE = ("2.000815", "2026.11.1")  # chứng thực bản sao: plain answers, one PDF
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình"},
}


def answers(rng: random.Random, filler: int = 0) -> dict[str, Any]:
    """Valid answers of the procedure; `filler` characters of text make the body about that much larger."""
    name = "Bằng tốt nghiệp " + "".join(rng.choice("abcdeghiklmnopqrstuvxy ") for _ in range(filler))
    return {
        "document_name": name[:200],
        "issued_by": "Sở Giáo dục và Đào tạo" + (" " + "x" * max(filler - 200, 0))[:170],
        "page_count": rng.randint(1, 20),
        "copy_count": rng.randint(1, 5),
    }


def open_store(data_dir: Path) -> Store:
    return Store.open(data_dir, Sealer(KEY))


def queue_dossiers(
    store: Store, count: int, *, attachment_size: int = 20_000, seed: int = 0, filler: int = 0
) -> list[str]:
    """`count` finalised dossiers, each with its own PDF attachment of `attachment_size` bytes."""
    rng = random.Random(seed)
    refs = []
    for _ in range(count):
        ref = store.create_draft(*PROCEDURE, Assisted("post_office", "BD-0001", None, datetime.now(UTC)))
        store.save_answers(ref, dict(APPLICANT), answers(rng, filler), {"method": "pickup", "channel": 2})
        if attachment_size:
            scan = b"%PDF-1.7\n" + rng.randbytes(max(attachment_size - 9, 1))
            store.add_attachment(ref, "ban_chinh", scan, "ban-chinh.pdf", "application/pdf")
        store.finalize(ref, "BD-0001")
        refs.append(ref)
    return refs


def body_digest(content: bytes) -> str:
    """Bodies are compared as JSON values (the contract's rule), not as bytes."""
    return hashlib.sha256(json.dumps(json.loads(content), sort_keys=True).encode()).hexdigest()


@dataclass
class KeyLog:
    """Which Idempotency-Keys and bodies the kiosk sent for each client_ref (POST /dossiers)."""

    keys_per_ref: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    bodies_per_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    patch_bytes: int = 0

    def add(self, key: str, client_ref: str, digest: str) -> None:
        self.keys_per_ref[client_ref].add(key)
        self.bodies_per_key[key].add(digest)

    @classmethod
    def read(cls, path: Path) -> KeyLog:
        log = cls()
        if path.exists():
            for line in path.read_text().splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the last line of a killed writer may be torn
                log.add(entry["key"], entry["ref"], entry["digest"])
        return log

    def merge(self, other: KeyLog) -> None:
        for ref, keys in other.keys_per_ref.items():
            self.keys_per_ref[ref] |= keys
        for key, bodies in other.bodies_per_key.items():
            self.bodies_per_key[key] |= bodies
        self.patch_bytes += other.patch_bytes

    def refs_with_several_keys(self) -> list[str]:
        return [ref for ref, keys in self.keys_per_ref.items() if len(keys) > 1]

    def keys_with_several_bodies(self) -> list[str]:
        return [key for key, bodies in self.bodies_per_key.items() if len(bodies) > 1]


class RecordingTransport(httpx.BaseTransport):
    """Real loopback HTTP, recording each dossier POST (key, client_ref, body) before it leaves.

    With `path`, entries are appended to a JSONL file and flushed at once (a SIGKILLed process loses
    at most a torn last line, and that request was then never complete on the wire).
    """

    def __init__(self, inner: httpx.BaseTransport | None = None, path: Path | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.log = KeyLog()
        self._lock = threading.Lock()
        self._file = path.open("a", encoding="utf-8") if path else None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dossiers"):
            content = request.read()
            ref = json.loads(content)["client_ref"]
            key = request.headers["idempotency-key"]
            digest = body_digest(content)
            with self._lock:
                self.log.add(key, ref, digest)
                if self._file is not None:
                    self._file.write(json.dumps({"key": key, "ref": ref, "digest": digest}) + "\n")
                    self._file.flush()
        elif request.method == "PATCH":
            with self._lock:
                self.log.patch_bytes += len(request.read())
        return self.inner.handle_request(request)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self.inner.close()


def sandbox_stats(url: str) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(url + "/_sandbox/stats", timeout=30).json()
    return stats


@dataclass
class Figures:
    queued: int
    accepted: int
    duplicates: int
    lost: int
    stuck: int
    live_leases: int
    needs_attention: int
    refs_with_several_keys: int
    keys_with_several_bodies: int

    def line(self) -> str:
        return " ".join(f"{name}={value}" for name, value in self.__dict__.items())


def figures(store: Store, refs: list[str], stats: dict[str, Any], keys: KeyLog, now: datetime) -> Figures:
    states = {s.client_ref: s.state for s in store.list_dossiers()}
    items = store.outbox_items()
    return Figures(
        queued=len(refs),
        accepted=int(stats["dossiers"]),
        duplicates=int(stats["duplicate_client_refs"]),
        lost=sum(1 for ref in refs if states.get(ref) is not DossierState.SUBMITTED),
        stuck=store.queued_count(),
        live_leases=sum(1 for i in items if i.lease_until is not None and i.lease_until > now),
        needs_attention=sum(1 for ref in refs if states.get(ref) is DossierState.NEEDS_ATTENTION),
        refs_with_several_keys=len(keys.refs_with_several_keys()),
        keys_with_several_bodies=len(keys.keys_with_several_bodies()),
    )
