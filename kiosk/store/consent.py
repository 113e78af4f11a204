"""The citizen's consent to be filed for, recorded on a draft when it is given (at "Kiểm tra lại thông tin").

A draft is created when the journey starts, before anyone has been asked; consent is given on the check
page just before "Nộp hồ sơ". So it cannot travel in `Assisted` at `create_draft`: this sets
`dossier.consent_at` on the draft (the time sync sends as `assisted_by.consent_at`) and appends a
`consent.recorded` audit entry, in one transaction. A plain function over the store, so `Store` itself
is unchanged; call it on the store worker, right before `finalize`.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.errors import KioskError
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import DossierState, now_utc


def record_consent(store: StoreBase, client_ref: str, at: datetime, actor: str) -> None:
    """Record that the citizen agreed, at `at`, to `actor` filing this draft for them."""
    if at.tzinfo is None:
        raise ValueError("consent time must be timezone-aware")
    with store._write() as session:
        row = store._dossier_row(session, client_ref)
        if row.state != DossierState.DRAFT.value:
            raise KioskError("store.wrong_state", ref=client_ref, state=row.state)
        row.consent_at, row.updated_at = at, now_utc()
        session.add(row)
        session.flush()
        append_entry(
            session.connection(), actor, "consent.recorded", client_ref, on_behalf_of=row.authorization_ref
        )
