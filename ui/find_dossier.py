"""The "Tra cứu hồ sơ" (assisted modes): find a dossier by code, local reference, receipt QR or CCCD number.

The page also lists the dossiers the portal sent back for documents ("Hồ sơ cần bổ sung", status 5). Every
lookup runs on the store worker through kiosk.lookup; a CCCD number leaves its field as soon as the
search starts and only its keyed blind index reaches the store. Results show references, codes, states
and dates: no personal data. `install_tracking` wires the header button, the tracking view and the
supplement page into the main window.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from kiosk.config import ASSISTED_MODES
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.lookup import find_by_id_number, find_by_reference, read_reference
from kiosk.rules.dates import format_date
from kiosk.statuses import status_label
from ui.context import AppContext
from ui.widgets import ScrollPage, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.store import DossierSummary, Store
    from ui.main_window import MainWindow

VIETNAM = timezone(timedelta(hours=7), "ICT")
SUPPLEMENT_STATUS = 5


def day(when: datetime | None) -> str:
    return format_date(when.astimezone(VIETNAM).date()) if when is not None else "—"


def needing_supplement(store: Store) -> list[DossierSummary]:
    """Store worker: submitted dossiers the portal sent back for documents (status 5), oldest first."""
    from kiosk.store import DossierState

    found = [s for s in store.list_dossiers([DossierState.SUBMITTED]) if s.portal_status == SUPPLEMENT_STATUS]
    return sorted(found, key=lambda s: s.updated_at)


def procedure_name(catalog: Catalog | None, code: str, lang: Lang) -> str:
    proc = catalog.procedures.get(code) if catalog is not None else None
    return proc.name.get(lang) if proc is not None else code


class DossierRow(QFrame):
    """One dossier found: procedure, reference, state, portal status, dates; "Xem" and "In lại biên nhận"."""

    def __init__(self, summary: DossierSummary, catalog: Catalog | None, lang: Lang) -> None:
        super().__init__()
        self.summary = summary
        self.setProperty("role", "panel")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(4)
        ref = summary.dossier_code or summary.local_ref
        column.addWidget(label(procedure_name(catalog, summary.procedure_code, lang), "h3"))
        lines = [
            t("tracking.row.code", lang, code=summary.dossier_code)
            if summary.dossier_code
            else t("tracking.row.local", lang, ref=summary.local_ref),
            t("tracking.row.state", lang, state=t(f"state.{summary.state.value}", lang)),
        ]
        if summary.portal_status is not None:
            lines.append(t("tracking.row.status", lang, status=status_label(summary.portal_status, lang)))
        if summary.submitted_at is not None:
            lines.append(
                t(
                    "tracking.row.dates",
                    lang,
                    created=day(summary.created_at),
                    submitted=day(summary.submitted_at),
                )
            )
        else:
            lines.append(t("tracking.row.dates_unsent", lang, created=day(summary.created_at)))
        for line in lines:
            column.addWidget(label(line))
        row = QHBoxLayout()
        row.setSpacing(12)
        self.view = button(
            t("tracking.row.view", lang), "primary", t("tracking.row.view_name", lang, ref=ref)
        )
        self.view.setObjectName(f"view-{summary.client_ref}")
        self.reprint = button(
            t("tracking.row.reprint", lang), "secondary", t("tracking.row.reprint_name", lang, ref=ref)
        )
        self.reprint.setObjectName(f"reprint-{summary.client_ref}")
        self.reprint.setVisible(summary.state.value != "draft")
        row.addWidget(self.view)
        row.addWidget(self.reprint)
        row.addStretch(1)
        column.addLayout(row)


class FindDossierPage(ScrollPage):
    """Search by what the citizen holds; the agent's list of dossiers needing documents below."""

    view_requested = Signal(str)  # client_ref
    portal_requested = Signal(str)  # a dossier code not filed here: its status from the portal only
    reprint_requested = Signal(str)  # client_ref
    back_requested = Signal()

    def __init__(self, context: AppContext | None, lang: Lang, catalog: Catalog | None = None) -> None:
        super().__init__()
        self.setObjectName("page-find-dossier")
        self.context, self.lang, self.catalog = context, lang, catalog
        self.results: list[DossierSummary] = []
        self.needs: list[DossierSummary] = []
        self._message: tuple[str, dict[str, object]] | None = None
        self._portal_code: str | None = None
        self._search_id = 0
        self.back = button("", "link")
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = label("", "h1")
        self.ref_label = label("", "key")
        self.ref_hint = label("", "muted")
        self.ref_input = QLineEdit()
        self.ref_input.setObjectName("find-ref")
        self.ref_input.returnPressed.connect(self.search_reference)
        self.ref_button = button("", "primary")
        self.ref_button.setObjectName("find-ref-button")
        self.ref_button.clicked.connect(self.search_reference)
        self.id_label = label("", "key")
        self.id_hint = label("", "muted")
        self.id_input = QLineEdit()
        self.id_input.setObjectName("find-id")
        self.id_input.setMaxLength(15)
        self.id_input.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.id_input.returnPressed.connect(self.search_id_number)
        self.id_button = button("", "secondary")
        self.id_button.setObjectName("find-id-button")
        self.id_button.clicked.connect(self.search_id_number)
        self.message = label("")
        self.message.setObjectName("find-message")
        self.message.setVisible(False)
        self.portal_button = button("", "secondary")
        self.portal_button.setObjectName("find-portal")
        self.portal_button.setVisible(False)
        self.portal_button.clicked.connect(self._portal)
        self.results_box = QVBoxLayout()
        self.results_box.setSpacing(12)
        self.needs_heading = label("", "h2")
        self.needs_intro = label("", "muted")
        self.needs_box = QVBoxLayout()
        self.needs_box.setSpacing(12)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.heading)
        for text_label, hint, field, action in (
            (self.ref_label, self.ref_hint, self.ref_input, self.ref_button),
            (self.id_label, self.id_hint, self.id_input, self.id_button),
        ):
            self.body.addWidget(text_label)
            self.body.addWidget(hint)
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(field, 1)
            row.addWidget(action)
            self.body.addLayout(row)
        self.body.addWidget(self.message)
        self.body.addWidget(self.portal_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addLayout(self.results_box)
        self.body.addSpacing(12)
        self.body.addWidget(self.needs_heading)
        self.body.addWidget(self.needs_intro)
        self.body.addLayout(self.needs_box)
        self.body.addStretch(1)
        if context is not None:
            context.events.session_did_end.connect(self.forget)
            context.events.dossier_did_change.connect(lambda _ref: self.refresh_needs())
        self.retranslate(lang)

    # --- words -----------------------------------------------------------------------------------------
    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.back.setText(t("tracking.home", lang))
        self.back.setAccessibleName(self.back.text())
        self.heading.setText(t("tracking.find.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.ref_label.setText(t("tracking.find.ref_label", lang))
        self.ref_hint.setText(t("tracking.find.ref_hint", lang))
        self.ref_input.setAccessibleName(self.ref_label.text())
        self.ref_input.setAccessibleDescription(self.ref_hint.text())
        self.ref_button.setText(t("tracking.find.search", lang))
        self.ref_button.setAccessibleName(t("tracking.find.search_name", lang))
        self.id_label.setText(t("tracking.find.id_label", lang))
        self.id_hint.setText(t("tracking.find.id_hint", lang))
        self.id_input.setAccessibleName(self.id_label.text())
        self.id_input.setAccessibleDescription(self.id_hint.text())
        self.id_button.setText(t("tracking.find.search_id", lang))
        self.id_button.setAccessibleName(t("tracking.find.search_id_name", lang))
        self.portal_button.setText(t("tracking.find.portal_view", lang))
        self.portal_button.setAccessibleName(self.portal_button.text())
        self.needs_heading.setText(t("tracking.needs.heading", lang))
        self.needs_heading.setAccessibleName(self.needs_heading.text())
        self.needs_intro.setText(t("tracking.needs.intro", lang))
        self._say_again()
        self._fill(self.results_box, self.results)
        self._fill_needs()

    def _say(self, key: str | None, error: bool = False, **params: object) -> None:
        self._message = (key, {"error": error, **params}) if key else None
        self._say_again()

    def _say_again(self) -> None:
        if self._message is None:
            self.message.setVisible(False)
            return
        key, params = self._message
        params = dict(params)
        self.message.setProperty("role", "error" if params.pop("error") else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(t(key, self.lang, **params))
        self.message.setAccessibleName(self.message.text())
        self.message.setVisible(True)

    # --- searching -------------------------------------------------------------------------------------
    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.refresh_needs()
        self.refresh_results()
        self.ref_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_results(self) -> None:
        """The dossiers found, as they are now: back from "Xem" (which asked the portal), a row still said
        "Mới đăng ký" for a dossier whose result had been returned. Those gone meanwhile drop out."""
        if self.context is None or not self.results:
            return
        refs = [summary.client_ref for summary in self.results]
        search = self._search_id

        def work(store: Store) -> list[DossierSummary]:
            return [found for ref in refs if (found := store.dossier_summary(ref)) is not None]

        def done(found: list[DossierSummary]) -> None:
            if search == self._search_id:  # no newer search (or "Người tiếp theo") since
                self.results = found
                self._fill(self.results_box, found)

        self.context.tasks.run_store(work, done)

    def search_reference(self) -> None:
        text = self.ref_input.text()
        try:
            ref = read_reference(text)
        except KioskError as error:
            self._show([], error.key)
            return
        self._run(lambda store: find_by_reference(store, ref), code=ref.value if ref.kind == "code" else None)

    def search_id_number(self) -> None:
        number = self.id_input.text()
        self.id_input.clear()  # the number never stays on screen, nor in a widget, once the search starts
        self._run(lambda store: find_by_id_number(store, number), by_id=True)

    def _run(self, work: object, *, code: str | None = None, by_id: bool = False) -> None:
        if self.context is None:
            return
        self._search_id += 1
        search = self._search_id
        self._say("tracking.find.searching")
        self.portal_button.setVisible(False)

        def done(found: list[DossierSummary]) -> None:
            if search != self._search_id:
                return
            if found:
                self._show(found, "tracking.find.results", count=len(found))
            elif by_id:
                self._show([], "tracking.find.none_id", error=True)
            elif code is not None:
                self._portal_code = code
                self._show([], "tracking.find.portal_only", code=code)
                self.portal_button.setVisible(True)
            else:
                self._show([], "tracking.find.none", error=True, code=self.ref_input.text().strip())

        def failed(error: BaseException) -> None:
            if search != self._search_id:
                return
            if isinstance(error, KioskError):
                self._show([], error.key, error=True, **error.params)
            else:
                self._show([], "tracking.find.failed", error=True)

        self.context.tasks.run_store(work, done, failed)  # type: ignore[arg-type]

    def _show(self, found: list[DossierSummary], key: str, error: bool = True, **params: object) -> None:
        self.results = found
        self._say(key, error=error and not found, **params)
        self._fill(self.results_box, found)

    def _portal(self) -> None:
        if self._portal_code:
            self.portal_requested.emit(self._portal_code)

    # --- lists -----------------------------------------------------------------------------------------
    def refresh_needs(self) -> None:
        if self.context is None or self.context.services.config.mode not in ASSISTED_MODES:
            self.needs = []
            self._fill_needs()
            return

        def done(found: list[DossierSummary]) -> None:
            self.needs = found
            self._fill_needs()

        self.context.tasks.run_store(needing_supplement, done)

    def _fill_needs(self) -> None:
        self._fill(self.needs_box, self.needs)
        if not self.needs:
            self.needs_box.addWidget(label(t("tracking.needs.none", self.lang), "muted"))

    def _fill(self, box: QVBoxLayout, summaries: list[DossierSummary]) -> None:
        clear_layout(box)
        for summary in summaries:
            row = DossierRow(summary, self.catalog, self.lang)
            ref = summary.client_ref
            row.view.clicked.connect(lambda _c=False, r=ref: self.view_requested.emit(r))
            row.reprint.clicked.connect(lambda _c=False, r=ref: self.reprint_requested.emit(r))
            box.addWidget(row)

    def forget(self) -> None:
        """ "Người tiếp theo": nothing typed or found stays on the page."""
        self._search_id += 1
        self.ref_input.clear()
        self.id_input.clear()
        self.results, self._message, self._portal_code = [], None, None
        self.portal_button.setVisible(False)
        self._say_again()
        self._fill(self.results_box, [])


class TrackingLink(QObject):
    """The header's "Tra cứu hồ sơ" (assisted modes), and the pages it leads to."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page: FindDossierPage | None = None
        self.button: QPushButton = button("", "chrome")
        self.button.setObjectName("open-tracking")
        self.button.clicked.connect(self.open)
        window.add_header_button(self.button)
        window.stack.currentChanged.connect(lambda _index: self.update())
        window.display_did_change.connect(lambda *_: self.retranslate())
        self.retranslate()

    def mode(self) -> str | None:
        context = self.window.context
        return context.services.config.mode if context is not None else None

    def update(self) -> None:
        self.button.setVisible(self.mode() in ASSISTED_MODES)

    def open(self) -> None:
        from ui.tracking_view import TrackingScreens

        window = self.window
        if self.mode() not in ASSISTED_MODES:
            return
        if self.page is None:
            self.page = FindDossierPage(window.context, window.lang, window.catalog)
            self.screens = TrackingScreens(window, self.page)
            window.stack.addWidget(self.page)
        self.page.catalog = window.catalog
        window.stack.setCurrentWidget(self.page)
        self.page.arrive()

    def retranslate(self) -> None:
        lang = self.window.lang
        self.button.setText(t("tracking.open", lang))
        self.button.setAccessibleName(t("tracking.open_name", lang))
        if self.page is not None and self.page.lang != lang:
            self.page.retranslate(lang)
            self.screens.retranslate(lang)
        self.update()


def install_tracking(window: MainWindow) -> TrackingLink:
    """Called once by the main window: "Tra cứu hồ sơ" in the header (assisted modes only)."""
    return TrackingLink(window)
