"""The birth bundle filed end to end to the sandbox portal with 30 % faults: 3 dossiers, one bundle_ref."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest
from harness import open_store, sandbox_stats

from kiosk.assets import samples_dir
from kiosk.bundle import BundleFiling, TaskStatus
from kiosk.catalog import bundled_catalog
from kiosk.journey import APPLICANT, CHECK, Journey, PageKind, Raw
from kiosk.store import Assisted, DossierState, Store
from sync.client import PortalClient
from sync.clock import FakeClock, system_clock
from sync.sandbox import FaultPolicy, RunningSandbox, start_in_thread
from sync.service import sync_now

pytestmark = pytest.mark.slow
SCAN = (samples_dir() / "attachments" / "giay-chung-sinh.jpg").read_bytes()
ADDRESS = {"province_code": "01", "ward_code": "00070", "street": "12 Hàng Bạc"}
# What the mother types, page by page (raw, as on the screens); pages not listed are left empty.
RAW: dict[str, dict[str, Raw]] = {
    "1.001193": {
        APPLICANT + "full_name": "Trần Thị Bình",
        APPLICANT + "id_number": "001195000456",
        APPLICANT + "date_of_birth": "12/03/1995",
        APPLICANT + "gender": "female",
        APPLICANT + "phone": "0912345678",
        APPLICANT + "address": ADDRESS,
        "child_full_name": "Nguyễn Minh Khang",
        "child_date_of_birth": "01/10/2025",
        "child_gender": "male",
        "child_place_of_birth": "Bệnh viện Phụ sản Hà Nội",
        "child_ethnicity": "Kinh",
        "child_nationality": "VN",
        "child_home_town": "Xã Kim Liên, tỉnh Nghệ An",
        "mother_full_name": "Trần Thị Bình",
        "mother_date_of_birth": "12/03/1995",
        "mother_id_number": "001195000456",
        "mother_nationality": "VN",
        "mother_ethnicity": "Kinh",
        "mother_residence": ADDRESS,
        "parents_married": True,
        "father_full_name": "Nguyễn Văn An",
        "father_date_of_birth": "05/09/1990",
        "father_id_number": "001090000123",
        "father_nationality": "VN",
        "father_ethnicity": "Kinh",
        "father_residence": ADDRESS,
        "relationship_to_child": "mother",
        "has_birth_notice": True,
        "copy_count": "1",
    },
    "1.004222": {
        "relationship_to_head": "grandchild",
        "permanent_address": ADDRESS,
        "residence_basis": "own_home",
        "household_head_full_name": "Nguyễn Văn An",
        "household_head_id_number": "001090000123",
        "members_moving": False,
    },
    "1.002296": {"primary_care_facility": "Trạm y tế phường Hoàn Kiếm"},
}


class BodyLog(httpx.BaseTransport):
    """Real loopback HTTP, noting the bundle_ref and Idempotency-Key of every dossier POST sent."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bundle_refs: dict[str, set[object]] = defaultdict(set)
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/dossiers"):
            body = json.loads(request.read())
            with self.lock:
                self.bundle_refs[body["client_ref"]].add(body.get("bundle_ref"))
                self.keys[body["client_ref"]].add(request.headers["idempotency-key"])
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(params=[29, 5, 101])
def sandbox(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RunningSandbox]:
    seed = request.param
    faults = FaultPolicy(rate=0.3, seed=seed, retry_after=1, slow_ms=30)
    with start_in_thread(db_path=tmp_path / "portal.sqlite3", faults=faults, seed=seed) as running:
        yield running


def file_member(store: Store, filing: BundleFiling, code: str, raws: Mapping[str, Raw]) -> str:
    """One member's journey as a person answers it (shared pages skipped), then queued on its own."""
    procedure = filing.procedures[code]
    start = filing.member_start(code)
    ref = store.create_draft(
        code, procedure.version, Assisted("post_office", "BD-0001"), bundle_ref=filing.bundle_ref
    )
    filing.started(code, ref)
    journey = Journey(
        procedure,
        client_ref=ref,
        applicant=start.applicant,
        answers=start.answers,
        skip=start.skip,
        fixed=start.fixed,
        consent_needed=False,
    )
    asked: list[str] = []
    while journey.current.id != CHECK:
        page = journey.current
        asked.append(page.id)
        if page.kind is PageKind.ATTACHMENT and page.question is not None and page.question.doc_type:
            journey.add_attachment(
                store.add_attachment(ref, page.question.doc_type, SCAN, "giay.jpg", "image/jpeg")
            )
        raw = raws.get(page.id, "pickup" if page.id == "delivery.method" else "")
        assert journey.continue_from(raw, "vi") == [], page.id
    assert journey.problems() == []
    assert not set(asked) & start.skip  # shared answers and presets were not asked again
    store.save_answers(ref, journey.applicant(), journey.answers(), journey.delivery())
    store.finalize(ref, "BD-0001")
    filing.filed(code, journey.applicant(), journey.answers(), store.get_dossier(ref).local_ref)
    return ref


def test_birth_bundle_reaches_the_portal_as_three_linked_dossiers_exactly_once(
    sandbox: RunningSandbox, data_dir: Path
) -> None:
    store = open_store(data_dir)
    filing = BundleFiling.start(bundled_catalog(), "lien_thong_khai_sinh")
    refs = [file_member(store, filing, task.code, RAW[task.code]) for task in filing.tasks]
    assert filing.finished
    later = store.get_dossier(refs[1])
    assert later.answers["child_full_name"] == "Nguyễn Minh Khang"  # asked once, in khai sinh
    assert later.answers["for_child"] is True  # the bundle's preset
    assert later.applicant["full_name"] == "Trần Thị Bình"

    clock = FakeClock(system_clock())
    transport = BodyLog()
    client = PortalClient(sandbox.url, "kiosk-demo", "demo-secret", "rel-b", clock=clock, transport=transport)
    rounds = 0
    while store.queued_count() and rounds < 200:
        sync_now(store, client, owner="bundle", clock=clock)
        clock.advance(40)  # past backoff and Retry-After without sleeping
        rounds += 1
    stats = sandbox_stats(sandbox.url)
    print(f"rounds={rounds} faults={stats['faults']} dossiers={stats['dossiers']}")
    assert sum(stats["faults"].values()) > 0  # faults really happened
    assert store.queued_count() == 0
    assert stats["dossiers"] == 3 and stats["duplicate_client_refs"] == 0
    # Every body ever sent, retries included, carried the one bundle_ref, under one key per dossier.
    assert set(transport.bundle_refs) == set(refs)
    assert all(sent == {filing.bundle_ref} for sent in transport.bundle_refs.values())
    assert all(len(keys) == 1 for keys in transport.keys.values())
    codes = []
    for ref in refs:
        dossier = store.get_dossier(ref)
        assert dossier.state is DossierState.SUBMITTED and dossier.summary.bundle_ref == filing.bundle_ref
        portal = sandbox.sandbox.store.dossier_by_client_ref(ref)
        assert portal is not None and portal["code"] == dossier.dossier_code
        codes.append(dossier.dossier_code)
        filing.observe(ref, dossier.state, dossier.dossier_code)
    assert len(set(codes)) == 3 and None not in codes  # each its own dossier code
    assert [task.reference for task in filing.tasks] == codes
    assert {task.status for task in filing.tasks} == {TaskStatus.DONE}
    client.close()
    store.close()
