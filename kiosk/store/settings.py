"""Terminal settings kept sealed in the store (the operator PIN's hash, the clean-shutdown mark, the
portal's pause)."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.store.base import StoreBase
from kiosk.store.models import now_utc, parse_utc, utc_text

# Until when the portal asked every request to wait (its Retry-After), so that every process (the app,
# `kiosk sync`, the next process after a restart) honours it; see sync.pause.
PORTAL_PAUSE = "portal.not_before"


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

    # --- the portal's pause (Retry-After), shared by every process of the terminal -------------------------

    def portal_pause(self, now: datetime, longest: timedelta) -> datetime | None:
        """The pause the portal asked for that still runs at `now`, or None.

        Never further than `longest` from now: a pause stored further away was taken under a clock that
        was ahead and has since been put back; it is shortened to `now + longest` and stored so, so that
        it ends then for every process (it is not moved on at each reading).
        """
        text = self.get_setting(PORTAL_PAUSE)
        until = _instant(text)
        if until is None or until <= now:
            return None
        if until - now <= longest:
            return until
        return self.hold_portal(now + longest, now, longest, shorten=True)

    def hold_portal(
        self, until: datetime, now: datetime, longest: timedelta, *, shorten: bool = False
    ) -> datetime:
        """Pause portal requests of every process until `until`, at most `longest` from now; returns the
        pause in force. A running pause that ends later (and within the bound) is kept, unless `shorten`."""
        until = min(until, now + longest)
        with self._w.begin() as conn:
            row = conn.exec_driver_sql("SELECT value FROM setting WHERE name = ?", (PORTAL_PAUSE,)).first()
            current = _instant(self._open("setting", "value", PORTAL_PAUSE, row[0]) if row else None)
            if not shorten and current is not None and until < current <= now + longest:
                return current
            conn.exec_driver_sql(
                "INSERT INTO setting (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (
                    PORTAL_PAUSE,
                    self._seal("setting", "value", PORTAL_PAUSE, utc_text(until)),
                    utc_text(now_utc()),
                ),
            )
        return until


def _instant(text: object) -> datetime | None:
    """A stored instant (utc_text form), or None when absent or unreadable."""
    if not isinstance(text, str):
        return None
    try:
        return parse_utc(text)
    except ValueError:
        return None
