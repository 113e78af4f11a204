"""What starts a self-service terminal at boot and brings the app back after a crash: the systemd user unit
(checked by `systemd-analyze verify`) and the Windows Task Scheduler task (well-formed, restart settings)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ui.supervisor import RESTART_DELAY_S

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "deploy" / "linux"
TASK = ROOT / "deploy" / "windows" / "dvc-kiosk-task.xml"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
INSTALLED_KIOSK = "/opt/dvc-kiosk/.venv/bin/kiosk"  # where the unit expects `python3 run.py`'s venv


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(LINUX / name, encoding="utf-8")
    return parser


def verify(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    runtime = tmp_path / "runtime"  # a user manager needs a runtime dir; the test's own, private one
    runtime.mkdir(mode=0o700, exist_ok=True)
    return subprocess.run(
        ["systemd-analyze", "--user", "verify", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="needs systemd-analyze (run.py installs systemd)"
)
@pytest.mark.skipif(sys.platform != "linux", reason="systemd units are for Linux terminals")
@pytest.mark.parametrize("name", ["dvc-kiosk.service", "dvc-kiosk-session.target"])
def test_systemd_analyze_finds_nothing_wrong_with_the_units(name: str, tmp_path: Path) -> None:
    # ExecStart must name an executable that exists: this checkout's `kiosk` stands in for /opt's.
    kiosk = Path(sys.executable).with_name("kiosk")
    assert kiosk.exists(), "the venv's kiosk command (pip install of this project)"
    text = (LINUX / name).read_text(encoding="utf-8")
    copy = tmp_path / name
    copy.write_text(text.replace(INSTALLED_KIOSK, str(kiosk)), encoding="utf-8")
    done = verify(copy, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr  # unknown keys and bad values are only warned about


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="needs systemd-analyze (run.py installs systemd)"
)
@pytest.mark.skipif(sys.platform != "linux", reason="systemd units are for Linux terminals")
def test_systemd_analyze_would_catch_a_mistake(tmp_path: Path) -> None:
    """The check above can fail: a misspelt key is reported."""
    broken = tmp_path / "dvc-kiosk.service"
    text = (LINUX / "dvc-kiosk.service").read_text(encoding="utf-8")
    broken.write_text(text.replace("RestartSec=", "RestartSecs="), encoding="utf-8")
    assert "RestartSecs" in verify(broken, tmp_path).stderr


def test_the_unit_starts_kiosk_in_the_graphical_session_and_restarts_it_within_5_s() -> None:
    service = unit("dvc-kiosk.service")
    assert service["Service"]["ExecStart"] == INSTALLED_KIOSK
    assert service["Service"]["Restart"] == "always"
    assert float(service["Service"]["RestartSec"]) < 5
    # The operator's close (exit 0) is the one end that is not restarted; the limit never stops it.
    assert service["Service"]["RestartPreventExitStatus"] == "0"
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Install"]["WantedBy"] == "graphical-session.target"
    assert service["Unit"]["PartOf"] == "graphical-session.target"
    session = unit("dvc-kiosk-session.target")
    assert session["Unit"]["BindsTo"] == "graphical-session.target"
    xsession = (LINUX / "xsession").read_text(encoding="utf-8")
    assert "import-environment DISPLAY XAUTHORITY" in xsession
    assert "start dvc-kiosk-session.target" in xsession


def test_the_windows_task_starts_the_supervisor_at_logon_and_restarts_it() -> None:
    task = ElementTree.parse(TASK).getroot()  # well-formed, or this raises
    assert task.tag == f"{{{NS['t']}}}Task"
    assert task.find("t:Triggers/t:LogonTrigger/t:Enabled", NS).text == "true"  # type: ignore[union-attr]
    principal = task.find("t:Principals/t:Principal", NS)
    assert principal is not None
    assert principal.findtext("t:LogonType", namespaces=NS) == "InteractiveToken"  # the user's desktop
    action = task.find("t:Actions/t:Exec", NS)
    assert action is not None
    assert action.findtext("t:Command", namespaces=NS).endswith("pythonw.exe")  # type: ignore[union-attr]
    assert action.findtext("t:Arguments", namespaces=NS) == "-m ui.cli supervise"
    settings = task.find("t:Settings", NS)
    assert settings is not None
    assert (
        settings.findtext("t:ExecutionTimeLimit", namespaces=NS) == "PT0S"
    )  # never stopped for running long
    assert settings.findtext("t:MultipleInstancesPolicy", namespaces=NS) == "IgnoreNew"
    assert settings.findtext("t:DisallowStartIfOnBatteries", namespaces=NS) == "false"
    # Task Scheduler's own restart cannot be quicker than a minute: it backs up the supervisor, which
    # brings the app back within RESTART_DELAY_S (tests/e2e/test_supervisor.py).
    assert settings.findtext("t:RestartOnFailure/t:Interval", namespaces=NS) == "PT1M"
    assert int(settings.findtext("t:RestartOnFailure/t:Count", namespaces=NS) or 0) >= 100
    assert RESTART_DELAY_S < 5
