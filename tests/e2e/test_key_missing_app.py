"""The app of a used terminal whose data key is missing: the window says so and stays up, under the
supervisor no restart loop; once the operator has put the key back, the app starts again whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.config import Config, save_config
from kiosk.crypto import Sealer, write_key_file
from kiosk.store import Assisted, Store
from tests.e2e.keyboard_driver import wait_for

KEY = bytes(range(32))


def test_the_app_without_its_key_shows_the_pause_and_starts_whole_once_the_key_is_back(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    with Store.open(data, Sealer(KEY)) as store:  # a used terminal: sealed data in kiosk.db
        store.create_draft("2.000815", "2026.11.1", Assisted("post_office"))
    save_config(Config(mode="self_service"), data)
    key_file = tmp_path / "kiosk.key"  # lost (a disk swap, a profile reset): not there
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")},
        "KIOSK_DATA_DIR": str(data),
        "KIOSK_KEY_FILE": str(key_file),
        "KIOSK_SPEECH_ENGINE": "none",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONUNBUFFERED": "1",
    }
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "supervise"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    app_log = data / "kiosk.log"

    def logged(text: str) -> int | None:
        """How often `text` is in the app's log; None while it is not."""
        count = app_log.read_text(encoding="utf-8").count(text) if app_log.exists() else 0
        return count or None

    try:
        wait_for(lambda: logged("the kiosk is paused: key.missing_with_data"), 60, "the pause screen")
        assert supervisor.poll() is None
        write_key_file(key_file, KEY)  # the operator: `kiosk key import` (or the old file put back)
        wait_for(lambda: logged("the kiosk's problem is fixed (key.missing_with_data)"), 60, "the key seen")
        # Started again by the supervisor, this time with its store: the day's backup is made at open.
        wait_for(lambda: logged("daily backup written"), 60, "the whole app's store")
        assert supervisor.poll() is None
    finally:
        supervisor.send_signal(signal.SIGTERM)
        out, err = supervisor.communicate(timeout=60)
    restarts = (data / "supervisor.log").read_text(encoding="utf-8")
    print(out, err, restarts, sep="\n")
    # Started again once, after the key came back, and said as that: no restart loop, no "bất thường".
    assert (
        restarts.count("Ứng dụng đóng để mở lại (khóa dữ liệu đã có lại trên máy); mở lại sau 2 giây.") == 1
    )
    assert "bất thường" not in restarts, restarts
    assert logged("the kiosk is paused") == 1
    assert "kiosk key import" in err  # the refusal also on stderr, for whoever started it by hand
