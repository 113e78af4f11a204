"""A volunteer event (name, ward, date) and its running tally, kept as references only.

The event and the dossiers started at it are kept in the sealed `setting` table as one JSON value: the
event's own fields (not personal data) and, per dossier, only its client_ref, procedure code and whether
it was filed, and then sent to the portal or sent back for a correction. The tally (started / waiting to
be sent / sent / to correct / by procedure) is counted from those references: a dossier saved while the
network is down is "chờ gửi" until the portal has it, never "đã nộp" (issue #17).
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
SUBMITTED_STATES = frozenset({"queued", "submitted", "needs_attention"})  # filed: the person is done


class _Summary(Protocol):
    @property
    def client_ref(self) -> str: ...
    @property
    def procedure_code(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def state(self) -> object: ...
    @property
    def dossier_code(self) -> str | None: ...


class _Settings(Protocol):
    def get_setting(self, name: str) -> str | None: ...
    def set_setting(self, name: str, value: str | None) -> None: ...


class _Dossiers(_Settings, Protocol):
    def dossier_summary(self, client_ref: str) -> _Summary | None: ...


@dataclass(frozen=True)
class Tally:
    started: int
    waiting: int  # filed, saved on this computer, not at the portal yet ("chờ gửi")
    sent: int  # the portal has it (a dossier code): "đã gửi"
    attention: int  # filed, then sent back for a correction (or being corrected): "cần sửa"
    by_procedure: dict[str, int]  # procedure code → dossiers started, most first

    @property
    def submitted(self) -> int:
        """Filed by the person (waiting, sent or to correct)."""
        return self.waiting + self.sent + self.attention


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
    submitted: frozenset[str] = frozenset()  # filed (queued or beyond)
    sent: frozenset[str] = frozenset()  # of those, the portal has them
    attention: frozenset[str] = frozenset()  # of those, sent back to correct (or being corrected)

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
            "sent": sorted(self.sent),
            "attention": sorted(self.attention),
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
            # Kept before issue #17 without these: recount() reads them again from the store.
            sent=frozenset(str(r) for r in data.get("sent") or ()),
            attention=frozenset(str(r) for r in data.get("attention") or ()),
        )

    def tally(self) -> Tally:
        counts = Counter(self.refs.values())
        ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        filed = self.submitted & self.refs.keys()
        sent = self.sent & filed
        attention = (self.attention & filed) - sent
        return Tally(len(self.refs), len(filed - sent - attention), len(sent), len(attention), ordered)

    def noting(self, summary: _Summary) -> CommunityEvent:
        """The event with a dossier counted, when it was started during the event; else unchanged."""
        ref = summary.client_ref
        if summary.created_at < self.started_at and ref not in self.refs:
            return self
        refs = {**self.refs, ref: summary.procedure_code}
        state = getattr(summary.state, "value", summary.state)
        submitted = self.submitted | {ref} if state in SUBMITTED_STATES else self.submitted
        # Sent once the portal has it (its dossier code); to correct while it came back needing a change
        # or is being changed after it was filed; else, filed, it waits to be sent.
        on_portal = state == "submitted" or bool(getattr(summary, "dossier_code", None))
        sent = self.sent | {ref} if on_portal else self.sent - {ref}
        fixing = not on_portal and (state == "needs_attention" or (state == "draft" and ref in submitted))
        attention = self.attention | {ref} if fixing else self.attention - {ref}
        if (refs, submitted, sent, attention) == (self.refs, self.submitted, self.sent, self.attention):
            return self
        return replace(
            self,
            refs=refs,
            submitted=frozenset(submitted),
            sent=frozenset(sent),
            attention=frozenset(attention),
        )

    def recount(self, store: _Dossiers) -> CommunityEvent:
        """The event with each of its dossiers counted again as the store has it now (sent by another
        process, or while the window was closed; an event kept before "sent" was counted)."""
        event = self
        for ref in list(self.refs):
            summary = store.dossier_summary(ref)
            if summary is not None:
                event = event.noting(summary)
            elif ref not in event.submitted:  # a draft deleted before it was filed
                event = replace(event, refs={r: c for r, c in event.refs.items() if r != ref})
        return event


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


def load_event(store: _Dossiers) -> CommunityEvent | None:
    """The running event, recounted from the store (and kept so) — what the window shows at start."""
    event = current_event(store)
    if event is None:
        return None
    counted = event.recount(store)
    if counted != event:
        save_event(store, counted)
    return counted


def ended_events_counted(store: _Dossiers) -> list[CommunityEvent]:
    """The ended events with their dossiers counted as the store has them now (sent since, say)."""
    return [event.recount(store) for event in ended_events(store)]


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
