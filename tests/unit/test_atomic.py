"""kiosk.atomic: a directory that cannot be flushed is not an error; a disk that fails is."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kiosk.atomic import fsync_dir, replacing


def _failing_fsync(code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        if Path(f"/proc/self/fd/{fd}").readlink().is_dir():
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_file_system_that_cannot_flush_directories_still_gets_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_fsync(errno.EINVAL, monkeypatch)  # what FAT on some kernels answers
    with replacing(tmp_path / "report.csv") as tmp:
        tmp.write_text("a,b\n", encoding="utf-8")
    assert (tmp_path / "report.csv").read_text(encoding="utf-8") == "a,b\n"
    fsync_dir(tmp_path)


def test_a_failing_disk_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _failing_fsync(errno.EIO, monkeypatch)
    with pytest.raises(OSError) as raised:
        fsync_dir(tmp_path)
    assert raised.value.errno == errno.EIO
