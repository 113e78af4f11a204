"""The "Chuẩn bị" page: what to have ready before a filing starts, and what it costs and takes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.catalog import Catalog, Condition, Delivery, Procedure, Question
from kiosk.home_list import fee_text
from kiosk.i18n import Lang, t
from ui.widgets import ScrollPage, bullet, button, clear_layout, label


def condition_text(proc: Procedure, cond: Condition, lang: Lang) -> str:
    """When a conditional document is needed, in the words of the question that decides it."""
    try:
        question = proc.question(cond.question)
    except KeyError:
        return t("ui.prepare_when_unknown", lang)
    if cond.one_of:
        answers = [_option_label(question, value, lang) for value in cond.one_of]
    elif isinstance(cond.equals, bool):
        answers = [t("ui.yes" if cond.equals else "ui.no", lang)]
    elif cond.equals is None:
        return t("ui.prepare_when_unknown", lang)
    else:
        answers = [_option_label(question, str(cond.equals), lang)]
    return t("ui.prepare_when", lang, question=question.label.get(lang), answer=" / ".join(answers))


def _option_label(question: Question, value: str, lang: Lang) -> str:
    try:
        return question.option(value).label.get(lang)
    except KeyError:
        return value


class PreparePage(ScrollPage):
    """Prepare ("Chuẩn bị"): documents to have ready, fee, time, delivery, level, who may file."""

    back_requested = Signal()
    start_requested = Signal(str)  # procedure code: "Bắt đầu" opens the guided journey

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.procedure: Procedure | None = None
        self.title: QLabel | None = None
        self.back = button("", "link")
        self.back.clicked.connect(self.back_requested.emit)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(0, 0, 0, 0)
        self.details_layout.setSpacing(10)
        self.body.addWidget(self.details)
        self.start = button("", "primary")
        self.start.setObjectName("prepare-start")
        self.start.clicked.connect(
            lambda: self.procedure is not None and self.start_requested.emit(self.procedure.code)
        )
        self.body.addSpacing(12)
        self.body.addWidget(self.start, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)

    def arrive(self) -> None:
        """At the top, focus on the procedure's name: a screen reader reads it first, Enter starts,
        Tab goes on to "Bắt đầu" and Shift+Tab to "Quay lại" (with the focus on "Quay lại", the Enter
        that opened this page a moment ago sent the next one back to the search)."""
        self.verticalScrollBar().setValue(0)
        if self.title is not None:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter anywhere but on a button (which keeps Enter itself) is "Bắt đầu", as it continues a question.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.start.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_procedure(self, code: str, lang: Lang) -> None:
        proc = self.catalog.procedure(code)
        self.procedure = proc
        self.back.setText(t("ui.back", lang))
        self.back.setAccessibleName(t("ui.back_name", lang))
        self.start.setText(t("journey.start", lang))
        self.start.setAccessibleName(t("journey.start_name", lang))
        clear_layout(self.details_layout)
        add = self.details_layout.addWidget
        add(label(t("ui.prepare_caption", lang), "muted"))
        self.title = label(proc.name.get(lang), "h1")
        self.title.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # focused on arrival (see arrive), never by Tab
        add(self.title)
        # Made after "Bắt đầu": put it back where it is read, between "Quay lại" and "Bắt đầu".
        QWidget.setTabOrder(self.back, self.title)
        QWidget.setTabOrder(self.title, self.start)
        add(label(proc.description.get(lang)))
        self.details_layout.addSpacing(8)
        add(label(t("ui.prepare_documents", lang), "h2"))
        if not proc.documents:
            add(label(t("ui.prepare_no_documents", lang)))
        always = [d for d in proc.documents if d.when is None]
        depends = [d for d in proc.documents if d.when is not None]
        for doc in always:
            line = doc.label.get(lang)
            if not doc.required:
                line = f"{line} {t('ui.prepare_if_applicable', lang)}"
            self._document(doc.doc_type, line, doc.note.get(lang) if doc.note else None)
        if depends:
            add(label(t("ui.prepare_depends", lang), "h3"))
        for doc in depends:
            notes = [condition_text(proc, doc.when, lang)] if doc.when is not None else []
            if doc.note is not None:
                notes.append(doc.note.get(lang))
            self._document(doc.doc_type, doc.label.get(lang), " ".join(notes))
        if proc.documents:
            add(label(t("ui.prepare_formats", lang), "muted"))
        self.details_layout.addSpacing(8)
        add(label(t("ui.prepare_details", lang), "h2"))
        add(self._summary(proc, lang))
        bundles = self.catalog.bundles_of(proc.code)
        if bundles:
            self.details_layout.addSpacing(8)
            add(label(t("ui.prepare_bundles", lang), "key"))
            for bundle in bundles:
                add(bullet(bundle.name.get(lang)))

    def _document(self, doc_type: str, text: str, note: str | None) -> None:
        item = bullet(text, note)
        item.setObjectName(f"document-{doc_type}")
        self.details_layout.addWidget(item)

    def _summary(self, proc: Procedure, lang: Lang) -> QWidget:
        """A two-column list of facts (GOV.UK summary list), each value wrapping in its column."""
        delivery = [
            t("ui.delivery_post" if way is Delivery.POST else "ui.delivery_pickup", lang)
            for way in proc.result_delivery
        ]
        code = proc.code if proc.code_verified else t("ui.code_unverified", lang, code=proc.code)
        rows = [
            ("ui.prepare_fee", fee_text(proc.fee, lang, with_note=True)),
            ("ui.prepare_time", proc.processing_time.get(lang)),
            ("ui.prepare_delivery", "\n".join(delivery)),
            ("ui.prepare_level", t(f"ui.level_{proc.level.value}", lang)),
            ("ui.prepare_who", proc.who_may_file.get(lang)),
        ]
        if proc.authority is not None:
            rows.append(("ui.prepare_authority", proc.authority.get(lang)))
        rows.append(("ui.prepare_code", code))
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        for row, (key, value) in enumerate(rows):
            key_label = label(t(key, lang), "key")
            value_label = label(value)
            value_label.setObjectName(key.removeprefix("ui."))
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value_label, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)  # labels take what they need; values get the rest
        return box
