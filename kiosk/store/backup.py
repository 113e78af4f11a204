"""Backups of the store with SQLite's online backup API, and their restore.

A backup is an uncompressed tar (what it holds is sealed, so it would not compress) of:

- ``manifest.json``: format, time, the data key's fingerprint, schema version, audit head, counts;
- ``kiosk.db``: a consistent snapshot taken with ``sqlite3.Connection.backup`` in one step (one read
  transaction: writers in other connections go on meanwhile, WAL), turned into a standalone file
  (journal_mode=DELETE) and checked with ``PRAGMA quick_check``. Personal data in it is sealed already;
- ``attachments/<id>.bin``: the sealed attachment files the snapshot refers to (manual backups). The
  daily automatic backups hold the database only: attachment files are written once and never changed,
  and copying them every day would multiply the disk they take.

The automatic backup of a day (``backups/kiosk-<date>.tar``) is kept fresh: it is written at the day's
first store open and written again whenever the store changed since (its manifest's change stamp, see
change_stamp): at a command's end, periodically in the app and at its clean exit (ui). So the newest file
is always the latest state, and each earlier day's file that day's last state. One that holds changes the
store no longer has (an older backup was restored) is kept aside under another name, never overwritten.

Restore refuses a backup made under another key (fingerprint, then a sealed value opened), a newer
schema, a damaged snapshot, and a database another process has open (an exclusive lock is tried). The
current database is moved aside, never deleted; the store marker is set to the restored audit head.
A backup behind what the data dir last held (the marker's audit head) is said and needs a confirmation;
attachment files no dossier of the restored database refers to are moved aside with the old database.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kiosk.atomic import fsync_dir, replacing, write_atomic
from kiosk.crypto import IntegrityError, Sealer
from kiosk.errors import KioskError
from kiosk.store import guard
from kiosk.store.models import now_utc, utc_text
from kiosk.store.schema import SCHEMA_VERSION, make_engine, migrate
from kiosk.store.store import DB_NAME, Store

log = logging.getLogger("kiosk.store")

FORMAT = "dvc-kiosk-backup"
MANIFEST = "manifest.json"
DAILY_KEEP = 7  # automatic backups kept in <data dir>/backups, one per day the terminal is used
DAILY_MIN_FREE = 200 << 20  # no automatic backup that would leave less free space than this
_DAILY = re.compile(r"^kiosk-(\d{4}-\d{2}-\d{2})\.tar$")
# What tells a backup's database from the store's without reading either whole: the audit chain's head
# (every state change), the dossiers' count and last update (a draft's answers autosaved: not audited),
# the attachments' and supplements' rows. One statement: one read transaction. A table an older schema
# lacks (a backup restored from an older version) counts as empty.
_STAMP_PARTS = (
    ("audit", "SELECT seq || ':' || hash FROM audit ORDER BY seq DESC LIMIT 1"),
    ("dossier", "SELECT COUNT(*) || ':' || IFNULL(MAX(updated_at), '') FROM dossier"),
    ("attachment", "SELECT COUNT(*) || ':' || IFNULL(MAX(rowid), 0) FROM attachment"),
    ("supplement", "SELECT COUNT(*) || ':' || IFNULL(MAX(updated_at), '') FROM supplement"),
)
_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.bin)$")
_LOCK_PROBE_S = 0.5


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    key_fingerprint: str
    schema_version: int
    audit_seq: int
    audit_hash: str
    dossiers: int
    attachments: int
    attachments_missing: int = 0
    stamp: str = ""

    def manifest(self, kind: str) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "version": 1,
                "kind": kind,
                "created_at": self.created_at,
                "key_fingerprint": self.key_fingerprint,
                "schema_version": self.schema_version,
                "audit_seq": self.audit_seq,
                "audit_hash": self.audit_hash,
                "dossiers": self.dossiers,
                "attachments": self.attachments,
                "attachments_missing": self.attachments_missing,
                "stamp": self.stamp,
            },
            indent=1,
        ).encode()


@dataclass(frozen=True)
class RestoreInfo:
    created_at: str
    dossiers: int
    attachments: int
    missing_files: int
    kept: Path | None
    orphans: int = 0  # attachment files of no restored dossier, moved into <kept>/attachments


@dataclass(frozen=True)
class RestoreCheck:
    """What a backup lacks compared with what this data dir last held, known before anything is replaced."""

    path: Path
    created_at: str
    backup_seq: int  # the backup's audit head
    known_seq: int  # the marker's: the last change this data dir is known to have held (0: unknown)
    different: bool  # the backup's chain is not the one the marker names (another terminal's, a fork)
    orphans: int  # attachment files in the data dir no dossier of the backup refers to
    dossiers: int

    @property
    def lost(self) -> int:
        """Changes (audit entries) the data dir had and the backup lacks."""
        return max(self.known_seq - self.backup_seq, 0)

    @property
    def behind(self) -> bool:
        return self.lost > 0 or self.different


Confirm = Callable[[RestoreCheck], bool]


# --- backup -----------------------------------------------------------------------------------------------


def _snapshot(store: Store, target: Path) -> None:
    """Copy the live database into `target` in one backup step (a consistent snapshot), standalone."""
    raw = store._engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(copy)  # pages=-1: every page in one step, under one read transaction
            copy.execute("PRAGMA journal_mode = DELETE")  # a single file, no -wal to carry along
            rows = [str(row[0]) for row in copy.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise guard.DatabaseDamaged(target, "; ".join(rows[:3]))
        finally:
            copy.close()
    finally:
        raw.close()


def change_stamp(conn: sqlite3.Connection) -> str:
    """A short digest that changes whenever what a restore would bring back changes (_STAMP_PARTS).

    Not changed by what sync keeps for itself (leases, attempts, pauses): no new backup for those alone."""
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    parts = ", ".join(f"({sql})" if table in tables else "''" for table, sql in _STAMP_PARTS)
    row = conn.execute(f"SELECT {parts}").fetchone()  # fixed statements (above)
    return hashlib.sha256("|".join(str(part) for part in row).encode()).hexdigest()[:32]


def _facts(db: Path) -> tuple[int, int, str, int, list[str], str]:
    """schema version, audit seq and hash, dossiers, attachment names, change stamp of a database file."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, digest = (0, "") if row is None else (int(row[0]), str(row[1]))
        dossiers = int(conn.execute("SELECT COUNT(*) FROM dossier").fetchone()[0])
        names = [str(r[0]) for r in conn.execute("SELECT file_name FROM attachment ORDER BY file_name")]
        stamp = change_stamp(conn)
    finally:
        conn.close()
    return schema, seq, digest, dossiers, names, stamp


def backup_to(
    store: Store, dest: Path, fingerprint: str, *, attachments: bool = True, kind: str = "manual"
) -> BackupInfo:
    """Write a backup of `store` to `dest` (atomically: a crash leaves no half file under that name)."""
    dest = dest.absolute()
    with tempfile.TemporaryDirectory(prefix=".kiosk-backup-", dir=dest.parent) as work:
        db = Path(work) / DB_NAME
        _snapshot(store, db)
        schema, seq, digest, dossiers, names, stamp = _facts(db)
        included: list[str] = []
        missing = 0
        with replacing(dest) as tmp:
            with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
                if attachments:
                    for name in names:
                        path = store.attachments_dir / name
                        try:
                            with path.open("rb") as handle:
                                info = tar.gettarinfo(fileobj=handle, arcname=f"attachments/{name}")
                                info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                                tar.addfile(info, handle)
                            included.append(name)
                        except FileNotFoundError:
                            missing += 1  # removed since the snapshot (a draft deleted) or already lost
                result = BackupInfo(
                    path=dest,
                    created_at=utc_text(now_utc()),
                    key_fingerprint=fingerprint,
                    schema_version=schema,
                    audit_seq=seq,
                    audit_hash=digest,
                    dossiers=dossiers,
                    attachments=len(included),
                    attachments_missing=missing if attachments else 0,
                    stamp=stamp,
                )
                _add_bytes(tar, MANIFEST, result.manifest(kind))
                info = tar.gettarinfo(str(db), arcname=DB_NAME)
                info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                with db.open("rb") as handle:
                    tar.addfile(info, handle)
            tmp.chmod(0o600)
    return result


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backups_dir(data_dir: Path) -> Path:
    return data_dir / guard.BACKUP_DIR


def daily_backups(data_dir: Path) -> list[Path]:
    """The automatic backups, oldest first."""
    directory = backups_dir(data_dir)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if _DAILY.match(p.name))


def daily_backup(
    store: Store, fingerprint: str, today: date, keep: int = DAILY_KEEP, min_free: int = DAILY_MIN_FREE
) -> Path | None:
    """Today's automatic backup (database only), written when there is none yet for `today` or the store
    changed since it was taken (its change stamp); the oldest beyond `keep` are removed.

    Returns the file written, or None when today's is up to date or it was skipped because it would leave
    less than `min_free` bytes on the disk (the queue needs that room more; logged). Today's file is
    replaced atomically; one holding changes the store's audit chain lacks (an older backup was restored
    since) is first kept aside as kiosk-<date>-kept-<time>.tar (not rotated: see docs/OPERATING.md).
    """
    directory = backups_dir(store.data_dir)
    target = directory / f"kiosk-{today.isoformat()}.tar"
    previous = _manifest_of(target)
    if previous is not None:
        digest, stamp = _live_facts(store, int(str(previous.get("audit_seq", 0))))
        if previous.get("stamp") == stamp:
            return None
    size = sum(p.stat().st_size for p in store.data_dir.glob(f"{DB_NAME}*") if p.is_file())
    free = shutil.disk_usage(store.data_dir).free
    if free - 2 * size < min_free:  # the snapshot, then the tar of it
        log.warning("daily backup skipped: %d MB free on the data dir's disk", free >> 20)
        return None
    directory.mkdir(mode=0o700, exist_ok=True)
    if previous is not None and previous.get("audit_hash", "") != digest:
        stem = f"kiosk-{today.isoformat()}-kept-{datetime.now().strftime('%H%M%S')}"
        kept = directory / f"{stem}.tar"
        for n in range(1, 100):  # never onto an earlier kept one
            if not kept.exists():
                break
            kept = directory / f"{stem}-{n}.tar"
        target.replace(kept)
        log.warning("today's backup holds changes the store has not: kept as %s", kept.name)
    backup_to(store, target, fingerprint, attachments=False, kind="daily")
    existing = daily_backups(store.data_dir)
    for old in existing[: max(len(existing) - keep, 0)]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    fsync_dir(directory)
    log.info("daily backup written: %s", target.name)
    return target


def _manifest_of(path: Path) -> dict[str, object] | None:
    """The manifest of an existing backup file; None when there is none. A damaged one reads as {} (a new
    backup replaces it)."""
    try:
        with tarfile.open(path, "r:") as tar:
            return _read_manifest(tar, path)
    except FileNotFoundError:
        return None
    except (KioskError, tarfile.TarError, OSError):
        return {}


def _live_facts(store: Store, seq: int) -> tuple[str, str]:
    """The store's audit hash at `seq` ("" when it has no such entry; `seq` 0 matches "") and its change
    stamp, in one read transaction."""
    raw = store._engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        conn.execute("BEGIN")
        try:
            row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
            stamp = change_stamp(conn)
        finally:
            conn.execute("ROLLBACK")
    finally:
        raw.close()
    return ("" if row is None else str(row[0])), stamp


# --- restore ----------------------------------------------------------------------------------------------


def in_use(db_path: Path) -> bool:
    """True while another connection (this process's or another's) has the database open.

    Every store connection holds a shared lock on the file for as long as it is open (WAL mode); an
    exclusive lock is refused then. Taken and given back at once: a process that opens the store between
    this check and the file swap is not seen (stop the app and its restarter first, docs/OPERATING.md).
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=_LOCK_PROBE_S)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        return "locked" in text or "busy" in text
    except sqlite3.DatabaseError:
        return False  # damaged: nobody can use it either
    finally:
        conn.close()
    return False


def _not_backup(src: Path, reason: str) -> KioskError:
    return KioskError("restore.not_backup", path=str(src), reason=reason)


def _read_manifest(tar: tarfile.TarFile, src: Path) -> dict[str, object]:
    try:
        member = tar.getmember(MANIFEST)
        handle = tar.extractfile(member)
        if handle is None:
            raise KeyError(MANIFEST)
        document = json.loads(handle.read(1 << 20))
    except (KeyError, ValueError) as exc:
        raise _not_backup(src, f"{MANIFEST}: {type(exc).__name__}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_backup(src, "format")
    return document


def _check_key(db: Path, sealer: Sealer, src: Path, backup_key: str, current_key: str) -> None:
    """A sealed value of the backup must open with this terminal's key (the fingerprint could be edited)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT client_ref, applicant FROM dossier WHERE applicant IS NOT NULL LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        return
    try:
        sealer.open(bytes(row[1]), table="dossier", column="applicant", row=str(row[0]))
    except IntegrityError:
        raise KioskError(
            "restore.other_key", path=str(src), backup_key=backup_key, current_key=current_key
        ) from None


def restore_from(
    src: Path, data_dir: Path, sealer: Sealer, fingerprint: str, confirm: Confirm | None = None
) -> RestoreInfo:
    """Put the backup `src` in place of the store of `data_dir` (see the module's docstring).

    A backup behind what the data dir last held (RestoreCheck.behind) is restored only when `confirm`
    (called once, with what it lacks, before anything changes) says yes: "restore.not_confirmed" else.
    """
    if not src.is_file():
        raise KioskError("cli.file_missing", path=str(src))
    db_path = data_dir / DB_NAME
    attachments_dir = data_dir / "attachments"
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    try:
        try:
            tar = tarfile.open(src, "r:")  # noqa: SIM115 (closed by the `with tar` below)
        except (tarfile.TarError, OSError) as exc:
            raise _not_backup(src, type(exc).__name__) from exc
        with tar:
            manifest = _read_manifest(tar, src)
            backup_key = str(manifest.get("key_fingerprint", ""))
            if backup_key != fingerprint:
                raise KioskError(
                    "restore.other_key", path=str(src), backup_key=backup_key, current_key=fingerprint
                )
            found = int(str(manifest.get("schema_version", 0)))
            if found > SCHEMA_VERSION:
                raise KioskError("restore.newer_schema", path=str(src), found=found, supported=SCHEMA_VERSION)
            staged_db = staging / DB_NAME
            files: list[tarfile.TarInfo] = []
            for member in tar.getmembers():
                if member.name == DB_NAME and member.isfile():
                    _extract(tar, member, staged_db)
                elif _ATTACHMENT.match(member.name) and member.isfile():
                    files.append(member)
                elif member.name != MANIFEST:
                    raise _not_backup(src, f"unexpected member {member.name[:80]!r}")
            if not staged_db.exists():
                raise _not_backup(src, f"no {DB_NAME}")
            try:
                check = sqlite3.connect(staged_db, isolation_level=None)
                try:
                    rows = [str(r[0]) for r in check.execute("PRAGMA quick_check").fetchall()]
                finally:
                    check.close()
            except sqlite3.DatabaseError as exc:
                raise _not_backup(src, str(exc)) from exc
            if rows != ["ok"]:
                raise _not_backup(src, "; ".join(rows[:3]))
            _check_key(staged_db, sealer, src, backup_key, fingerprint)
            if in_use(db_path):
                raise KioskError("restore.in_use")
            plan = _compare(src, manifest, staged_db, data_dir)
            if plan.behind and (confirm is None or not confirm(plan)):
                raise KioskError("restore.not_confirmed", path=str(src), backups=str(backups_dir(data_dir)))
            if in_use(db_path):  # opened while the operator read the question
                raise KioskError("restore.in_use")
            attachments_dir.mkdir(mode=0o700, exist_ok=True)
            restored_files = 0
            for member in files:
                name = member.name.split("/", 1)[1]
                if not (attachments_dir / name).exists():  # written once, never changed: same name, same file
                    handle = tar.extractfile(member)
                    assert handle is not None
                    write_atomic(attachments_dir, name, handle.read())
                restored_files += 1
        kept = _move_aside(data_dir)
        staged_db.replace(db_path)
        fsync_dir(data_dir)
        _schema, seq, digest, dossiers, names, _stamp = _facts(db_path)
        guard.write_marker(data_dir, guard.Marker(utc_text(now_utc()), seq, digest))
        missing = sum(1 for name in names if not (attachments_dir / name).exists())
        orphans = _orphans(attachments_dir, names)
        if orphans:
            kept = kept or _kept_dir(data_dir)
            aside = kept / "attachments"
            aside.mkdir(mode=0o700, exist_ok=True)
            for name in orphans:
                (attachments_dir / name).replace(aside / name)
            fsync_dir(aside)
            fsync_dir(attachments_dir)
            log.warning("%d attachment files of no restored dossier moved to %s", len(orphans), aside)
        log.info("database restored from a backup of %s (audit seq %d)", manifest.get("created_at"), seq)
        return RestoreInfo(
            str(manifest.get("created_at", "")), dossiers, restored_files, missing, kept, len(orphans)
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _orphans(attachments_dir: Path, names: list[str]) -> list[str]:
    """The sealed attachment files in `attachments_dir` that no attachment row in `names` refers to."""
    if not attachments_dir.is_dir():
        return []
    wanted = set(names)
    return sorted(p.name for p in attachments_dir.glob("*.bin") if p.name not in wanted)


def _compare(src: Path, manifest: dict[str, object], staged_db: Path, data_dir: Path) -> RestoreCheck:
    """The backup against the marker (the last audit head this data dir is known to have held)."""
    _schema, seq, _digest, dossiers, names, _stamp = _facts(staged_db)
    marker = guard.read_marker(data_dir)
    known, different = 0, False
    if marker is not None and marker.audit_seq > 0:
        known = marker.audit_seq
        if marker.audit_seq <= seq and marker.audit_hash:  # the backup's chain must pass the marker's head
            conn = sqlite3.connect(f"file:{staged_db}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (marker.audit_seq,)).fetchone()
            finally:
                conn.close()
            different = row is None or str(row[0]) != marker.audit_hash
    return RestoreCheck(
        path=src,
        created_at=str(manifest.get("created_at", "")),
        backup_seq=seq,
        known_seq=known,
        different=different,
        orphans=len(_orphans(data_dir / "attachments", names)),
        dossiers=dossiers,
    )


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    handle = tar.extractfile(member)
    if handle is None:
        raise _not_backup(target, member.name)
    with target.open("wb") as out:
        shutil.copyfileobj(handle, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _move_aside(data_dir: Path) -> Path | None:
    """The current database files (kiosk.db, -wal, -shm) into replaced-<time>/: kept, never deleted."""
    present = [data_dir / f"{DB_NAME}{suffix}" for suffix in ("", "-wal", "-shm")]
    present = [p for p in present if p.exists()]
    if not present:
        return None
    kept = _kept_dir(data_dir)
    for path in present:
        path.replace(kept / path.name)
    fsync_dir(kept)
    return kept


def _kept_dir(data_dir: Path) -> Path:
    kept = data_dir / f"replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    kept.mkdir(mode=0o700)
    return kept


def accept_current(data_dir: Path) -> tuple[int, int]:
    """`kiosk restore --accept-current`: the database as it is (a new one when missing) becomes the truth.

    A damaged file is not accepted (restore a backup). Returns (dossiers, audit seq).
    """
    db_path = data_dir / DB_NAME
    if in_use(db_path):
        raise KioskError("restore.in_use")
    engine = make_engine(db_path)
    try:
        try:
            with engine.connect() as conn:
                guard.quick_check(conn, db_path)
            migrate(engine.execution_options(immediate=True))
            seq, _digest = guard.accept_current(engine, data_dir)
            with engine.connect() as conn:
                dossiers = int(conn.exec_driver_sql("SELECT COUNT(*) FROM dossier").scalar_one())
        except Exception as exc:
            problem = guard.as_problem(exc, db_path)
            if problem is not None and problem is not exc:
                raise problem from exc
            raise
    finally:
        engine.dispose()
    log.info("the current database was accepted as it is (audit seq %d)", seq)
    return dossiers, seq
