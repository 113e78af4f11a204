"""Unfinished dossiers: "Hồ sơ đang làm" for agents, and self-service "Lưu và tiếp tục sau" with a code.

Assisted terminals list their drafts (the applicant's name is opened on the store worker so the agent
recognises the person); self-service terminals list nothing: a saved draft reopens only with its resume
code and the citizen's CCCD number, with limited attempts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog import Catalog
from kiosk.config import SELF_SERVICE
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.rules.cccd import validate_cccd
from kiosk.session import Attempts, parse_resume_code
from ui.printing import AskPrinter, ListPrinters, ask_printer, printer_names
from ui.privacy import Dialog
from ui.resume_slip import print_slip
from ui.widgets import ScrollPage, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.store import Store

VIETNAM = timezone(timedelta(hours=7), "ICT")


@dataclass(frozen=True)
class DraftRow:
    """One line of "Hồ sơ đang làm"; `name` is personal data: it lives only while the page shows."""

    client_ref: str
    procedure_code: str
    local_ref: str
    updated_at: datetime
    name: str


def load_drafts(store: Store, *, since: datetime | None = None) -> list[DraftRow]:
    """Store worker: the assisted drafts, newest change first (self-service ones are nobody's to see)."""
    from kiosk.store import DossierState

    rows: list[DraftRow] = []
    for summary in store.list_dossiers([DossierState.DRAFT]):
        if summary.assisted_kind == SELF_SERVICE:
            continue
        if since is not None and summary.updated_at < since:
            continue
        applicant = store.get_dossier(summary.client_ref).applicant
        name = applicant.get("full_name")
        rows.append(
            DraftRow(
                summary.client_ref,
                summary.procedure_code,
                summary.local_ref,
                summary.updated_at,
                name if isinstance(name, str) else "",
            )
        )
    rows.sort(key=lambda row: row.updated_at, reverse=True)
    return rows


class DraftsPage(ScrollPage):
    """ "Hồ sơ đang làm": each draft with "Tiếp tục" and "Xoá" (deleting asks first, in the session)."""

    resume_requested = Signal(str)
    delete_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, catalog: Catalog | None, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.lang: Lang = lang
        self.rows: list[DraftRow] = []
        self.crashed = False
        self.back = button("", "link")
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = label("", "h1")
        self.notice = label("", "key")
        self.empty = label("", "muted")
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(12)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.heading, self.notice, self.empty, self.list):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.show_rows([], crashed=False)

    def show_rows(self, rows: list[DraftRow], *, crashed: bool) -> None:
        self.rows, self.crashed = rows, crashed
        self.retranslate(self.lang)

    def forget(self) -> None:
        """The session ended: no name of the last citizen stays in a widget."""
        self.show_rows([], crashed=False)

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        first = self.list.findChild(QWidget, "resume-0")
        (first or self.back).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.back.setText(t("ui.back", lang))
        self.back.setAccessibleName(t("ui.back_name", lang))
        self.heading.setText(t("session.drafts.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.notice.setText(t("session.drafts.after_crash", lang))
        self.notice.setVisible(self.crashed and bool(self.rows))
        self.empty.setText(t("session.drafts.none", lang))
        self.empty.setVisible(not self.rows)
        clear_layout(self.list_layout)
        for index, row in enumerate(self.rows):
            self.list_layout.addWidget(self._row(index, row))

    def _procedure_name(self, code: str) -> str:
        proc = self.catalog.procedures.get(code) if self.catalog is not None else None
        return proc.name.get(self.lang) if proc is not None else code

    def _row(self, index: int, row: DraftRow) -> QFrame:
        lang = self.lang
        panel = QFrame()
        panel.setProperty("role", "panel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(20, 12, 20, 12)
        grid.setHorizontalSpacing(16)
        name = self._procedure_name(row.procedure_code)
        when = row.updated_at.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")
        person = row.name or t("session.drafts.no_name", lang)
        title = label(name, "h3")
        details = label(t("session.drafts.details", lang, person=person, ref=row.local_ref, time=when))
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(details, 1, 0, 1, 2)
        resume = button(t("session.drafts.resume", lang), "primary")
        resume.setAccessibleName(t("session.drafts.resume_name", lang, ref=row.local_ref))
        resume.setObjectName(f"resume-{index}")
        delete = button(t("session.drafts.delete", lang), "link")
        delete.setAccessibleName(t("session.drafts.delete_name", lang, ref=row.local_ref))
        delete.setObjectName(f"delete-{index}")
        resume.clicked.connect(lambda _c=False, ref=row.client_ref: self.resume_requested.emit(ref))
        delete.clicked.connect(lambda _c=False, ref=row.client_ref: self.delete_requested.emit(ref))
        grid.addWidget(resume, 2, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(delete, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        return panel


def _field(name: str) -> QLineEdit:
    widget = QLineEdit()
    widget.setAccessibleName(name)
    widget.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
    return widget


class CccdDialog(Dialog):
    """Asks the citizen's CCCD number when the draft has none yet (a code is useless without it)."""

    cccd_entered = Signal(str)

    def __init__(self, parent: QWidget, lang: Lang) -> None:
        super().__init__(parent, t("session.save.title", lang), t("session.save.need_cccd", lang))
        self.lang: Lang = lang
        self.field = _field(t("session.save.cccd", lang))
        self.field.setMaxLength(15)
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.error = label("", "error")
        self.error.setVisible(False)
        self.column.insertWidget(2, label(t("session.save.cccd", lang), "key"))
        self.column.insertWidget(3, self.field)
        self.column.insertWidget(4, self.error)
        self.ok = self.add_button(t("session.save.ok", lang), "primary")
        self.cancel = self.add_button(t("session.cancel", lang), "link")
        self.ok.clicked.connect(self._submit)
        self.field.returnPressed.connect(self._submit)
        self.cancel.clicked.connect(self.reject)

    def open(self) -> None:
        super().open()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        try:
            number = validate_cccd(self.field.text())
        except KioskError as problem:
            self.error.setText(problem.message(self.lang))
            self.error.setVisible(True)
            return
        self.field.clear()
        self.cccd_entered.emit(number)
        self.accept()


class CodeDialog(Dialog):
    """The resume code, large, with what to bring back; its button closes it and the person is back on
    their page (the session ends with "Người tiếp theo" or the privacy timeout)."""

    def __init__(self, parent: QWidget, lang: Lang, code: str) -> None:
        super().__init__(parent, t("session.code.title", lang), t("session.code.text", lang))
        self.code = label(code, "h1")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code.setAccessibleName(t("session.code.name", lang, code=" ".join(code)))
        self.column.insertWidget(2, self.code)
        self.column.insertWidget(3, label(t("session.code.bring", lang)))
        self.lang: Lang = lang
        self.code_text = code
        self.ask_printer: AskPrinter = ask_printer  # tests inject a printer of their own
        self.printers: ListPrinters = printer_names
        self.printed = label("", "muted")
        self.printed.setVisible(False)
        self.column.insertWidget(4, self.printed)
        self.print_button = self.add_button(t("session.slip.print", lang), "secondary")
        self.print_button.clicked.connect(self.print_slip)
        self.finish = self.add_button(t("session.code.done", lang), "primary")
        self.finish.clicked.connect(self.accept)

    def print_slip(self) -> bool:
        """ "In phiếu": the code on a small slip the citizen takes home (no name, no ID number). With no
        printer on the computer no (empty) print dialog opens: the dialog says so."""
        if not self.printers():
            self.printed.setText(t("session.slip.no_printer", self.lang))
            self.printed.setVisible(True)
            return False
        done = print_slip(self, self.code_text, self.lang, self.ask_printer)
        self.printed.setText(t("session.slip.printed" if done else "session.slip.not_printed", self.lang))
        self.printed.setVisible(True)
        return done

    def open(self) -> None:
        super().open()
        self.finish.setFocus(Qt.FocusReason.OtherFocusReason)


class ReopenDialog(Dialog):
    """ "Tiếp tục hồ sơ đã lưu": the code and the CCCD number, with limited tries (`Attempts`)."""

    reopen_requested = Signal(str, str)  # code, CCCD number

    def __init__(self, parent: QWidget, lang: Lang, attempts: Attempts) -> None:
        super().__init__(parent, t("session.reopen.title", lang), t("session.reopen.text", lang))
        self.lang: Lang = lang
        self.attempts = attempts
        self.code = _field(t("session.reopen.code", lang))
        self.code.setMaxLength(12)
        # Letters and digits without tones on the on-screen keyboard.
        self.code.setInputMethodHints(self.code.inputMethodHints() | Qt.InputMethodHint.ImhLatinOnly)
        self.cccd = _field(t("session.save.cccd", lang))
        self.cccd.setMaxLength(15)
        self.cccd.setInputMethodHints(self.cccd.inputMethodHints() | Qt.InputMethodHint.ImhDigitsOnly)
        # Shown while typed, so the person can check the digits; dots once they move on (passers-by).
        self.cccd.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.error = label("", "error")
        self.error.setVisible(False)
        for index, widget in enumerate(
            (
                self.error,
                label(t("session.reopen.code", lang), "key"),
                self.code,
                label(t("session.save.cccd", lang), "key"),
                self.cccd,
            )
        ):
            self.column.insertWidget(2 + index, widget)
        self.ok = self.add_button(t("session.reopen.open", lang), "primary")
        self.cancel = self.add_button(t("session.cancel", lang), "link")
        self.ok.clicked.connect(self._submit)
        self.code.returnPressed.connect(self.cccd.setFocus)
        self.cccd.returnPressed.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        self._update_lock()

    def open(self) -> None:
        super().open()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _submit(self) -> None:
        if not self.attempts.allowed_now():
            self._update_lock()
            return
        try:
            code = parse_resume_code(self.code.text())
            number = validate_cccd(self.cccd.text())
        except KioskError as problem:
            self._say(problem.message(self.lang))
            return
        self.ok.setEnabled(False)  # until the store worker answers
        self.reopen_requested.emit(code, number)

    def show_not_found(self) -> None:
        self.attempts.failed()
        self.ok.setEnabled(True)
        self.cccd.clear()
        if self.attempts.allowed_now():
            self._say(t("session.reopen.not_found", self.lang, tries=self.attempts.tries_left()))
        self._update_lock()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_lock(self) -> None:
        wait = int(self.attempts.wait_left().total_seconds())
        locked = wait > 0
        for widget in (self.code, self.cccd, self.ok):
            widget.setEnabled(not locked)
        if locked:
            self._say(t("session.reopen.locked", self.lang, minutes=max(1, (wait + 59) // 60)))
