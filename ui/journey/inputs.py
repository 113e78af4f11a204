"""The input of one question page, by kind: line edit, radio buttons, date (typed or picked), address."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import Question, QuestionKind
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.journey import Raw
from kiosk.rules.dates import format_date, parse_date
from kiosk.rules.units import Province, Ward, provinces, search_wards
from kiosk.text import search_key
from ui.focus_order import in_chain_order
from ui.widgets import forward_key, is_typing, label
from ui.wrap import WrappingRadio

EARLIEST_YEAR = 1900


class AnswerInput(QWidget):
    """What a question page asks through: `value()` gives the raw answer, `set_value` shows one."""

    changed = Signal()

    def value(self) -> Raw:
        raise NotImplementedError

    def set_value(self, raw: Raw | None) -> None:
        raise NotImplementedError

    def focus_first(self) -> None:
        first = self.focus_order()[:1]
        if first:
            first[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_order(self) -> list[QWidget]:
        """Its Tab stops in reading order (the page puts them after the question): its focus chain."""
        return in_chain_order(self)

    def focus_for(self, key: str) -> None:
        """Focus the part of the input a problem (message key) is about."""
        self.focus_first()

    def retranslate(self, lang: Lang) -> None:
        """Update own words; the question's label and hint belong to the page."""


_HINTS = {
    QuestionKind.CCCD: Qt.InputMethodHint.ImhDigitsOnly,
    QuestionKind.PHONE: Qt.InputMethodHint.ImhDialableCharactersOnly,
    QuestionKind.NUMBER: Qt.InputMethodHint.ImhFormattedNumbersOnly,
    QuestionKind.EMAIL: Qt.InputMethodHint.ImhEmailCharactersOnly | Qt.InputMethodHint.ImhNoAutoUppercase,
}


class TextInput(AnswerInput):
    """One large line edit: text, names, numbers, phone, email, CCCD."""

    def __init__(self, question: Question, name: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setObjectName(f"input-{question.id}")
        if question.kind in _HINTS:
            self.edit.setInputMethodHints(_HINTS[question.kind])
        if question.kind is QuestionKind.PERSON_NAME:  # the on-screen keyboard starts each word capital
            self.edit.setProperty("keyboard-capitals", "words")
        self.edit.textChanged.connect(lambda *_: self.changed.emit())
        layout.addWidget(self.edit)

    def value(self) -> Raw:
        return self.edit.text()

    def set_value(self, raw: Raw | None) -> None:
        self.edit.setText(raw if isinstance(raw, str) else "")

    def focus_first(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


_ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
_DIGITS = {Qt.Key(Qt.Key.Key_1.value + n): n + 1 for n in range(9)}  # 1…9: an option's place
_KEYPAD = Qt.KeyboardModifier.KeypadModifier  # the number pad's digits count too


class ChoiceRadio(WrappingRadio):
    """An option whose arrow keys carry the choice along with the focus, as a browser's radios do; its
    text wraps (a long option at 200 %).

    Qt moves only the focus while none of the group is chosen yet: a person who pressed Down saw the
    ring move to "Không", pressed Enter, and was told to answer.

    A digit chooses the option of that place in the list (1 the first), focus and all, as an agent at a
    counter reads "the third one" off the screen; Enter then continues as on any option. A digit past the
    last option does nothing."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        group = self.group()
        place = _DIGITS.get(Qt.Key(event.key()))
        if place is not None and group is not None and not event.modifiers() & ~_KEYPAD:
            options = group.buttons()
            if place <= len(options):
                chosen = options[place - 1]
                chosen.setChecked(True)
                chosen.setFocus(Qt.FocusReason.OtherFocusReason)
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() not in _ARROWS:
            return
        moved = QApplication.focusWidget()
        if moved is not self and isinstance(moved, QRadioButton) and moved.group() is self.group():
            moved.setChecked(True)


class ChoiceInput(AnswerInput):
    """Large radio buttons; arrows move the choice between them, Tab leaves the group, Space chooses."""

    def __init__(self, question: Question, name: str, lang: Lang) -> None:
        super().__init__()
        self.question = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.group = QButtonGroup(self)
        self.buttons: list[tuple[Raw, QRadioButton]] = []
        if question.kind is QuestionKind.YES_NO:
            values: list[tuple[Raw, str]] = [(True, "rules.answers.yes"), (False, "rules.answers.no")]
            self._keys = [key for _, key in values]
        else:
            values = [(o.id, o.id) for o in question.options]
            self._keys = []
        for raw, _key in values:
            radio = ChoiceRadio()
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            radio.setObjectName(f"option-{question.id}-{str(raw).lower()}")
            self.group.addButton(radio)
            layout.addWidget(radio)
            self.buttons.append((raw, radio))
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.setAccessibleName(name)
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        for index, (raw, radio) in enumerate(self.buttons):
            if self._keys:
                text = t(self._keys[index], lang)
            else:
                text = self.question.option(str(raw)).label.get(lang)
            radio.setText(text)
            radio.setAccessibleName(text)

    def value(self) -> Raw:
        for raw, radio in self.buttons:
            if radio.isChecked():
                return raw
        return ""

    def set_value(self, raw: Raw | None) -> None:
        for value, radio in self.buttons:
            if value == raw and type(value) is type(raw):
                radio.setChecked(True)
                return

    def focus_first(self) -> None:
        checked = [radio for _, radio in self.buttons if radio.isChecked()]
        target = checked[0] if checked else self.buttons[0][1] if self.buttons else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)


class DateInput(AnswerInput):
    """Typed as dd/mm/yyyy, or picked with three large boxes (day, month, year); each fills the other."""

    def __init__(self, question: Question, name: str, lang: Lang) -> None:
        super().__init__()
        self._syncing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"input-{question.id}")
        self.edit.setAccessibleName(name)
        # Digits and "/" on the on-screen keyboard.
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhDate)
        self.edit.setMaxLength(10 + 4)  # a few stray spaces are tolerated by the parser
        self.edit.setPlaceholderText(t("journey.date.placeholder", lang))
        layout.addWidget(self.edit)
        self.pick_label = label("", "muted")
        layout.addWidget(self.pick_label)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.day, self.month, self.year = QComboBox(), QComboBox(), QComboBox()
        self.day.addItems(["", *(f"{d:02d}" for d in range(1, 32))])
        self.month.addItems(["", *(f"{m:02d}" for m in range(1, 13))])
        self.year.addItems(["", *(str(y) for y in range(date.today().year, EARLIEST_YEAR - 1, -1))])
        for box, part in ((self.day, "day"), (self.month, "month"), (self.year, "year")):
            box.setObjectName(f"{part}-{question.id}")
            box.setMaxVisibleItems(8)
            box.currentIndexChanged.connect(self._picked)
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        self.edit.textChanged.connect(self._typed)
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self.pick_label.setText(t("journey.date.pick", lang))
        self.edit.setPlaceholderText(t("journey.date.placeholder", lang))
        for box, key in ((self.day, "day"), (self.month, "month"), (self.year, "year")):
            box.setItemText(0, t(f"journey.date.{key}", lang))
            box.setAccessibleName(t(f"journey.date.{key}", lang))

    def _picked(self) -> None:
        if self._syncing:
            return
        if self.day.currentIndex() and self.month.currentIndex() and self.year.currentIndex():
            text = f"{self.day.currentText()}/{self.month.currentText()}/{self.year.currentText()}"
            self._syncing = True
            self.edit.setText(text)
            self._syncing = False
        self.changed.emit()

    def _typed(self, text: str) -> None:
        if self._syncing:
            return
        try:
            value = parse_date(text)
        except KioskError:
            return
        self._syncing = True
        self.day.setCurrentIndex(value.day)
        self.month.setCurrentIndex(value.month)
        index = self.year.findText(str(value.year))
        self.year.setCurrentIndex(max(index, 0))
        self._syncing = False
        self.changed.emit()

    def value(self) -> Raw:
        return self.edit.text()

    def set_value(self, raw: Raw | None) -> None:
        self.edit.setText(raw if isinstance(raw, str) else "")

    def set_date(self, value: date) -> None:
        self.edit.setText(format_date(value))

    def focus_first(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class AddressInput(AnswerInput):
    """Province (searchable list), then ward of that province (searchable, accents optional), then street."""

    def __init__(self, question: Question, name: str, lang: Lang) -> None:
        super().__init__()
        self.question = question
        self._provinces = provinces()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.province_label = label("", "key")
        self.province_search = QLineEdit()
        self.province_search.setObjectName(f"province-search-{question.id}")
        self.province_list = QListWidget()
        self.province_list.setObjectName(f"province-list-{question.id}")
        self.ward_label = label("", "key")
        self.ward_search = QLineEdit()
        self.ward_search.setObjectName(f"ward-search-{question.id}")
        self.ward_list = QListWidget()
        self.ward_list.setObjectName(f"ward-list-{question.id}")
        self.street_label = label("", "key")
        self.street = QLineEdit()
        self.street.setObjectName(f"street-{question.id}")
        for widget in (
            self.province_label,
            self.province_search,
            self.province_list,
            self.ward_label,
            self.ward_search,
            self.ward_list,
            self.street_label,
            self.street,
        ):
            layout.addWidget(widget)
        self.province_label.setBuddy(self.province_search)
        self.ward_label.setBuddy(self.ward_search)
        self.street_label.setBuddy(self.street)
        self.province_search.textChanged.connect(self._filter_provinces)
        self.ward_search.textChanged.connect(self._filter_wards)
        self.province_list.currentItemChanged.connect(self._province_chosen)
        self.ward_list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.street.textChanged.connect(lambda *_: self.changed.emit())
        self._province_code = ""
        self._lang: Lang = lang
        self.setAccessibleName(name)
        self._filter_provinces("")
        self.retranslate(lang)
        # Each search box and its list: Down goes to the list, Enter takes the match and moves on.
        self._steps: list[tuple[QWidget, QListWidget, QWidget]] = [
            (self.province_search, self.province_list, self.ward_search),
            (self.province_list, self.province_list, self.ward_search),
            (self.ward_search, self.ward_list, self.street),
            (self.ward_list, self.ward_list, self.street),
        ]
        for stop, _list, _next in self._steps:
            stop.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = next((s for s in self._steps if s[0] is watched), None)
        if step is None:
            return False
        widget, box, after = step
        key = event.key()
        if widget is box and is_typing(event):
            # Typing on the list searches it: "hoan kiem" typed there went nowhere, and the next Enter
            # took the ward the list had highlighted on its own.
            search = self.province_search if box is self.province_list else self.ward_search
            search.setFocus(Qt.FocusReason.OtherFocusReason)
            forward_key(event, search)
            return True
        if key == Qt.Key.Key_Down and widget is not box and box.count():
            if box.currentItem() is None:
                box.setCurrentRow(0)
            box.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if key == Qt.Key.Key_Up and widget is box and box.currentRow() <= 0:
            search = self.province_search if box is self.province_list else self.ward_search
            search.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and box.count():
            # Several matches and none taken: the list, to choose with the arrows; never a guess.
            target = after if box.currentItem() is not None else box
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False  # nothing to choose from: Enter continues, and the page says what is missing

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        for widget, key in (
            (self.province_label, "journey.address.province"),
            (self.ward_label, "journey.address.ward"),
            (self.street_label, "journey.address.street"),
        ):
            widget.setText(t(key, lang))
        self.province_search.setPlaceholderText(t("journey.address.province_search", lang))
        self.province_search.setAccessibleName(t("journey.address.province", lang))
        self.province_list.setAccessibleName(t("journey.address.province", lang))
        self.ward_search.setAccessibleName(t("journey.address.ward", lang))
        self.ward_list.setAccessibleName(t("journey.address.ward", lang))
        self.street.setAccessibleName(t("journey.address.street", lang))
        self._ward_placeholder()

    def _ward_placeholder(self) -> None:
        key = (
            "journey.address.ward_search" if self._province_code else "journey.address.choose_province_first"
        )
        self.ward_search.setPlaceholderText(t(key, self._lang))

    def _fill(self, widget: QListWidget, items: list[Province] | list[Ward], keep: str) -> None:
        widget.blockSignals(True)
        widget.clear()
        for unit in items:
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            widget.addItem(item)
            if unit.code == keep:
                widget.setCurrentItem(item)
        widget.blockSignals(False)
        self._fit(widget)
        if widget.count() == 1 and widget.currentItem() is None:
            widget.setCurrentRow(0)  # one match left: chosen for the person, still visible to check

    @staticmethod
    def _fit(widget: QListWidget) -> None:
        """Show up to five rows; the list scrolls for more."""
        rows = min(widget.count(), 5)
        if rows:
            frame = 2 * widget.frameWidth() + 4
            widget.setFixedHeight(rows * max(widget.sizeHintForRow(0), 1) + frame)
        widget.setVisible(rows > 0)
        if widget.currentItem() is not None:  # a preselected province (from a scanned card) is in view
            widget.scrollToItem(widget.currentItem(), QListWidget.ScrollHint.PositionAtTop)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Row heights are known only once the stylesheet (and text size) applies.
        self._fit(self.province_list)
        self._fit(self.ward_list)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.isVisible():
            self._fit(self.province_list)
            self._fit(self.ward_list)

    def _filter_provinces(self, text: str) -> None:
        words = search_key(text).split()
        found = [p for p in self._provinces if all(word in p.search_key for word in words)]
        self._fill(self.province_list, found, self._province_code)

    def _province_chosen(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        code = str(current.data(Qt.ItemDataRole.UserRole)) if current is not None else ""
        if code == self._province_code:
            return
        self._province_code = code
        self.ward_search.blockSignals(True)
        self.ward_search.clear()
        self.ward_search.blockSignals(False)
        self._filter_wards("")
        self._ward_placeholder()
        self.changed.emit()

    def _filter_wards(self, text: str) -> None:
        keep = self.ward_code()
        found = search_wards(self._province_code, text) if self._province_code else []
        self._fill(self.ward_list, found, keep)

    def ward_code(self) -> str:
        item = self.ward_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def value(self) -> Raw:
        return {
            "province_code": self._province_code,
            "ward_code": self.ward_code(),
            "street": self.street.text(),
        }

    def set_value(self, raw: Raw | None) -> None:
        if not isinstance(raw, dict):
            return
        self._province_code = str(raw.get("province_code") or "")
        self._filter_provinces(self.province_search.text())
        wards = search_wards(self._province_code, "") if self._province_code else []
        self._fill(self.ward_list, wards, str(raw.get("ward_code") or ""))
        self._ward_placeholder()
        self.street.setText(str(raw.get("street") or ""))

    def focus_first(self) -> None:
        # An address shown filled (the applicant's, offered for the mother's residence) opens on its
        # street: one Enter keeps it, as on a page with one box; an empty one opens on the province.
        filled = self._province_code and self.ward_code() and self.street.text().strip()
        target = self.street if filled else self.province_search
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_for(self, key: str) -> None:
        if not self._province_code or "province" in key:
            self.province_search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.ward_code() or "ward" in key:
            self.ward_search.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.street.setFocus(Qt.FocusReason.OtherFocusReason)


# A choice with more options than this is a search box over a list, not radio buttons. A list the person
# knows an item of by name (an ethnic group, a country: `options_from`) is searched; options to read
# through and pick from, such as the nine fee exemptions of cư trú, stay buttons to read and tap.
LONG_LIST = 12
_VISIBLE_ROWS = 5


class ListChoiceInput(AnswerInput):
    """A choice among many (the 54 ethnic groups, ~250 nationalities): a search box over a list.

    Typing filters it (accents, case and hyphens optional; other names such as "Mèo" or "Việt" find
    their group); a name typed whole, or the only match left, is chosen; Down goes into the list, Enter
    continues with what is chosen, and on several matches with none chosen goes into the list instead
    of guessing. A tap on a row chooses it. The answer is the chosen row's id (the official code).
    """

    def __init__(self, question: Question, name: str, lang: Lang) -> None:
        super().__init__()
        from kiosk.lists import ListItem, option_list

        self.question = question
        self._lang: Lang = lang
        if question.options_from is not None:
            self._items: tuple[ListItem, ...] = option_list(question.options_from).items
        else:
            self._items = tuple(ListItem(id=o.id, vi=o.label.vi, en=o.label.en) for o in question.options)
        self._ids = frozenset(item.id for item in self._items)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.search = QLineEdit()
        self.search.setObjectName(f"list-search-{question.id}")
        self.list = QListWidget()
        self.list.setObjectName(f"list-{question.id}")
        # A row longer than the list wraps (at 200 %, or a long option): the list never scrolls sideways.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.none_found = label("", "muted")
        self.none_found.setVisible(False)
        self.chosen = label("", "key")
        self.chosen.setObjectName(f"list-chosen-{question.id}")
        for widget in (self.search, self.list, self.none_found, self.chosen):
            layout.addWidget(widget)
        self.search.textChanged.connect(self._filter)
        self.list.itemSelectionChanged.connect(self._picked)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.setAccessibleName(name)
        self._filter("")
        self.retranslate(lang)

    def retranslate(self, lang: Lang) -> None:
        self._lang = lang
        title = self.question.label.get(lang)
        example = self._items[0].vi if self._items else ""
        self.search.setPlaceholderText(t("journey.list.search", lang, example=search_key(example)))
        self.search.setAccessibleName(t("journey.list.search_name", lang, title=title))
        self.list.setAccessibleName(title)
        self.none_found.setText(t("journey.list.none_found", lang))
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(self._label(str(item.data(Qt.ItemDataRole.UserRole))))
        self._show_chosen()

    def _label(self, item_id: str) -> str:
        for item in self._items:
            if item.id == item_id:
                return item.en if self._lang == "en" else item.vi
        return item_id

    def _filter(self, text: str) -> None:
        from kiosk.lists import list_key, search_items

        keep = self.value()
        found = search_items(self._items, text)
        self.list.blockSignals(True)
        self.list.clear()
        for item in found:
            row = QListWidgetItem(item.en if self._lang == "en" else item.vi)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(row)
            if item.id == keep:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        wanted = list_key(text)
        if wanted and found and (len(found) == 1 or wanted in found[0].keys[:2]):
            # The only match, or a name typed whole ("kinh", "lao"): chosen, still visible to check.
            self.list.setCurrentRow(0)
        self.none_found.setVisible(not found)
        self._fit()
        self._keep_in_view()
        self._show_chosen()
        self.changed.emit()

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def _keep_in_view(self) -> None:
        """While the person types, the search box and the rows it finds stay on the screen: at 200 % the
        list started below the screen's edge, so a match was chosen where nobody could see it."""
        area = self._scroll_area()
        if area is None or not self.search.hasFocus() or not self.isVisible():
            return
        viewport = area.viewport()
        top = self.search.mapTo(viewport, QPoint(0, 0)).y()
        bottom = self.list.mapTo(viewport, QPoint(0, self.list.height())).y() if self.list.isVisible() else 0
        overflow = bottom - viewport.height() + 8
        if overflow > 0:
            bar = area.verticalScrollBar()
            bar.setValue(bar.value() + min(overflow, max(top - 8, 0)))

    def _fit(self) -> None:
        """Show up to five rows, fewer when large text leaves no room for them under the search box on
        the screen (at least two); the list scrolls (or is swiped) for more."""
        rows = min(self.list.count(), _VISIBLE_ROWS)
        area = self._scroll_area()
        row_height = max(self.list.sizeHintForRow(0), 1) if rows else 1
        if rows and area is not None and area.viewport().height() > 100:
            room = area.viewport().height() - self.search.height() - 24
            rows = min(rows, max(2, room // row_height))
        if rows:
            frame = 2 * self.list.frameWidth() + 4
            self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 1) + frame)
        self.list.setVisible(rows > 0)
        if self.list.currentItem() is not None:
            self.list.scrollToItem(self.list.currentItem(), QListWidget.ScrollHint.PositionAtTop)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()  # row heights are known once the stylesheet (and text size) applies

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.isVisible():
            self._fit()

    def _picked(self, *_args: object) -> None:
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        current = str(self.value())
        text = t("journey.list.chosen", self._lang, name=self._label(current)) if current else ""
        self.chosen.setText(text)
        self.chosen.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.list:
            if is_typing(event):  # typing on the list searches it
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                forward_key(event, self.search)
                return True
            if key == Qt.Key.Key_Up and self.list.currentRow() <= 0:
                self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
            return False  # Enter goes up to the page, which continues with the row chosen
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.list.count():
                if self.list.currentItem() is None:
                    self.list.setCurrentRow(0)
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.count() and not self.value():
                # Several matches and none chosen: the list, to choose with the arrows; never a guess
                # (Qt makes the first row current on focus, unselected: Down would then skip it).
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                self.list.setCurrentRow(-1)
                return True
        return False

    def value(self) -> Raw:
        # The row selected, not merely current: the list makes a row current when it takes the focus.
        chosen = self.list.selectedItems()
        return str(chosen[0].data(Qt.ItemDataRole.UserRole)) if chosen else ""

    def set_value(self, raw: Raw | None) -> None:
        wanted = raw if isinstance(raw, str) else ""
        if self.search.text() or self.list.count() != len(self._items):
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._filter("")
        if wanted not in self._ids:  # a name as typed elsewhere ("Kinh", "Lào") rather than an id
            from kiosk.lists import list_key

            wanted = next((item.id for item in self._items if list_key(wanted) in item.keys[:2]), "")
        for row in range(self.list.count()):
            if wanted and self.list.item(row).data(Qt.ItemDataRole.UserRole) == wanted:
                self.list.setCurrentRow(row)
                break
        else:
            self.list.setCurrentRow(-1)
        self._fit()

    def focus_first(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)


def make_input(question: Question, name: str, lang: Lang) -> AnswerInput:
    """The input for a question of any kind but attachment (see ui.journey.attachment)."""
    kind = question.kind
    if kind is QuestionKind.CHOICE and (question.options_from or len(question.options) > LONG_LIST):
        return ListChoiceInput(question, name, lang)
    if kind in (QuestionKind.CHOICE, QuestionKind.YES_NO):
        return ChoiceInput(question, name, lang)
    if kind is QuestionKind.DATE:
        return DateInput(question, name, lang)
    if kind is QuestionKind.ADDRESS:
        return AddressInput(question, name, lang)
    return TextInput(question, name)
