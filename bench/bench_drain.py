"""Outbox drain throughput over loopback: dossiers/s of the sync engine vs a bare httpx loop (goal ≥ 0.5).

Each dossier has about 1 KB of JSON (applicant + answers) and one 100 KB PDF. The engine path does
everything a kiosk does (lease, decrypt the attachment, POST /uploads, PATCH, freeze the body, POST
/dossiers, complete + audit in the encrypted store); the bare loop sends the same requests (upload,
PATCH, POST) for other dossiers of the same shape to the same sandbox, with nothing else. The two run
in alternating blocks so that neither gets a fresher server.

    python bench/bench_drain.py [--count 2000] [--block 100]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from kiosk.crypto import Sealer
from kiosk.store import Assisted, Store
from sync.client import PortalClient
from sync.clock import system_clock
from sync.queue import drain
from sync.sandbox import start_in_thread
from sync.send import Outcome, dossier_body

ATTACHMENT = 100 * 1024
GOAL = 0.5
PROCEDURE = ("2.000815", "2026.11.1")
APPLICANT = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "001185012345",
    "date_of_birth": "1985-03-14",
    "gender": "female",
    "phone": "0912345678",
    "email": "hoa.nguyen@example.vn",
    "address": {"province_code": "01", "ward_code": "00004", "street": "Số 12 ngõ Hòa Bình, tổ dân phố 5"},
}


def answers(rng: random.Random) -> dict[str, Any]:
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy "
    return {
        "document_name": "Bằng " + "".join(rng.choice(letters) for _ in range(190)),
        "issued_by": "Sở " + "".join(rng.choice(letters) for _ in range(190)),
        "page_count": rng.randint(1, 20),
        "copy_count": rng.randint(1, 5),
    }


def queue(store: Store, count: int, rng: random.Random) -> None:
    for _ in range(count):
        ref = store.create_draft(*PROCEDURE, Assisted("post_office", "BD-0001", None, datetime.now(UTC)))
        store.save_answers(ref, dict(APPLICANT), answers(rng), {"method": "pickup", "channel": 2})
        store.add_attachment(
            ref, "ban_chinh", b"%PDF-1.7\n" + rng.randbytes(ATTACHMENT - 9), "a.pdf", "application/pdf"
        )
        store.finalize(ref, "BD-0001")


def bare_requests(count: int, rng: random.Random, store: Store) -> list[tuple[bytes, dict[str, Any]]]:
    """(scan, body template) pairs shaped like the queued dossiers, prepared before timing starts."""
    prepared = []
    template = dossier_body(store.get_dossier(store.list_dossiers()[0].client_ref), [])
    for _ in range(count):
        body = dict(template, client_ref=str(uuid.uuid4()), answers=answers(rng))
        prepared.append((b"%PDF-1.7\n" + rng.randbytes(ATTACHMENT - 9), body))
    return prepared


def bare_loop(http: httpx.Client, token: str, work: list[tuple[bytes, dict[str, Any]]]) -> float:
    auth = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    for scan, body in work:
        created = http.post(
            "/uploads",
            json={
                "sha256": hashlib.sha256(scan).hexdigest(),
                "size": len(scan),
                "media_type": "application/pdf",
                "filename": "a.pdf",
            },
            headers=auth,
        ).json()
        http.patch(
            f"/uploads/{created['upload_id']}",
            content=scan,
            headers={**auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
        ).raise_for_status()
        body["attachments"] = [{"doc_type": "ban_chinh", "upload_id": created["upload_id"]}]
        http.post(
            "/dossiers",
            content=json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
            headers={**auth, "Idempotency-Key": str(uuid.uuid4()), "Content-Type": "application/json"},
        ).raise_for_status()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--block", type=int, default=100)
    args = parser.parse_args(argv)
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="dvc-bench-drain-") as temp:
        work = Path(temp)
        store = Store.open(work / "kiosk", Sealer(bytes(range(32))))
        setup = time.perf_counter()
        queue(store, args.count, rng)
        prepared = bare_requests(args.count, rng, store)
        print(
            f"queued {args.count} dossiers (1 KB JSON + {ATTACHMENT // 1024} KB PDF each) "
            f"in {time.perf_counter() - setup:.1f} s"
        )
        with start_in_thread(db_path=work / "portal.sqlite3", backoffice_tick=0) as portal:
            client = PortalClient(portal.url, "kiosk-demo", "demo-secret", "bench", clock=system_clock)
            http = httpx.Client(base_url=portal.api, headers={"User-Agent": "bench"})
            token = http.post(
                "/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": "kiosk-demo",
                    "client_secret": "demo-secret",
                },
            ).json()["access_token"]
            engine_s = bare_s = 0.0
            sent = 0
            for start in range(0, args.count, args.block):
                block = prepared[start : start + args.block]
                bare_s += bare_loop(http, token, block)
                began = time.perf_counter()
                report = drain(store, client, owner="bench", clock=system_clock, max_items=len(block))
                engine_s += time.perf_counter() - began
                sent += report.count(Outcome.SENT)
            http.close()
            client.close()
            stats = httpx.get(portal.url + "/_sandbox/stats").json()
        store.close()
    engine_rate, bare_rate = sent / engine_s, args.count / bare_s
    print(f"sync engine: {sent} dossiers in {engine_s:.1f} s = {engine_rate:.1f} dossiers/s")
    print(f"bare httpx : {args.count} dossiers in {bare_s:.1f} s = {bare_rate:.1f} dossiers/s")
    print(
        f"ratio engine/bare = {engine_rate / bare_rate:.2f} (goal ≥ {GOAL}); portal holds "
        f"{stats['dossiers']} dossiers, {stats['duplicate_client_refs']} duplicates"
    )
    return 0 if sent == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
