"""Damaged sealed data goes to "cần sửa": a queued dossier whose answers, document or frozen body fail
their integrity check is stopped with a message naming the part and what to do, never retried for ever."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.catalog import load_catalog
from kiosk.damage import damage_message
from kiosk.store import DossierState, Store
from sync.client import PortalClient
from sync.clock import FakeClock, system_clock
from sync.queue import drain
from sync.retry import RetryPolicy
from sync.sandbox.server import RunningSandbox, start_in_thread
from sync.send import Outcome
from tests.reliability.harness import RecordingTransport, open_store, queue_dossiers

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_in_thread(host="127.0.0.1") as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


def flip_byte(blob: bytes, at: int = -5) -> bytes:
    changed = bytearray(blob)
    changed[at] ^= 0x01
    return bytes(changed)


def flip_column(store: Store, table: str, column: str, where: str, ref: str) -> None:
    with store._w.begin() as conn:
        (blob,) = conn.exec_driver_sql(f"SELECT {column} FROM {table} WHERE {where} = ?", (ref,)).one()
        conn.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE {where} = ?", (flip_byte(blob), ref))


def send_twice(store: Store, sandbox: RunningSandbox) -> list[list[Outcome]]:
    """Two drains an hour apart: what each did (the second must not try the damaged dossier again)."""
    clock = FakeClock(system_clock())
    client = PortalClient(
        sandbox.url, "kiosk-demo", "demo-secret", "t", clock=clock, transport=RecordingTransport()
    )
    policy = RetryPolicy(base=1, cap=5)
    outcomes = []
    try:
        for _ in range(2):
            report = drain(store, client, owner="t", clock=clock, policy=policy)
            assert report.errors == 0  # not "client-error", retried for ever
            outcomes.append([r.outcome for r in report.results])
            clock.advance(timedelta(hours=1).total_seconds())
    finally:
        client.close()
    return outcomes


def test_damaged_answers_need_fixing_with_a_message_naming_them(
    store: Store, sandbox: RunningSandbox
) -> None:
    damaged, fine = queue_dossiers(store, 2, attachment_size=2_000)
    flip_column(store, "dossier", "answers", "client_ref", damaged)

    assert send_twice(store, sandbox) == [[Outcome.NEEDS_ATTENTION, Outcome.SENT], []]

    summary = store.list_dossiers([DossierState.NEEDS_ATTENTION])
    assert [s.client_ref for s in summary] == [damaged]
    assert store.get_dossier(fine).state is DossierState.SUBMITTED
    assert store.queued_count() == 0
    problem = _problem(store, damaged)
    assert problem["type"].endswith("/damaged-answers")
    message = damage_message(problem, None, "vi")
    assert message is not None and "thông tin đã khai" in message and "nhập lại" in message


def test_a_damaged_document_needs_fixing_with_its_label(store: Store, sandbox: RunningSandbox) -> None:
    (ref,) = queue_dossiers(store, 1, attachment_size=2_000)
    (attachment,) = store.get_dossier(ref).attachments
    with store._read_sql() as conn:
        (name,) = conn.exec_driver_sql(
            "SELECT file_name FROM attachment WHERE id = ?", (attachment.id,)
        ).one()
    path = store.attachments_dir / name
    path.write_bytes(flip_byte(path.read_bytes(), 40))

    assert send_twice(store, sandbox) == [[Outcome.NEEDS_ATTENTION], []]

    problem = _problem(store, ref)
    assert problem["type"].endswith("/damaged-document") and problem["doc_type"] == "ban_chinh"
    catalog = load_catalog(REPO / "assets" / "procedures")
    procedure = catalog.procedures["2.000815"]
    label = next(d.label.vi for d in procedure.documents if d.doc_type == "ban_chinh")
    message = damage_message(problem, procedure, "vi")
    assert message is not None and f"\u201c{label}\u201d" in message and "quét hoặc chọn lại" in message
    assert damage_message(problem, procedure, "en") is not None


def test_a_damaged_frozen_body_needs_fixing_and_is_not_retried(store: Store, sandbox: RunningSandbox) -> None:
    (ref,) = queue_dossiers(store, 1, attachment_size=0)
    item = store.lease_next("t", system_clock(), timedelta(minutes=1))
    assert item is not None
    store.freeze_body(item.id, {"client_ref": ref})
    store.release(item.id)  # frozen, never sent: its first attempt is still to come
    flip_column(store, "outbox", "body", "id", item.id)

    assert send_twice(store, sandbox) == [[Outcome.NEEDS_ATTENTION], []]

    assert store.get_dossier(ref).state is DossierState.NEEDS_ATTENTION
    assert _problem(store, ref)["type"].endswith("/damaged-answers")


def _problem(store: Store, ref: str) -> dict[str, object]:
    """The stored problem (get_dossier would open the damaged answers: read the sealed column alone)."""
    with store._read_sql() as conn:
        (sealed,) = conn.exec_driver_sql("SELECT problems FROM dossier WHERE client_ref = ?", (ref,)).one()
    problem = store._open("dossier", "problems", ref, sealed)
    assert isinstance(problem, dict)
    return problem


def test_kiosk_sync_names_the_damaged_document_and_what_to_do(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_KEY_FILE=str(tmp_path / "kiosk.key"),
        KIOSK_PORTAL_URL=sandbox.url,
        KIOSK_CLIENT_ID="kiosk-demo",
        KIOSK_CLIENT_SECRET="demo-secret",
    )

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ui.cli", *args]
        return subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
        )

    assert kiosk("import", str(REPO / "assets" / "samples" / "import-example.json")).returncode == 0
    # The largest scan (giay-to-cho-o.pdf) is in one dossier only: a damaged copy of a scan the portal
    # already has from another dossier is never read (its upload is found complete by its sha256).
    largest = max((tmp_path / "data" / "attachments").glob("*.bin"), key=lambda p: p.stat().st_size)
    largest.write_bytes(flip_byte(largest.read_bytes(), 40))

    done = kiosk("sync")

    assert done.returncode == 0, done.stderr
    assert "1 cần sửa" in done.stdout and "Traceback" not in done.stderr
    damaged = [line for line in done.stdout.splitlines() if "bị hỏng" in line]
    assert len(damaged) == 1 and "Giấy tờ \u201c" in damaged[0] and "quét hoặc chọn lại" in damaged[0]
    again = kiosk("sync")
    assert "Đã gửi 0 hồ sơ" in again.stdout  # not retried
