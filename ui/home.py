"""The home screen: "Ông/Bà cần làm thủ tục gì?", a search box and the procedures by category.

Imports nothing of the catalog at run time: the first frame can be painted before it is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.home_list import CardGroup, CardText, card_groups, card_text
from kiosk.i18n import Lang, t
from ui.widgets import NO_REMINDER, Card, ScrollPage, after_first_paint, button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.catalog import Bundle, Catalog


class HomePage(QWidget):
    """Home ("Ông/Bà cần làm thủ tục gì?"): a search box and the catalog by category, most used first."""

    procedure_chosen = Signal(str)
    bundle_chosen = Signal(str)  # a liên thông bundle: its task list (ui/bundle_view.py)

    def __init__(
        self,
        catalog: Catalog | None,
        lang: Lang,
        scale: int,
        parent: QWidget | None = None,
        *,
        first_frame: bool = False,
        kept: CardGroup | None = None,
    ) -> None:
        """`first_frame`: the app's first screen. Only the first category is built before it paints;
        the categories below the fold and the bundles follow just after (fast start).

        Without a catalog yet, `kept` (the first category as the last start kept it, in `lang`) is what
        the list shows until `set_catalog`; a search typed meanwhile is answered then.
        """
        super().__init__(parent)
        self.setProperty("role", "page")
        self.catalog = catalog
        self._kept = kept
        self._kept_lang = lang
        self.lang: Lang = lang
        self.scale = scale
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Heading, search box and list scroll together: at 200 % a fixed top would leave the list
        # a sliver of a 768-pixel screen.
        self.list_page = ScrollPage()
        # The search box asks the page's question itself: no reminder of the heading above the keys
        # (ui/keyboard/room.py), it would take a line of the little room left for the results.
        self.list_page.setProperty(NO_REMINDER, True)
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
        # The page gets shorter when the on-screen keyboard opens (and the room's reminder line shows).
        self.list_page.viewport().installEventFilter(self)
        self._sight_due = False
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

    def set_catalog(self, catalog: Catalog) -> None:
        """The catalog is in: the whole list below the kept first category (rebuilt if that changed),
        the bundles, and the results of a search typed meanwhile."""
        shown = self._kept if self.catalog is None and self.lang == self._kept_lang else None
        self.catalog = catalog
        self._kept = None
        groups = card_groups(catalog, self.lang)
        if shown is not None and groups and groups[0] == shown:
            self._add_below(groups[1:], list(self._cards_in(self.browse_layout)))
        else:
            self._build_browse()
        self._show_results(self.search.text())

    def _card(self, text: CardText) -> Card:
        card = Card(text.name, list(text.lines))
        card.set_padding(self.scale)
        card.setObjectName(f"procedure-{text.code}")
        card.clicked.connect(lambda _checked=False, code=text.code: self.procedure_chosen.emit(code))
        return card

    def _build_browse(self) -> None:
        clear_layout(self.browse_layout)
        self._builds += 1
        if self.catalog is None:  # the kept first category until the catalog is in (none in another language)
            if self._kept is not None and self.lang == self._kept_lang:
                self._add_categories([self._kept])
            return
        groups = card_groups(self.catalog, self.lang)
        if not groups:
            self.browse_layout.addWidget(label(t("ui.catalog_empty", self.lang), "muted"))
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

    def _add_categories(self, groups: list[CardGroup]) -> list[QWidget]:
        """Each category's heading and procedure cards; returns the cards in order."""
        cards: list[QWidget] = []
        for group in groups:
            self.browse_layout.addSpacing(12)
            self.browse_layout.addWidget(label(group.heading, "h2"))
            for text in group.cards:
                card = self._card(text)
                self.browse_layout.addWidget(card)
                cards.append(card)
        return cards

    def _add_below(self, groups: list[CardGroup], order: list[QWidget]) -> None:
        """The rest of the list after the first category: categories, then the liên thông bundles."""
        order = order + self._add_categories(groups)
        if self.catalog is not None and self.catalog.bundles:
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
        assert self.catalog is not None  # bundles are listed once it is in
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
        # Before the catalog is in (a few ms after the first frame) the list stays; set_catalog answers.
        searching = bool(query.strip()) and self.catalog is not None
        self.browse.setVisible(not searching)
        self.results.setVisible(searching)
        while self.results_layout.count():
            item = self.results_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # kept for the next search; only its place in the list is given up
        if not searching or self.catalog is None:
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
                card = self._result_cards[proc.code] = self._card(card_text(proc, self.lang))
            self.results_layout.addWidget(card)
            card.show()
            cards.append(card)
        self._chain(cards)
        self._keep_results_in_sight_soon()

    def _keep_results_in_sight_soon(self) -> None:
        if not self._sight_due:
            self._sight_due = True
            QTimer.singleShot(0, self, self._keep_results_in_sight)

    def _keep_results_in_sight(self) -> None:
        """Typing in the search box on a short page (the on-screen keyboard under it at 200 %): the box
        goes to the page's top and the first result shows whole below it. The results lay under the
        keys, "Kết quả tìm kiếm (1)" cut by their top edge, and a resident could not see what was found.
        Where even that leaves too little room, the results show their names only (their details are
        still read out, and shown again once the page has its height back)."""
        self._sight_due = False
        typing = self.search.hasFocus() and self.results.isVisible()
        self._brief_results(False)
        if not typing:
            return
        if not self._scroll_to_first_result():
            self._brief_results(True)
            self._scroll_to_first_result()

    def _scroll_to_first_result(self) -> bool:
        """Scroll the box to the page's top unless it and the first result (or what stands for it) show
        already; False when they do not fit the page together."""
        page = self.list_page
        # Where the results are now, not before this search's cards were shown (or shortened).
        for _ in range(2):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            page.body.activate()
        cards = self.visible_cards()
        first: QWidget = (
            cards[0]
            if cards
            else self.no_results
            if self.no_results.isVisibleTo(self)
            else self.results_heading
        )
        margin = 8
        top = self.search.mapTo(page.content, QPoint(0, 0)).y() - margin
        bottom = first.mapTo(page.content, QPoint(0, first.height())).y() + margin
        bar = page.verticalScrollBar()
        height = page.viewport().height()
        if not (top >= bar.value() and bottom <= bar.value() + height):
            bar.setValue(max(0, top))  # the box at the top: nothing above it left cut in half
        return bottom - top <= height

    def _brief_results(self, on: bool) -> None:
        """The result cards with their names only (`on`), or whole."""
        for card in self._result_cards.values():
            for line in card.findChildren(QLabel):
                if line.property("role") == "card-detail" and line.isHidden() != on:
                    line.setVisible(not on)

    def _open_first(self) -> None:
        """Enter in the search box opens the best match (an agent types "khai sinh" and Enter)."""
        if self.results.isVisible() and (cards := self.visible_cards()):
            cards[0].click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list_page.viewport() and event.type() == QEvent.Type.Resize:
            self._keep_results_in_sight_soon()
            return False
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
        return self._cards_in(self.results_layout if self.results.isVisible() else self.browse_layout)

    @staticmethod
    def _cards_in(layout: QVBoxLayout) -> list[Card]:
        found: list[Card] = []
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, Card) and not widget.isHidden():
                found.append(widget)
        return found
