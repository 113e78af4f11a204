"""The counter's khai sinh, driven as an agent drives it: presses, typed data, time per page, data retyped.

Run: .venv/bin/python bench/bench_counter.py [--scale 100] [--quiet]
Offscreen, the real window in post-office mode (training key, temp data dir, real store). A mother hands
over her CCCD: the scanner (keyboard wedge) types the card's QR text into the window as soon as the
journey opens, and the agent types the child's data and the rest. Everything goes through key presses
on the focused widget (Tab, Shift+Tab, Enter, Space, arrows, the characters typed) as QTest delivers
them; a click only where a person must click (the file dialog); the mouse wheel only where a click
target can be reached no other way (counted; the goal is 0).

The driver reads the question of the page on screen (its id, its kind, its label) from the journey and
answers it from ANSWERS (by question id) or LABELLED (by words of its label), so the pages may come in
any order; a required question found in neither, with nothing filled in, stops the run with its id.

What it prints, per page and in total: navigation presses (keys and clicks that are not data; the press
that moves on counts), data characters typed (one press per character: an input method such as Telex
needs more for a Vietnamese letter), card scans, mouse-wheel notches, the real time the app took, and
the modelled time at a typist's pace: PACE_DATA_S per data character, PACE_NAV_S per navigation press,
SCAN_S for taking the card and scanning it, FILE_DIALOG_S for picking a scan in the file dialog, plus
the real time. It exits 1 when a datum the card holds (the mother's name, date of birth, CCCD number,
address) was typed, 2 when the run could not go on (it says which question or page), and prints whether
each goal of issue #17 is met. Beside it: the portal's web
form (dichvucong.gov.vn) counted from its documented field list, with the same rules (an estimate).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QWidget,
)

from kiosk.answers import display_value
from kiosk.assets import samples_dir
from kiosk.journey import PageKind
from kiosk.rules.cccd import CccdCard, build_cccd_qr
from kiosk.text import search_key

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.main_window import MainWindow

KHAI_SINH = "1.001193"
PACE_DATA_S = 0.2  # a typist's key press for data (about 60 words a minute)
PACE_NAV_S = 0.4  # a navigation press: look, find the key, press it
SCAN_S = 2.0  # take the card, hold it under the scanner
FILE_DIALOG_S = 2.0  # the file dialog: double-click the scan the document scanner just made
SCANNER_KEY_S = 0.006  # a keyboard-wedge scanner types a key every few milliseconds
GOAL_NAV_PER_PAGE = 1.5
GOAL_JOURNEY_S = 90.0
MAX_VISITS = 80

CARD = CccdCard(
    id_number="001195000456",
    old_id_number=None,
    full_name="Trần Thị Bình",
    date_of_birth=date(1995, 3, 12),
    gender="female",
    address="Tổ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội",
    issued_on=date(2021, 4, 10),
)
PAYLOAD = build_cccd_qr(CARD)
CHILD_BORN = date.today() - timedelta(days=12)  # registered within the 60 days: no fee


# --- answers ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """Typed into the page's line edit (text, name, number, CCCD, phone, date as dd/mm/yyyy)."""

    value: str
    card: bool = False  # a datum the mother's card holds: typing it is a failure


@dataclass(frozen=True)
class Choose:
    """An option, by id (or True/False for yes/no), else by its label."""

    option: str | bool
    labels: tuple[str, ...] = ()
    card: bool = False


@dataclass(frozen=True)
class Place:
    """An address: province and ward searched by typing, then the street."""

    province: str
    ward: str
    street: str
    card: bool = False


@dataclass(frozen=True)
class File:
    path: Path


@dataclass(frozen=True)
class Skip:
    """An optional question left as it is."""


Answer = Text | Choose | Place | File | Skip
SCAN = samples_dir() / "attachments" / "giay-chung-sinh.jpg"
CARD_ADDRESS = Place("ha noi", "phuc xa", "Tổ 5", card=True)
MOTHER = "mother"
ANSWERS: dict[str, Answer] = {
    # The applicant block: the mother, from her card; her phone typed, no email.
    "applicant.full_name": Text(CARD.full_name, card=True),
    "applicant.id_number": Text(CARD.id_number, card=True),
    "applicant.date_of_birth": Text(CARD.date_of_birth.strftime("%d/%m/%Y"), card=True),
    "applicant.gender": Choose("female", ("Nữ",), card=True),
    "applicant.address": CARD_ADDRESS,
    "applicant.phone": Text("0912345678"),
    "applicant.email": Skip(),
    # Who files: the mother.
    "relationship_to_child": Choose(MOTHER, ("Mẹ",)),
    # The child, typed.
    "child_full_name": Text("Lê Minh Khang"),
    "child_date_of_birth": Text(CHILD_BORN.strftime("%d/%m/%Y")),
    "child_gender": Choose("male", ("Nam",)),
    "child_place_of_birth": Text("Bệnh viện Phụ sản Hà Nội"),
    "child_ethnicity": Text("Kinh"),
    # The mother: all on her card.
    "mother_full_name": Text(CARD.full_name, card=True),
    "mother_date_of_birth": Text(CARD.date_of_birth.strftime("%d/%m/%Y"), card=True),
    "mother_id_number": Text(CARD.id_number, card=True),
    "mother_address": CARD_ADDRESS,
    "mother_residence": CARD_ADDRESS,
    # Married: the father's part typed from the marriage certificate (not on the mother's card).
    "parents_married": Choose(True),
    "father_full_name": Text("Lê Văn Cường"),
    "father_date_of_birth": Text("20/07/1993"),
    "father_id_number": Text("001093004567"),
    # Papers: the birth notice scanned at the counter; the marriage certificate is in the database.
    "has_birth_notice": Choose(True),
    "birth_notice_scan": File(SCAN),
    "marriage_certificate_scan": Skip(),
    "delivery.method": Choose("pickup", ("Nhận trực tiếp",)),
}
# Questions other parts of issue #17 add (their ids not known here): matched, after the ids above, by a
# part of the page id ("" for any) and words of the label. A value the page already shows (a default, or
# filled from the card) is kept when it is the one wanted; "Việt Nam" and "Kinh" are what a list offers.
LABELLED: list[tuple[str, str, Answer]] = [
    ("", "quốc tịch", Text("Việt Nam")),
    ("", "dân tộc", Text("Kinh")),
    ("", "quê quán", Text("Hà Nội")),
    ("", "bản sao", Text("1")),
    ("", "số bản", Text("1")),
    ("mother", "cư trú", CARD_ADDRESS),
    ("mother", "địa chỉ", CARD_ADDRESS),
    ("father", "cư trú", Place("ha noi", "phuc xa", "Tổ 5")),  # the family's address: the card's again
    ("", "là gì của trẻ", Choose(MOTHER, ("Mẹ",))),
    ("", "người đi đăng ký", Choose(MOTHER, ("Mẹ",))),
    ("", "ai đi đăng ký", Choose(MOTHER, ("Mẹ",))),
    ("", "quan hệ với trẻ", Choose(MOTHER, ("Mẹ",))),
    ("", "miễn", Choose(False, ("Không",))),  # fee exemptions by who files: none for this family
    ("", "giảm", Choose(False, ("Không",))),
]
CARD_DATA = {
    "họ tên": search_key(CARD.full_name),
    "ngày sinh": CARD.date_of_birth.strftime("%d%m%Y"),
    "số CCCD": CARD.id_number,
    "địa chỉ": search_key("Tổ 5"),
}


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return widget.objectName() or (f"{type(widget).__name__} {text!r}" if text else type(widget).__name__)


class BenchError(RuntimeError):
    """The run cannot go on: a question with no answer, an answer refused, a page that did not move."""


# --- accounting --------------------------------------------------------------------------------------
@dataclass
class Visit:
    """One page on screen, from its arrival to the next page's."""

    page: str
    kind: str
    nav: int = 0  # keys and clicks that are not data (the one that moves on included)
    clicks: int = 0  # of those, mouse clicks
    data: int = 0  # characters typed
    scans: int = 0
    files: int = 0  # files picked in the file dialog (a click, counted in nav and clicks)
    wheel: int = 0  # mouse-wheel notches
    real_s: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def modelled_s(self) -> float:
        return (
            self.nav * PACE_NAV_S
            + self.data * PACE_DATA_S
            + self.scans * SCAN_S
            + self.files * FILE_DIALOG_S
            + self.real_s
        )


@dataclass
class Typed:
    page: str
    text: str
    card: bool  # the answer table marks it as a datum the card holds
    datum: str  # which datum of the answer table (datum_of): the same one typed on two pages is typed twice


def datum_of(answer: Answer, part: str = "") -> str:
    """The ANSWERS entry (and the part of an address) a typed text gives: one entry used by two pages (the
    card's address for the applicant and the mother) is one datum. A LABELLED entry is a datum of its page
    (the mother's ethnicity and the father's are two): the driver scopes those by page (Driver.scope)."""
    return f"{id(answer)}:{part}"


@dataclass
class Run:
    visits: list[Visit] = field(default_factory=list)
    typed: list[Typed] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)  # pages moved on with what they showed
    reference: str = ""

    def total(self, name: str) -> int:
        return sum(int(getattr(visit, name)) for visit in self.visits)

    @property
    def real_s(self) -> float:
        return sum(visit.real_s for visit in self.visits)

    @property
    def modelled_s(self) -> float:
        return sum(visit.modelled_s for visit in self.visits)

    def card_typed(self) -> list[Typed]:
        """What the agent typed although the card holds it: by the table, and by the typed text itself."""
        found = []
        for typed in self.typed:
            key, digits = search_key(typed.text), "".join(ch for ch in typed.text if ch.isdigit())
            if typed.card or any(held in (key, digits) for held in CARD_DATA.values()):
                found.append(typed)
        return found

    def typed_twice(self) -> list[str]:
        """Data entered twice: one datum of the answer table typed on two pages, or a datum typed although
        the card scan gave it."""
        held = set(CARD_DATA.values())
        seen: dict[str, str] = {}
        twice = []
        for typed in self.typed:
            key, digits = search_key(typed.text), "".join(ch for ch in typed.text if ch.isdigit())
            if typed.card or key in held or digits in held:
                twice.append(f"{typed.text!r} on the card scan and {typed.page}")
            elif typed.datum in seen and seen[typed.datum] != typed.page:
                twice.append(f"{typed.text!r} on {seen[typed.datum]} and {typed.page}")
            seen.setdefault(typed.datum, typed.page)
        return twice


class ModelClock:
    """The scanner filter's clock: the modelled time of the key presses, not the benchmark's speed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def __call__(self) -> float:
        return self.now


# --- the driver --------------------------------------------------------------------------------------
class Driver:
    """Presses keys on the focused widget of the real window and keeps the count."""

    def __init__(
        self,
        window: MainWindow,
        context: AppContext,
        clock: ModelClock,
        trace: Callable[[str], None] | None = None,
    ) -> None:
        self.trace = trace  # each navigation press, where the focus was and where it went
        self.scope = ""  # the page id for an answer found by its label (see datum_of)
        self.window = window
        self.context = context
        self.clock = clock
        self.run = Run()
        self.visit: Visit | None = None
        self._started = 0.0
        self.picked: list[str] = []
        window.file_chooser = self._choose_file
        self._file: Path | None = None

    # -- pages --
    def where(self) -> tuple[str, str]:
        """(page id, kind) of what is on screen."""
        window = self.window
        current = window.stack.currentWidget()
        if window.home is not None and current is window.home:
            return "home", "home"
        if window.prepare is not None and current is window.prepare:
            return "prepare", "prepare"
        view = window.journey
        if view is not None and current is view:
            if view.current_page() is view.confirmation:
                return "confirmation", "confirmation"
            page = view.journey.current
            if view.current_page() is view.check:
                return page.id, "check"
            assert page.question is not None
            return page.id, f"{page.kind.value}:{page.question.kind.value}"
        return type(current).__name__, "other"

    def arrive(self) -> Visit:
        page, kind = self.where()
        if self.visit is not None and self.visit.page == page:
            return self.visit
        self.close_visit()
        self.visit = Visit(page, kind)
        self._started = time.perf_counter()
        self.run.visits.append(self.visit)
        if len(self.run.visits) > MAX_VISITS:
            raise BenchError(f"more than {MAX_VISITS} pages: the journey goes round ({page})")
        return self.visit

    def close_visit(self) -> None:
        if self.visit is not None:
            self.visit.real_s += time.perf_counter() - self._started
            self._started = time.perf_counter()

    @property
    def here(self) -> Visit:
        assert self.visit is not None
        return self.visit

    # -- input --
    @staticmethod
    def settle() -> None:
        for _ in range(3):
            QApplication.processEvents()

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        return widget if widget is not None else self.window

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.clock.advance(PACE_NAV_S)
        target = self.focused()
        QTest.keyClick(target, key, modifier)
        self.here.nav += 1
        self.settle()
        if self.trace is not None:
            name = key.name.removeprefix("Key_")
            self.trace(f"  {self.here.page}: {name} on {describe(target)} → {describe(self.focused())}")

    def type_text(self, text: str, card: bool, datum: str) -> None:
        """As a keyboard types: ASCII through QTest; Vietnamese letters as key events carrying the text,
        as an input method delivers them (one press per character counted)."""
        datum = f"{self.scope}{datum}"
        for ch in text:
            self.clock.advance(PACE_DATA_S)
            target = self.focused()
            if ch.isascii():
                QTest.keyClicks(target, ch)
            else:
                for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            self.here.data += 1
        self.run.typed.append(Typed(self.here.page, text, card, datum))
        self.settle()

    def scan(self, payload: str) -> None:
        """The card under the scanner: its QR text as a keyboard-wedge scanner types it, then Enter."""
        self.clock.advance(SCAN_S)
        for ch in payload:
            self.clock.advance(SCANNER_KEY_S)
            key = ord(ch.upper()) if ch.isascii() and ch.isprintable() else 0
            shift = ch == "|" or ch.isupper()
            modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
            target = self.focused()
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, ch))
        self.clock.advance(SCANNER_KEY_S)
        target = self.focused()
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            )
        self.here.scans += 1
        self.settle()

    def click(self, widget: QWidget) -> None:
        """A mouse click, the wheel first when the widget is out of sight (each notch counted)."""
        from ui.widgets import ScrollPage

        page = widget.parentWidget()
        while page is not None and not isinstance(page, ScrollPage):
            page = page.parentWidget()
        if page is not None:
            for _ in range(200):
                top = widget.mapTo(page.viewport(), QPoint(0, 0)).y()
                if top >= 0 and top + widget.height() <= page.viewport().height():
                    break
                delta = -120 if top > 0 else 120
                centre = page.viewport().rect().center()
                event = QWheelEvent(
                    centre.toPointF(),
                    page.viewport().mapToGlobal(centre).toPointF(),
                    QPoint(0, 0),
                    QPoint(0, delta),
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    Qt.ScrollPhase.NoScrollPhase,
                    False,
                )
                QApplication.sendEvent(page.viewport(), event)
                self.here.wheel += 1
                self.settle()
        self.clock.advance(PACE_NAV_S)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.here.nav += 1
        self.here.clicks += 1
        self.settle()

    def reach(self, target: QWidget) -> None:
        """Focus `target` with Tab or Shift+Tab, whichever is fewer presses; a click if no key reaches it."""
        if QApplication.focusWidget() is target:
            return
        chain = self.window.focus_order()
        if target not in chain:
            self.click(target)
            target.setFocus(Qt.FocusReason.MouseFocusReason)
            return
        here = self.focused()
        start = chain.index(here) if here in chain else -1
        end = chain.index(target)
        forward = (end - start) % len(chain)
        backward = (start - end) % len(chain) if start >= 0 else len(chain)
        key, steps = (Qt.Key.Key_Tab, forward) if forward <= backward else (Qt.Key.Key_Backtab, backward)
        modifier = (
            Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
        )
        for _ in range(steps):
            self.press(key, modifier)
            if QApplication.focusWidget() is target:
                return
        for _ in range(len(chain) + 2):  # the chain changed on the way: go round once more
            if QApplication.focusWidget() is target:
                return
            self.press(Qt.Key.Key_Tab)
        raise BenchError(
            f"{self.here.page}: Tab never reaches {target.objectName() or type(target).__name__}"
        )

    def wait_for(self, done: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
        end = time.monotonic() + seconds
        while not done():
            if time.monotonic() > end:
                raise BenchError(f"{self.here.page}: {what} did not happen within {seconds:.0f} s")
            self.context.tasks.wait_idle()
            QApplication.processEvents()
            time.sleep(0.005)

    def _choose_file(self, _parent: QWidget, _title: str, _filter: str) -> str | None:
        """The file dialog: the agent double-clicks the scan (one click counted, FILE_DIALOG_S modelled)."""
        self.clock.advance(FILE_DIALOG_S)
        self.here.nav += 1
        self.here.clicks += 1
        self.here.files += 1
        self.picked.append(_title)
        return str(self._file) if self._file is not None else None

    # -- the journey --
    def drive(self) -> Run:
        self.find_procedure()
        self.arrive()
        if self.where()[0] != "prepare":
            raise BenchError(f"khai sinh did not open its 'Chuẩn bị' page: {self.where()}")
        self.press(Qt.Key.Key_Return)  # "Bắt đầu"
        if self.window.journey is None:
            raise BenchError("Enter on 'Chuẩn bị' did not start the journey")
        self.arrive()
        self.scan(PAYLOAD)  # the mother's card, as soon as the journey is open
        while True:
            page, kind = self.where()
            self.arrive()
            if kind == "confirmation":
                break
            before = (page, self.here.nav, self.here.data)
            if kind == "check":
                self.submit()
            else:
                self.answer(page)
            if self.where()[0] == page and before == (page, self.here.nav, self.here.data):
                raise BenchError(f"{page}: nothing was done and the page did not move")
        self.close_visit()
        view = self.window.journey
        assert view is not None and view.confirmation.dossier is not None
        self.run.reference = view.confirmation.dossier.local_ref
        return self.run

    def find_procedure(self) -> None:
        """Home: the most used procedure is the first card (Down, Space); else "khai sinh" typed, Enter."""
        window = self.window
        home = window.home
        assert home is not None
        window.show_home()
        self.settle()
        self.arrive()
        cards = home.visible_cards()
        if cards and cards[0].objectName() == f"procedure-{KHAI_SINH}":
            self.press(Qt.Key.Key_Down)
            if QApplication.focusWidget() is not cards[0]:
                raise BenchError("Down from the search box did not reach the first card")
            self.press(Qt.Key.Key_Space)
        else:
            for ch in "khai sinh":  # searching: not a datum of the dossier, counted as navigation
                self.clock.advance(PACE_NAV_S)
                QTest.keyClicks(self.focused(), ch)
                self.here.nav += 1
            self.press(Qt.Key.Key_Return)
        self.settle()

    def answer_for(self, page_id: str) -> Answer | None:
        view = self.window.journey
        assert view is not None
        if page_id in ANSWERS:
            return ANSWERS[page_id]
        page = view.journey.page(page_id)
        question = page.question
        assert question is not None
        if page.kind is PageKind.ATTACHMENT:
            return None  # a document: only by its id (a label's words would give it a typed answer)
        label = search_key(question.label.get("vi"))
        for part, words, answer in LABELLED:
            if part in page_id and search_key(words) in label:
                return answer
        return None

    def answer(self, page_id: str) -> None:
        from ui.journey.attachment import AttachmentInput
        from ui.journey.inputs import AddressInput, ChoiceInput, DateInput, TextInput

        view = self.window.journey
        assert view is not None
        widget = view.pages[page_id]
        box = widget.input
        question = widget.question
        wanted = self.answer_for(page_id)
        self.scope = "" if page_id in ANSWERS else f"{page_id}:"
        if wanted is None:
            if view.journey.complete(view.journey.page(page_id)) or not question.required:
                self.run.defaults.append(page_id)
                self.here.notes.append("not in the table: moved on with what it showed")
                self.move_on(widget)
                return
            raise BenchError(
                f"required question {page_id!r} ({question.label.get('vi')!r}, kind {question.kind.value}) "
                "has no answer: add it to ANSWERS (by id) or LABELLED (by label) in bench/bench_counter.py"
            )
        if isinstance(wanted, Skip):
            self.move_on(widget)
        elif isinstance(box, AttachmentInput):
            self.attach(widget, box, wanted)
        elif isinstance(box, ChoiceInput):
            self.choose(widget, box, wanted)
        elif isinstance(box, AddressInput):
            self.address(widget, box, wanted)
        elif isinstance(box, TextInput | DateInput):
            self.text(widget, box.edit, wanted)
        else:
            self.generic(widget, wanted)
        self.check_moved(widget)

    def check_moved(self, widget: QWidget) -> None:
        from ui.journey.question_page import QuestionPage

        assert isinstance(widget, QuestionPage)
        if self.where()[0] == widget.page.id and widget.problems():
            messages = "; ".join(problem.message("vi") for problem in widget.problems())
            raise BenchError(f"{widget.page.id}: the answer was refused: {messages}")

    def move_on(self, widget: QWidget) -> None:
        """Enter where it continues (an answer's field); else Tab to "Tiếp tục" and Space."""
        from ui.journey.question_page import QuestionPage

        assert isinstance(widget, QuestionPage)
        focus = QApplication.focusWidget()
        in_answer = focus is not None and widget.input.isAncestorOf(focus)
        if in_answer and isinstance(focus, QLineEdit | QRadioButton | QListWidget):
            self.enter_until_moved(widget)  # Enter in an answer continues (a button keeps Enter)
            return
        self.reach(widget.next_button)
        self.press(Qt.Key.Key_Space)

    def enter_until_moved(self, widget: QWidget) -> None:
        """Enter; again while it only moves within the answer (an address: province, ward, street)."""
        from ui.journey.question_page import QuestionPage

        assert isinstance(widget, QuestionPage)
        for _ in range(5):
            self.press(Qt.Key.Key_Return)
            if self.where()[0] != widget.page.id or widget.problems():
                return
        raise BenchError(f"{widget.page.id}: Enter does not move on")

    def text(self, widget: QWidget, edit: QLineEdit, wanted: Answer) -> None:
        if not isinstance(wanted, Text):
            raise BenchError(f"{self.here.page}: a text field, but the table has {wanted!r}")
        if QApplication.focusWidget() is not edit:
            self.reach(edit)
        if edit.text() != wanted.value:
            if edit.text():
                self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select what is there
            self.type_text(wanted.value, wanted.card, datum_of(wanted))
        self.move_on(widget)

    def choose(self, widget: QWidget, box: QWidget, wanted: Answer) -> None:
        from ui.journey.inputs import ChoiceInput

        assert isinstance(box, ChoiceInput)
        if isinstance(wanted, Text):  # a list of options where the table has the text: by its label
            wanted = Choose(wanted.value, (wanted.value,), card=wanted.card)
        if not isinstance(wanted, Choose):
            raise BenchError(f"{self.here.page}: a choice, but the table has {wanted!r}")
        values = [raw for raw, _radio in box.buttons]
        labels = [search_key(radio.text()) for _raw, radio in box.buttons]
        if wanted.option in values:
            index = values.index(wanted.option)
        else:
            keys = [search_key(w) for w in wanted.labels]
            matches = [i for i, text in enumerate(labels) if text in keys] or [
                i for i, text in enumerate(labels) if any(key in text for key in keys)
            ]
            if not matches:
                raise BenchError(f"{self.here.page}: no option {wanted.option!r} among {labels}")
            index = matches[0]
        radios = [radio for _raw, radio in box.buttons]
        checked = next((i for i, radio in enumerate(radios) if radio.isChecked()), None)
        if QApplication.focusWidget() not in radios:
            self.reach(radios[checked if checked is not None else 0])
        at = radios.index(QApplication.focusWidget())  # type: ignore[arg-type]
        if checked != index:
            if checked is None and at == index:
                self.press(Qt.Key.Key_Space)
            else:
                step = Qt.Key.Key_Down if index > at else Qt.Key.Key_Up
                for _ in range(abs(index - at)):
                    self.press(step)
            if wanted.card:
                self.here.notes.append("a card datum chosen by hand")
        if not radios[index].isChecked():
            raise BenchError(f"{self.here.page}: the arrows did not choose {radios[index].text()!r}")
        self.move_on(widget)

    def address(self, widget: QWidget, box: QWidget, wanted: Answer) -> None:
        from ui.journey.inputs import AddressInput

        assert isinstance(box, AddressInput)
        if isinstance(wanted, Text):  # a place given as a province (quê quán): the province, no more
            wanted = Place(wanted.value, "", "", card=wanted.card)
        if not isinstance(wanted, Place):
            raise BenchError(f"{self.here.page}: an address, but the table has {wanted!r}")
        value = box.value()
        assert isinstance(value, dict)
        if value.get("ward_code") and search_key(str(value.get("street", ""))) == search_key(wanted.street):
            self.enter_until_moved(widget)  # filled (from the card, or where the applicant lives)
            return
        for search, listing, text, part in (
            (box.province_search, box.province_list, wanted.province, "province"),
            (box.ward_search, box.ward_list, wanted.ward, "ward"),
        ):
            if not text:
                continue
            self.reach(search)
            if search.text():
                self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.type_text(text, wanted.card, datum_of(wanted, part))
            if listing.currentItem() is None:
                self.press(Qt.Key.Key_Down)  # several matches: the first, as the person reads the list
            self.press(Qt.Key.Key_Return)
        if wanted.street:
            self.reach(box.street)
        if wanted.street and box.street.text() != wanted.street:
            if box.street.text():
                self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.type_text(wanted.street, wanted.card, datum_of(wanted, "street"))
        self.enter_until_moved(widget)

    def attach(self, widget: QWidget, box: QWidget, wanted: Answer) -> None:
        from ui.journey.attachment import AttachmentInput

        assert isinstance(box, AttachmentInput)
        if not isinstance(wanted, File):
            raise BenchError(f"{self.here.page}: a file to attach, but the table has {wanted!r}")
        view = self.window.journey
        assert view is not None
        page_id = self.here.page
        if not view.journey.attachments_for(page_id):
            self._file = wanted.path
            self.reach(box.choose)
            self.press(Qt.Key.Key_Space)  # "Chọn tệp"; the dialog's pick is counted by _choose_file
            self.wait_for(lambda: bool(view.journey.attachments_for(page_id)), "keeping the chosen file")
            self.settle()
        self.move_on(widget)

    def generic(self, widget: QWidget, wanted: Answer) -> None:
        """An input of a kind this driver does not know (another part of #17 may add one): a list or a
        box with a search field gets the text typed and Enter; a list alone, the arrows to the match."""
        from ui.journey.question_page import QuestionPage

        assert isinstance(widget, QuestionPage)
        text = wanted.value if isinstance(wanted, Text) else str(getattr(wanted, "option", ""))
        card = bool(getattr(wanted, "card", False))
        raw = widget.input.value()
        if isinstance(raw, str) and raw:  # chosen already (a default): kept when it is the one wanted
            shown = display_value(widget.question, raw, "vi")
            if search_key(text) in (search_key(shown), search_key(raw)):
                self.enter_until_moved(widget)
                return
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractSpinBox):
            if search_key(focus.text()) != search_key(text):
                self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                self.type_text(text, card, datum_of(wanted))
            self.enter_until_moved(widget)
            return
        if isinstance(focus, QLineEdit | QComboBox):
            shown = focus.text() if isinstance(focus, QLineEdit) else focus.currentText()
            if search_key(shown) != search_key(text):
                if isinstance(focus, QLineEdit) and focus.text():
                    self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                self.type_text(text, card, datum_of(wanted))
            self.enter_until_moved(widget)
            return
        if isinstance(focus, QListWidget):
            rows = [search_key(focus.item(i).text()) for i in range(focus.count())]
            if search_key(text) not in rows:
                raise BenchError(f"{self.here.page}: {text!r} is not in the list")
            target = rows.index(search_key(text))
            step = Qt.Key.Key_Down if target > focus.currentRow() else Qt.Key.Key_Up
            while focus.currentRow() != target:
                self.press(step)
            self.enter_until_moved(widget)
            return
        raise BenchError(
            f"{self.here.page}: an input of a kind the driver does not know "
            f"({type(widget.input).__name__}, focus on {type(focus).__name__}): teach bench_counter.py"
        )

    def submit(self) -> None:
        """The check page: tick the declaration (and consent), then Enter submits."""
        view = self.window.journey
        assert view is not None
        check = view.check
        for box in (check.declaration, check.consent):
            if box.isVisible() and not box.isChecked():
                self.reach(box.box)
                self.press(Qt.Key.Key_Space)
        self.press(Qt.Key.Key_Return)
        self.wait_for(lambda: self.where()[1] == "confirmation" or check.summary.isVisible(), "submitting")
        if check.summary.isVisible() and self.where()[1] != "confirmation":
            raise BenchError(f"the check page refused: {check.summary.accessibleDescription()}")


# --- the portal's web form, as documented --------------------------------------------------------------
# Fields of the national portal's khai sinh form (dichvucong.gov.vn, "biểu mẫu điện tử tương tác"): the
# tờ khai đăng ký khai sinh (mẫu of Thông tư 04/2020/TT-BTP, which the e-form reproduces; seen at
# https://luatsutran.vn/to-khai-dang-ky-khai-sinh) and the portal's steps (choose the agency, fill the
# form, attach, tick "Tôi xin chịu trách nhiệm…", type the captcha, "Gửi", "Hoàn tất": the guides at
# https://boxhoidap.com/huong-dan-dang-ky-khai-sinh-truc-tuyen and https://dean06.hanam.gov.vn/tailieu/khaisinh.html).
# Counting rules (ours, reproducible): each field is reached with one press (Tab or a click); a text
# field then takes its characters (the same data as the kiosk run); a drop-down list takes 2 more
# presses (open, pick after type-ahead) and its type-ahead letters count as data; a radio or checkbox 1
# press; a file 2 presses ("Chọn tệp", double-click in the dialog); each page button 1 press. Nothing is
# filled from the card: the web form has no CCCD reader (a VNeID sign-in prefills the account holder,
# who at a counter is not the mother). Estimated: the portal was not driven, its pages not timed.
PORTAL_FORM: list[tuple[str, str, str]] = [
    # (section, field, kind: text:<value> | list:<type-ahead> | radio | check | file | button)
    ("cơ quan", "Tỉnh/thành phố", "list:ha noi"),
    ("cơ quan", "Phường/xã (UBND nơi đăng ký)", "list:phuc xa"),
    ("người yêu cầu", "Họ, chữ đệm, tên", f"text:{CARD.full_name}"),
    ("người yêu cầu", "Nơi cư trú", "text:Tổ 5, Phường Phúc Xá, Hà Nội"),
    ("người yêu cầu", "Giấy tờ tùy thân (số CCCD)", f"text:{CARD.id_number}"),
    ("người yêu cầu", "Quan hệ với người được khai sinh", "list:me"),
    ("người yêu cầu", "Điện thoại", "text:0912345678"),
    ("trẻ", "Họ, chữ đệm, tên", "text:Lê Minh Khang"),
    ("trẻ", "Ngày, tháng, năm sinh", f"text:{CHILD_BORN.strftime('%d/%m/%Y')}"),
    ("trẻ", "Giới tính", "list:nam"),
    ("trẻ", "Dân tộc", "list:kinh"),
    ("trẻ", "Quốc tịch", "list:viet"),
    ("trẻ", "Nơi sinh", "text:Bệnh viện Phụ sản Hà Nội"),
    ("trẻ", "Quê quán", "text:Hà Nội"),
    ("mẹ", "Họ, chữ đệm, tên", f"text:{CARD.full_name}"),
    ("mẹ", "Năm sinh", f"text:{CARD.date_of_birth.strftime('%d/%m/%Y')}"),
    ("mẹ", "Dân tộc", "list:kinh"),
    ("mẹ", "Quốc tịch", "list:viet"),
    ("mẹ", "Nơi cư trú", "text:Tổ 5, Phường Phúc Xá, Hà Nội"),
    ("mẹ", "Số định danh", f"text:{CARD.id_number}"),
    ("cha", "Họ, chữ đệm, tên", "text:Lê Văn Cường"),
    ("cha", "Năm sinh", "text:20/07/1993"),
    ("cha", "Dân tộc", "list:kinh"),
    ("cha", "Quốc tịch", "list:viet"),
    ("cha", "Nơi cư trú", "text:Tổ 5, Phường Phúc Xá, Hà Nội"),
    ("cha", "Số định danh", "text:001093004567"),
    ("bản sao", "Đề nghị cấp bản sao", "radio"),
    ("bản sao", "Số lượng bản sao", "text:1"),
    ("giấy tờ", "Giấy chứng sinh", "file"),
    ("nộp", "Tiếp tục", "button"),
    ("nộp", "Tôi xin chịu trách nhiệm trước pháp luật về lời khai trên", "check"),
    ("nộp", "Mã xác nhận (captcha, 6 ký tự)", "text:a1b2c3"),
    ("nộp", "Gửi thông tin", "button"),
    ("nộp", "Hoàn tất", "button"),
]
PORTAL_PAGES = 4  # choose the agency, the form, review and declare, done (the guides' screens)


@dataclass
class Portal:
    fields: int
    nav: int
    data: int
    card_data: int  # characters of what the mother's card holds, typed

    @property
    def modelled_s(self) -> float:
        return self.nav * PACE_NAV_S + self.data * PACE_DATA_S + FILE_DIALOG_S


def portal_counts() -> Portal:
    nav = data = card_data = 0
    held = set(CARD_DATA.values())
    for section, _name, kind in PORTAL_FORM:
        how, _, value = kind.partition(":")
        nav += 1  # reach it
        if how == "text":
            data += len(value)
            key, digits = search_key(value), "".join(ch for ch in value if ch.isdigit())
            if section in ("người yêu cầu", "mẹ") and (
                key in held or digits in held or search_key("Tổ 5") in key
            ):
                card_data += len(value)
        elif how == "list":
            nav += 2
            data += len(value)
        elif how == "file":
            nav += 1
    fields = sum(1 for _s, _n, kind in PORTAL_FORM if kind != "button")
    return Portal(fields, nav, data, card_data)


# --- report ------------------------------------------------------------------------------------------
def report(run: Run, out: Callable[[str], None] = print, *, pages: bool = True) -> bool:
    """Print the figures and the goals; True when no card datum was typed."""
    visits = run.visits
    if pages:
        heads = (("nav", 4), ("click", 5), ("data", 5), ("scan", 4), ("real ms", 8), ("model s", 8))
        out(f"{'page':<28} {'kind':<22} " + " ".join(f"{head:>{width}}" for head, width in heads))
        for visit in visits:
            out(
                f"{visit.page:<28} {visit.kind:<22} {visit.nav:>4} {visit.clicks:>5} {visit.data:>5} "
                f"{visit.scans:>4} {visit.real_s * 1000:>8.0f} {visit.modelled_s:>8.1f}"
                + (f"  ({'; '.join(visit.notes)})" if visit.notes else "")
            )
    nav, clicks, data = run.total("nav"), run.total("clicks"), run.total("data")
    wheel, scans = run.total("wheel"), run.total("scans")
    acted = [visit for visit in visits if visit.kind != "confirmation"]
    per_page = nav / len(acted)
    card = run.card_typed()
    twice = run.typed_twice()
    out(f"pages acted on {len(acted)} (home, Chuẩn bị, the questions, the check page)")
    out(f"navigation presses {nav} (of which clicks {clicks}); {per_page:.2f} a page")
    worst = sorted(acted, key=lambda visit: -visit.nav)[:4]
    out("the most navigation presses: " + ", ".join(f"{visit.page} {visit.nav}" for visit in worst))
    out(f"data characters typed {data}; card scans {scans}; mouse-wheel notches {wheel}")
    out(
        f"time: real {run.real_s:.2f} s (the app's own work), modelled {run.modelled_s:.1f} s "
        f"({PACE_DATA_S * 1000:.0f} ms a data key, {PACE_NAV_S * 1000:.0f} ms a navigation press, "
        f"{SCAN_S:.0f} s a scan, {FILE_DIALOG_S:.0f} s a file pick, plus the real time)"
    )
    if run.defaults:
        out(f"moved on with what the page showed (not in the answer table): {', '.join(run.defaults)}")
    if card:
        listed = "; ".join(f"{typed.page}: {typed.text!r}" for typed in card)
        out(f"card data TYPED ({sum(len(typed.text) for typed in card)} characters): {listed}")
    portal = portal_counts()
    out(
        f"portal web form (dichvucong.gov.vn, as documented; estimated, not driven): {portal.fields} fields "
        f"on {PORTAL_PAGES} pages, navigation presses {portal.nav} ({portal.nav / PORTAL_PAGES:.1f} a page, "
        f"{portal.nav / portal.fields:.2f} a field), data characters {portal.data} (of which card data "
        f"{portal.card_data}), modelled {portal.modelled_s:.0f} s"
    )
    card_chars = sum(len(typed.text) for typed in card)
    out(f"{'':<34}{'kiosk':>8}{'portal (est.)':>15}")
    for name, ours, theirs in (
        ("navigation presses", f"{nav}", f"{portal.nav}"),
        ("data characters typed", f"{data}", f"{portal.data}"),
        ("of which what the card holds", f"{card_chars}", f"{portal.card_data}"),
        ("modelled time, s", f"{run.modelled_s:.0f}", f"{portal.modelled_s:.0f}"),
    ):
        out(f"{name:<34}{ours:>8}{theirs:>15}")
    goals = [
        ("no datum the card holds typed", not card),
        ("no datum typed twice", not twice),
        ("no mouse wheel", wheel == 0),
        (f"≤ {GOAL_NAV_PER_PAGE} navigation presses a page", per_page <= GOAL_NAV_PER_PAGE),
        (f"journey ≤ {GOAL_JOURNEY_S:.0f} s modelled", run.modelled_s <= GOAL_JOURNEY_S),
    ]
    if twice:
        out(f"typed twice: {'; '.join(twice)}")
    for name, met in goals:
        out(f"goal {name}: {'met' if met else 'NOT met'}")
    return not card


# --- the window ---------------------------------------------------------------------------------------
def drive_window(window: MainWindow, context: AppContext, trace: Callable[[str], None] | None = None) -> Run:
    """Drive an open post-office window (home on screen) through khai sinh; the scanner filter is ours,
    on the modelled clock (the agent's keys come at a typist's pace, the scanner's at its own)."""
    from ui.scan_input import ScanController

    clock = ModelClock()
    controller = ScanController(window, context, clock=clock)
    try:
        return Driver(window, context, clock, trace).drive()
    finally:
        controller.remove()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--quiet", action="store_true", help="totals only, not each page")
    parser.add_argument("--trace", action="store_true", help="each navigation press and where the focus went")
    args = parser.parse_args()
    from kiosk.catalog import bundled_catalog
    from kiosk.config import Config
    from kiosk.crypto import training_key
    from kiosk.rules.units import warm_up
    from ui import theme
    from ui.context import AppContext
    from ui.fonts import use_bundled_font
    from ui.main_window import MainWindow
    from ui.services import Services

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    use_bundled_font(app, theme.point_size(args.scale))
    warm_up()  # as the app does in the background just after its first frame
    with tempfile.TemporaryDirectory(prefix="bench-counter-") as tmp:
        services = Services(config=Config(mode="post_office"), data_dir=Path(tmp), key=training_key())
        context = AppContext.create(services)
        window = MainWindow(bundled_catalog(), context=context, text_scale=args.scale)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)
        try:
            run = drive_window(window, context, print if args.trace else None)
        except BenchError as error:
            print(f"the run stopped: {error}")
            return 2
        finally:
            context.tasks.wait_idle()
        print(
            f"khai sinh at a post-office counter, text {args.scale} %, 1366×768 offscreen; "
            f"the mother's CCCD scanned ({len(PAYLOAD)} scanner bytes), the rest typed; "
            f"dossier {run.reference} queued"
        )
        clean = report(run, pages=not args.quiet)
        window.close()
        context.close()
        services.close()
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
