"""The `kiosk` command: help in Vietnamese (English with --lang en); Qt is loaded only to open a window."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import INSECURE_HTTP_ENV, SELF_SERVICE, save_config
from kiosk.errors import KioskError
from kiosk.i18n import Lang, as_lang, t

if TYPE_CHECKING:
    from kiosk.config import Mode
    from kiosk.store.backup import RestoreCheck
    from kiosk.store.guard import DatabaseProblem
    from ui.services import Services

Handler = Callable[[argparse.Namespace, Lang], int]
# Exit codes (README "The `kiosk` command"): 0 done, 1 configuration or sign-in (and other refusals),
# 2 some dossiers still wait (`kiosk sync`), 3 the app paused for its missing data key ends to start
# again now that the key is back, 4 the database is missing or damaged (kiosk.store.guard), 5 the
# storage is full (kiosk.diskspace), 75 `kiosk purge` refused for the clock.


def _pre_lang(argv: Sequence[str]) -> Lang:
    """The language asked for, read before the parser exists so the help itself is translated."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return as_lang(argv[index + 1])
        if arg.startswith("--lang="):
            return as_lang(arg.split("=", 1)[1])
    return "vi"


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    def _(key: str) -> str:
        return t(key, lang)

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, _("cli.usage") if prefix is None else prefix)

    def translate(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # argparse's own words ("usage", "options", "show this help") would otherwise stay English.
        parser.formatter_class = Formatter
        parser._optionals.title = _("cli.options")
        parser._positionals.title = _("cli.arguments")
        parser.add_argument("-h", "--help", action="help", help=_("cli.help"))
        return parser

    def command(group: Any, name: str, help_key: str) -> argparse.ArgumentParser:
        return translate(group.add_parser(name, help=_(help_key), description=_(help_key), add_help=False))

    parser = translate(
        argparse.ArgumentParser(prog="kiosk", description=_("cli.description"), add_help=False)
    )
    parser.add_argument("--lang", choices=["vi", "en"], default=lang, help=_("cli.lang"))
    parser.add_argument("--insecure-http", action="store_true", help=_("cli.insecure_http"))
    commands = parser.add_subparsers(dest="command", title=_("cli.commands"), metavar="")

    command(commands, "demo", "cli.demo")
    command(commands, "doctor", "cli.doctor")

    key = command(commands, "key", "cli.key")
    key_commands = key.add_subparsers(dest="key_command", required=True, metavar="")
    for name, help_key in (("export", "cli.key.export"), ("import", "cli.key.import")):
        sub = command(key_commands, name, help_key)
        sub.add_argument("file", metavar="FILE", type=Path, help=_("cli.key.file"))
        sub.add_argument("--passphrase-file", type=Path, help=_("cli.key.passphrase_file"))
        if name == "import":
            sub.add_argument("--force", action="store_true", help=_("cli.key.force"))

    catalog = command(commands, "catalog", "cli.catalog")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="")
    check = command(catalog_commands, "check", "cli.catalog.check")
    check.add_argument("directory", metavar="DIR", type=Path)

    importer = command(commands, "import", "cli.import")
    importer.add_argument("file", metavar="FILE", type=Path)
    importer.add_argument(
        "--attachments-dir", type=Path, default=None, metavar="DIR", help=_("cli.import.attachments_dir")
    )

    status = command(commands, "status", "cli.status")
    status.add_argument("--json", action="store_true", help=_("cli.status.json"))

    command(commands, "sync", "cli.sync").description = _("cli.sync.details")
    purge = command(commands, "purge", "cli.purge")
    purge.add_argument("--trust-clock", action="store_true", help=_("cli.purge.trust_clock"))
    backup = command(commands, "backup", "backup.help")
    backup.add_argument("file", metavar="FILE", type=Path, help=_("backup.file"))
    backup.add_argument("--no-attachments", action="store_true", help=_("backup.no_attachments"))
    restore = command(commands, "restore", "restore.help")
    restore.add_argument("file", metavar="FILE", type=Path, nargs="?", help=_("backup.file"))
    restore.add_argument("--accept-current", action="store_true", help=_("restore.accept_current"))
    restore.add_argument("--yes", action="store_true", help=_("restore.yes"))
    supervise = command(commands, "supervise", "lockdown.supervise.help")
    supervise.add_argument(
        "child", nargs=argparse.REMAINDER, metavar="-- COMMAND", help=_("lockdown.supervise.command")
    )

    sandbox = command(commands, "sandbox", "cli.sandbox")
    sandbox.add_argument("--host", default="127.0.0.1", help=_("cli.sandbox.host"))
    sandbox.add_argument("--port", type=int, default=8765, help=_("cli.sandbox.port"))
    sandbox.add_argument("--db", type=Path, default=None, help=_("cli.sandbox.db"))
    sandbox.add_argument("--faults", type=float, default=0.0, metavar="RATE", help=_("cli.sandbox.faults"))
    sandbox.add_argument("--seed", type=int, default=0, metavar="N", help=_("cli.sandbox.seed"))
    sandbox.add_argument("--latency-ms", type=int, default=0, metavar="MS", help=_("cli.sandbox.latency"))
    sandbox.add_argument("--retry-after", type=int, default=2, metavar="S", help=_("cli.sandbox.retry_after"))
    sandbox.add_argument(
        "--office-speed", type=float, default=1.0, metavar="X", help=_("cli.sandbox.office_speed")
    )

    track = command(commands, "track", "cli.track")
    track.add_argument("code", metavar="CODE", help=_("cli.track.code"))
    return parser


# ---------------------------------------------------------------- commands


def _open_window(services: Services) -> int:
    config = services.config
    # The home screen as the last start kept it paints first and the catalog loads after it; without
    # one (a first start) the catalog loads while Qt does, and the first frame waits for it.
    kept_home = services.kept_home(config.lang) if config.mode is not None else None
    if kept_home is None:
        services.preload_catalog()

    def remember(lang: Lang, text_scale: int, high_contrast: bool) -> None:
        if services.config.mode == SELF_SERVICE:
            return  # a citizen's choice lasts their session; the terminal's own stays (ui/session.py)
        # services.config, not `config`: the mode chosen on first run must not be written back to None.
        services.config = replace(
            services.config, lang=lang, text_scale=text_scale, high_contrast=high_contrast
        )
        if not services.training:
            save_config(services.config, services.data_dir)

    def remember_mode(mode: Mode) -> None:
        services.config = replace(services.config, mode=mode)
        if not services.training:  # the demo offers the choice on every start
            save_config(services.config, services.data_dir)

    return _run_app(
        sys.argv[:1],
        catalog_loader=lambda: services.catalog,
        lang=config.lang,
        text_scale=config.text_scale,
        high_contrast=config.high_contrast,
        training=services.training,
        on_display_change=remember,
        services=services,
        on_mode_change=remember_mode,
        on_ready=_after_first_frame,
        kept_home=kept_home,
    )


def _run_app(argv: list[str], **options: Any) -> int:
    """Qt from here on: what `_open_window` does before this runs before PySide is imported."""
    from ui.app import run_app

    return run_app(argv, **options)


def cmd_open(args: argparse.Namespace, lang: Lang) -> int:
    from ui.services import KEY_MISSING_WITH_DATA, open_services
    from ui.supervisor import START_AGAIN_EXIT_CODE

    try:
        services = open_services()
    except KioskError as error:
        if error.key not in KEY_MISSING_WITH_DATA:
            raise
        # A self-service terminal must not show nothing (and restart every 2 s under the supervisor):
        # the window says the kiosk is paused and how the operator fixes it, and stays up.
        print(t("cli.error", lang, message=error.message(lang)), file=sys.stderr)
        code = _open_paused(error)
        if code == START_AGAIN_EXIT_CODE:
            print(t("key.app_back", lang), file=sys.stderr)
        return code
    try:
        return _open_window(services)
    finally:
        services.close()


def _open_paused(error: KioskError) -> int:
    """The window with only "Ki-ốt tạm ngừng: thiếu khóa dữ liệu" and the fix (`kiosk key import`); it
    ends with ui.supervisor.START_AGAIN_EXIT_CODE once the key loads again (the supervisor or systemd
    starts the app again, whole), or 0 when the operator closes it (assisted modes: self-service
    refuses a close)."""
    from kiosk.config import data_dir, load_config
    from kiosk.logs import configure_logging
    from ui.services import data_key

    directory = data_dir()
    config = load_config(directory)
    configure_logging(directory)  # the refusal in kiosk.log too: under pythonw.exe nobody sees stderr

    def key_is_back() -> bool:
        try:
            data_key(directory, config, allow_create=False)
        except KioskError:
            return False
        return True

    from ui.app import Paused
    from ui.supervisor import START_AGAIN_EXIT_CODE

    paused = Paused(error, "key.app_title", config.mode, fixed=key_is_back, exit_code=START_AGAIN_EXIT_CODE)
    return _run_app(
        sys.argv[:1],
        catalog_loader=lambda: None,
        lang=config.lang,
        text_scale=config.text_scale,
        high_contrast=config.high_contrast,
        paused=paused,
        on_ready=_after_first_frame,
    )


def cmd_demo(args: argparse.Namespace, lang: Lang) -> int:
    from sync.sandbox.server import start_in_thread
    from ui.services import training_services

    # The demo syncs for real: a sandbox portal on loopback with a throwaway database.
    with (
        start_in_thread(host="127.0.0.1") as portal,
        training_services(portal.url, portal.demo_accounts()) as services,
    ):
        services.config = replace(services.config, mode=None)
        return _open_window(services)


def cmd_doctor(args: argparse.Namespace, lang: Lang) -> int:
    from ui.doctor import run_doctor

    return run_doctor(lang)


def _read_passphrase(args: argparse.Namespace, lang: Lang, *, confirm: bool) -> str:
    if args.passphrase_file is not None:
        passphrase = args.passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise KioskError("cli.passphrase.no_terminal")
        import getpass  # here, not at the top: `kiosk` itself never asks (termios behind it)

        passphrase = str(getpass.getpass(t("cli.passphrase.prompt", lang)))
        if confirm and getpass.getpass(t("cli.passphrase.repeat", lang)) != passphrase:
            raise KioskError("cli.passphrase.mismatch")
    if len(passphrase) < 12:
        raise KioskError("cli.passphrase.short")
    return str(passphrase)


def cmd_key(args: argparse.Namespace, lang: Lang) -> int:
    from kiosk.config import load_config
    from kiosk.crypto import (
        export_key,
        import_key,
        key_fingerprint,
        load_data_key,
        store_key_in_keyring,
        write_key_file,
    )

    config = load_config()
    path: Path = args.file
    if args.key_command == "export":
        if path.exists():
            raise KioskError("cli.file_exists", path=str(path))
        key = load_data_key(config.key_path, allow_create=False)
        passphrase = _read_passphrase(args, lang, confirm=True)
        path.write_bytes(export_key(key, passphrase))
        path.chmod(0o600)
        print(t("cli.key.exported", lang, path=str(path), fingerprint=key_fingerprint(key)))
        return 0
    if not path.exists():
        raise KioskError("cli.file_missing", path=str(path))
    key = import_key(path.read_bytes(), _read_passphrase(args, lang, confirm=False))
    try:
        current: bytes | None = load_data_key(config.key_path, allow_create=False)
    except KioskError:
        current = None
    if current == key:
        print(t("cli.key.same", lang))
        return 0
    if current is not None and not args.force:
        raise KioskError("cli.key.exists", fingerprint=key_fingerprint(current))
    if config.key_path is not None:
        write_key_file(config.key_path, key)
        target = t("doctor.key.file", lang, path=str(config.key_path))
    else:
        store_key_in_keyring(key)
        target = t("doctor.key.keyring", lang)
    print(t("cli.key.imported", lang, fingerprint=key_fingerprint(key), target=target))
    return 0


def cmd_catalog(args: argparse.Namespace, lang: Lang) -> int:
    from kiosk.catalog import load_catalog
    from kiosk.catalog_load import check_catalog_dir

    problems = check_catalog_dir(args.directory)
    if problems:
        print(t("cli.catalog.problems", lang, count=len(problems)), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    catalog = load_catalog(args.directory)
    print(
        t(
            "cli.catalog.ok",
            lang,
            procedures=len(catalog.procedures),
            bundles=len(catalog.bundles),
            version=catalog.version,
        )
    )
    return 0


def cmd_import(args: argparse.Namespace, lang: Lang) -> int:
    from kiosk.importer import import_file
    from ui.services import open_services

    services = open_services()
    try:
        report = import_file(
            args.file, services.store, services.catalog, actor="cli", attachments_dir=args.attachments_dir
        )
    finally:
        services.close()
    stream = sys.stdout if report.ok else sys.stderr
    print(report.render(lang), file=stream)
    return 0 if report.ok else 1


def cmd_status(args: argparse.Namespace, lang: Lang) -> int:
    from ui.services import open_services

    services = open_services()
    try:
        summaries = services.store.list_dossiers()
        counts = services.store.counts_by_state()
    finally:
        services.close()
    if args.json:
        document = {
            "counts": {state.value: count for state, count in counts.items()},
            "dossiers": [summary.as_public_dict() for summary in summaries],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(t("cli.status.header", lang, total=sum(counts.values())))
    for state, count in counts.items():
        print(f"  {t('state.' + state.value, lang)}: {count}")
    return 0


def cmd_sync(args: argparse.Namespace, lang: Lang) -> int:
    """Send until nothing is left or what is left waits past the short pauses this run waits out
    (ui/sync_run.py): exit 0 when nothing is left, 2 while some wait, 1 on configuration or sign-in
    errors, 5 when the storage is full, 130 after Ctrl+C (stopped cleanly)."""
    from kiosk.owner import owner_id
    from sync.until_sent import Stop
    from ui.services import open_services
    from ui.sync_run import ctrl_c_stops, run_sync

    stop = Stop()
    services = open_services()
    services.use_reserve = True  # what the portal accepts is recorded even on a full disk
    try:
        with ctrl_c_stops(stop, lang):
            return run_sync(services, lang, owner=owner_id("cli"), stop=stop)
    finally:
        services.close()


PURGE_REFUSED = 75  # the clock could not be trusted: nothing purged (EX_TEMPFAIL: run it again later)


def cmd_purge(args: argparse.Namespace, lang: Lang) -> int:
    """Retention now (the app also runs it daily): personal data of dossiers final for the set period.

    The clock is first checked against the portal's (and the measurement recorded); a purge the clock
    cannot vouch for is refused with exit PURGE_REFUSED (see kiosk/store/retention.py clock_refusal).
    """
    from datetime import UTC, datetime

    from kiosk.store.retention import RetentionRefused, purge_expired
    from ui.services import open_services

    services = open_services()
    try:
        _measure_clock(services, lang)
        days = services.config.retention_days
        try:
            result = purge_expired(services.store, datetime.now(UTC), days, trust_clock=args.trust_clock)
        except RetentionRefused as refusal:
            print(refusal.message(lang), file=sys.stderr)
            return PURGE_REFUSED
    finally:
        services.close()
    print(t("cli.purge.done", lang, count=len(result.purged), files=result.files_removed, days=days))
    if result.held:
        print(t("cli.purge.held", lang, count=len(result.held)))
    return 0


def _measure_clock(services: Services, lang: Lang) -> None:
    """The clock against the portal's, recorded in the store; nothing when no portal is set up or answers
    (retention then decides from an earlier measurement, or refuses)."""
    from sync.clock import measure_clock, system_clock

    if not services.config.portal_url:
        return
    try:
        client = services.health_client()  # /health needs no account: a terminal without one measures too
    except (
        KioskError
    ) as refused:  # an http:// address refused (check_portal_url): said, then retention decides
        print(t("cli.error", lang, message=refused.message(lang)), file=sys.stderr)
        return
    try:
        measure_clock(client, services.store, system_clock)
    finally:
        client.close()


def cmd_backup(args: argparse.Namespace, lang: Lang) -> int:
    """A backup while the terminal runs (SQLite's online backup API): database and sealed attachments."""
    from kiosk.crypto import key_fingerprint
    from kiosk.store.backup import backup_to
    from ui.services import open_services

    path: Path = args.file
    if path.exists():
        raise KioskError("cli.file_exists", path=str(path))
    services = open_services(allow_create_key=False)
    try:
        fingerprint = key_fingerprint(services.key)
        store = services.store
        try:
            info = backup_to(store, path, fingerprint, attachments=not args.no_attachments)
        except OSError as exc:  # no such folder, read-only or full medium: nothing is left under `path`
            raise KioskError(
                "backup.failed", path=str(path), reason=exc.strerror or type(exc).__name__
            ) from exc
    finally:
        services.close()
    size_mb = round(path.stat().st_size / (1 << 20), 1)
    print(
        t(
            "backup.done",
            lang,
            path=str(path),
            dossiers=info.dossiers,
            files=info.attachments,
            size_mb=size_mb,
            fingerprint=fingerprint,
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace, lang: Lang) -> int:
    """The database from a backup (or the current one accepted); refused while the store is open."""
    from kiosk.crypto import key_fingerprint
    from kiosk.store.backup import accept_current, backups_dir, restore_from
    from ui.services import open_services

    services = open_services(allow_create_key=False)  # never the store: it may be the damaged part
    try:
        if args.accept_current:
            dossiers, seq = accept_current(services.data_dir)
            print(t("restore.accepted", lang, dossiers=dossiers, seq=seq))
            return 0
        if args.file is None:
            raise KioskError("restore.need_file")
        info = restore_from(
            args.file,
            services.data_dir,
            services.sealer,
            key_fingerprint(services.key),
            confirm=lambda check: _confirm_restore(check, args, lang, backups_dir(services.data_dir)),
        )
    finally:
        services.close()
    kept = str(info.kept) if info.kept is not None else "-"
    print(
        t(
            "restore.done",
            lang,
            path=str(args.file),
            created=info.created_at,
            dossiers=info.dossiers,
            files=info.attachments,
            kept=kept,
        )
    )
    if info.missing_files:
        print(t("restore.missing_files", lang, count=info.missing_files))
    if info.orphans and info.kept is not None:
        print(t("restore.orphans_kept", lang, count=info.orphans, path=str(info.kept / "attachments")))
    return 0


def _confirm_restore(check: RestoreCheck, args: argparse.Namespace, lang: Lang, backups: Path) -> bool:
    """Say what the backup lacks; go on with --yes, or when the person at the terminal types "có"."""
    facts = {
        "created": check.created_at,
        "dossiers": check.dossiers,
        "lost": check.lost,
        "known": check.known_seq,
        "seq": check.backup_seq,
        "backups": str(backups),
    }
    print(t("restore.different" if check.different else "restore.behind", lang, **facts), file=sys.stderr)
    if check.orphans:
        print(t("restore.orphans", lang, count=check.orphans), file=sys.stderr)
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(t("restore.confirm", lang))
    except EOFError:
        return False
    return answer.strip().lower() in ("có", "co", "c", "yes", "y")


def cmd_sandbox(args: argparse.Namespace, lang: Lang) -> int:
    """The port is bound before "running" is printed: a busy port is one line and exit 2."""
    from sync.sandbox.server import run_from_args

    args.db_path = args.db
    return run_from_args(args, lang)


def cmd_supervise(args: argparse.Namespace, lang: Lang) -> int:
    """The app, restarted within seconds after a crash (the Windows task runs this; ui/supervisor.py)."""
    from kiosk.config import data_dir
    from ui.supervisor import app_command, log_to, supervise

    log_to(data_dir())
    child = args.child[1:] if args.child[:1] == ["--"] else args.child
    return supervise(child or app_command(), lang)


def cmd_track(args: argparse.Namespace, lang: Lang) -> int:
    from ui.services import open_services
    from ui.tracking import track

    services = open_services()
    try:
        lines, code = track(services, args.code, lang)
    finally:
        services.close()
    print("\n".join(lines))
    return code


HANDLERS: dict[str, Handler] = {
    "demo": cmd_demo,
    "doctor": cmd_doctor,
    "key": cmd_key,
    "catalog": cmd_catalog,
    "import": cmd_import,
    "status": cmd_status,
    "sync": cmd_sync,
    "purge": cmd_purge,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "sandbox": cmd_sandbox,
    "track": cmd_track,
    "supervise": cmd_supervise,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_lang(argv)
    if argv:
        args = build_parser(lang).parse_args(argv)
        lang = as_lang(args.lang)
        if args.insecure_http:  # through the environment, so the app `kiosk supervise` starts has it too
            import os

            os.environ[INSECURE_HTTP_ENV] = "1"
    else:  # plain `kiosk` opens the window: no need to build every command's help first
        args = argparse.Namespace(command=None, lang=lang)
        # What the start allocates (modules, Qt's enums, the catalog) lives as long as the app: the
        # cyclic collector would walk it ~70 times for nothing before the first frame. It resumes
        # then (_after_first_frame), or when the command ends.
        gc.disable()
    handler = HANDLERS.get(args.command or "", cmd_open)
    try:
        return handler(args, lang)
    except KioskError as error:
        print(t("cli.error", lang, message=error.message(lang)), file=sys.stderr)
        return int(getattr(error, "exit_code", 1))  # 4 the database (kiosk.store.guard), 5 disk full
    except Exception as exc:
        problem = _database_problem(exc)
        if problem is not None:
            print(t("cli.error", lang, message=problem.message(lang)), file=sys.stderr)
            return problem.exit_code
        # A full disk met where no store or file writer turned it into its message: the same message.
        from kiosk.config import data_dir
        from kiosk.diskspace import DISK_FULL_EXIT_CODE, DiskFullError, is_disk_full

        if not is_disk_full(exc, data_dir()):
            raise
        print(t("cli.error", lang, message=DiskFullError(data_dir()).message(lang)), file=sys.stderr)
        return DISK_FULL_EXIT_CODE
    except KeyboardInterrupt:
        return 130
    finally:
        gc.enable()


def _database_problem(exc: Exception) -> DatabaseProblem | None:
    """A damaged database met after the store opened (SQLITE_CORRUPT, SQLITE_NOTADB): said, no traceback."""
    from kiosk.config import data_dir
    from kiosk.store import DB_NAME
    from kiosk.store.guard import as_problem

    return as_problem(exc, data_dir() / DB_NAME)


def _after_first_frame(window: object) -> None:
    """The first frame is up: what the start built is moved out of the collector's generations for
    good (later collections do not walk it again) and collection resumes (see main)."""
    gc.freeze()
    gc.enable()


if __name__ == "__main__":
    sys.exit(main())
