"""Volunteer event mode (community team): an event (name, ward, date), its tally, "Người tiếp theo".

The header's "Sự kiện" (community_team terminals) opens the page: a form to start an event, or, while one
runs, its tally (dossiers started / submitted / by procedure) with "Người tiếp theo" and "Kết thúc sự
kiện". A strip under the header keeps the tally in view on every screen. The tally is counted from
references only (kiosk/events_tally.py), "chờ gửi" and "đã gửi" apart: a dossier saved while the network
is down has not reached the portal. The ward is picked with the journey's address widget.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.catalog import Question, QuestionKind, Text
from kiosk.errors import KioskError
from kiosk.events_tally import (
    CommunityEvent,
    Tally,
    ended_events_counted,
    finish_event,
    load_event,
    new_event,
    note_dossier,
    save_event,
)
from kiosk.i18n import Lang, t
from kiosk.rules.dates import format_date
from ui.journey.inputs import AddressInput
from ui.privacy import ConfirmDialog
from ui.widgets import ScrollPage, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.store import Store
    from ui.main_window import MainWindow

log = logging.getLogger("ui.event_mode")
VIETNAM = timezone(timedelta(hours=7), "ICT")
COMMUNITY = "community_team"
_WARD_QUESTION = Question(id="event_ward", kind=QuestionKind.ADDRESS, label=Text("Phường/xã tổ chức", "Ward"))


def ward_text(event: CommunityEvent) -> str:
    from kiosk.rules.units import ward

    try:
        return ward(event.ward_code).name
    except KioskError:
        return event.ward_code


def tally_text(tally: Tally, lang: Lang) -> str:
    """ "Đã bắt đầu 3 hồ sơ · Chờ gửi 1 · Đã gửi 1" (and " · Cần sửa 1" when some came back)."""
    text = t("agents.event.tally", lang, started=tally.started, waiting=tally.waiting, sent=tally.sent)
    if tally.attention:
        text += t("agents.event.tally_attention", lang, attention=tally.attention)
    return text


def procedure_name(catalog: Catalog | None, code: str, lang: Lang) -> str:
    procedure = catalog.procedures.get(code) if catalog is not None else None
    return procedure.name.get(lang) if procedure is not None else code


class EventPage(ScrollPage):
    """The form to start an event, or the running event's tally."""

    start_requested = Signal(str, str, str, str)  # name, province code, ward code, day text
    end_requested = Signal()
    next_person_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("event-page")
        self.lang: Lang = "vi"
        self.current: CommunityEvent | None = None
        self.catalog: Catalog | None = None
        self.back = button("", "link")
        self.heading = label("", "h1")
        self.heading.setObjectName("event-heading")
        self.intro = label("")
        self.problem = label("", "error")
        self.problem.setObjectName("event-problem")
        self.problem.setVisible(False)
        # The form
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(10)
        self.name_label = label("", "key")
        self.name = QLineEdit()
        self.name.setObjectName("event-name")
        self.name.setMaxLength(120)
        self.ward_label = label("", "h2")
        self.ward = AddressInput(_WARD_QUESTION, "", "vi")
        self.ward.street_label.setVisible(False)  # an event needs the ward only
        self.ward.street.setVisible(False)
        self.day_label = label("", "key")
        self.day = QLineEdit()
        self.day.setObjectName("event-day")
        self.start = button("", "primary")
        self.start.setObjectName("event-start")
        self.name_label.setBuddy(self.name)
        self.day_label.setBuddy(self.day)
        fields: tuple[QWidget, ...] = (
            self.name_label,
            self.name,
            self.ward_label,
            self.ward,
            self.day_label,
            self.day,
        )
        for widget in fields:
            form.addWidget(widget)
        form.addWidget(self.start, 0, Qt.AlignmentFlag.AlignLeft)
        # The events ended here, with their tallies (ending one used to erase its figures)
        self.ended: list[CommunityEvent] = []
        self.ended_heading = label("", "h2")
        self.ended_box = QVBoxLayout()
        form.addSpacing(12)
        form.addWidget(self.ended_heading)
        form.addLayout(self.ended_box)
        # The running event
        self.running = QWidget()
        running = QVBoxLayout(self.running)
        running.setContentsMargins(0, 0, 0, 0)
        running.setSpacing(10)
        self.where = label("")
        self.where.setObjectName("event-where")
        self.tally = label("", "h2")
        self.tally.setObjectName("event-tally")
        self.by_heading = label("", "key")
        self.by_procedure = QVBoxLayout()
        self.next_person = button("", "primary")
        self.next_person.setObjectName("event-next-person")
        self.end = button("", "link")
        self.end.setObjectName("event-end")
        for widget in (self.where, self.tally, self.by_heading):
            running.addWidget(widget)
        running.addLayout(self.by_procedure)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.next_person)
        row.addWidget(self.end)
        row.addStretch(1)
        running.addLayout(row)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.heading, self.intro, self.problem, self.form, self.running):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.back.clicked.connect(self.back_requested.emit)
        self.start.clicked.connect(self._start)
        self.day.returnPressed.connect(self._start)  # the last field: Enter starts the event
        self.end.clicked.connect(self.end_requested.emit)
        self.next_person.clicked.connect(self.next_person_requested.emit)
        self.show_event(None)

    def show_event(self, event: CommunityEvent | None) -> None:
        self.current = event
        self.form.setVisible(event is None)
        self.running.setVisible(event is not None)
        self.start.setEnabled(True)
        self.retranslate(self.lang)

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.back.setText(t("agents.event.back", lang))
        self.back.setAccessibleName(self.back.text())
        event = self.current
        self.heading.setText(event.name if event is not None else t("agents.event.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("agents.event.intro", lang))
        self.intro.setVisible(event is None)
        self.name_label.setText(t("agents.event.name", lang))
        self.name.setAccessibleName(self.name_label.text())
        self.ward_label.setText(t("agents.event.ward", lang))
        self.ward.retranslate(lang)
        self.day_label.setText(t("agents.event.day", lang))
        self.day.setAccessibleName(self.day_label.text())
        for widget, key in (
            (self.start, "agents.event.start"),
            (self.end, "agents.event.end"),
            (self.next_person, "session.next_person"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(widget.text())
        self.next_person.setAccessibleName(t("session.next_person_name", lang))
        self._fill_ended()
        if event is None:
            return
        self.where.setText(f"{ward_text(event)} · {format_date(event.day)}")
        tally = event.tally()
        self.tally.setText(tally_text(tally, lang))
        self.tally.setAccessibleName(self.tally.text())
        self.by_heading.setText(t("agents.event.by_procedure", lang))
        clear_layout(self.by_procedure)
        if not tally.by_procedure:
            self.by_procedure.addWidget(label(t("agents.event.none_yet", lang), "muted"))
        for code, count in tally.by_procedure.items():
            name = procedure_name(self.catalog, code, lang)
            self.by_procedure.addWidget(
                label(t("agents.event.procedure_count", lang, name=name, count=count))
            )

    def show_ended(self, events: list[CommunityEvent]) -> None:
        self.ended = list(events)
        self._fill_ended()

    def _fill_ended(self) -> None:
        lang = self.lang
        self.ended_heading.setText(t("agents.event.ended_heading", lang))
        self.ended_heading.setVisible(bool(self.ended))
        clear_layout(self.ended_box)
        for event in self.ended:
            self.ended_box.addWidget(
                label(
                    t(
                        "agents.event.ended_line",
                        lang,
                        name=event.name,
                        where=ward_text(event),
                        day=format_date(event.day),
                        tally=tally_text(event.tally(), lang),
                    )
                )
            )

    def _start(self) -> None:
        value = self.ward.value()
        assert isinstance(value, dict)
        self.start.setEnabled(False)
        self.start_requested.emit(
            self.name.text(),
            str(value.get("province_code") or ""),
            str(value.get("ward_code") or ""),
            self.day.text(),
        )

    def say(self, text: str) -> None:
        self.start.setEnabled(True)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def arrive(self) -> None:
        self.problem.setVisible(False)
        if self.current is None:
            if not self.day.text():
                self.day.setText(format_date(datetime.now(VIETNAM).date()))
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.next_person.setFocus(Qt.FocusReason.OtherFocusReason)


class EventLink(QObject):
    """ "Sự kiện" in the header (community team), the event page, the tally strip, and the counting."""

    event_did_change = Signal(object)  # CommunityEvent | None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.context = window, window.context
        self.current: CommunityEvent | None = None
        self._loaded = False
        self.button: QPushButton = button("", "chrome")
        self.button.setObjectName("event-open")
        self.button.clicked.connect(self.open)
        window.add_header_button(self.button)
        self.strip = QFrame()
        self.strip.setProperty("role", "status")
        self.strip.setObjectName("event-strip")
        row = QHBoxLayout(self.strip)
        row.setContentsMargins(24, 4, 24, 4)
        self.strip_label = label("")
        self.strip_label.setObjectName("event-strip-text")
        row.addWidget(self.strip_label)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.strip)
        self.strip.setVisible(False)
        self._page: EventPage | None = None  # built when first needed: its ward picker loads the units
        window.display_did_change.connect(lambda *_: self.retranslate())
        window.stack.currentChanged.connect(lambda _index: self.update())
        if self.context is not None:
            self.context.events.dossier_did_change.connect(self._dossier_changed)
        window.installEventFilter(self)  # the store is read after the home screen has painted
        self.retranslate()
        if window.isVisible():  # installed after the first frame (the app's fast start): it is up
            self._home_shown()

    @property
    def page(self) -> EventPage:
        """The event form / tally page, built on first use (not at start-up: the home screen comes first)."""
        if self._page is None:
            page = self._page = EventPage()
            self.window.stack.addWidget(page)
            page.back_requested.connect(self.window.show_home)
            page.start_requested.connect(self.start_event)
            page.end_requested.connect(self._confirm_end)
            page.next_person_requested.connect(self.next_person)
            page.retranslate(self.window.lang)
        return self._page

    def mode(self) -> str | None:
        return self.context.services.config.mode if self.context is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._home_shown()
        return False

    def _home_shown(self) -> None:
        """The running event is read once the home screen is up (a community team's terminal)."""
        if (
            not self._loaded
            and self.window.home is not None
            and self.window.stack.currentWidget() is self.window.home
            and self.mode() == COMMUNITY
        ):
            self._loaded = True
            self.window.removeEventFilter(self)
            self.load()

    def load(self) -> None:
        if self.context is not None:
            self.context.tasks.run_store(load_event, self._show)  # recounted: sent while closed, say

    def _show(self, event: CommunityEvent | None) -> None:
        self.current = event
        if event is not None or self._page is not None:
            self.page.catalog = self.window.catalog
            self.page.show_event(event)
        self.event_did_change.emit(event)
        self.update()

    def update(self) -> None:
        community = self.mode() == COMMUNITY
        self.button.setVisible(community)
        self.strip.setVisible(community and self.current is not None)
        event = self.current
        if event is not None:
            tally = event.tally()
            lang = self.window.lang
            text = (
                t(
                    "agents.event.running",
                    lang,
                    name=event.name,
                    ward=ward_text(event),
                    day=format_date(event.day),
                )
                + " — "
                + tally_text(tally, lang)
            )
            self.strip_label.setText(text)
            self.strip_label.setAccessibleName(text)

    def retranslate(self) -> None:
        lang = self.window.lang
        self.button.setText(t("agents.event.open", lang))
        self.button.setAccessibleName(t("agents.event.open_name", lang))
        if self._page is not None:
            self._page.retranslate(lang)
        self.update()

    def open(self) -> None:
        if self.mode() != COMMUNITY:
            return
        if not self._loaded:
            self._loaded = True
            self.load()
        self.page.catalog = self.window.catalog
        if self.context is not None:
            self.context.tasks.run_store(ended_events_counted, self.page.show_ended)
        self.window.stack.setCurrentWidget(self.page)
        self.page.arrive()

    def start_event(self, name: str, province_code: str, ward_code: str, day_text: str) -> None:
        try:
            event = new_event(name, province_code, ward_code, day_text, datetime.now(UTC))
        except KioskError as problem:
            self.page.say(problem.message(self.window.lang))
            return
        if self.context is None:
            self._show(event)
            return
        self.context.tasks.run_store(
            lambda store: save_event(store, event), lambda _none: self._started(event)
        )

    def _started(self, event: CommunityEvent) -> None:
        log.info("event %s started", event.id)
        self.page.name.clear()
        self._show(event)
        self.page.arrive()

    def _confirm_end(self) -> None:
        lang = self.window.lang
        dialog = ConfirmDialog(
            self.window,
            t("agents.event.end", lang),
            t("agents.event.end_text", lang, tally=self.strip_label.text()),
            t("agents.event.end", lang),
            t("session.cancel", lang),
        )
        dialog.accepted.connect(self.end_event)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def end_event(self) -> None:
        if self.context is None:
            self._show(None)
            return

        def done(ended: list[CommunityEvent]) -> None:
            self.page.show_ended(ended)
            self._show(None)

        def work(store: Store) -> list[CommunityEvent]:
            finish_event(store)  # its tally joins the ended events, kept
            return ended_events_counted(store)

        self.context.tasks.run_store(work, done)

    def next_person(self) -> None:
        """ "Người tiếp theo": every screen forgets the last citizen at once (AppEvents.session_did_end)."""
        if self.context is not None:
            self.context.events.session_did_end.emit()
        self.window.show_home()

    def _dossier_changed(self, client_ref: str) -> None:
        if self.current is None or self.context is None:
            return

        def work(store: Store) -> CommunityEvent | None:
            return note_dossier(store, client_ref, store.dossier_summary(client_ref))

        self.context.tasks.run_store(work, self._counted)

    def _counted(self, event: CommunityEvent | None) -> None:
        if event != self.current:
            self.current = event
            if self._page is not None and self._page.current is not None:
                self._page.show_event(event)
            self.update()


def install_event_mode(window: MainWindow) -> EventLink:
    """Called once by the main window: "Sự kiện" for community-team terminals."""
    return EventLink(window)
