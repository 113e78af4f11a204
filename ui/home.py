"""The first screens of a journey: find a procedure (home) and see what to prepare for it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog import Bundle, Catalog, Category, Condition, Delivery, Procedure, Question
from kiosk.i18n import Lang, t
from ui.widgets import Card, ScrollPage, after_first_paint, bullet, button, clear_layout, fee_text, label


def card_details(proc: Procedure, lang: Lang) -> list[str]:
    """The lines under a procedure's name: what it is for, then its fee and processing time."""
    meta = t("ui.card_meta", lang, fee=fee_text(proc.fee, lang), time=proc.processing_time.get(lang))
    return [proc.description.get(lang), meta]


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


class HomePage(QWidget):
    """Home ("Bạn cần làm thủ tục gì?"): a search box and the catalog by category, most used first."""

    procedure_chosen = Signal(str)
    bundle_chosen = Signal(str)  # a liên thông bundle: its task list (ui/bundle_view.py)

    def __init__(
        self,
        catalog: Catalog,
        lang: Lang,
        scale: int,
        parent: QWidget | None = None,
        *,
        first_frame: bool = False,
    ) -> None:
        """`first_frame`: the app's first screen. Only the first category is built before it paints;
        the categories below the fold and the bundles follow just after (fast start)."""
        super().__init__(parent)
        self.setProperty("role", "page")
        self.catalog = catalog
        self.lang: Lang = lang
        self.scale = scale
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Heading, search box and list scroll together: at 200 % a fixed top would leave the list
        # a sliver of a 768-pixel screen.
        self.list_page = ScrollPage()
        outer.addWidget(self.list_page)
        self.heading = label("", "h1")
        self.search_label = label("")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(False)  # the clear icon is a tiny target; Backspace clears
        self.search_label.setBuddy(self.search)
        for widget in (self.heading, self.search_label, self.search):
            self.list_page.body.addWidget(widget)
        self.browse = QWidget()
        self.browse_layout = QVBoxLayout(self.browse)
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        for layout in (self.browse_layout, self.results_layout):
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(12)
        self.list_page.body.addWidget(self.browse)
        self.list_page.body.addWidget(self.results)
        self.list_page.body.addStretch(1)
        self.results_heading = label("", "h2")
        self.no_results = label("", "muted")
        self._result_cards: dict[str, Card] = {}
        self._built_lang: Lang | None = None  # the language the cards were last built in
        self._first_frame = first_frame
        self._builds = 0  # a part left for after the first paint is dropped if the list was rebuilt
        self.search.textChanged.connect(self._show_results)
        self.search.returnPressed.connect(self._open_first)
        self.search.installEventFilter(self)
        self.retranslate(lang)

    def arrive(self) -> None:
        """Called when the page is shown: at the top, the cursor in the search box, ready to type (the
        next person found the list still scrolled where the last one left it, the search box out of view)."""
        self.list_page.verticalScrollBar().setValue(0)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self, lang: Lang) -> None:
        if lang == self._built_lang:
            return  # already in this language (the window retranslates everything it holds)
        self._built_lang = lang
        self.lang = lang
        self.heading.setText(t("ui.home_heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.search_label.setText(t("ui.search_label", lang))
        self.search.setAccessibleName(t("ui.search_name", lang))
        self.search.setAccessibleDescription(self.search_label.text())
        self._build_browse()
        for card in self._result_cards.values():
            card.deleteLater()
        self._result_cards.clear()
        self._show_results(self.search.text())

    def set_scale(self, scale: int) -> None:
        self.scale = scale
        for card in self.findChildren(Card):
            card.set_padding(scale)

    def _card(self, proc: Procedure) -> Card:
        card = Card(proc.name.get(self.lang), card_details(proc, self.lang))
        card.set_padding(self.scale)
        card.setObjectName(f"procedure-{proc.code}")
        card.clicked.connect(lambda _checked=False, code=proc.code: self.procedure_chosen.emit(code))
        return card

    def _build_browse(self) -> None:
        clear_layout(self.browse_layout)
        self._builds += 1
        if not self.catalog.procedures:
            self.browse_layout.addWidget(label(t("ui.catalog_empty", self.lang), "muted"))
        groups = [
            (category, procedures)
            for category in self.catalog.categories.values()
            if (procedures := self.catalog.in_category(category.id))
        ]
        order = self._add_categories(groups[:1])
        if self._first_frame:
            self._first_frame = False
            build = self._builds

            def below_the_fold() -> None:
                if build == self._builds:
                    self._add_below(groups[1:], order)

            after_first_paint(self.heading, below_the_fold)
        else:
            self._add_below(groups[1:], order)

    def _add_categories(self, groups: list[tuple[Category, list[Procedure]]]) -> list[QWidget]:
        """Each category's heading and procedure cards; returns the cards in order."""
        cards: list[QWidget] = []
        for category, procedures in groups:
            self.browse_layout.addSpacing(12)
            self.browse_layout.addWidget(label(category.name.get(self.lang), "h2"))
            for proc in procedures:
                card = self._card(proc)
                self.browse_layout.addWidget(card)
                cards.append(card)
        return cards

    def _add_below(self, groups: list[tuple[Category, list[Procedure]]], order: list[QWidget]) -> None:
        """The rest of the list after the first category: categories, then the liên thông bundles."""
        order = order + self._add_categories(groups)
        if self.catalog.bundles:
            self.browse_layout.addSpacing(12)
            self.browse_layout.addWidget(label(t("ui.bundles_heading", self.lang), "h2"))
            for bundle in self.catalog.bundles.values():
                panel, links = self._bundle_panel(bundle)
                self.browse_layout.addWidget(panel)
                order.extend(links)
        self._chain(order)

    def _bundle_panel(self, bundle: Bundle) -> tuple[QFrame, list[QWidget]]:
        """A bundle with its member procedures, each a link to what to prepare for it."""
        lang = self.lang
        panel = QFrame()
        panel.setProperty("role", "panel")
        panel.setObjectName(f"bundle-{bundle.id}")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(label(bundle.name.get(lang), "h3"))
        layout.addWidget(label(bundle.description.get(lang)))
        layout.addWidget(label(t("ui.bundle_members", lang), "key"))
        links: list[QWidget] = []
        name = bundle.name.get(lang)
        whole = button(t("bundle.open", lang), "primary", t("bundle.open_name", lang, name=name))
        whole.setObjectName(f"bundle-open-{bundle.id}")
        whole.clicked.connect(lambda _checked=False, b=bundle.id: self.bundle_chosen.emit(b))
        for code in bundle.members:
            proc = self.catalog.procedures.get(code)
            if proc is None:  # the loader refuses dangling members; a refreshed catalog may not
                continue
            link = button(proc.name.get(lang), "link")
            link.clicked.connect(lambda _checked=False, c=code: self.procedure_chosen.emit(c))
            layout.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
            links.append(link)
        layout.addSpacing(8)
        layout.addWidget(whole, 0, Qt.AlignmentFlag.AlignLeft)
        links.append(whole)
        return panel, links

    def _show_results(self, query: str) -> None:
        searching = bool(query.strip())
        self.browse.setVisible(not searching)
        self.results.setVisible(searching)
        while self.results_layout.count():
            item = self.results_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # kept for the next search; only its place in the list is given up
        if not searching:
            return
        found = self.catalog.search(query)
        self.results_heading.setText(t("ui.search_results", self.lang, count=len(found)))
        self.results_layout.addWidget(self.results_heading)
        self.results_heading.show()
        if not found:
            self.no_results.setText(t("ui.search_none", self.lang))
            self.results_layout.addWidget(self.no_results)
            self.no_results.show()
        cards: list[QWidget] = []
        for proc in found:
            card = self._result_cards.get(proc.code)
            if card is None:
                card = self._result_cards[proc.code] = self._card(proc)
            self.results_layout.addWidget(card)
            card.show()
            cards.append(card)
        self._chain(cards)

    def _open_first(self) -> None:
        """Enter in the search box opens the best match (an agent types "khai sinh" and Enter)."""
        if self.results.isVisible() and (cards := self.visible_cards()):
            cards[0].click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes to the first procedure shown (Tab does too).
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and (cards := self.visible_cards())
        ):
            cards[0].setFocus(Qt.FocusReason.TabFocusReason)
            self.list_page.ensureWidgetVisible(cards[0])
            return True
        return super().eventFilter(watched, event)

    def _chain(self, widgets: list[QWidget]) -> None:
        """Tab goes from the search box through the cards in the order they are shown."""
        previous: QWidget = self.search
        for widget in widgets:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def visible_cards(self) -> list[Card]:
        """The procedure cards a person can see now, top to bottom (search results or the catalog)."""
        layout = self.results_layout if self.results.isVisible() else self.browse_layout
        found: list[Card] = []
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, Card) and not widget.isHidden():
                found.append(widget)
        return found


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
