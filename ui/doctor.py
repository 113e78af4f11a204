"""`kiosk doctor`: check this terminal and say, for each problem, how to fix it."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import data_dir, load_config
from kiosk.crypto import key_fingerprint, load_data_key
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t

LOW_DISK_MB = 500  # `kiosk doctor` warns below this much free space on the data dir's disk


@dataclass(frozen=True)
class Check:
    ok: bool
    text: str
    hint: str = ""


def check_qt(lang: Lang) -> list[Check]:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ui.qtcheck"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [Check(False, t("doctor.qt.fail", lang, reason="timeout"), t("doctor.qt.hint", lang))]
    lines = done.stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return [Check(False, t("doctor.qt.fail", lang, reason=reason), t("doctor.qt.hint", lang))]
    checks = [Check(True, t("doctor.qt", lang, version=report["qt"], platform=report["platform"]))]
    if report.get("font_error") or report.get("missing"):
        font_problem = str(report.get("font_error") or "".join(report["missing"]))
        checks.append(
            Check(False, t("doctor.font.fail", lang, reason=font_problem), t("doctor.font.hint", lang))
        )
    else:
        checks.append(Check(True, t("doctor.font", lang, family=report["family"])))
    from ui.lockdown_check import screen_checks  # the screen's size, keeping it awake

    checks.extend(screen_checks(lang, report))
    return checks


def check_data(lang: Lang) -> list[Check]:
    directory = data_dir()
    checks: list[Check] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".doctor-"):
            pass
        free_mb = shutil.disk_usage(directory).free // (1 << 20)
        checks.append(Check(True, t("doctor.data_dir", lang, path=str(directory), free_mb=free_mb)))
    except OSError as exc:
        hint = t("doctor.data_dir.hint", lang)
        return [Check(False, t("doctor.data_dir.fail", lang, path=str(directory), reason=exc.strerror), hint)]
    checks.append(check_disk(lang, free_mb))
    try:
        config = load_config(directory)
        key = load_data_key(config.key_path, allow_create=False)
    except KioskError as error:
        return [*checks, Check(False, error.message(lang), "")]
    source = (
        t("doctor.key.file", lang, path=str(config.key_path))
        if config.key_path
        else t("doctor.key.keyring", lang)
    )
    checks.append(Check(True, t("doctor.key", lang, source=source, fingerprint=key_fingerprint(key))))
    checks.extend(check_store(lang, directory, key))
    return checks


def check_disk(lang: Lang, free_mb: int) -> Check:
    """Free space on the data dir's disk against LOW_DISK_MB (docs/OPERATING.md)."""
    if free_mb >= LOW_DISK_MB:
        return Check(True, t("database.doctor.disk", lang, free_mb=free_mb, min_mb=LOW_DISK_MB))
    return Check(
        False,
        t("database.doctor.disk_low", lang, free_mb=free_mb, min_mb=LOW_DISK_MB),
        t("database.doctor.disk_hint", lang),
    )


def check_backups(lang: Lang, directory: Path, dossiers: int) -> Check:
    """The newest automatic backup (kiosk.store.backup); none is a problem once there is something to lose."""
    from kiosk.store.backup import backups_dir, daily_backups

    found = daily_backups(directory)
    where = str(backups_dir(directory))
    if not found and not dossiers:
        return Check(True, t("database.doctor.no_backup", lang, path=where))
    if not found:
        return Check(
            False, t("database.doctor.no_backup", lang, path=where), t("database.doctor.no_backup_hint", lang)
        )
    return Check(True, t("database.doctor.backup", lang, name=found[-1].name, count=len(found), path=where))


def check_store(lang: Lang, directory: os.PathLike[str], key: bytes) -> list[Check]:
    from kiosk.crypto import Sealer
    from kiosk.store import DB_NAME, Store
    from kiosk.store.guard import as_problem

    path = Path(directory)
    try:
        store = Store.open(path, Sealer(key))  # runs PRAGMA quick_check, and the marker's checks
        try:
            health = store.check_health()
        finally:
            store.close()
    except Exception as exc:
        problem = exc if isinstance(exc, KioskError) else as_problem(exc, path / DB_NAME)
        if problem is None:
            raise
        return [
            Check(
                False,
                t("doctor.database.fail", lang, reason=problem.message(lang)),
                t("doctor.database.hint", lang),
            )
        ]
    checks: list[Check] = [
        Check(True, t("database.doctor.quick_check", lang)),
        check_backups(lang, path, health.dossiers),
    ]
    if health.problems:
        reason = "; ".join(health.problems)
        checks.append(
            Check(False, t("doctor.database.fail", lang, reason=reason), t("doctor.database.hint", lang))
        )
    else:
        checks.append(
            Check(
                True,
                t(
                    "doctor.database",
                    lang,
                    schema=health.schema_version,
                    dossiers=health.dossiers,
                    audit=health.audit_entries,
                ),
            )
        )
    if health.unreadable:
        refs = ", ".join(health.unreadable[:5])
        checks.append(
            Check(
                False,
                t("doctor.sealed.fail", lang, count=len(health.unreadable), refs=refs),
                t("doctor.sealed.hint", lang),
            )
        )
    else:
        checks.append(
            Check(True, t("doctor.sealed", lang, values=health.sealed_values, files=health.attachment_files))
        )
    return checks


def check_portal(lang: Lang) -> list[Check]:
    """Reachability, the terminal account, and the clock against the portal's."""
    from sync.client import AuthError, NotBefore, Unreachable
    from sync.send import VN
    from ui.services import open_services

    try:
        services = open_services(allow_create_key=False)
    except KioskError:
        return []  # the key check above already says what to fix
    try:
        client = services.portal_client()
    except KioskError as error:
        services.close()
        return [Check(False, error.message(lang), "")]
    url = services.config.portal_url
    try:
        health = client.health_info()
        if health is None:
            return [
                Check(
                    False,
                    t("doctor.portal.unreachable", lang, url=url),
                    t("doctor.portal.unreachable_hint", lang),
                )
            ]
        try:
            reply = client.procedures(since=services.catalog.version)
        except AuthError as error:
            return [Check(False, error.message(lang), t("doctor.portal.auth_hint", lang))]
        except Unreachable:  # the answer was lost, or broke the contract (ProtocolProblem, logged)
            reply = None
        if isinstance(reply, NotBefore):
            # The portal asked every process of this terminal to wait (kept in the store, at most an hour).
            when = reply.when.astimezone(VN).strftime("%H:%M:%S")
            return [Check(True, t("doctor.portal.paused", lang, url=url, time=when))]
        if reply is None or reply.status >= 400:
            return [
                Check(
                    False,
                    t("doctor.portal.unreachable", lang, url=url),
                    t("doctor.portal.unreachable_hint", lang),
                )
            ]
        checks = [Check(True, t("doctor.portal", lang, url=url, client_id=services.config.client_id))]
        skew = health.skew_seconds
        if skew is not None:
            ok = abs(skew) <= 120
            checks.append(
                Check(
                    ok,
                    t("doctor.portal.skew", lang, seconds=round(skew)),
                    "" if ok else t("doctor.portal.skew_hint", lang),
                )
            )
        return checks
    finally:
        client.close()
        services.close()


def check_lockdown(lang: Lang) -> list[Check]:
    """The mode, and start at boot with restarts (ui/lockdown_check.py)."""
    from ui.lockdown_check import check_lockdown as lockdown

    return lockdown(lang)


def check_speech(lang: Lang) -> list[Check]:
    """Read aloud: the engine, a Vietnamese (and an English) voice, a sound card (ui/speech_worker.py)."""
    from ui.speech_worker import doctor_checks

    return [Check(ok, text, hint) for ok, text, hint in doctor_checks(lang)]


SECTIONS: tuple[Callable[[Lang], list[Check]], ...] = (
    check_qt,
    check_data,
    check_lockdown,
    check_speech,
    check_portal,
)


def run_doctor(lang: Lang, sections: tuple[Callable[[Lang], list[Check]], ...] = SECTIONS) -> int:
    print(t("doctor.python", lang, version=platform.python_version()))
    failed = 0
    for section in sections:
        for check in section(lang):
            mark = t("doctor.ok" if check.ok else "doctor.fail", lang)
            print(f"[{mark}] {check.text}")
            if not check.ok:
                failed += 1
                if check.hint:
                    print("       " + t("doctor.fix", lang, hint=check.hint))
    print(t("doctor.summary_ok", lang) if not failed else t("doctor.summary_fail", lang, count=failed))
    return 0 if not failed else 1
