"""The database guarded: never re-created silently, checked at every open, its last known state remembered.

- A marker file (MARKER_NAME, JSON, no personal data) is written when the database is first created and
  kept at the audit chain's head (seq and hash) after every committed change that appends to it. Every
  state change of a dossier appends an audit entry, so the head counts what the database must hold.
- Opening refuses (DatabaseMissing) a missing or empty kiosk.db when the data dir shows earlier use: the
  marker, sealed attachment files, or backups. It refuses (DatabaseBehind) a database whose audit chain
  ends before the marker's head, or differs at it: the WAL was removed after a crash, or an older or
  another terminal's file was put in place. `kiosk restore` (a backup, or `--accept-current`) is the fix.
- `PRAGMA quick_check` runs at every open; a damaged file (and any SQLITE_CORRUPT / SQLITE_NOTADB met
  later) becomes DatabaseDamaged, which says what to do; the CLI exits with DATABASE_EXIT_CODE.

What cannot be seen: a change committed by a process killed before it rewrote the marker (one transaction
per process), and the marker removed together with the WAL. See docs/OPERATING.md "The database".
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from kiosk.atomic import TMP_SUFFIX, write_atomic
from kiosk.errors import KioskError
from kiosk.store.models import now_utc, utc_text

log = logging.getLogger("kiosk.store")

MARKER_NAME = "kiosk-store.json"
BACKUP_DIR = "backups"
DATABASE_EXIT_CODE = 4  # `kiosk …` when the database is missing, behind its marker, or damaged
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class DatabaseProblem(KioskError):
    """The database cannot be used as it is; the message says what to do (`kiosk restore`)."""

    exit_code = DATABASE_EXIT_CODE


class DatabaseMissing(DatabaseProblem):
    def __init__(self, path: Path, evidence: str) -> None:
        super().__init__("database.missing", path=str(path), evidence=evidence, backups=str(_backups(path)))


class DatabaseBehind(DatabaseProblem):
    def __init__(self, path: Path, known: int, found: int, *, different: bool) -> None:
        key = "database.different" if different else "database.behind"
        super().__init__(
            key,
            path=str(path),
            known=known,
            found=found,
            lost=max(known - found, 0),
            backups=str(_backups(path)),
        )


class DatabaseDamaged(DatabaseProblem):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("database.damaged", path=str(path), reason=reason, backups=str(_backups(path)))


def _backups(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def is_damage(exc: BaseException) -> bool:
    """True for SQLite's "damaged file" errors (SQLITE_CORRUPT*, SQLITE_NOTADB), raw or SQLAlchemy-wrapped.

    Not for "locked", "disk full" or I/O errors: those are other states with their own messages.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.DatabaseError):
            name = str(getattr(current, "sqlite_errorname", "") or "")
            text = str(current).lower()
            if name.startswith(_DAMAGE_CODES) or "malformed" in text or "not a database" in text:
                return True
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
    return False


def as_problem(exc: BaseException, path: Path) -> DatabaseProblem | None:
    """The DatabaseProblem `exc` stands for, if any (see is_damage)."""
    if isinstance(exc, DatabaseProblem):
        return exc
    if is_damage(exc):
        return DatabaseDamaged(path, _reason(exc))
    return None


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0][:200]


# --- the marker ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    created_at: str
    audit_seq: int
    audit_hash: str

    def as_json(self) -> bytes:
        document = {
            "format": "dvc-kiosk-store",
            "version": 1,
            "created_at": self.created_at,
            "audit_seq": self.audit_seq,
            "audit_hash": self.audit_hash,
        }
        return json.dumps(document, indent=1).encode()


def read_marker(data_dir: Path) -> Marker | None:
    """The marker, or None when absent. An unreadable one (a crash mid-rename on a file system without
    ordered writes) still proves earlier use: it reads as seq 0, and is rewritten at the next change."""
    path = data_dir / MARKER_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = json.loads(raw)
        return Marker(str(document["created_at"]), int(document["audit_seq"]), str(document["audit_hash"]))
    except (ValueError, KeyError, TypeError):
        log.warning("the store marker %s is unreadable; it is rewritten at the next change", path)
        return Marker("", 0, "")


def write_marker(data_dir: Path, marker: Marker) -> None:
    write_atomic(data_dir, MARKER_NAME, marker.as_json())


def audit_head(conn: Connection) -> tuple[int, str]:
    row = conn.exec_driver_sql("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").first()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def note_head(data_dir: Path, seq: int, digest: str) -> None:
    """After a commit that appended audit entries: move the marker forward to (seq, hash).

    Only forward: two processes writing at once can leave it one change behind (never ahead), which only
    narrows what a later open can detect. A failure to write it is logged, never fatal to the change.
    """
    try:
        marker = read_marker(data_dir)
        if marker is not None and marker.audit_seq >= seq:
            return
        created = marker.created_at if marker is not None and marker.created_at else utc_text(now_utc())
        # Replaced whole but not fsynced: the commit it follows is durable already (synchronous=FULL), and
        # a marker a power cut takes back is older than the database, never ahead of it (no false alarm;
        # one that comes back empty reads as seq 0). Two fsyncs per change would double a commit's cost.
        tmp = data_dir / f".{os.urandom(8).hex()}{TMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Marker(created, seq, digest).as_json())
            tmp.replace(data_dir / MARKER_NAME)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    except OSError as exc:
        log.warning("could not update the store marker: %s", exc.strerror or type(exc).__name__)


# --- at open --------------------------------------------------------------------------------------------


def earlier_use(data_dir: Path) -> str:
    """What in the data dir shows it held a database before ("" when nothing does): a first start has none.

    The key file is not evidence: a first start creates the key just before the database.
    """
    if (data_dir / MARKER_NAME).exists():
        return MARKER_NAME
    attachments = data_dir / "attachments"
    if attachments.is_dir() and any(attachments.glob("*.bin")):
        return "attachments/*.bin"
    backups = data_dir / BACKUP_DIR
    if backups.is_dir() and any(backups.glob("*.tar")):
        return f"{BACKUP_DIR}/*.tar"
    return ""


def before_open(db_path: Path) -> bool:
    """Refuse a missing or 0-byte database where the data dir was used before.

    Returns whether the marker existed before the database was opened (see before_migrate). A 0-byte file
    with no earlier use is left for SQLite, which takes it as a new database: another thread or process
    of a first start may have just created it.
    """
    had_marker = (db_path.parent / MARKER_NAME).exists()
    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size == 0:
        evidence = earlier_use(db_path.parent)
        if evidence:
            raise DatabaseMissing(db_path, evidence)
    return had_marker


def quick_check(conn: Connection, db_path: Path) -> None:
    """`PRAGMA quick_check` (every page read, O(N); integrity_check also cross-checks indexes: doctor)."""
    rows = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check").all()]
    if rows != ["ok"]:
        raise DatabaseDamaged(db_path, " ".join("; ".join(rows[:3]).split()))


def before_migrate(db_path: Path, *, had_marker: bool, schema_was: int) -> None:
    """A database file with no schema where a marker said, before it was opened, that one existed is as
    good as missing. (A marker seen only now may be another first-start process's, written just after
    its migration.)"""
    if schema_was == 0 and had_marker:
        raise DatabaseMissing(db_path, MARKER_NAME)


def after_migrate(engine: Engine, db_path: Path) -> None:
    """The database against its marker: a new one gets its marker; a used one must reach the marker's head."""
    data_dir = db_path.parent
    marker = read_marker(data_dir)
    with engine.connect() as conn:
        seq, digest = audit_head(conn)
        if marker is None:
            # A new database, or one made before markers existed: it is the truth from now on.
            write_marker(data_dir, Marker(utc_text(now_utc()), seq, digest))
            return
        if marker.audit_seq == 0:
            return
        at = conn.exec_driver_sql("SELECT hash FROM audit WHERE seq = ?", (marker.audit_seq,)).first()
    if at is None:
        raise DatabaseBehind(db_path, marker.audit_seq, seq, different=False)
    if marker.audit_hash and str(at[0]) != marker.audit_hash:
        raise DatabaseBehind(db_path, marker.audit_seq, seq, different=True)


def accept_current(engine: Engine, data_dir: Path) -> tuple[int, str]:
    """The operator takes the database as it is as the truth: the marker is set to its head."""
    with engine.connect() as conn:
        seq, digest = audit_head(conn)
    write_marker(data_dir, Marker(utc_text(now_utc()), seq, digest))
    return seq, digest


def remove_marker(data_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (data_dir / MARKER_NAME).unlink()
