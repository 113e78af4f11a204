"""Tracking one dossier: status history in plain Vietnamese, due date, result, and a supplement request.

On open it shows what the store holds, then asks the portal (network pool) and records the answer on the
store worker; offline it says the figures may be out of date. At status 5 the portal's request is shown
with the applicant's phone number to call (decrypted on the store worker, assisted modes only) and
"Thêm giấy tờ bổ sung". `TrackingScreens` moves between the find page, this view and the supplement page.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.config import ASSISTED_MODES
from kiosk.damage import damage_message
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.statuses import status_label
from ui.context import AppContext
from ui.find_dossier import SUPPLEMENT_STATUS, VIETNAM, procedure_name
from ui.widgets import ScrollPage, bullet, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.store import Store
    from ui.find_dossier import FindDossierPage
    from ui.main_window import MainWindow
    from ui.services import Services

log = logging.getLogger("ui.tracking")


@dataclass(frozen=True)
class TrackInfo:
    """What the view shows; `phone` only in assisted modes, and only while the view is open."""

    client_ref: str | None
    code: str | None
    ref: str
    procedure_code: str | None = None
    state: str | None = None
    status: int | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    due_at: str | None = None
    supplement_request: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    phone: str | None = None
    supplement_pending: bool = False
    supplement_refused: bool = False
    problem: dict[str, Any] | None = None  # why it needs attention (sealed; shown only when damaged data)


class PortalNotFound(Exception):
    """The portal has no dossier with this code."""


class Offline(Exception):
    """The portal could not be asked (no network, not configured, asked to wait)."""


def load_info(store: Store, client_ref: str, with_phone: bool) -> TrackInfo:
    """Store worker: the dossier as the store holds it."""
    from kiosk.store import OutboxKind, OutboxState

    dossier = store.get_dossier(client_ref)
    summary = dossier.summary
    supplements = [i for i in store.outbox_items(client_ref) if i.kind == OutboxKind.SUPPLEMENT]
    last = supplements[-1].state if supplements else None
    phone = dossier.applicant.get("phone") if with_phone else None
    return TrackInfo(
        client_ref=client_ref,
        code=summary.dossier_code,
        ref=summary.dossier_code or summary.local_ref,
        procedure_code=summary.procedure_code,
        state=summary.state.value,
        status=summary.portal_status,
        history=list(dossier.history),
        due_at=(dossier.receipt or {}).get("due_at"),
        supplement_request=dossier.supplement_request,
        result=dossier.result,
        phone=phone if isinstance(phone, str) and phone else None,
        supplement_pending=last == OutboxState.PENDING,
        supplement_refused=last == OutboxState.FAILED,
        problem=dossier.problem if summary.state.value == "needs_attention" else None,
    )


def fetch_status(services: Services, code: str) -> dict[str, Any]:
    """Network worker: GET /dossiers/{code}; Offline or PortalNotFound otherwise."""
    from sync.client import NotBefore, Unreachable

    try:
        client = services.portal_client()
    except KioskError:
        raise Offline from None
    try:
        reply = client.get_dossier(code)
    except Unreachable:
        raise Offline from None
    finally:
        client.close()
    if isinstance(reply, NotBefore) or reply.status >= 500 or reply.status in (401, 403, 429):
        raise Offline
    if reply.status == 404:
        raise PortalNotFound
    body: dict[str, Any] = reply.json()
    return body


def record_fetched(store: Store, client_ref: str, body: dict[str, Any], with_phone: bool) -> TrackInfo:
    """Store worker: keep the portal's answer (sealed), then the dossier as it now stands."""
    status = body.get("status")
    if isinstance(status, int):
        history = body.get("history")
        store.record_status(
            client_ref,
            status,
            history if isinstance(history, list) else [],
            body.get("supplement_request"),
            body.get("result"),
        )
    return load_info(store, client_ref, with_phone)


def portal_only(code: str, body: dict[str, Any]) -> TrackInfo:
    """A dossier filed elsewhere: only what the portal says."""
    status = body.get("status")
    history = body.get("history")
    return TrackInfo(
        client_ref=None,
        code=code,
        ref=code,
        procedure_code=body.get("procedure_code"),
        status=status if isinstance(status, int) else None,
        history=history if isinstance(history, list) else [],
        due_at=body.get("due_at"),
        supplement_request=body.get("supplement_request"),
        result=body.get("result"),
    )


def _day(iso: object) -> str | None:
    if not isinstance(iso, str) or not iso:
        return None
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    from kiosk.rules.dates import format_date

    return format_date((when.astimezone(VIETNAM) if when.tzinfo else when).date())


class TrackingView(ScrollPage):
    """One dossier's progress; `open_dossier(client_ref)` or `open_code(code)` (filed elsewhere)."""

    back_requested = Signal()
    supplement_requested = Signal(str)  # client_ref
    reprint_requested = Signal(str)  # client_ref

    def __init__(self, context: AppContext | None, lang: Lang, catalog: Catalog | None = None) -> None:
        super().__init__()
        self.setObjectName("page-tracking")
        self.context, self.lang, self.catalog = context, lang, catalog
        self.info: TrackInfo | None = None
        self.freshness: str | None = None  # refreshing | updated | offline | not_found
        self.updated_at: datetime | None = None
        self._opened = 0
        self.back = button("", "link")
        self.back.setObjectName("tracking-back")
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = label("", "h1")
        self.content_box = QVBoxLayout()
        self.content_box.setSpacing(8)
        self.refresh_button = button("", "secondary")
        self.refresh_button.setObjectName("tracking-refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.reprint = button("", "secondary")
        self.reprint.setObjectName("tracking-reprint")
        self.reprint.clicked.connect(self._reprint)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.heading)
        self.body.addLayout(self.content_box)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.refresh_button)
        row.addWidget(self.reprint)
        row.addStretch(1)
        self.body.addSpacing(8)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.supplement_button = button("", "primary")
        self.supplement_button.setObjectName("tracking-supplement")
        self.supplement_button.clicked.connect(self._supplement)
        if context is not None:
            context.events.session_did_end.connect(self.forget)
            context.events.dossier_did_change.connect(self._changed)

    def assisted(self) -> bool:
        return self.context is not None and self.context.services.config.mode in ASSISTED_MODES

    # --- opening ---------------------------------------------------------------------------------------
    def open_dossier(self, client_ref: str) -> None:
        """Show what the store holds at once, then refresh from the portal."""
        if self.context is None:
            return
        self._opened += 1
        opened, phone = self._opened, self.assisted()
        self.info, self.freshness = None, None
        self.redraw()

        def loaded(info: TrackInfo) -> None:
            if opened != self._opened:
                return
            self.show_info(info)
            self.refresh()

        self.context.tasks.run_store(lambda store: load_info(store, client_ref, phone), loaded, self._failed)

    def open_code(self, code: str) -> None:
        """A dossier filed elsewhere: only the portal knows it."""
        self._opened += 1
        self.info = TrackInfo(client_ref=None, code=code, ref=code)
        self.freshness = None
        self.redraw()
        self.refresh()

    def show_info(self, info: TrackInfo, freshness: str | None = None) -> None:
        self.info = info
        if freshness is not None:
            self.freshness = freshness
        self.redraw()

    def refresh(self) -> None:
        """Ask the portal (network pool); record its answer on the store worker."""
        info, context = self.info, self.context
        if info is None or context is None or info.code is None:
            return
        opened, code, ref, phone = self._opened, info.code, info.client_ref, self.assisted()
        self.freshness = "refreshing"
        self.redraw()

        def fetched(body: dict[str, Any]) -> None:
            if opened != self._opened:
                return
            self.updated_at = datetime.now(VIETNAM)
            if ref is None:
                self.show_info(portal_only(code, body), "updated")
                return
            context.tasks.run_store(
                lambda store: record_fetched(store, ref, body, phone),
                lambda info: self._recorded(opened, info),
            )

        def failed(error: BaseException) -> None:
            if opened != self._opened:
                return
            self.freshness = "not_found" if isinstance(error, PortalNotFound) else "offline"
            if not isinstance(error, Offline | PortalNotFound):
                log.warning("tracking %s: %s", ref or "portal-only", type(error).__name__)
            if isinstance(error, Offline):
                context.events.portal_unreachable.emit()
            self.redraw()

        with contextlib.suppress(RuntimeError):  # the app is closing: nothing to refresh any more
            context.tasks.run_network(lambda: fetch_status(context.services, code), fetched, failed)

    def _changed(self, client_ref: str) -> None:
        """Sync moved the open dossier on (a supplement delivered, a status polled): show the store's
        view of it again, without asking the portal; the page said "đang chờ gửi" after delivery."""
        info, context = self.info, self.context
        if info is None or context is None or info.client_ref != client_ref or not self.isVisible():
            return
        opened, phone = self._opened, self.assisted()

        def loaded(fresh: TrackInfo) -> None:
            if opened != self._opened:
                return
            self.show_info(fresh)
            if self.freshness == "offline":  # sync reached the portal: ask it again, not say it is away
                self.refresh()

        context.tasks.run_store(lambda store: load_info(store, client_ref, phone), loaded, self._failed)

    def _recorded(self, opened: int, info: TrackInfo) -> None:
        if opened != self._opened:
            return
        self.show_info(info, "updated")
        if self.context is not None and info.client_ref is not None:
            self.context.events.dossier_did_change.emit(info.client_ref)

    def _failed(self, error: BaseException) -> None:
        log.warning("tracking could not load a dossier: %s", type(error).__name__)
        self.freshness = "offline"
        self.redraw()

    def _reprint(self) -> None:
        if self.info is not None and self.info.client_ref is not None:
            self.reprint_requested.emit(self.info.client_ref)

    def _supplement(self) -> None:
        if self.info is not None and self.info.client_ref is not None:
            self.supplement_requested.emit(self.info.client_ref)

    # --- showing ---------------------------------------------------------------------------------------
    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.redraw()

    def redraw(self) -> None:
        lang, info = self.lang, self.info
        self.back.setText(t("tracking.back", lang))
        self.back.setAccessibleName(self.back.text())
        self.refresh_button.setText(t("tracking.view.refresh", lang))
        self.refresh_button.setAccessibleName(t("tracking.view.refresh_name", lang))
        self.reprint.setText(t("tracking.row.reprint", lang))
        self.reprint.setAccessibleName(self.reprint.text())
        self.supplement_button.setText(t("tracking.view.supplement", lang))
        self.supplement_button.setAccessibleName(t("tracking.view.supplement_name", lang))
        self.supplement_button.setParent(None)
        clear_layout(self.content_box)
        self.heading.setText(t("tracking.view.heading", lang, ref=info.ref) if info else "")
        self.heading.setAccessibleName(self.heading.text())
        self.reprint.setVisible(bool(info and info.client_ref and info.state != "draft"))
        self.refresh_button.setVisible(bool(info and info.code))
        if info is None:
            return
        add = self.content_box.addWidget
        if info.procedure_code:
            add(label(procedure_name(self.catalog, info.procedure_code, lang), "h2"))
        if info.status is not None:
            status = label(t("tracking.view.status", lang, status=status_label(info.status, lang)), "key")
            status.setObjectName("tracking-status")
            add(status)
        procedure = self.catalog.procedures.get(info.procedure_code or "") if self.catalog else None
        damaged = damage_message(info.problem, procedure, lang)
        if damaged is not None:
            add(label(damaged, "error"))  # which part was damaged on this computer, and what to do
        elif info.code is None:
            add(label(t("tracking.view.not_sent", lang)))
        elif info.state == "needs_attention":
            add(label(t("tracking.view.needs_attention", lang), "error"))
        due = _day(info.due_at)
        if due:
            add(label(t("tracking.view.due", lang, date=due)))
        if self.freshness is not None:
            add(self._freshness_label())
        if info.status == SUPPLEMENT_STATUS and info.supplement_request:
            self._request(info)
        self._history(info)
        if info.result:
            self._result(info.result)

    def _freshness_label(self) -> Any:
        lang, info = self.lang, self.info
        if self.freshness == "refreshing":
            text, role = t("tracking.view.refreshing", lang), "muted"
        elif self.freshness == "updated" and self.updated_at is not None:
            text, role = t("tracking.view.updated", lang, time=self.updated_at.strftime("%H:%M")), "muted"
        elif self.freshness == "not_found":
            text, role = t("tracking.view.not_found", lang, code=info.code if info else ""), "error"
        else:
            text, role = t("tracking.view.offline", lang), "error"
        widget = label(text, role)
        widget.setObjectName("tracking-freshness")
        return widget

    def _request(self, info: TrackInfo) -> None:
        lang, add = self.lang, self.content_box.addWidget
        request = info.supplement_request or {}
        add(label(t("tracking.view.request_heading", lang), "h2"))
        asked = _day(request.get("requested_at"))
        if asked:
            add(label(t("tracking.view.request_date", lang, date=asked), "muted"))
        if request.get("note"):
            note = label(str(request["note"]))
            note.setObjectName("tracking-request-note")
            add(note)
        documents = [d for d in request.get("documents") or [] if isinstance(d, dict)]
        if documents:
            add(label(t("tracking.view.request_documents", lang), "key"))
            for doc in documents:
                add(bullet(str(doc.get("label") or doc.get("doc_type"))))
        questions = [str(q) for q in request.get("questions") or []]
        if questions:
            add(label(t("tracking.view.request_questions", lang), "key"))
            proc = self.catalog.procedures.get(info.procedure_code or "") if self.catalog else None
            for qid in questions:
                try:
                    words = proc.question(qid).label.get(lang) if proc else qid
                except KeyError:
                    words = qid
                add(bullet(words))
        if self.assisted() and info.client_ref is not None:
            phone = label(
                t("tracking.view.phone", lang, phone=info.phone)
                if info.phone
                else t("tracking.view.phone_none", lang),
                "key",
            )
            phone.setObjectName("tracking-phone")
            phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            add(phone)
            if info.supplement_pending:
                add(label(t("tracking.view.supplement_queued", lang)))
            else:
                if info.supplement_refused:
                    add(label(t("tracking.view.supplement_refused", lang), "error"))
                self.content_box.addWidget(self.supplement_button, 0, Qt.AlignmentFlag.AlignLeft)
                self.supplement_button.setVisible(True)

    def _history(self, info: TrackInfo) -> None:
        lang, add = self.lang, self.content_box.addWidget
        add(label(t("tracking.view.history_heading", lang), "h2"))
        steps = [s for s in info.history if isinstance(s, dict)]
        if not steps:
            add(label(t("tracking.view.history_empty", lang), "muted"))
        for step in steps:
            status = step.get("status")
            when = _day(step.get("at")) or "—"
            words = status_label(status, lang) if isinstance(status, int) else "—"
            note = step.get("note")
            add(
                bullet(
                    t("tracking.view.history_item", lang, date=when, status=words),
                    str(note) if note else None,
                )
            )

    def _result(self, result: dict[str, Any]) -> None:
        lang, add = self.lang, self.content_box.addWidget
        add(label(t("tracking.view.result_heading", lang), "h2"))
        issued = _day(result.get("issued_at"))
        if issued:
            add(label(t("tracking.view.result_issued", lang, date=issued)))
        if result.get("note"):
            add(label(str(result["note"])))
        for doc in result.get("documents") or []:
            if isinstance(doc, dict):
                add(bullet(str(doc.get("label") or doc.get("doc_type"))))

    def forget(self) -> None:
        """ "Người tiếp theo": the phone number and the portal's notes leave the screen."""
        self._opened += 1
        self.info, self.freshness = None, None
        self.redraw()

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.back.setFocus(Qt.FocusReason.OtherFocusReason)


class TrackingScreens(QObject):
    """Moves between "Tra cứu hồ sơ", the tracking view and the supplement page in the window's stack."""

    def __init__(self, window: MainWindow, find: FindDossierPage) -> None:
        super().__init__(window)
        from ui.supplement import SupplementPage

        self.window, self.find = window, find
        context = window.context
        self.view = TrackingView(context, window.lang, window.catalog)
        self.supplement = SupplementPage(context, window.lang, window.catalog)
        for page in (self.view, self.supplement):
            window.stack.addWidget(page)
        find.back_requested.connect(window.show_home)
        find.view_requested.connect(self.show_dossier)
        find.portal_requested.connect(self.show_code)
        find.reprint_requested.connect(self.reprint)
        self.view.back_requested.connect(self.show_find)
        self.view.reprint_requested.connect(self.reprint)
        self.view.supplement_requested.connect(self.show_supplement)
        self.supplement.back_requested.connect(self.back_to_view)
        self.supplement.sent.connect(self.back_to_view)

    def show_find(self) -> None:
        self.window.stack.setCurrentWidget(self.find)
        self.find.arrive()

    def show_dossier(self, client_ref: str) -> None:
        self.view.catalog = self.window.catalog
        self.view.open_dossier(client_ref)
        self.window.stack.setCurrentWidget(self.view)
        self.view.arrive()

    def show_code(self, code: str) -> None:
        self.view.open_code(code)
        self.window.stack.setCurrentWidget(self.view)
        self.view.arrive()

    def show_supplement(self, client_ref: str) -> None:
        self.supplement.catalog = self.window.catalog
        self.supplement.open_dossier(client_ref)
        self.window.stack.setCurrentWidget(self.supplement)
        self.supplement.arrive()

    def back_to_view(self, client_ref: str) -> None:
        self.show_dossier(client_ref)

    def reprint(self, client_ref: str) -> None:
        context = self.window.context
        if context is None:
            return
        from ui.receipt import show_receipt

        show_receipt(self.window, context, client_ref, self.window.lang)

    def retranslate(self, lang: Lang) -> None:
        self.view.retranslate(lang)
        self.supplement.retranslate(lang)
