"""This terminal's clock as last measured against the portal's, remembered across processes.

The sync layer measures the skew at every /health probe (sync/clock.py ClockRecorder) and records it here; the
core reads it back to decide whether the clock can be trusted where a wrong one does harm: retention
(kiosk/store/retention.py) purges only while a recent measurement says the clock agrees with the portal,
and a final status without the portal's own time is stamped with the portal's time (our clock minus the
measured skew) rather than ours.

A measurement is trusted only for FRESH_FOR after it was taken, by this clock: a clock moved forward
since makes it stale, a clock moved back makes it lie in the future; neither is trusted.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.crypto import IntegrityError
from kiosk.store.base import StoreBase
from kiosk.store.models import now_utc, parse_utc, utc_text

log = logging.getLogger(__name__)
CLOCK_CHECK_SETTING = "clock_check"
MAX_SKEW = timedelta(seconds=120)  # as `kiosk doctor` (ui/doctor.py check_portal)
FRESH_FOR = timedelta(hours=1)
# How far a measurement may lie ahead of this clock (two processes' clocks read a moment apart).
AHEAD_SLACK = timedelta(minutes=1)


@dataclass(frozen=True)
class ClockCheck:
    """One measurement: `skew` is our clock minus the portal's, `measured_at` by our clock."""

    skew: timedelta
    measured_at: datetime

    def taken_after(self, now: datetime) -> bool:
        """The measurement lies in this clock's future: the clock was set back since it was taken."""
        return self.measured_at - now > AHEAD_SLACK

    def fresh(self, now: datetime) -> bool:
        """Taken within FRESH_FOR before `now`, by this clock."""
        return not self.taken_after(now) and now - self.measured_at <= FRESH_FOR

    def agrees(self) -> bool:
        """The clock was within MAX_SKEW of the portal's."""
        return abs(self.skew) <= MAX_SKEW

    def portal_now(self, now: datetime) -> datetime:
        """The portal's time at our `now`, by this measurement."""
        return now - self.skew


class ClockOps(StoreBase):
    """The last clock measurement: a row of the `setting` table, sealed like the others (kiosk/store/
    settings.py; not a subclass of it, so the Store's mixins keep one order), with no personal data."""

    def record_clock_check(self, skew_seconds: float, measured_at: datetime) -> None:
        value = json.dumps({"skew_seconds": float(skew_seconds), "measured_at": utc_text(measured_at)})
        with self._w.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO setting (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (
                    CLOCK_CHECK_SETTING,
                    self._seal("setting", "value", CLOCK_CHECK_SETTING, value),
                    utc_text(now_utc()),
                ),
            )

    def last_clock_check(self) -> ClockCheck | None:
        """The last measurement recorded by any process, or None when there is none (or it is unreadable:
        retention then refuses, as with none)."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT value FROM setting WHERE name = ?", (CLOCK_CHECK_SETTING,)
            ).first()
        if row is None:
            return None
        try:
            value = json.loads(self._open("setting", "value", CLOCK_CHECK_SETTING, row[0]))
            return ClockCheck(
                skew=timedelta(seconds=float(value["skew_seconds"])),
                measured_at=parse_utc(str(value["measured_at"])),
            )
        except (ValueError, KeyError, TypeError, OverflowError, IntegrityError):
            log.warning("the recorded clock check is unreadable")
            return None
