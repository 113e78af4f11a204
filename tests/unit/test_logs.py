"""The kiosk log masks what must never reach disk, even when code slips."""

from __future__ import annotations

import logging
from pathlib import Path

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
