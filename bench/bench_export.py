"""Export 10,000 dossiers to XLSX: time and peak memory (tracemalloc peak, ru_maxrss) of load + write.

Usage: .venv/bin/python bench/bench_export.py [count]. The store is filled through `Store.import_dossiers`
(one transaction, realistic sealed applicant/answers/delivery, no scans), with dossiers spread over 30
days, three helpers and several procedures, some accepted by the portal with a status.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.catalog import bundled_catalog
from kiosk.crypto import Sealer
from kiosk.export import write_csv, write_xlsx
from kiosk.reports import load_report, local_day
from kiosk.store import Assisted, Store
from kiosk.store.importing import PreparedDossier

COUNT = 10_000
KINDS = (
    ("post_office", "buudien{:02d}"),
    ("community_team", "tinhnguyen{:02d}"),
    ("self_service", None),
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
GIVEN = ("Thị Hoa", "Văn Nam", "Minh An", "Thu Hà", "Đức Huy", "Ngọc Lan", "Quốc Bảo", "Thanh Tâm")


def prepared(n: int, codes: list[str], rng: random.Random) -> PreparedDossier:
    kind, agent = KINDS[n % 3]
    name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
    address = {"province_code": "01", "ward_code": "00004", "street": f"Số {n % 300} ngõ {n % 90} phố Huế"}
    return {
        "procedure_code": codes[n % len(codes)],
        "procedure_version": "2026.11.1",
        "client_ref": str(uuid.UUID(int=rng.getrandbits(128))),
        "bundle_ref": None,
        "assisted": Assisted(kind, agent.format(n % 7) if agent else None, None, None),
        "applicant": {
            "full_name": name,
            "id_number": f"0011{n % 10}0{n:06d}",
            "date_of_birth": f"19{60 + n % 40}-0{1 + n % 9}-1{n % 9}",
            "gender": "female" if n % 2 else "male",
            "phone": f"09{n:08d}",
            "address": address,
        },
        "answers": {
            "child_full_name": f"{name.split(maxsplit=1)[0]} Minh Khôi",
            "child_date_of_birth": "2026-10-01",
            "child_place_of_birth": "Bệnh viện Phụ sản Hà Nội",
            "mother_full_name": name,
            "parents_married": bool(n % 2),
            "note": "Xin nhận kết quả qua bưu điện vào buổi sáng. " * 3,
        },
        "delivery": {"method": "post", "address": address, "channel": 2},
        "files": [],
    }


def fill(store: Store, count: int) -> None:
    rng = random.Random(7)
    codes = sorted(bundled_catalog().procedures)
    batch = 1_000
    for start in range(0, count, batch):
        store.import_dossiers(
            [prepared(n, codes, rng) for n in range(start, min(count, start + batch))], actor="bench"
        )
    # Spread the filings over 30 days and give a third a portal code and status, as a month at a counter.
    now = datetime.now(UTC)
    with store._w.begin() as conn:
        rows = conn.exec_driver_sql("SELECT client_ref FROM dossier").all()
        for n, (ref,) in enumerate(rows):
            filed = (now - timedelta(days=n % 30, minutes=n % 600)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            status = (2, 4, 5, 10)[n % 4] if n % 3 == 0 else None
            conn.exec_driver_sql(
                "UPDATE dossier SET finalized_at = ?, created_at = ?, portal_status = ?, dossier_code = ?,"
                " state = ? WHERE client_ref = ?",
                (
                    filed,
                    filed,
                    status,
                    f"H01.99-{n:06d}" if status else None,
                    "submitted" if status else "queued",
                    ref,
                ),
            )


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else COUNT
    names = {code: proc.name.vi for code, proc in bundled_catalog().procedures.items()}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        directory = Path(tmp)
        with Store.open(directory / "data", Sealer(bytes(range(32)))) as store:
            started = time.perf_counter()
            fill(store, count)
            print(f"filled {count:,} dossiers in {time.perf_counter() - started:.1f} s")
            rss_filled = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            today = local_day(datetime.now(UTC))
            # Timed without tracemalloc (which slows Python down several times), then once more traced.
            started = time.perf_counter()
            report = load_report(store, today - timedelta(days=29), today, names)
            plain_load = time.perf_counter() - started
            write_xlsx(report, directory / "bao-cao.xlsx")
            plain_total = time.perf_counter() - started
            del report
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            started = time.perf_counter()
            report = load_report(store, today - timedelta(days=29), today, names)
            loaded = time.perf_counter() - started
            written = write_xlsx(report, directory / "bao-cao.xlsx")
            total = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            write_csv(report, directory / "bao-cao.csv")
            csv_time = time.perf_counter() - started
        size = (directory / "bao-cao.xlsx").stat().st_size
        print(f"report: {report.total:,} dossiers over {len(report.by_day)} days")
        print(f"XLSX: {written:,} rows, {size / 1e6:.2f} MB")
        print(f"time: load {plain_load:.2f} s, load + write {plain_total:.2f} s (untraced)")
        print(f"      load {loaded:.2f} s, load + write {total:.2f} s (under tracemalloc)")
        print(f"peak memory: tracemalloc {peak / 1e6:.1f} MB (Python objects during load + write)")
        print(
            f"ru_maxrss (process peak): {rss_filled / 1024:.0f} MB after filling the store,"
            f" {rss_before / 1024:.0f} MB after the untraced export,"
            f" {rss_after / 1024:.0f} MB after the traced one"
        )
        print(f"CSV of the same report: {csv_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
