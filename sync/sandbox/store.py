"""The sandbox portal's own SQLite database (WAL): tokens, uploads, idempotency keys, dossiers, counters."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens(
    token TEXT PRIMARY KEY, account TEXT NOT NULL, agent_id TEXT, expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS uploads(
    upload_id TEXT PRIMARY KEY, account TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    media_type TEXT NOT NULL, received INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL, completed_at REAL);
CREATE INDEX IF NOT EXISTS uploads_dedupe ON uploads(account, sha256, size, complete);
CREATE TABLE IF NOT EXISTS upload_chunks(
    upload_id TEXT NOT NULL, start INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(upload_id, start));
CREATE TABLE IF NOT EXISTS idempotency(
    key TEXT PRIMARY KEY, target TEXT NOT NULL, digest TEXT NOT NULL, state TEXT NOT NULL,
    status INTEGER, media_type TEXT, response TEXT, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS key_requests(key TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers(
    code TEXT PRIMARY KEY, client_ref TEXT NOT NULL, account TEXT NOT NULL, kiosk_id TEXT,
    procedure_code TEXT NOT NULL, procedure_version TEXT NOT NULL, status INTEGER NOT NULL,
    history TEXT NOT NULL, received_at TEXT NOT NULL, due_at TEXT NOT NULL, fee INTEGER NOT NULL,
    created_response TEXT NOT NULL, delivery_method TEXT NOT NULL, supplement_request TEXT, result TEXT,
    rating TEXT, plan TEXT NOT NULL, next_step_at REAL);
CREATE INDEX IF NOT EXISTS dossiers_client_ref ON dossiers(client_ref);
CREATE INDEX IF NOT EXISTS dossiers_next_step ON dossiers(next_step_at);
CREATE TABLE IF NOT EXISTS day_seq(day TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS clients(
    kiosk_id TEXT NOT NULL, user_agent TEXT NOT NULL, requests INTEGER NOT NULL, last_seen REAL NOT NULL,
    PRIMARY KEY(kiosk_id, user_agent));
"""

_DOSSIER_JSON = ("history", "created_response", "supplement_request", "result", "rating", "plan")


@dataclass(frozen=True)
class Upload:
    upload_id: str
    account: str
    sha256: str
    size: int
    media_type: str
    received: int
    complete: bool
    created_at: float


@dataclass(frozen=True)
class KeyRecord:
    target: str
    digest: str
    in_flight: bool
    status: int | None
    media_type: str | None
    response: str | None


class SandboxStore:
    """One connection guarded by a lock: the event loop and a test thread may both use it."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        # A request that was running when the sandbox died never finished: its key must not block retries.
        self._db.execute("DELETE FROM idempotency WHERE state = 'in_flight'")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _one(self, sql: str, *args: object) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, args).fetchone()
            return row

    # --- tokens -------------------------------------------------------------------------------------
    def add_token(self, token: str, account: str, agent_id: str | None, expires_at: float) -> None:
        with self.tx() as db:
            db.execute("INSERT INTO tokens VALUES (?, ?, ?, ?, 0)", (token, account, agent_id, expires_at))

    def token_account(self, token: str, now: float) -> str | None:
        row = self._one("SELECT account, expires_at, revoked FROM tokens WHERE token = ?", token)
        if row is None or row["revoked"] or row["expires_at"] <= now:
            return None
        return str(row["account"])

    def revoke_tokens(self) -> int:
        with self.tx() as db:
            return db.execute("UPDATE tokens SET revoked = 1 WHERE revoked = 0").rowcount

    # --- uploads ------------------------------------------------------------------------------------
    @staticmethod
    def _upload(row: sqlite3.Row | None) -> Upload | None:
        if row is None:
            return None
        return Upload(
            str(row["upload_id"]),
            str(row["account"]),
            str(row["sha256"]),
            int(row["size"]),
            str(row["media_type"]),
            int(row["received"]),
            bool(row["complete"]),
            float(row["created_at"]),
        )

    def find_complete_upload(self, account: str, sha256: str, size: int) -> Upload | None:
        return self._upload(
            self._one(
                "SELECT * FROM uploads WHERE account = ? AND sha256 = ? AND size = ? AND complete = 1",
                account,
                sha256,
                size,
            )
        )

    def create_upload(self, upload: Upload) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, 0, 0, ?, NULL)",
                (
                    upload.upload_id,
                    upload.account,
                    upload.sha256,
                    upload.size,
                    upload.media_type,
                    upload.created_at,
                ),
            )

    def get_upload(self, upload_id: str) -> Upload | None:
        return self._upload(self._one("SELECT * FROM uploads WHERE upload_id = ?", upload_id))

    def append_chunk(self, upload_id: str, start: int, data: bytes) -> int:
        """Store bytes at `start` (the caller checked the offset) and return the new offset."""
        with self.tx() as db:
            db.execute("INSERT INTO upload_chunks VALUES (?, ?, ?)", (upload_id, start, data))
            db.execute("UPDATE uploads SET received = ? WHERE upload_id = ?", (start + len(data), upload_id))
        return start + len(data)

    def upload_bytes(self, upload_id: str) -> bytes:
        with self._lock:
            rows = self._db.execute(
                "SELECT data FROM upload_chunks WHERE upload_id = ? ORDER BY start", (upload_id,)
            ).fetchall()
        return b"".join(bytes(row["data"]) for row in rows)

    def complete_upload(self, upload_id: str, now: float) -> None:
        # Only the digest matters to the sandbox once verified; dropping the bytes keeps soak databases small.
        with self.tx() as db:
            db.execute(
                "UPDATE uploads SET complete = 1, completed_at = ? WHERE upload_id = ?", (now, upload_id)
            )
            db.execute("DELETE FROM upload_chunks WHERE upload_id = ?", (upload_id,))

    def discard_upload(self, upload_id: str) -> None:
        with self.tx() as db:
            db.execute("DELETE FROM upload_chunks WHERE upload_id = ?", (upload_id,))
            db.execute("DELETE FROM uploads WHERE upload_id = ?", (upload_id,))

    def purge_incomplete_uploads(self, older_than: float) -> int:
        with self.tx() as db:
            ids = [
                r["upload_id"]
                for r in db.execute(
                    "SELECT upload_id FROM uploads WHERE complete = 0 AND created_at < ?", (older_than,)
                )
            ]
            for upload_id in ids:
                db.execute("DELETE FROM upload_chunks WHERE upload_id = ?", (upload_id,))
                db.execute("DELETE FROM uploads WHERE upload_id = ?", (upload_id,))
        return len(ids)

    # --- idempotency keys ---------------------------------------------------------------------------
    def count_key_request(self, key: str) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO key_requests VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET count = count + 1",
                (key,),
            )

    def claim_key(self, key: str, target: str, digest: str, now: float) -> KeyRecord | None:
        """Bind `key` to this request (None), or return what the key is already bound to."""
        with self.tx() as db:
            row = db.execute("SELECT * FROM idempotency WHERE key = ?", (key,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO idempotency VALUES (?, ?, ?, 'in_flight', NULL, NULL, NULL, ?)",
                    (key, target, digest, now),
                )
                return None
        return KeyRecord(
            str(row["target"]),
            str(row["digest"]),
            row["state"] == "in_flight",
            row["status"],
            row["media_type"],
            row["response"],
        )

    def finish_key(self, key: str, status: int, media_type: str | None, response: str | None) -> None:
        with self.tx() as db:
            db.execute(
                "UPDATE idempotency SET state = 'done', status = ?, media_type = ?, response = ? "
                "WHERE key = ?",
                (status, media_type, response, key),
            )

    def release_key(self, key: str) -> None:
        with self.tx() as db:
            db.execute("DELETE FROM idempotency WHERE key = ? AND state = 'in_flight'", (key,))

    def key_in_flight(self, key: str) -> bool:
        row = self._one("SELECT state FROM idempotency WHERE key = ?", key)
        return row is not None and row["state"] == "in_flight"

    def key_request_counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT key, count FROM key_requests").fetchall()
        return {str(r["key"]): int(r["count"]) for r in rows}

    # --- dossiers -----------------------------------------------------------------------------------
    @staticmethod
    def _dossier(row: sqlite3.Row | None) -> dict[str, Any] | None:
        if row is None:
            return None
        record = dict(row)
        for name in _DOSSIER_JSON:
            if record[name] is not None:
                record[name] = json.loads(record[name])
        return record

    def next_sequence(self, day: str) -> int:
        with self.tx() as db:
            db.execute(
                "INSERT INTO day_seq VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1", (day,)
            )
            return int(db.execute("SELECT last FROM day_seq WHERE day = ?", (day,)).fetchone()["last"])

    def insert_dossier(self, record: dict[str, Any]) -> None:
        values = {
            k: json.dumps(v, ensure_ascii=False) if k in _DOSSIER_JSON else v for k, v in record.items()
        }
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.tx() as db:
            db.execute(f"INSERT INTO dossiers ({columns}) VALUES ({marks})", tuple(values.values()))  # noqa: S608

    def update_dossier(self, code: str, **fields: Any) -> None:
        values = {
            k: json.dumps(v, ensure_ascii=False) if k in _DOSSIER_JSON else v for k, v in fields.items()
        }
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.tx() as db:
            db.execute(f"UPDATE dossiers SET {assignments} WHERE code = ?", (*values.values(), code))  # noqa: S608

    def get_dossier(self, code: str) -> dict[str, Any] | None:
        return self._dossier(self._one("SELECT * FROM dossiers WHERE code = ?", code))

    def dossier_by_client_ref(self, client_ref: str) -> dict[str, Any] | None:
        return self._dossier(
            self._one("SELECT * FROM dossiers WHERE client_ref = ? ORDER BY rowid", client_ref)
        )

    def due_dossiers(self, now: float) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM dossiers WHERE next_step_at IS NOT NULL AND next_step_at <= ? "
                "ORDER BY next_step_at, rowid",
                (now,),
            ).fetchall()
        return [d for d in (self._dossier(r) for r in rows) if d is not None]

    def dossier_stats(self) -> dict[str, Any]:
        with self._lock:
            total, distinct = self._db.execute(
                "SELECT count(*), count(DISTINCT client_ref) FROM dossiers"
            ).fetchone()
            by_status = dict(
                self._db.execute("SELECT status, count(*) FROM dossiers GROUP BY status").fetchall()
            )
        return {
            "dossiers": int(total),
            "duplicate_client_refs": int(total) - int(distinct),
            "by_status": {str(k): int(v) for k, v in sorted(by_status.items())},
        }

    # --- counters and clients -----------------------------------------------------------------------
    def bump(self, name: str, by: int = 1) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO counters VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + ?",
                (name, by, by),
            )

    def counters(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT name, value FROM counters ORDER BY name").fetchall()
        return {str(r["name"]): int(r["value"]) for r in rows}

    def record_client(self, kiosk_id: str, user_agent: str, now: float) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO clients VALUES (?, ?, 1, ?) ON CONFLICT(kiosk_id, user_agent) "
                "DO UPDATE SET requests = requests + 1, last_seen = excluded.last_seen",
                (kiosk_id, user_agent, now),
            )

    def clients(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM clients ORDER BY kiosk_id, user_agent").fetchall()
        return [dict(r) for r in rows]
