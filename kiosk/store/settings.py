"""Terminal settings kept sealed in the store (the operator PIN's hash, the clean-shutdown mark)."""

from __future__ import annotations

from kiosk.store.base import StoreBase
from kiosk.store.models import now_utc, utc_text


class SettingsOps(StoreBase):
    """Small named values, sealed like personal data and bound to their name: never in the config file."""

    def get_setting(self, name: str) -> str | None:
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT value FROM setting WHERE name = ?", (name,)).first()
        if row is None:
            return None
        value = self._open("setting", "value", name, row[0])
        return value if isinstance(value, str) else None

    def set_setting(self, name: str, value: str | None) -> None:
        """Store `value` under `name`; None removes it."""
        with self._w.begin() as conn:
            if value is None:
                conn.exec_driver_sql("DELETE FROM setting WHERE name = ?", (name,))
                return
            conn.exec_driver_sql(
                "INSERT INTO setting (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (name, self._seal("setting", "value", name, value), utc_text(now_utc())),
            )
