"""CCCD cards read on any screen: the keyboard-burst filter, the serial scanner, the camera/photo dialog.

`KeyboardScanFilter` sits on the QApplication. A key press that may start a scanner's burst (a digit)
is held back; while the following keys come fast and still look like a CCCD payload they are held too;
Enter after a long enough burst makes it a scan, and nothing of it ever reaches the focused field. As
soon as the keys stop looking like a scan (slow typing, no '|', a letter among the first digits) the
held presses and releases are replayed to the focused widget unchanged, in order.

`ScanController` reads every payload (keyboard, serial, dialog) into a `CardIntake` and fills the
open journey's applicant pages, or keeps the card for the next journey started in this citizen's
session; a malformed or contradictory payload gets a clear message and changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kiosk.cccd_intake import BurstDetector, Step
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.journey import APPLICANT, PageKind, Raw
from ui.privacy import Dialog
from ui.widgets import screen_covered

if TYPE_CHECKING:
    from kiosk.cccd_intake import CardIntake
    from ui.context import AppContext
    from ui.journey import JourneyView
    from ui.main_window import MainWindow

log = logging.getLogger("ui.scan_input")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_INTERRUPTIONS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.FocusAboutToChange,
        QEvent.Type.InputMethod,
    }
)


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


class KeyboardScanFilter(QObject):
    """App-wide event filter that lifts scanner bursts out of the key stream; `clock` is injectable."""

    payload_did_arrive = Signal(str)

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.detector = BurstDetector()
        self._held: list[QKeyEvent] = []
        self._replaying = False
        self._eat_enter_release = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expired)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INTERRUPTIONS and self.detector.holding and not self._replaying:
            self.flush()  # a click right after typing: the held keys land first, where they were typed
            return False
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not self._is_target(watched):
            return False  # the same event reaching a parent, or a window before its widget
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            if self._eat_enter_release and event.key() in _ENTER:
                self._eat_enter_release = False
                return True
            if self.detector.holding:
                self._held.append(_copy(event))
                return True
            return False
        return self._press(event)

    @staticmethod
    def _is_target(watched: QObject) -> bool:
        focus = QApplication.focusWidget()
        if focus is not None:
            return watched is focus
        return isinstance(watched, QWidget) and watched.isWindow()

    def _press(self, event: QKeyEvent) -> bool:
        step = self._step(event)
        if step is Step.REPLAY:
            self._replay()
            step = self._step(event)  # the key at hand may start a burst of its own
        if step is Step.HOLD:
            self._held.append(_copy(event))
            self._timer.start(max(1, round(self.detector.max_gap * 1000 * 2)))
            return True
        if step is Step.SCAN:
            self._timer.stop()
            self._held.clear()
            self._eat_enter_release = True
            self.payload_did_arrive.emit(self.detector.payload)
            self.detector.payload = ""
            return True
        return False

    def _step(self, event: QKeyEvent) -> Step:
        now = self.clock()
        if event.key() in _ENTER:
            return self.detector.enter(now)
        return self.detector.key(event.text(), now)

    def _expired(self) -> None:
        if self.detector.expire() is Step.REPLAY:
            self._replay()

    def flush(self) -> None:
        """Deliver whatever is held now (tests, and before the app quits)."""
        self._timer.stop()
        self._expired()

    def _replay(self) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False


# --- filling a journey -----------------------------------------------------------------------------------

Notes = dict[str, list[tuple[str, dict[str, object]]]]
_FILLED = ("full_name", "id_number", "date_of_birth", "gender", "address")


def card_notes(intake: CardIntake) -> Notes:
    """What each applicant page says about its card-filled answer (and what the person must check)."""
    from kiosk.rules.units import ward

    mark: tuple[str, dict[str, object]] = ("intake.filled_mark", {})
    notes: Notes = {APPLICANT + name: [mark] for name in _FILLED}
    if intake.name_diacritics_missing:
        notes[APPLICANT + "full_name"].append(("intake.no_diacritics", {}))
    address = intake.address
    page = notes[APPLICANT + "address"]
    if address.certain:
        page.append(("intake.address_converted", {"old": address.old_text}))
    else:
        page[0] = ("intake.address_ask_ward", {"old": address.old_text})
        if address.candidates:
            names = ", ".join(ward(code).name for code in address.candidates)
            page.append(("intake.address_candidates", {"names": names}))
    if intake.address_diacritics_missing:
        page.append(("intake.address_no_diacritics", {}))
    return notes


def fill_journey(view: JourneyView, intake: CardIntake) -> None:
    """Fill the applicant pages of an open journey and open the page the person should look at next.

    A name without accents opens its page (to correct it), else an address without them; otherwise, when
    the person was still on the
    applicant pages, the first page the card did not answer (usually the phone number).
    """
    raws: dict[str, Raw] = {APPLICANT + name: value for name, value in intake.applicant_raw().items()}
    on_applicant = view.journey.current.kind is PageKind.APPLICANT
    notes = card_notes(intake)
    view.fill_from_card(raws, notes, None)
    if intake.name_diacritics_missing:
        target = APPLICANT + "full_name"
    elif intake.address_diacritics_missing:
        target = APPLICANT + "address"
    elif on_applicant:
        target = view.journey.first_incomplete().id
        if target not in notes:
            notes[target] = [("intake.filled_notice", {})]
            page = view.pages.get(target)
            if page is not None:
                page.set_notes(notes[target])
    else:
        return
    view.journey.goto(target)
    view.show_current()


class ScanMessage(Dialog):
    """A plain message about a scan on a screen with no journey: read, then "Đóng"."""

    def __init__(self, text: str, lang: Lang, parent: QWidget) -> None:
        super().__init__(parent, t("intake.message_title", lang), text)
        self.setObjectName("scan-message")
        self.text.setObjectName("scan-message-text")
        self.close_button = self.add_button(t("intake.close", lang), "primary", t("intake.close_name", lang))
        self.close_button.clicked.connect(self.accept)


class ScanController(QObject):
    """Routes every scanned payload to the open journey, or keeps it for the next one in this session."""

    card_did_read = Signal(object)  # CardIntake
    scan_did_fail = Signal(object)  # KioskError

    def __init__(
        self,
        window: MainWindow,
        context: AppContext | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.today = today
        self.pending: CardIntake | None = None
        self.message: ScanMessage | None = None
        self._dialog: QDialog | None = None  # "Quét thẻ căn cước", while it waits for a card
        self.keyboard = KeyboardScanFilter(clock, self)
        self.keyboard.payload_did_arrive.connect(self._from_scanner)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.keyboard)
        self.serial = None
        port = context.services.config.scanner_port if context is not None else ""
        if port:
            from ui.scan_serial import SerialScanner

            self.serial = SerialScanner(port, parent=self)
            self.serial.payload_did_arrive.connect(self._from_scanner)
            self.serial.text_did_fail.connect(lambda: self._fail_text("intake.serial_bad_text"))
            self.serial.start()
        if context is not None:
            context.events.session_did_end.connect(self.forget)
        window.stack.currentChanged.connect(self._screen_changed)

    def remove(self) -> None:
        """Take the filter off the application (tests; the window closing)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.keyboard)
        if self.serial is not None:
            self.serial.stop()

    def forget(self) -> None:
        """ "Người tiếp theo", privacy timeout: a card kept for the next journey is the last person's."""
        self.pending = None

    def _open_journey(self) -> JourneyView | None:
        journey = self.window.journey
        if journey is None or journey.submitted or self.window.stack.currentWidget() is not journey:
            return None
        return journey

    def _from_scanner(self, payload: str) -> None:
        """A card read by the scanner (keyboard mode or serial port), unless the screens are covered: a
        card scanned at the agent's lock screen replaced the applicant of the dossier hidden behind it."""
        asking_for_it = self._dialog is not None and QApplication.activeModalWidget() is self._dialog
        if screen_covered(self.window) and not asking_for_it:  # "Quét thẻ căn cước" waits for this very card
            log.info("a scanned card was ignored: the screen is locked or a dialog is open")
            return
        self.read_payload(payload)

    def read_payload(self, payload: str) -> None:
        from kiosk.cccd_intake import read_card

        try:
            intake = read_card(payload, today=self.today())
        except KioskError as error:
            log.info("a scanned card was refused: %s", error.key)
            self._fail(error)
            return
        self.card_did_read.emit(intake)
        journey = self._open_journey()
        if journey is not None:
            self.pending = None
            fill_journey(journey, intake)
            return
        self.pending = intake
        self._show(t("intake.stored_for_next", self.window.lang))

    def _fail(self, error: KioskError) -> None:
        self.scan_did_fail.emit(error)
        lang = self.window.lang
        self._say(t("intake.scan_failed", lang, reason=error.message(lang)))

    def _fail_text(self, key: str) -> None:
        self._say(t(key, self.window.lang))

    def _say(self, text: str) -> None:
        journey = self._open_journey()
        if journey is not None:
            journey.say(text)
        else:
            self._show(text)

    def _show(self, text: str) -> None:
        if self.message is not None:
            self.message.close()
        self.message = ScanMessage(text, self.window.lang, self.window)
        self.message.open()

    def _screen_changed(self, _index: int) -> None:
        journey = self._open_journey()
        if journey is None:
            return
        if not journey.property("scan-wired"):
            journey.setProperty("scan-wired", True)
            journey.scan_requested.connect(lambda j=journey: self.open_dialog(j))
        applicant_empty = journey.journey.value(APPLICANT + "id_number") is None
        if self.pending is not None and applicant_empty:
            intake, self.pending = self.pending, None
            fill_journey(journey, intake)

    def open_dialog(self, journey: JourneyView | None = None) -> QDialog:
        """ "Quét thẻ căn cước": scanner instructions, camera, or a photo of the code."""
        from ui.scan_image import ScanDialog

        dialog = ScanDialog(self.window.lang, parent=journey or self.window)
        self._dialog = dialog
        dialog.payload_did_arrive.connect(self.read_payload)
        dialog.open()
        return dialog
