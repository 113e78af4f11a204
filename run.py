#!/usr/bin/env python3
"""One-command set-up and tasks for DVC Kiosk, using only the standard library.

    python3 run.py demo         set everything up, then open the app in training mode
    python3 run.py test         set everything up, then run the checks and the whole test suite headless
    python3 run.py soak         long reliability runs (full-scale fault soak, crash loop)
    python3 run.py screenshots  write a PNG of every screen to docs/screenshots/
    python3 run.py bench        run the benchmarks in bench/ and print their figures
    python3 run.py kiosk ARGS   run the `kiosk` command inside the environment

On Windows use `py run.py demo`. On Debian/Ubuntu, missing system packages (python3-venv, Qt's
libraries, Xvfb for the window tests) are installed with apt-get when running as root; otherwise the
exact command to run is printed. Python packages come from requirements.lock, checked by hash.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCKS = (ROOT / "requirements-build.lock", ROOT / "requirements.lock")
STAMP = VENV / ".dvc-kiosk-installed"
WINDOWS = platform.system() == "Windows"

# Debian 12 / Ubuntu 22.04+ package names. Qt's xcb platform and offscreen rendering need these;
# xvfb/xauth let the tests and the demo open a real window on a machine with no screen.
APT_PACKAGES = (
    "python3-venv",
    "libegl1",
    "libgl1",
    "libopengl0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxrender1",
    "libsm6",
    "libice6",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxcb-xfixes0",
    "libcups2",
    "libgssapi-krb5-2",
    # QtMultimedia (webcam capture) will not load without libpulse0, and warns without pipewire and VA.
    "libpulse0",
    "libpipewire-0.3-0",
    "libva2",
    "libva-drm2",
    "libva-x11-2",
    "xvfb",
    "xauth",
    "xdotool",
    # The touch-only tests read the window's accessibility tree through AT-SPI (tests/e2e/accessibility.py):
    # a session bus, the accessibility bus and registry, and Debian's PyGObject for the system python3.
    "dbus-daemon",
    "dbus-bin",
    "at-spi2-core",
    "python3-gi",
    "gir1.2-atspi-2.0",
    # systemd-analyze checks deploy/linux's unit (tests/e2e/test_deploy.py); a base Debian 12 lacks it.
    "systemd",
    # Read aloud ("Đọc to", ui/speech.py): Qt's speechd engine needs libspeechd2, and speech-dispatcher
    # with espeak-ng's Vietnamese voice; tests/ui/test_speech.py synthesises a question with espeak-ng.
    "libspeechd2",
    "speech-dispatcher",
    "speech-dispatcher-espeak-ng",
    "espeak-ng",
)


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def venv_bin(name: str) -> Path:
    return VENV / ("Scripts" if WINDOWS else "bin") / (name + (".exe" if WINDOWS else ""))


def check_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 -- run.py must explain itself on an old Python
        sys.exit(f"DVC Kiosk needs Python 3.11 or newer; this is {platform.python_version()}.")


def missing_apt_packages() -> list[str]:
    if WINDOWS or platform.system() != "Linux" or shutil.which("dpkg-query") is None:
        return []
    missing = []
    for package in APT_PACKAGES:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    # python3-venv may be satisfied by a Python that ships ensurepip itself (pyenv, python.org builds).
    if "python3-venv" in missing and _has_ensurepip():
        missing.remove("python3-venv")
    return missing


def _has_ensurepip() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import ensurepip, venv"], capture_output=True, check=False)
    return probe.returncode == 0


def ensure_system_packages() -> None:
    missing = missing_apt_packages()
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing system packages: " + " ".join(missing))
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update"], command):
            result = subprocess.run(step, env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                output = result.stdout[-3000:] + result.stderr[-3000:]
                sys.exit(f"[run.py] `{' '.join(step)}` failed:\n{output}")
        return
    sys.exit(
        "[run.py] Some system packages are missing. Install them, then run this command again:\n\n"
        "    sudo apt-get update && sudo " + " ".join(command) + "\n"
    )


def lock_digest() -> str:
    digest = hashlib.sha256()
    for path in (*LOCKS, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    if not venv_python().exists():
        say(f"creating the virtual environment in {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = lock_digest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("installing Python packages from the hashed lock files (a few minutes the first time)")
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    # An older editable install would make pip warn about "incompatible" pins while the locks change.
    subprocess.run(
        [str(venv_python()), "-m", "pip", "uninstall", "--yes", "--quiet", "dvc-kiosk"],
        capture_output=True,
        check=False,
    )
    for lock in LOCKS:
        subprocess.run([*pip, "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "--editable", str(ROOT)], check=True)
    STAMP.write_text(wanted + "\n")


def setup() -> None:
    check_python()
    ensure_system_packages()
    ensure_venv()


def run(args: list[str], *, env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env, check=False).returncode


def headless_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def task_test(extra: list[str]) -> int:
    checks = [
        ("ruff", [str(venv_bin("ruff")), "check", "."]),
        ("mypy", [str(venv_bin("mypy"))]),
        ("import-linter", [str(venv_bin("lint-imports"))]),
    ]
    for name, command in checks:
        say(f"{name} …")
        if run(command) != 0:
            say(f"{name} failed")
            return 1
    say("pytest …")
    return run([str(venv_python()), "-m", "pytest", *extra], env=headless_env())


def task_demo(extra: list[str]) -> int:
    if platform.system() == "Linux" and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        if shutil.which("xvfb-run") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            say("no screen found; starting the demo on a virtual screen (xvfb-run)")
            return run(["xvfb-run", "-a", str(venv_bin("kiosk")), "demo", *extra])
        say("no screen found (DISPLAY is not set); the window will not be visible")
    return run([str(venv_bin("kiosk")), "demo", *extra])


def task_script(script: str, extra: list[str]) -> int:
    return run([str(venv_python()), str(ROOT / script), *extra], env=headless_env())


def task_bench(extra: list[str]) -> int:
    status = 0
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        say(f"benchmark {script.name}")
        status |= run([str(venv_python()), str(script), *extra], env=headless_env())
    return status


TASKS = {
    "test": task_test,
    "demo": task_demo,
    "soak": lambda extra: task_script("tests/reliability/soak.py", extra),
    "screenshots": lambda extra: task_script("ui/screenshots.py", extra),
    "bench": task_bench,
    "kiosk": lambda extra: run([str(venv_bin("kiosk")), *extra]),
    "setup": lambda extra: 0,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__)
        return 2
    setup()
    return TASKS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
