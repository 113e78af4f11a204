"""The citizen's session around the journey: mode, "Người tiếp theo", drafts, resume codes, idle timeout.

`SessionController` is built once by the composition root (ui/app.py) after the window. It puts the
session buttons first among the header's controls and its pages in the window's stack, and it owns the
rules:

- "Người tiếp theo" ends the session in every mode (`AppEvents.session_did_end`; every screen forgets the
  last citizen). Assisted modes keep an unfinished draft as a draft; self-service discards it after
  "Xoá hồ sơ đang làm?" unless it was saved for later.
- Self-service: no drafts list and no settings; "Lưu và tiếp tục sau" gives a resume code and clears nothing
  (saving again shows the same code: it is kept in memory, never stored, until the session ends); a
  draft reopened with its code brings back the text size and contrast saved with it. The privacy timeout
  discards the unsaved draft after its warning; the warning and the timeout close every open dialog
  (ui/dialog_sweep.py). The operator leaves with Ctrl+Alt+Shift+O + PIN.
- After a crash, assisted modes offer the recent drafts; unsaved self-service drafts are discarded at start.

The journey tells the session which draft is in progress with `set_draft(client_ref)`; the session hands a
draft to resume to `window.resume_draft(client_ref, on_error)` and emits `resume_requested`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.config import SELF_SERVICE, Mode
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.session import Attempts, hash_pin, new_resume_code, verify_pin
from ui.context import AppContext
from ui.dialog_sweep import close_dialogs
from ui.drafts import CccdDialog, CodeDialog, DraftRow, DraftsPage, ReopenDialog, load_drafts
from ui.modes import OPERATOR_SHORTCUT, ModePage, OperatorPage, PinDialog, PinSetupPage
from ui.privacy import COUNTDOWN_S, IDLE_MS, TICK_MS, ConfirmDialog, Dialog, IdleWatch
from ui.widgets import button

if TYPE_CHECKING:
    from kiosk.store import Display, Store
    from ui.main_window import MainWindow

log = logging.getLogger("ui.session")
PIN_SETTING = "operator_pin"
RUNNING_SETTING = "app_running"  # set while the app runs: found set at start means it crashed
CRASH_WINDOW = timedelta(days=2)  # drafts offered after a crash: those changed this recently


@dataclass(frozen=True)
class KeptCode:
    """The resume code of the draft this session saved or reopened, with the CCCD number it goes with.

    In memory only, until the session ends: the store keeps nothing but their keyed HMAC, so this is
    how saving again shows the code the person already wrote down instead of a new one."""

    client_ref: str
    code: str = field(repr=False)
    id_number: str = field(repr=False)


@dataclass(frozen=True)
class SessionTimings:
    """Injectable so tests run in milliseconds."""

    idle_ms: int = IDLE_MS
    countdown_s: int = COUNTDOWN_S
    tick_ms: int = TICK_MS


# --- store worker functions (no widgets) ---------------------------------------------------------------


def start_work(store: Store, mode: Mode | None, now: datetime) -> tuple[bool, list[DraftRow]]:
    """Mark the app running; report whether the last run crashed and which drafts to offer."""
    crashed = store.get_setting(RUNNING_SETTING) == "1"
    store.set_setting(RUNNING_SETTING, "1")
    # Nobody can ever reach an unsaved self-service draft again: it goes, whatever the mode now.
    for ref in store.unsaved_drafts(SELF_SERVICE):
        store.delete_draft(ref, actor="kiosk:privacy")
    offer = crashed and mode not in (None, SELF_SERVICE)
    return crashed, load_drafts(store, since=now - CRASH_WINDOW) if offer else []


def discard_unsaved(store: Store, client_ref: str) -> bool:
    """Delete a self-service draft unless it was saved for later; True when something was deleted."""
    from kiosk.store import DossierState

    if store.is_saved_for_later(client_ref):
        return False
    try:
        if store.get_dossier(client_ref).summary.state != DossierState.DRAFT:
            return False
        store.delete_draft(client_ref, actor="kiosk:self_service")
    except KioskError:
        return False  # already gone (deleted elsewhere): nothing to discard
    return True


def save_draft_for_later(store: Store, kept: KeptCode, text_scale: int, high_contrast: bool) -> None:
    """Keep the code (as its HMAC) with the draft, and the text size and contrast the person chose."""
    from kiosk.store import Display

    display = Display(text_scale, high_contrast)
    store.save_for_later(kept.client_ref, kept.code, kept.id_number, display=display)


def find_saved_draft(store: Store, code: str, id_number: str) -> tuple[str | None, Display | None]:
    """The saved draft for this code and number, and the display kept with it (None, None: not found)."""
    ref = store.find_saved_draft(code, id_number)
    return ref, None if ref is None else store.saved_display(ref)


def draft_id_number(store: Store, client_ref: str) -> tuple[bool, str | None]:
    """(the draft exists, its applicant's valid CCCD number if typed yet)."""
    from kiosk.rules.cccd import validate_cccd

    try:
        number = store.get_dossier(client_ref).applicant.get("id_number")
    except KioskError:
        return False, None  # nothing was saved yet: nothing to keep
    if not isinstance(number, str):
        return True, None
    try:
        return True, validate_cccd(number)
    except KioskError:
        return True, None


class SessionBar(QFrame):
    """Session buttons, first among the header's controls: what a person can do with the session here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)  # as between the header's other controls
        self.next_person = button("", "chrome")
        self.drafts = button("", "chrome")
        self.save_later = button("", "chrome")
        self.reopen = button("", "chrome")
        for widget in (self.next_person, self.drafts, self.save_later, self.reopen):
            row.addWidget(widget)

    def retranslate(self, lang: Lang) -> None:
        for widget, key in (
            (self.next_person, "session.next_person"),
            (self.drafts, "session.drafts.open"),
            (self.save_later, "session.save.open"),
            (self.reopen, "session.reopen.open_button"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(t(f"{key}_name", lang))


class SessionController(QObject):
    """The session rules of one window (see the module docstring)."""

    resume_requested = Signal(str)  # client_ref: the journey opens this draft
    mode_did_change = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        context: AppContext,
        *,
        mode: Mode | None,
        save_mode: Callable[[Mode], None] | None = None,
        timings: SessionTimings | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(window)
        self.window, self.context, self.mode = window, context, mode
        self._save_mode = save_mode
        self._clock = clock
        self.draft_ref: str | None = None
        self.kept: KeptCode | None = None  # the code of the draft saved or reopened in this session
        self.pin_attempts = Attempts(allowed=3, pause=timedelta(seconds=30))
        self.reopen_attempts = Attempts(allowed=5, pause=timedelta(minutes=1))
        self.dialog: Dialog | None = None
        self._pending_mode: Mode | None = None
        lang = window.lang
        timings = timings or SessionTimings()
        self.idle = IdleWatch(
            window,
            lambda: self.window.lang,
            idle_ms=timings.idle_ms,
            countdown_s=timings.countdown_s,
            tick_ms=timings.tick_ms,
        )
        self.idle.did_time_out.connect(self._timed_out)
        # The warning's cover hides the page, not the dialogs above it (a resume code): they close.
        self.idle.warning_will_show.connect(lambda: close_dialogs(self.window))
        self.bar = SessionBar()
        self.mode_page = ModePage(lang)
        self.pin_page = PinSetupPage(lang)
        self.operator_page = OperatorPage(lang)
        self.drafts_page = DraftsPage(window.catalog, lang)
        for page in (self.mode_page, self.pin_page, self.operator_page, self.drafts_page):
            window.stack.addWidget(page)
        # In the header, not a row of its own: at 100 % on 1366×768 that row took 60 px from the page.
        self.bar.setVisible(False)
        window.add_header_button(self.bar)
        self.bar.next_person.clicked.connect(self.next_person)
        self.bar.drafts.clicked.connect(self.show_drafts)
        self.bar.save_later.clicked.connect(self.save_for_later)
        self.bar.reopen.clicked.connect(self.open_reopen)
        self.mode_page.mode_chosen.connect(self._mode_chosen)
        self.pin_page.pin_chosen.connect(self._pin_chosen)
        self.pin_page.back_requested.connect(self._pin_back)
        self.operator_page.change_mode.connect(lambda: self._show(self.mode_page))
        self.operator_page.change_pin.connect(self._change_pin)
        self.operator_page.back_requested.connect(lambda: self.apply_mode(self.mode))
        self.operator_page.quit_requested.connect(window.close)
        self.drafts_page.resume_requested.connect(self.resume)
        self.drafts_page.delete_requested.connect(self._confirm_delete)
        self.drafts_page.back_requested.connect(self._leave_drafts)
        self.shortcut = QShortcut(QKeySequence(OPERATOR_SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.operator_exit)
        context.events.session_did_end.connect(self._forget)
        window.display_did_change.connect(lambda *_: self.retranslate())
        context.events.dossier_did_change.connect(lambda _ref: self._update_bar())
        window.stack.currentChanged.connect(lambda _index: self._update_bar())
        self.retranslate()

    # -- start and mode ---------------------------------------------------------------------------
    def start(self) -> None:
        """Called by the app once the catalog is in and the first frame is up: the mode page on first run,
        else the mode's first screen; the store is touched from here on (never before the first frame)."""
        self.drafts_page.catalog = self.window.catalog
        if self.mode is None:
            self._show(self.mode_page)
        else:
            self.apply_mode(self.mode)
        mode, now = self.mode, self._clock()
        self.context.tasks.run_store(lambda store: start_work(store, mode, now), self._started_store)

    def _started_store(self, result: tuple[bool, list[DraftRow]]) -> None:
        crashed, drafts = result
        if crashed:
            log.info("the last run did not end cleanly; %d recent drafts offered", len(drafts))
        if drafts and self.window.stack.currentWidget() is self.window.home:
            self.drafts_page.show_rows(drafts, crashed=True)
            self._show(self.drafts_page)

    def shutdown(self) -> None:
        """A clean exit: the next start is not taken for a crash."""
        self.idle.stop()
        with contextlib.suppress(RuntimeError):  # the worker is already shut down
            self.context.tasks.run_store(lambda store: store.set_setting(RUNNING_SETTING, None))

    def apply_mode(self, mode: Mode | None) -> None:
        self.mode = mode
        if mode is None:
            self.bar.setVisible(False)
            self._show(self.mode_page)
            return
        self.bar.setVisible(True)
        self._update_bar()
        if mode == SELF_SERVICE:
            self.idle.start()
        else:
            self.idle.stop()
        self.window.show_home()

    def _mode_chosen(self, mode: str) -> None:
        chosen: Mode = mode  # type: ignore[assignment]  # ModePage emits only MODES
        if chosen == SELF_SERVICE:
            self._pending_mode = chosen
            self._show(self.pin_page)
        else:
            self._commit_mode(chosen)

    def _change_pin(self) -> None:
        self._pending_mode = SELF_SERVICE
        self._show(self.pin_page)

    def _pin_back(self) -> None:
        self._show(self.mode_page if self.mode is None else self.operator_page)

    def _pin_chosen(self, pin: str) -> None:
        self.pin_page.save.setEnabled(False)

        def saved(_: object) -> None:
            self.pin_page.save.setEnabled(True)
            self._commit_mode(self._pending_mode or SELF_SERVICE)

        # scrypt is slow on purpose: it runs on the store worker with the write.
        self.context.tasks.run_store(lambda store: store.set_setting(PIN_SETTING, hash_pin(pin)), saved)

    def _commit_mode(self, mode: Mode) -> None:
        self._pending_mode = None
        services = self.context.services
        services.config = replace(services.config, mode=mode)  # screens read the mode from here
        if self._save_mode is not None:
            self._save_mode(mode)
        self.mode_did_change.emit(mode)
        self.apply_mode(mode)

    # -- the operator's way out -------------------------------------------------------------------
    def operator_exit(self) -> None:
        if self.mode is None or self.window.stack.currentWidget() is self.operator_page:
            return
        self.context.tasks.run_store(lambda store: store.get_setting(PIN_SETTING), self._ask_pin)

    def _ask_pin(self, stored: str | None) -> None:
        if stored is None:  # an assisted terminal without a PIN: staff are at the counter
            self._open_operator_page()
            return
        dialog = PinDialog(self.window, self.window.lang, self.pin_attempts)
        dialog.pin_entered.connect(lambda pin: self._check_pin(dialog, pin))
        self._open(dialog)

    def _check_pin(self, dialog: PinDialog, pin: str) -> None:
        def checked(ok: bool) -> None:
            if not ok:
                dialog.show_wrong()
                return
            self.pin_attempts.succeeded()
            dialog.accept()
            self._open_operator_page()

        self.context.tasks.run_store(
            lambda store: verify_pin(pin, store.get_setting(PIN_SETTING) or ""), checked
        )

    def _open_operator_page(self) -> None:
        self.idle.stop()
        self.operator_page.show_mode(self.mode)
        self._show(self.operator_page)

    # -- the citizen's session --------------------------------------------------------------------
    def current_draft(self) -> str | None:
        """The draft this session is filling (as the journey told it, or as the journey screen holds it);
        None once it is submitted: "Lưu và tiếp tục sau" on the confirmation page had nothing to save."""
        journey = getattr(self.window, "journey", None)
        done = journey.client_ref if journey is not None and journey.submitted else None
        ref = self.draft_ref if self.draft_ref is not None else getattr(journey, "client_ref", None)
        return ref if isinstance(ref, str) and ref != done else None

    def set_draft(self, client_ref: str | None) -> None:
        """The journey says which draft this session is filling (None when it was submitted)."""
        self.draft_ref = client_ref
        self._update_bar()

    def next_person(self) -> None:
        """ "Người tiếp theo" ends the session; an unsaved self-service draft goes, after asking."""
        ref = self.current_draft()
        if self.mode != SELF_SERVICE or ref is None:
            self.end_session()
            return

        def saved(is_saved: bool) -> None:
            if is_saved:
                self.end_session()
                return
            lang = self.window.lang
            dialog = ConfirmDialog(
                self.window,
                t("session.discard.title", lang),
                t("session.discard.text", lang),
                t("session.discard.yes", lang),
                t("session.discard.no", lang),
            )
            dialog.accepted.connect(lambda: self._discard_and_end(ref))
            self._open(dialog)

        self.context.tasks.run_store(lambda store: store.is_saved_for_later(ref), saved)

    def _discard_and_end(self, ref: str) -> None:
        def done(deleted: bool) -> None:
            if deleted:
                self.context.events.dossier_did_change.emit(ref)
            self.end_session()

        self.context.tasks.run_store(lambda store: discard_unsaved(store, ref), done)

    def end_session(self) -> None:
        self.draft_ref = None
        self.context.events.session_did_end.emit()

    def _timed_out(self) -> None:
        ref = self.current_draft()
        self._close_dialog()
        close_dialogs(self.window)  # any opened during the countdown (a store answer arriving)
        if ref is None:
            self.end_session()
        else:
            self._discard_and_end(ref)

    def _forget(self) -> None:
        """Every trace of the last citizen this module holds goes; then the mode's first screen."""
        self.draft_ref = None
        self.kept = None
        self._close_dialog()
        close_dialogs(self.window)
        self.drafts_page.forget()
        home = self.window.home
        if home is not None:
            home.search.clear()
        if self.mode == SELF_SERVICE:
            self._restore_display()
        if self.mode is not None and self.window.stack.currentWidget() is not self.operator_page:
            self.apply_mode(self.mode)

    def _restore_display(self) -> None:
        """A citizen's text size, contrast and language at a self-service terminal last their session:
        the next person starts with the terminal's own (its configuration), not the last one's 200 %."""
        config = self.context.services.config
        self.window.set_language(config.lang)
        self.window.set_text_scale(config.text_scale)
        self.window.set_high_contrast(config.high_contrast)

    def resume(self, client_ref: str) -> None:
        self.drafts_page.forget()
        self.set_draft(client_ref)
        self.window.resume_draft(client_ref, self._resume_failed)
        self.resume_requested.emit(client_ref)

    def _resume_failed(self, error: BaseException) -> None:
        """Say in place why the draft did not reopen (drafts list or self-service reopen alike)."""
        lang = self.window.lang
        text = error.message(lang) if isinstance(error, KioskError) else t("session.resume.failed", lang)
        dialog = Dialog(self.window, t("session.resume.failed_title", lang), text)
        dialog.add_button(t("session.ok", lang), "primary").clicked.connect(dialog.accept)
        self._open(dialog)

    # -- assisted: "Hồ sơ đang làm" ---------------------------------------------------------------
    def show_drafts(self) -> None:
        if self.mode in (None, SELF_SERVICE):
            return
        self.context.tasks.run_store(load_drafts, self._drafts_loaded)

    def _drafts_loaded(self, rows: list[DraftRow]) -> None:
        self.drafts_page.catalog = self.window.catalog
        self.drafts_page.show_rows(rows, crashed=False)
        self._show(self.drafts_page)

    def _leave_drafts(self) -> None:
        self.drafts_page.forget()
        self.window.show_home()

    def _confirm_delete(self, client_ref: str) -> None:
        lang = self.window.lang
        row = next((r for r in self.drafts_page.rows if r.client_ref == client_ref), None)
        ref = row.local_ref if row is not None else ""
        dialog = ConfirmDialog(
            self.window,
            t("session.delete.title", lang),
            t("session.delete.text", lang, ref=ref),
            t("session.delete.yes", lang),
            t("session.delete.no", lang),
        )
        dialog.accepted.connect(lambda: self._delete(client_ref))
        self._open(dialog)

    def _delete(self, client_ref: str) -> None:
        actor = f"kiosk:{self.mode}"

        def deleted(rows: list[DraftRow]) -> None:
            self.context.events.dossier_did_change.emit(client_ref)
            if self.draft_ref == client_ref:
                self.set_draft(None)
            self.drafts_page.show_rows(rows, crashed=self.drafts_page.crashed)
            self.drafts_page.arrive()

        def work(store: Store) -> list[DraftRow]:
            store.delete_draft(client_ref, actor=actor)
            return load_drafts(store)

        self.context.tasks.run_store(work, deleted)

    # -- self-service: save for later, reopen -------------------------------------------------------
    def save_for_later(self) -> None:
        ref = self.current_draft()
        if self.mode != SELF_SERVICE or ref is None:
            return
        journey = getattr(self.window, "journey", None)
        if journey is not None and journey.client_ref == ref:
            journey.keep_typed()  # queued first on the store worker: what is typed is in the draft

        def known(found: tuple[bool, str | None]) -> None:
            exists, number = found
            lang = self.window.lang
            kept = self.kept if self.kept is not None and self.kept.client_ref == ref else None
            if number is None and kept is not None:
                number = kept.id_number  # given in this session already: not asked again
            if not exists:
                info = Dialog(self.window, t("session.save.title", lang), t("session.save.nothing", lang))
                info.add_button(t("session.ok", lang), "primary").clicked.connect(info.accept)
                self._open(info)
                return
            if number is not None:
                self._save_with(ref, number)
                return
            dialog = CccdDialog(self.window, self.window.lang)
            dialog.cccd_entered.connect(lambda entered: self._save_with(ref, entered))
            self._open(dialog)

        self.context.tasks.run_store(lambda store: draft_id_number(store, ref), known)

    def _save_with(self, ref: str, number: str) -> None:
        """Save with the code already given for this draft (the one written down), else a new one; the
        number is the draft's own, so a CCCD corrected since goes with the same code."""
        kept = self.kept if self.kept is not None and self.kept.client_ref == ref else None
        code = kept.code if kept is not None else new_resume_code()
        keep = KeptCode(ref, code, number)
        scale, contrast = self.window.scale, self.window.high_contrast

        def saved(_: object) -> None:
            if self.current_draft() != ref:
                return  # the session ended meanwhile: no code on screen for whoever is there now
            self.kept = keep
            self._open(CodeDialog(self.window, self.window.lang, code))

        self.context.tasks.run_store(lambda store: save_draft_for_later(store, keep, scale, contrast), saved)

    def open_reopen(self) -> None:
        if self.mode != SELF_SERVICE:
            return
        dialog = ReopenDialog(self.window, self.window.lang, self.reopen_attempts)
        dialog.reopen_requested.connect(lambda code, number: self._reopen(dialog, code, number))
        self._open(dialog)

    def _reopen(self, dialog: ReopenDialog, code: str, number: str) -> None:
        def found(result: tuple[str | None, Display | None]) -> None:
            ref, display = result
            if ref is None:
                dialog.show_not_found()
                return
            self.reopen_attempts.succeeded()
            dialog.accept()
            self.kept = KeptCode(ref, code, number)  # saving again shows this same code
            if display is not None:  # as the person had the screen when they saved
                self.window.set_text_scale(display.text_scale)
                self.window.set_high_contrast(display.high_contrast)
            self.resume(ref)

        self.context.tasks.run_store(lambda store: find_saved_draft(store, code, number), found)

    # -- helpers ----------------------------------------------------------------------------------
    def _show(self, page: QWidget) -> None:
        if page is not self.operator_page and self.mode == SELF_SERVICE:
            self.idle.start()
        self.window.stack.setCurrentWidget(page)
        arrive = getattr(page, "arrive", None)
        if callable(arrive):
            arrive()

    def _open(self, dialog: Dialog) -> None:
        if self.idle.warning is not None:  # a store answer arriving while the person is away: never
            dialog.deleteLater()  # above the warning's cover (saving again shows the same code)
            return
        self._close_dialog()
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: Dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.reject()

    def _update_bar(self) -> None:
        mode = self.mode
        self.bar.drafts.setVisible(mode not in (None, SELF_SERVICE))
        has_draft = self.current_draft() is not None
        self.bar.save_later.setVisible(mode == SELF_SERVICE and has_draft)
        self.bar.reopen.setVisible(mode == SELF_SERVICE and not has_draft)

    def retranslate(self) -> None:
        lang = self.window.lang
        self.bar.retranslate(lang)
        self.mode_page.retranslate(lang)
        self.pin_page.retranslate(lang)
        self.operator_page.retranslate(lang)
        self.drafts_page.retranslate(lang)

    def buttons(self) -> list[QPushButton]:
        """The session buttons a person can see now (tests and screenshots)."""
        return [b for b in self.bar.findChildren(QPushButton) if b.isVisible()]
