"""The keyboard itself: letters (with ă â đ ê ô ơ ư), a row of tones that show what they will make, digits.

Keys never take the focus and send no key events: each writes into the text box it serves through
QLineEdit's own editing calls (insert, backspace), as a paste would, so the cursor, the maximum length
and the box's validator apply as to typing. Tones come from kiosk.vi_typing (the bogo engine): when it
cannot load, the tone row is hidden, a line says so once, and letters still type.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Lang, t
from kiosk.vi_typing import TONE_ORDER, Tone, ToneRules, nfc, tone_rules, word_bounds
from ui.keyboard.style import KEY_PX, keyboard_stylesheet
from ui.widgets import label

TextBox = QLineEdit | QPlainTextEdit

# Twelve columns. Each key: (what it types or an action name, columns it spans).
LETTER_ROWS: tuple[tuple[str, ...], ...] = (
    ("q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "ă", "â"),
    ("a", "s", "d", "f", "g", "h", "j", "k", "l", "đ", "ê", "ô"),
)
LAST_LETTERS = ("z", "x", "c", "v", "b", "n", "m", "ơ", "ư")
DIGITS = "1234567890"
COLUMNS = 12
PUNCTUATION = {  # the three keys beside the space bar, by what the box is for
    "text": (",", ".", "/"),
    "email": ("@", ".", "_"),
}
MARK_NAMES = {
    ",": "keyboard.comma",
    ".": "keyboard.period",
    "/": "keyboard.slash",
    "@": "keyboard.at",
    "_": "keyboard.underscore",
}
TONE_KEYS = {
    Tone.ACUTE: "acute",
    Tone.GRAVE: "grave",
    Tone.HOOK: "hook",
    Tone.TILDE: "tilde",
    Tone.DOT: "dot",
    Tone.NONE: "none",
}
TONE_SAMPLES = {  # what a tone key shows while there is no word to put it on
    Tone.ACUTE: "á",
    Tone.GRAVE: "à",
    Tone.HOOK: "ả",
    Tone.TILDE: "ã",
    Tone.DOT: "ạ",
    Tone.NONE: "a",
}
DIGIT_HINTS = (
    Qt.InputMethodHint.ImhDigitsOnly
    | Qt.InputMethodHint.ImhFormattedNumbersOnly
    | Qt.InputMethodHint.ImhDialableCharactersOnly
    | Qt.InputMethodHint.ImhDate
)
CAPITALS = "keyboard-capitals"  # a text box property: "words" capitalises each word's first letter (names)

TOLD_NO_TONES: list[bool] = []  # the missing tones are said once per run, on the first keyboard shown


def layout_for(box: QWidget) -> str:
    """ "digits" (with "/" for a date: "date"), "email" or "text", from the box's input-method hints."""
    hints = box.inputMethodHints()
    if hints & Qt.InputMethodHint.ImhDate:
        return "date"
    if hints & DIGIT_HINTS:
        return "digits"
    if hints & Qt.InputMethodHint.ImhEmailCharactersOnly:
        return "email"
    return "text"


class Key(QPushButton):
    """A key: never focused, a touch target of at least 64×64 px, named for screen readers."""

    def __init__(self, role: str, action: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.setMinimumSize(KEY_PX, KEY_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.clicked.connect(lambda *_checked: action())

    def name(self, text: str, accessible: str, description: str = "") -> None:
        if self.text() != text:
            self.setText(text)
        self.setAccessibleName(accessible)
        self.setAccessibleDescription(description)


class KeyboardPanel(QFrame):
    """One keyboard; the window has one under its pages, a dialog with a text box has its own."""

    hide_requested = Signal()

    def __init__(self, lang: Lang, parent: QWidget | None = None, rules: ToneRules | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onscreen-keyboard")
        self.setProperty("role", "keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.rules = rules if rules is not None else tone_rules()
        self.lang: Lang = lang
        self.target: TextBox | None = None
        self.shift = False
        self.kind = "text"
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)  # tight: at 200 % text every pixel goes to the page
        column.setSpacing(4)
        self.note = label("", "keyboard-note")
        self.note.setObjectName("keyboard-note")
        self.note.setVisible(False)
        column.addWidget(self.note)
        self.letters = QWidget()
        self.digits = QWidget()
        column.addWidget(self.letters)
        column.addWidget(self.digits)
        self.letter_keys: dict[str, Key] = {}
        self.digit_keys: dict[str, Key] = {}
        self.tone_keys: dict[Tone, Key] = {}
        self.mark_keys: list[Key] = []
        self._build_letters()
        self._build_digits()
        self.digits.setVisible(False)
        if self.rules is None:
            self._show_tones(False)
            if not TOLD_NO_TONES:
                TOLD_NO_TONES.append(True)
                self.note.setVisible(True)
        self._watched: list[tuple[QObject, str]] = []
        self._seen: tuple[object, str, int] | None = None  # the box, its text and cursor last looked at
        self._previews: tuple[str, bool, str] | None = None  # the word, editable, language shown on tones
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(0)
        self._preview_timer.timeout.connect(self.update_tones)
        self.retranslate(lang)

    # -- building -------------------------------------------------------------------------------
    def _grid(self, parent: QWidget) -> QGridLayout:
        grid = QGridLayout(parent)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        return grid

    def _build_letters(self) -> None:
        """Five rows of twelve columns: the page keeps what is left of a 768-pixel screen."""
        grid = self.letter_grid = self._grid(self.letters)
        for col, digit in enumerate(DIGITS):
            grid.addWidget(self._digit_key(digit, self.digit_keys), 0, col)
        # Far from the letters, so that a finger looking for "p" or "â" does not hide the keyboard.
        self.hide_key = Key("key-action", self.hide_requested.emit)
        grid.addWidget(self.hide_key, 0, 10, 1, 2)
        for row, letters in enumerate(LETTER_ROWS, start=1):
            for col, letter in enumerate(letters):
                grid.addWidget(self._letter_key(letter), row, col)
        self.shift_key = Key("key-action", self.toggle_shift)
        self.shift_key.setCheckable(True)
        grid.addWidget(self.shift_key, 3, 0, 1, 2)
        for col, letter in enumerate(LAST_LETTERS, start=2):
            grid.addWidget(self._letter_key(letter), 3, col)
        self.backspace = Key("key-action", self.backspace_pressed)
        self.backspace.setAutoRepeat(True)
        self.backspace.setAutoRepeatDelay(700)  # a long press deletes on, a slow finger deletes one
        grid.addWidget(self.backspace, 3, 11)
        self.tone_row = QWidget()  # the tones, or the space bar alone when they are not available
        tones = self._grid(self.tone_row)
        for col, tone in enumerate(TONE_ORDER):
            key = Key("key-tone", partial(self.tone_pressed, tone))
            self.tone_keys[tone] = key
            tones.addWidget(key, 0, col)
        grid.addWidget(self.tone_row, 4, 0, 1, 6)
        self.space = Key("key", lambda: self.type_text(" "))
        grid.addWidget(self.space, 4, 6, 1, 3)
        self.punctuation: list[Key] = []
        for col in range(3):
            key = Key("key", partial(self._punctuation_pressed, col))
            self.punctuation.append(key)
            grid.addWidget(key, 4, 9 + col)
        for col in range(COLUMNS):
            grid.setColumnStretch(col, 1)

    def _build_digits(self) -> None:
        grid = self._grid(self.digits)
        pad: dict[str, Key] = {}
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_key(digit, pad), index // 3, 1 + index % 3)
        self.digit_pad = pad
        self.slash = self._mark_key("/")
        grid.addWidget(self.slash, 3, 1)
        grid.addWidget(self._digit_key("0", pad), 3, 2)
        self.pad_backspace = Key("key-action", self.backspace_pressed)
        self.pad_backspace.setAutoRepeat(True)
        self.pad_backspace.setAutoRepeatDelay(700)
        grid.addWidget(self.pad_backspace, 3, 3)
        self.pad_hide = Key("key-action", self.hide_requested.emit)
        grid.addWidget(self.pad_hide, 0, 4, 4, 1)
        # The pad in the middle, its keys wide enough to hit: a phone's pad, not a stretched one.
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(5, 1)
        for col in range(1, 5):
            grid.setColumnMinimumWidth(col, 2 * KEY_PX + 24)

    def _show_tones(self, shown: bool) -> None:
        """The tone row, or a space bar as wide as the row and itself (codes, e-mail: no tones)."""
        if self.tone_row.isVisibleTo(self) == shown:
            return
        self.tone_row.setVisible(shown)
        self.letter_grid.addWidget(self.space, 4, 6 if shown else 0, 1, 3 if shown else 9)

    def _letter_key(self, letter: str) -> Key:
        key = Key("key", lambda: self.type_letter(letter))
        self.letter_keys[letter] = key
        return key

    def _digit_key(self, digit: str, keys: dict[str, Key]) -> Key:
        key = Key("key", lambda: self.type_text(digit))
        keys[digit] = key
        return key

    def _mark_key(self, mark: str) -> Key:
        key = Key("key", lambda: self.type_text(mark))
        key.setProperty("mark", mark)
        self.mark_keys.append(key)
        return key

    # -- words --------------------------------------------------------------------------------
    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.setAccessibleName(t("keyboard.name", lang))
        self.note.setText(t("keyboard.tones_unavailable", lang))
        for digit, key in (*self.digit_keys.items(), *self.digit_pad.items()):
            key.name(digit, t("keyboard.digit", lang, digit=digit))
        for backspace in (self.backspace, self.pad_backspace):
            backspace.name("⌫ " + t("keyboard.backspace", lang), t("keyboard.backspace_name", lang))
        self.shift_key.name("⇧ " + t("keyboard.shift", lang), t("keyboard.shift_name", lang))
        for hide in (self.hide_key, self.pad_hide):
            hide.name(t("keyboard.hide", lang), t("keyboard.hide_name", lang))
        self.space.name(t("keyboard.space", lang), t("keyboard.space", lang))
        for key in self.mark_keys:
            mark = str(key.property("mark"))
            key.name(mark, t(MARK_NAMES[mark], lang))
        self._show_punctuation()
        self._show_letters()
        self._previews = None
        self.update_tones()

    def _show_letters(self) -> None:
        lang = self.lang
        for letter, key in self.letter_keys.items():
            if self.shift:
                shown = letter.upper()
                key.name(shown, t("keyboard.capital_letter", lang, letter=shown))
            else:
                key.name(letter, t("keyboard.letter", lang, letter=letter))
        if self.shift_key.isChecked() != self.shift:
            self.shift_key.setChecked(self.shift)

    def _show_punctuation(self) -> None:
        marks = PUNCTUATION["email" if self.kind == "email" else "text"]
        for key, mark in zip(self.punctuation, marks, strict=True):
            key.setProperty("mark", mark)
            key.name(mark, t(MARK_NAMES[mark], self.lang))

    def set_style(self, high_contrast: bool, scale: int) -> None:
        self.setStyleSheet(keyboard_stylesheet(high_contrast, scale))

    # -- the box it types into ----------------------------------------------------------------
    def set_target(self, box: TextBox | None) -> None:
        """Type into `box` from now on (None: nothing); the layout follows what the box is for."""
        if box is self.target:
            return
        for source, signal in self._watched:
            getattr(source, signal).disconnect(self._box_changed)
        self._watched = []
        self.target = box
        self._seen = self._previews = None
        if box is not None:
            for signal in ("textChanged", "cursorPositionChanged"):
                getattr(box, signal).connect(self._box_changed)
                self._watched.append((box, signal))
            box.destroyed.connect(self._box_gone)
            self.kind = layout_for(box)
        digits = self.kind in ("digits", "date")
        self.letters.setVisible(not digits)
        self.digits.setVisible(digits)
        self.slash.setVisible(self.kind == "date")
        latin = box is not None and bool(box.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly)
        self._show_tones(self.rules is not None and self.kind == "text" and not latin)
        self._show_punctuation()
        self.shift = False
        self._show_letters()
        self._box_changed()

    def _box_gone(self) -> None:
        self.target = None
        self._watched = []
        self._seen = self._previews = None  # nothing of what was typed stays, not even in memory
        self.update_tones()

    def forget(self) -> None:
        """Stop serving the box (the keyboard hides): no word of the person stays on a key."""
        self.set_target(None)

    def _box_changed(self, *_args: object) -> None:
        # A typed letter moves the text and the cursor: one look is enough.
        state = (self.target, *self._text_and_cursor())
        if state == self._seen:
            return
        self._seen = state
        self._auto_capital()
        # The tone keys' previews right after the letter shows, not before it: six words to work out.
        self._preview_timer.start()

    def _text_and_cursor(self) -> tuple[str, int]:
        box = self.target
        if isinstance(box, QLineEdit):
            return box.text(), box.cursorPosition()
        if isinstance(box, QPlainTextEdit):
            return box.toPlainText(), box.textCursor().position()
        return "", 0

    def _auto_capital(self) -> None:
        """In a name, each word starts with a capital ("Nguyễn Thị Hằng"); Shift is for one letter."""
        box = self.target
        if box is None or box.property(CAPITALS) != "words":
            return
        text, cursor = self._text_and_cursor()
        wanted = cursor == 0 or not text[cursor - 1].isalpha()
        if wanted != self.shift:
            self.shift = wanted
            self._show_letters()

    def update_tones(self) -> None:
        """Each tone key shows the word it would make ("Nguyễn"), or a sample and no action."""
        if self.rules is None:
            return
        text, cursor = self._text_and_cursor()
        start, end = word_bounds(text, cursor)
        word = text[start:end]
        editable = self._editable()
        if (word, editable, self.lang) == self._previews:
            return
        self._previews = (word, editable, self.lang)
        for tone, key in self.tone_keys.items():
            name_key = f"keyboard.tone.{TONE_KEYS[tone]}"
            made = self.rules.apply(word, tone) if word and editable else None
            if made is not None and made != nfc(word):
                key.name(
                    f"{t(name_key, self.lang)}\n{self._fit(key, made)}",
                    t(f"{name_key}_name", self.lang),
                    t("keyboard.tone.makes", self.lang, word=made),
                )
                key.setEnabled(True)
            else:
                key.name(
                    f"{t(name_key, self.lang)}\n{TONE_SAMPLES[tone]}",
                    t(f"{name_key}_name", self.lang),
                    t("keyboard.tone.type_first", self.lang),
                )
                key.setEnabled(False)

    @staticmethod
    def _fit(key: Key, word: str) -> str:
        """A long word keeps its end on a narrow key ("…ghiêng"): the tone is at the end, not the start."""
        room = key.width() - 12
        return key.fontMetrics().elidedText(word, Qt.TextElideMode.ElideLeft, room) if room > 0 else word

    def _editable(self) -> bool:
        box = self.target
        return box is not None and box.isEnabled() and not box.isReadOnly()

    # -- typing -------------------------------------------------------------------------------
    def type_letter(self, letter: str) -> None:
        manual = self.shift and self.target is not None and self.target.property(CAPITALS) != "words"
        self.type_text(letter.upper() if self.shift else letter)
        if manual:  # one capital, then small letters again (as on a phone)
            self.shift = False
            self._show_letters()

    def _punctuation_pressed(self, index: int) -> None:
        self.type_text(str(self.punctuation[index].property("mark")))

    def type_text(self, text: str) -> None:
        box = self.target
        if box is None or not self._editable():
            return
        if isinstance(box, QLineEdit):
            box.insert(text)
        else:
            box.insertPlainText(text)

    def backspace_pressed(self) -> None:
        box = self.target
        if box is None or not self._editable():
            return
        if isinstance(box, QLineEdit):
            box.backspace()
        else:
            box.textCursor().deletePreviousChar()

    def toggle_shift(self) -> None:
        self.shift = not self.shift
        self._show_letters()

    def tone_pressed(self, tone: Tone) -> None:
        box = self.target
        if self.rules is None or box is None or not self._editable():
            return
        text, cursor = self._text_and_cursor()
        change = self.rules.retone(text, cursor, tone)
        if change is None:
            return
        word, start, end = change
        if isinstance(box, QLineEdit):
            # Replace the word as one edit (one undo step), the cursor where it was.
            box.setSelection(start, end - start)
            box.insert(word)
            box.setCursorPosition(cursor)
        else:
            edit = box.textCursor()
            edit.setPosition(start)
            edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(word)
            edit.setPosition(cursor)
            box.setTextCursor(edit)
