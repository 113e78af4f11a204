"""Counter statistics and their export: counts by day, procedure, status, helper; no personal data."""

from __future__ import annotations

import csv
import html
import json
import os
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from kiosk.assets import samples_dir
from kiosk.catalog import Catalog, bundled_catalog
from kiosk.crypto import Sealer
from kiosk.export import write_csv, write_xlsx
from kiosk.importer import import_file
from kiosk.reports import (
    build_report,
    chart_buckets,
    load_report,
    local_day,
    report_rows,
    status_text,
)
from kiosk.store import Assisted, Store

KEY = bytes(range(32))
SAMPLE = samples_dir() / "import-example.json"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


def names(catalog: Catalog) -> dict[str, str]:
    return {code: proc.name.vi for code, proc in catalog.procedures.items()}


def import_sample(store: Store, catalog: Catalog) -> list[str]:
    report = import_file(SAMPLE, store, catalog, actor="test")
    assert report.ok, report.render("en")
    return report.queued


def accept_all(store: Store, now: datetime) -> dict[str, str]:
    """Deliver every queued dossier as the sync engine would; returns client_ref → dossier code."""
    codes: dict[str, str] = {}
    while (item := store.lease_next("test", now, timedelta(minutes=5))) is not None:
        code = f"H01.99-{len(codes) + 1:04d}"
        store.complete(item.id, {"dossier_code": code, "status": 2})
        codes[item.client_ref] = code
    return codes


def personal_strings() -> list[str]:
    """Names, CCCD numbers, phones, streets and birth dates of the sample's citizens, in several spellings."""
    found: list[str] = []
    for dossier in json.loads(SAMPLE.read_text(encoding="utf-8"))["dossiers"]:
        applicant = dossier["applicant"]
        found += [applicant["full_name"], applicant["id_number"], applicant["address"]["street"]]
        phone = "".join(ch for ch in applicant["phone"] if ch.isdigit())
        found += [applicant["phone"], phone, "0" + phone[2:] if phone.startswith("84") else phone]
        year, month, day = applicant["date_of_birth"].split("-")
        found += [applicant["date_of_birth"], f"{day}/{month}/{year}"]
        for key, value in dossier["answers"].items():
            if key.endswith(("full_name", "id_number")) and isinstance(value, str):
                found.append(value)
    forms = set()
    for text in found:
        forms.add(unicodedata.normalize("NFC", text))
        forms.add(unicodedata.normalize("NFD", text))
        forms.add(unicodedata.normalize("NFC", text).upper())
    return sorted(forms)


def xlsx_text(path: Path) -> str:
    """Every XML part of the workbook, entities decoded, joined."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(html.unescape(archive.read(name).decode("utf-8")) for name in archive.namelist())


# --- counting -------------------------------------------------------------------------------------------


def test_the_sample_is_counted_by_day_procedure_status_helper_and_agent(
    store: Store, catalog: Catalog
) -> None:
    import_sample(store, catalog)
    draft = store.create_draft("1.001193", "1", Assisted("post_office", "buudien01"))  # never filed
    today = local_day(datetime.now(UTC))
    report = load_report(store, today - timedelta(days=6), today, names(catalog))
    assert report.total == 5
    assert draft not in {row.local_ref for row in report.rows}
    assert sum(report.by_day[today].values()) == 5
    assert sum(sum(c.values()) for c in report.by_day.values()) == 5 and len(report.by_day) == 7
    assert report.by_procedure["1.001193"] == 2
    assert report.by_assisted == {"post_office": 3, "community_team": 1, "self_service": 1}
    assert report.by_agent == {"buudien01": 3, "tinhnguyen01": 1, "": 1}
    assert report.by_status == {"state:queued": 5}
    assert sum(group.count for group in report.groups) == 5
    khai_sinh = [g for g in report.groups if g.procedure_code == "1.001193"]
    assert {(g.assisted_kind, g.count) for g in khai_sinh} == {("post_office", 1), ("community_team", 1)}
    assert khai_sinh[0].procedure_name == catalog.procedure("1.001193").name.vi


def test_portal_statuses_and_supplements_are_counted(store: Store, catalog: Catalog) -> None:
    import_sample(store, catalog)
    now = datetime.now(UTC)
    codes = accept_all(store, now)
    first, second = sorted(codes)[:2]
    store.record_status(first, 5, [], {"note": "Bổ sung giấy tờ"}, None)
    store.record_status(first, 4, [], None, None)
    store.record_status(second, 10, [], None, {"note": "Đã trả"})
    today = local_day(now)
    report = load_report(store, today, today, names(catalog))
    assert report.by_status == {"portal:2": 3, "portal:4": 1, "portal:10": 1}
    assert report.supplement_requested == 1
    assert status_text("portal:10", "vi") == "Đã trả kết quả"
    assert status_text("state:queued", "vi") == "Chờ gửi"
    assert {row.dossier_code for row in report.rows} == set(codes.values())


def test_a_date_range_keeps_only_its_days(store: Store, catalog: Catalog) -> None:
    import_sample(store, catalog)
    rows = report_rows(store.list_dossiers(), store.status_history(), names(catalog))
    today = rows[0].day
    assert build_report(rows, today + timedelta(days=1), today + timedelta(days=3)).total == 0
    assert build_report(rows, today, today - timedelta(days=2)).total == 5  # given the wrong way round
    week = build_report(rows, today - timedelta(days=29), today)
    buckets = chart_buckets(week, max_bars=10)
    assert len(buckets) == 10 and buckets[-1].last == today and buckets[-1].total == 5
    assert sum(b.total for b in chart_buckets(week)) == 5 and len(chart_buckets(week)) == 30


# --- export ---------------------------------------------------------------------------------------------


def test_csv_and_xlsx_hold_references_and_counts_but_no_personal_data(
    store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    import_sample(store, catalog)
    codes = accept_all(store, datetime.now(UTC))
    today = local_day(datetime.now(UTC))
    report = load_report(store, today, today, names(catalog))
    csv_path, xlsx_path = tmp_path / "bao-cao.csv", tmp_path / "bao-cao.xlsx"
    assert write_csv(report, csv_path) == 5
    assert write_xlsx(report, xlsx_path) == 5

    csv_text = csv_path.read_text(encoding="utf-8-sig")
    workbook = xlsx_text(xlsx_path)
    # The search works: what statistics need is there …
    for text in (csv_text, workbook):
        assert "buudien01" in text and "Đăng ký khai sinh" in text
        assert all(code in text for code in codes.values())
        assert all(row.local_ref in text for row in report.rows)
    # … and nothing about the citizens is.
    for secret in personal_strings():
        assert secret not in csv_text, secret
        assert secret not in workbook, secret
    lines = list(csv.reader(csv_text.splitlines()))
    assert lines[0][:3] == ["Ngày nộp", "Mã thủ tục", "Tên thủ tục"]
    assert len(lines) == 6 and {line[7] for line in lines[1:]} == {"buudien01", "tinhnguyen01", ""}
    state = lines[0].index("Tình trạng trên máy")
    assert {line[state] for line in lines[1:]} == {"Đã gửi lên cổng"}  # not "chờ tiếp nhận" beside "Đã trả"


def test_an_agent_id_that_looks_like_a_formula_is_written_as_text(
    store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    evil = '=HYPERLINK("http://example.invalid","x")'
    ref = store.create_draft("1.001193", "1", Assisted("post_office", evil))
    store.finalize(ref, "test")
    today = local_day(datetime.now(UTC))
    report = load_report(store, today, today, names(catalog))
    write_csv(report, tmp_path / "r.csv")
    write_xlsx(report, tmp_path / "r.xlsx")
    rows = list(csv.reader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][7] == "'" + evil
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all("<f>" not in archive.read(n).decode() for n in sheets)


def test_a_failed_export_leaves_no_file_under_the_chosen_name(
    store: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_sample(store, catalog)
    today = local_day(datetime.now(UTC))
    report = load_report(store, today, today, names(catalog))

    out = tmp_path / "out"
    out.mkdir()
    real_save = Workbook.save

    def broken(self: Workbook, filename: Any) -> None:
        real_save(self, filename)  # the file is written, then the disk "fills up" before the move
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", broken)
    with pytest.raises(OSError):
        write_xlsx(report, out / "r.xlsx")
    assert list(out.iterdir()) == []


def test_an_export_is_on_disk_before_it_takes_the_chosen_name(
    store: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agent pulls the USB stick once "saved" shows: the file's bytes must already be flushed, and
    the file must take its name only after that (then the name itself is flushed)."""
    import_sample(store, catalog)
    today = local_day(datetime.now(UTC))
    report = load_report(store, today, today, names(catalog))
    out = tmp_path / "usb"
    out.mkdir()
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", str(Path(f"/proc/self/fd/{fd}").readlink())))
        real_fsync(fd)

    def replace(self: Path, target: Any) -> Path:
        events.append(("replace", str(target)))
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    for name, write in (("r.csv", write_csv), ("r.xlsx", write_xlsx)):
        events.clear()
        write(report, out / name)
        (flushed_file, temp), moved, flushed_dir = events
        assert flushed_file == "fsync" and Path(temp).parent == out and temp != str(out / name)
        assert moved == ("replace", str(out / name))
        assert flushed_dir == ("fsync", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["r.csv", "r.xlsx"]


def test_summary_sheet_has_the_counts(store: Store, catalog: Catalog, tmp_path: Path) -> None:
    import_sample(store, catalog)
    today = local_day(datetime.now(UTC))
    report = load_report(store, today, today, names(catalog))
    write_xlsx(report, tmp_path / "r.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert book.sheetnames == ["Hồ sơ", "Tổng hợp"]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if len(row) > 1}
    book.close()
    assert summary["Tổng số hồ sơ"] == 5
    assert summary["Bưu điện"] == 3 and summary["Tự phục vụ"] == 1
    assert summary[today.strftime("%d/%m/%Y")] == 5


def test_report_of_an_empty_store(store: Store) -> None:
    report = load_report(store, date(2026, 1, 1), date(2026, 1, 31), {})
    assert report.total == 0 and len(report.by_day) == 31 and not report.groups
