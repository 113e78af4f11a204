"""`kiosk import` as an operator runs it, on files that used to hang it or take all its memory.

Each run has a timeout (a FIFO used to block for ever) and an address-space limit (a 2 GB file or
/dev/zero used to be read whole), so the old behaviour fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.assets import samples_dir

MEMORY_LIMIT = 1 << 30  # the importer needs a fraction of this; reading 2 GB whole needs more


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # a FIFO opened the old way never returns
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_KEY_FILE": str(tmp_path / "kiosk.key"),
    }


def queued(env: dict[str, str]) -> int:
    done = kiosk("status", "--json", env=env)
    assert done.returncode == 0, done.stderr
    counts: dict[str, int] = json.loads(done.stdout)["counts"]
    return sum(counts.values())


def test_hostile_attachments_are_refused_at_once_and_nothing_is_stored(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(samples_dir(), folder)
    os.mkfifo(folder / "attachments" / "fifo.jpg")
    with (folder / "attachments" / "big.pdf").open("wb") as handle:
        handle.truncate(2 << 30)  # sparse
    document = json.loads((folder / "import-example.json").read_text(encoding="utf-8"))
    hostile = ["attachments/fifo.jpg", "/dev/zero", "attachments/big.pdf", "../../../../../../etc/passwd"]
    for dossier, path in zip(document["dossiers"], hostile, strict=False):
        dossier["attachments"][0]["path"] = path
    batch = folder / "batch.json"
    batch.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    done = kiosk("import", str(batch), env=env)
    assert done.returncode == 1, done.stderr
    report = done.stderr
    assert "Traceback" not in report and "MemoryError" not in report
    assert "Không nhập hồ sơ nào: có 4 lỗi trong 5 hồ sơ" in report
    assert "Hồ sơ thứ 1, mục attachments[0].path: attachments/fifo.jpg là một ống dẫn (FIFO)" in report
    assert "Hồ sơ thứ 2, mục attachments[0].path: Đường dẫn /dev/zero là đường dẫn tuyệt đối" in report
    assert "Hồ sơ thứ 3, mục attachments[0].path: Tệp attachments/big.pdf nặng 2048 MB" in report
    assert "Hồ sơ thứ 4, mục attachments[0].path: Đường dẫn ../../../../../../etc/passwd ra ngoài" in report
    assert queued(env) == 0
    assert not any((tmp_path / "data" / "attachments").iterdir())

    for bad in (folder / "attachments" / "fifo.jpg", Path("/dev/zero")):
        done = kiosk("import", str(bad), env=env)
        assert done.returncode == 1
        assert f"{bad} không phải một tệp thông thường" in done.stderr, done.stderr

    # The sample itself, its scans moved to a folder given with --attachments-dir.
    scans = tmp_path / "scans"
    (folder / "attachments").rename(scans)
    document = json.loads((folder / "import-example.json").read_text(encoding="utf-8"))
    for dossier in document["dossiers"]:
        for attachment in dossier["attachments"]:
            attachment["path"] = Path(attachment["path"]).name
    batch.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (scans / "fifo.jpg").unlink()
    done = kiosk("import", str(batch), "--attachments-dir", str(scans), env=env)
    assert done.returncode == 0, done.stderr
    assert "Đã đưa 5 hồ sơ vào hàng đợi gửi." in done.stdout
    assert queued(env) == 5
