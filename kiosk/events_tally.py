"""A volunteer event (name, ward, date) and its running tally, kept as references only.

The event and the dossiers started at it are kept in the sealed `setting` table as one JSON value: the
event's own fields (not personal data) and, per dossier, only its client_ref, procedure code and whether
it was submitted. The tally (started / submitted / by procedure) is counted from those references.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Protocol

from kiosk.errors import KioskError
from kiosk.rules.dates import parse_date

VIETNAM = timezone(timedelta(hours=7), "ICT")
SETTING = "event:current"
ENDED = "event:ended"  # the events ended on this terminal, newest first, with their tallies
ENDED_KEPT = 100
NAME_MAX = 120
SUBMITTED_STATES = frozenset({"queued", "submitted", "needs_attention"})


class _Summary(Protocol):
    @property
    def client_ref(self) -> str: ...
    @property
    def procedure_code(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def state(self) -> object: ...


class _Settings(Protocol):
    def get_setting(self, name: str) -> str | None: ...
    def set_setting(self, name: str, value: str | None) -> None: ...


@dataclass(frozen=True)
class Tally:
    started: int
    submitted: int
    by_procedure: dict[str, int]  # procedure code → dossiers started, most first


@dataclass(frozen=True)
class CommunityEvent:
    """One event of a community digital team; `refs` holds client_ref → procedure code, nothing more."""

    id: str
    name: str
    province_code: str
    ward_code: str
    day: date
    started_at: datetime
    refs: dict[str, str] = field(default_factory=dict)
    submitted: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "province_code": self.province_code,
            "ward_code": self.ward_code,
            "day": self.day.isoformat(),
            "started_at": self.started_at.astimezone(UTC).isoformat(),
            "refs": dict(self.refs),
            "submitted": sorted(self.submitted),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CommunityEvent:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            province_code=str(data.get("province_code", "")),
            ward_code=str(data.get("ward_code", "")),
            day=date.fromisoformat(str(data["day"])),
            started_at=datetime.fromisoformat(str(data["started_at"])),
            refs={str(k): str(v) for k, v in dict(data.get("refs") or {}).items()},
            submitted=frozenset(str(r) for r in data.get("submitted") or ()),
        )

    def tally(self) -> Tally:
        counts = Counter(self.refs.values())
        ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return Tally(len(self.refs), len(self.submitted & self.refs.keys()), ordered)

    def noting(self, summary: _Summary) -> CommunityEvent:
        """The event with a dossier counted, when it was started during the event; else unchanged."""
        if summary.created_at < self.started_at and summary.client_ref not in self.refs:
            return self
        refs = {**self.refs, summary.client_ref: summary.procedure_code}
        state = getattr(summary.state, "value", summary.state)
        submitted = self.submitted | {summary.client_ref} if state in SUBMITTED_STATES else self.submitted
        if refs == self.refs and submitted == self.submitted:
            return self
        return replace(self, refs=refs, submitted=frozenset(submitted))


def new_event(name: str, province_code: str, ward_code: str, day_text: str, now: datetime) -> CommunityEvent:
    """An event from what the volunteer typed; KioskError naming what to fix."""
    clean = " ".join(name.split())
    if not clean:
        raise KioskError("agents.event.name_required")
    if len(clean) > NAME_MAX:
        raise KioskError("agents.event.name_too_long", limit=NAME_MAX)
    if not ward_code:
        raise KioskError("agents.event.ward_required")
    # Today or before (an event's date typed as 2027 was accepted): its tally counts from now on.
    day = parse_date(day_text, today=now.astimezone(VIETNAM).date(), not_future=True)
    return CommunityEvent(str(uuid.uuid4()), clean, province_code, ward_code, day, now)


def current_event(store: _Settings) -> CommunityEvent | None:
    value = store.get_setting(SETTING)
    return CommunityEvent.from_json(json.loads(value)) if value else None


def save_event(store: _Settings, event: CommunityEvent | None) -> None:
    store.set_setting(SETTING, None if event is None else json.dumps(event.to_json(), ensure_ascii=False))


def finish_event(store: _Settings) -> CommunityEvent | None:
    """End the running event: its tally is kept among the ended events (newest first), not erased."""
    event = current_event(store)
    if event is None:
        return None
    kept = [event.to_json(), *(e.to_json() for e in ended_events(store))][:ENDED_KEPT]
    store.set_setting(ENDED, json.dumps(kept, ensure_ascii=False))
    save_event(store, None)
    return event


def ended_events(store: _Settings) -> list[CommunityEvent]:
    """The events ended on this terminal, newest first."""
    value = store.get_setting(ENDED)
    return [CommunityEvent.from_json(item) for item in json.loads(value)] if value else []


def note_dossier(store: _Settings, client_ref: str, summary: _Summary | None) -> CommunityEvent | None:
    """Count a dossier that changed (store worker; `summary` None: it is gone): the event afterwards.

    A draft deleted before it was submitted no longer counts as started."""
    event = current_event(store)
    if event is None:
        return event
    if summary is None:
        if client_ref not in event.refs or client_ref in event.submitted:
            return event
        updated = replace(event, refs={r: c for r, c in event.refs.items() if r != client_ref})
    else:
        updated = event.noting(summary)
    if updated is not event:
        save_event(store, updated)
    return updated
