"""`kiosk import` reads only what it should: inside one folder, regular files, sizes checked before reading.

Each refusal names the dossier and the file and says how to fix it; a batch with one refused file
stores nothing at all (no row, no sealed file, no audit entry).
"""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from kiosk.assets import samples_dir
from kiosk.catalog import Catalog, bundled_catalog
from kiosk.crypto import Sealer
from kiosk.documents import MAX_ATTACHMENT_BYTES
from kiosk.errors import KioskError
from kiosk.importer import ImportReport, import_file
from kiosk.store import Store

KEY = bytes(range(32))
SAMPLE = samples_dir() / "import-example.json"
SCAN = "attachments/giay-chung-sinh.jpg"  # the first sample dossier's only (required) document


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, Sealer(KEY)) as opened:
        yield opened


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A copy of the sample's folder, as an operator would have it, with a file just outside it."""
    folder = tmp_path / "batch"
    shutil.copytree(samples_dir(), folder)
    shutil.copy(folder / SCAN, tmp_path / "outside.jpg")
    return folder


def write_batch(folder: Path, first_path: str) -> Path:
    """The whole sample (5 dossiers) with the first dossier's scan at `first_path`."""
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["dossiers"][0]["attachments"][0]["path"] = first_path
    path = folder / "batch.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def nothing_stored(store: Store, data_dir: Path) -> bool:
    return store.counts_by_state() == {state: 0 for state in store.counts_by_state()} and not any(
        (data_dir / "attachments").iterdir()
    )


def refused(report: ImportReport, key: str, *, alone: bool = True) -> str:
    """The problem of a refused batch with the first dossier's scan (`alone`: the only one), in Vietnamese."""
    assert not report.ok and report.queued == []
    found = [(p.position, p.field, p.key) for p in report.problems]
    assert (found if alone else found[:1]) == [(1, "attachments[0].path", key)]
    return report.render("vi")


def test_a_path_climbing_out_of_the_folder_is_refused(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    report = import_file(write_batch(batch, "../outside.jpg"), store, catalog, actor="t")
    text = refused(report, "import.attachment_outside")
    assert "Hồ sơ thứ 1, mục attachments[0].path: Đường dẫn ../outside.jpg ra ngoài thư mục" in text
    assert "--attachments-dir" in text
    assert nothing_stored(store, data_dir)
    # Climbing out and back in stays inside: accepted.
    assert import_file(write_batch(batch, "attachments/../" + SCAN), store, catalog, actor="t").ok


def test_an_absolute_path_is_refused_even_to_a_good_file(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    for path in (str(batch / SCAN), "/etc/shadow"):
        report = import_file(write_batch(batch, path), store, catalog, actor="t")
        assert f"Đường dẫn {path} là đường dẫn tuyệt đối" in refused(report, "import.attachment_absolute")
    assert nothing_stored(store, data_dir)


def test_a_symlink_leading_out_is_refused_and_one_inside_is_followed(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path, tmp_path: Path
) -> None:
    (batch / "attachments" / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    (batch / "elsewhere").symlink_to(tmp_path, target_is_directory=True)  # a folder link on the way
    for path in ("attachments/link.jpg", "elsewhere/outside.jpg"):
        report = import_file(write_batch(batch, path), store, catalog, actor="t")
        text = refused(report, "import.attachment_link_outside")
        assert f"{path} là liên kết (symlink) trỏ ra ngoài thư mục {batch}" in text
    assert nothing_stored(store, data_dir)

    (batch / "inside.jpg").symlink_to(batch / SCAN)
    assert import_file(write_batch(batch, "inside.jpg"), store, catalog, actor="t").ok


@pytest.mark.timeout(30)  # the old importer blocked for ever opening a FIFO
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    os.mkfifo(batch / "attachments" / "scan.jpg")
    report = import_file(write_batch(batch, "attachments/scan.jpg"), store, catalog, actor="t")
    assert "là một ống dẫn (FIFO)" in refused(report, "import.attachment_fifo")
    assert nothing_stored(store, data_dir)


def test_a_device_is_refused_before_it_is_read(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    path = write_batch(batch, "zero")  # /dev/zero, through a documents folder named /dev
    report = import_file(path, store, catalog, actor="t", attachments_dir=Path("/dev"))
    # (the other dossiers' scans are not in /dev: each is reported missing from it)
    assert "zero là một thiết bị, không phải tệp" in refused(report, "import.attachment_device", alone=False)
    report = import_file(write_batch(batch, "attachments"), store, catalog, actor="t")
    assert "attachments là một thư mục" in refused(report, "import.attachment_directory")
    assert nothing_stored(store, data_dir)


def test_an_over_limit_file_is_refused_from_its_size_without_reading_it(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    big = batch / "attachments" / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: no disk used, every byte would be read
    path = write_batch(batch, "attachments/big.pdf")
    import_file(path, store, catalog, actor="t")  # once first: what checking imports lazily is not counted
    tracemalloc.start()
    try:
        report = import_file(path, store, catalog, actor="t")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    text = refused(report, "import.attachment_too_large")
    assert "Tệp attachments/big.pdf nặng 20 MB, quá giới hạn 20 MB cho một giấy tờ" in text
    assert peak < 4 * 1024 * 1024, peak  # the 20 MB were never read into memory
    assert nothing_stored(store, data_dir)


def test_a_bad_document_names_its_file(batch: Path, store: Store, catalog: Catalog) -> None:
    (batch / "attachments" / "notes.jpg").write_bytes(b"not a picture at all")
    report = import_file(write_batch(batch, "attachments/notes.jpg"), store, catalog, actor="t")
    text = refused(report, "documents.unknown_type")
    assert "Hồ sơ thứ 1, mục attachments[0].path, tệp attachments/notes.jpg: Tệp này không phải PDF" in text


def test_attachments_from_a_folder_given_with_attachments_dir(
    batch: Path, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    scans = tmp_path / "scans"
    (batch / "attachments").rename(scans)
    import_path = batch / "import-example.json"
    document = json.loads(import_path.read_text(encoding="utf-8"))
    for dossier in document["dossiers"]:
        for attachment in dossier["attachments"]:
            attachment["path"] = attachment["path"].removeprefix("attachments/")
    import_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    report = import_file(import_path, store, catalog, actor="t", attachments_dir=scans)
    assert report.ok, report.render("en")
    assert len(report.queued) == 5
    with pytest.raises(KioskError) as raised:
        import_file(import_path, store, catalog, actor="t", attachments_dir=tmp_path / "nowhere")
    assert raised.value.key == "import.attachments_dir_missing"


class _ChangingStore:
    """The real store, with the scan replaced between the check and the sealing."""

    def __init__(self, store: Store, change: Callable[[], None]) -> None:
        self._store, self._change = store, change

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def import_dossiers(self, *args: Any, **kwargs: Any) -> list[str]:
        self._change()
        return self._store.import_dossiers(*args, **kwargs)


def test_a_scan_changed_after_its_check_stops_the_whole_import(
    batch: Path, store: Store, catalog: Catalog, data_dir: Path
) -> None:
    path = write_batch(batch, SCAN)
    other = (batch / "attachments" / "ban-chinh.pdf").read_bytes()
    changing = _ChangingStore(store, lambda: (batch / SCAN).write_bytes(other))
    with pytest.raises(KioskError) as raised:
        import_file(path, cast(Store, changing), catalog, actor="t")
    assert raised.value.key == "import.changed_while_storing"
    assert "Hồ sơ thứ 1: tệp attachments/giay-chung-sinh.jpg đã thay đổi" in raised.value.message("vi")
    assert nothing_stored(store, data_dir)


@pytest.mark.timeout(30)
def test_the_import_file_itself_must_be_a_regular_file(
    batch: Path, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "batch.json")
    for path in (tmp_path / "batch.json", Path("/dev/zero"), batch):
        with pytest.raises(KioskError) as raised:
            import_file(path, store, catalog, actor="t")
        assert raised.value.key == "import.file_not_regular"
        assert f"{path} không phải một tệp thông thường" in raised.value.message("vi")
    deep = tmp_path / "deep.json"
    deep.write_text('{"dossiers": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(KioskError) as raised:
        import_file(deep, store, catalog, actor="t")
    assert raised.value.key == "import.not_json"


def test_a_normal_batch_is_still_imported_whole(batch: Path, store: Store, catalog: Catalog) -> None:
    report = import_file(batch / "import-example.json", store, catalog, actor="t")
    assert report.ok, report.render("en")
    assert len(report.queued) == 5
    scans = [store.read_attachment(a.id) for ref in report.queued for a in store.get_dossier(ref).attachments]
    assert (batch / SCAN).read_bytes() in scans
