"""The kiosk log masks what must never reach disk, even when code slips."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.logs import configure_logging, redact


def test_redact_masks_ids_phones_and_credentials() -> None:
    line = redact(
        "ref=abc id 001196012345 phone +84 912 345 678 and 0912.345.678 token=eyJhbGciOi secret: s3"
    )
    assert "001196012345" not in line
    assert "912 345 678" not in line and "0912.345.678" not in line
    assert "eyJhbGciOi" not in line and "s3" not in line.split("secret:")[1]
    assert "ref=abc" in line


def test_redact_leaves_references_and_codes() -> None:
    line = (
        "dossier.queued ref=4d5505b1-ac67-457d-85b7-91c75240f33a procedure=1.001193 status=5"
        " code=G22.99-261122-0001"
    )
    assert redact(line) == line


@pytest.mark.parametrize(
    "ref",
    [
        "5f0c2a1e-0912-3456-78ab-abcdefabcdef",  # "0912-3456-78" reads as a phone number
        "5f0c2a1e-ab12-4cde-8f90-091234567890",  # a last group of 12 digits reads as an ID number
        "00000000-0000-4000-8000-000000000000",
    ],
)
def test_redact_leaves_client_refs_whole_whatever_their_digits(ref: str) -> None:
    line = f"import queued ref={ref} procedure=1.001193"
    assert redact(line) == line
    assert redact(f"{line} phone 0912345678") == f"{line} phone [phone]"  # still masked beside a ref


def test_log_file_gets_references_not_people(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    try:
        logging.getLogger("kiosk.test").info("saved ref=%s for %s", "r-1", "001196012345")
    finally:
        for name in ("kiosk", "sync", "ui"):
            for handler in list(logging.getLogger(name).handlers):
                logging.getLogger(name).removeHandler(handler)
                handler.close()
    text = path.read_text(encoding="utf-8")
    assert "saved ref=r-1 for [id]" in text
    assert "001196012345" not in text


def _close_kiosk_handlers() -> None:
    for name in ("kiosk", "sync", "ui"):
        for handler in list(logging.getLogger(name).handlers):
            logging.getLogger(name).removeHandler(handler)
            handler.close()


def test_the_log_rotates_at_one_mebibyte_keeping_five(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    try:
        line = "x" * 1000
        for i in range(8 * 1100):  # about 8.8 MB of records: more than the file and its five backups
            logging.getLogger("kiosk.test").info("record %d %s", i, line)
    finally:
        _close_kiosk_handlers()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", *(f"kiosk.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= (1 << 20) for p in tmp_path.iterdir())
    assert "record 8799 " in path.read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_stops_the_start(tmp_path: Path) -> None:
    (tmp_path / "kiosk.log").mkdir()  # not a file: nothing could ever be logged there
    with pytest.raises(OSError):
        configure_logging(tmp_path)


def test_setting_up_the_log_leaves_the_rotation_code_for_the_first_record(tmp_path: Path) -> None:
    # The first frame comes before anything is logged; logging.handlers loads with the first record.
    code = (
        "import sys, logging; from pathlib import Path; from kiosk.logs import configure_logging;"
        f"configure_logging(Path({str(tmp_path)!r}));"
        "assert 'logging.handlers' not in sys.modules, 'loaded at set-up';"
        "logging.getLogger('kiosk.x').warning('first');"
        "assert 'logging.handlers' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
    assert "first" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")


def test_a_log_file_that_goes_away_never_breaks_the_code_that_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = configure_logging(tmp_path)
    path.unlink()
    path.mkdir()  # the file cannot be made on the first record now
    try:
        logging.getLogger("kiosk.test").warning("the portal did not answer")  # must not raise
    finally:
        _close_kiosk_handlers()
    assert "IsADirectoryError" in capsys.readouterr().err  # reported the way logging reports its own failures
