"""The headline run of issue #16 (point 8): a resident files đăng ký thường trú alone, by touch only.

The real app (ui.app.start_app as `kiosk` builds it) in a real X window at 1366×768, self-service mode,
200 % text and high contrast, with the sandbox portal on loopback (tests/e2e/selfservice_harness.py).
Not one key event reaches the app: every letter, tone and digit is a tap on the on-screen keyboard.

The order of the visit, and why. A submitted dossier is no longer a draft: "Lưu và tiếp tục sau" is gone
from the confirmation (ui/session.py `current_draft`), there is nothing left to save. So the resident
does what people at a ward's hall do: answers the questions, reaches the papers page, finds that the
land-use certificate is at home, saves with a code ("Lưu và tiếp tục sau") and walks away. The privacy
timeout clears the screen. The resident comes back with the paper, reopens the saved dossier with the
code and the CCCD number (typed on the dialog's own keyboard), lays the paper on the terminal's scanner
and takes it with "Từ máy quét", checks everything on "Kiểm tra lại thông tin" and submits while the
portal is down: the confirmation says the dossier is waiting to be sent. The portal comes back, sync runs
and the portal holds the dossier exactly once.

The scanned paper: the terminal's scanner writes its files into `scanner_folder` (config), and the
resident only taps "Từ máy quét" — the scan itself is the one step no finger makes on the screen (the
test writes the file where the scanner would).

The privacy timeout is shortened through the session's injection point (ui.session.SessionTimings, which
SessionController reads when the composition root builds it; there is no config key for it): a short
idle time and a countdown of the minimum 20 ticks, each tick short.
"""

from __future__ import annotations

import shutil
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QListWidget, QWidget

from kiosk.assets import samples_dir
from kiosk.i18n import t
from tests.e2e.selfservice_harness import DEFAULT_CONFIG, SelfServiceKiosk, in_fresh_process
from ui.drafts import CodeDialog, ReopenDialog

THUONG_TRU = "1.004222"  # đăng ký thường trú
SCAN = samples_dir() / "attachments" / "giay-to-cho-o.pdf"  # proof of lawful residence
IDLE_MS = 8_000  # the resident is away for this long before the warning (a real terminal: 2 minutes)
TICK_MS = 50  # the warning's 20 s countdown, each second 50 ms here

NAME = "Nguyễn Thị Hằng"
CCCD = "001162012345"  # Hà Nội (001), a woman born in the 1900s (1), in (19)62
BORN = "15/03/1962"
PHONE = "0912345678"
STREET = "Số 12 Hàng Bạc"
HEAD = "Trần Văn Bình"
HEAD_CCCD = "001060054321"  # a man born in (19)60
TONES = {
    "\u0301": "dấu sắc",
    "\u0300": "dấu huyền",
    "\u0309": "dấu hỏi",
    "\u0303": "dấu ngã",
    "\u0323": "dấu nặng",
}
MARKS = {",": "dấu phẩy", ".": "dấu chấm", "/": "dấu gạch chéo", " ": "dấu cách"}


@pytest.fixture
def scanner_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"  # where the terminal's document scanner writes its files
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def kiosk_config(scanner_folder: Path) -> dict[str, Any]:
    """A self-service terminal as installed (100 % text, normal contrast: the resident makes it 200 % and
    high contrast by touch, so that resuming has something to restore), with a document scanner."""
    return {
        **DEFAULT_CONFIG,
        "text_scale": 100,
        "high_contrast": False,
        "scanner_folder": str(scanner_folder),
    }


@pytest.fixture
def short_privacy_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The session built by the composition root gets a short idle time (before the app starts)."""
    if in_fresh_process():
        import ui.session

        real = ui.session.SessionTimings
        monkeypatch.setattr(
            ui.session, "SessionTimings", lambda: real(idle_ms=IDLE_MS, countdown_s=20, tick_ms=TICK_MS)
        )
    yield


class Resident:
    """What a person does at the terminal: taps controls and keys, waits for what the screen shows."""

    def __init__(self, kiosk: SelfServiceKiosk) -> None:
        self.kiosk = kiosk
        self.window = kiosk.window
        self.steps: list[str] = []

    # -- looking -----------------------------------------------------------------------------
    def step(self, name: str) -> None:
        """Each screen of the run: the AT-SPI check (names, 44×44 targets, no sideways scroll) and a shot."""
        self.kiosk.settle(250)
        number = len(self.steps) + 1
        label = f"{number:02d}-{name}"
        self.steps.append(label)
        started = time.monotonic()
        self.kiosk.check_accessibility(label)
        self.kiosk.shot(label)
        took = time.monotonic() - started
        print(f"step {label} at {self.kiosk.elapsed:.1f} s (checked in {took:.1f} s)")

    def page(self) -> QWidget:
        journey = self.window.journey
        assert journey is not None and self.kiosk.page() is journey, self.kiosk.page()
        page = journey.current_page()
        assert page is not None
        return page

    def page_id(self) -> str:
        return self.page().objectName().removeprefix("page-")

    def wait_page(self, page_id: str, timeout: float = 10) -> QWidget:
        self.kiosk.wait_until(
            lambda: self.kiosk.page() is self.window.journey and self.page_id() == page_id, timeout
        )
        return self.page()

    # -- touching ----------------------------------------------------------------------------
    def tap(self, widget: QWidget) -> None:
        self.kiosk.finger.bring_into_view(widget)
        self.kiosk.finger.tap(widget)

    def keyboard(self) -> Any:
        """The keyboard on screen now: a dialog's own while one with a text box is open, else the window's."""
        controller = self.window.keyboard
        for panel in controller.dialog_panels.values():
            if panel.isVisible():
                return panel
        panel = controller.panel
        assert panel is not None and panel.isVisible(), "no on-screen keyboard is showing"
        return panel

    def _key(self, name: str) -> QAbstractButton | None:
        found = [
            k
            for k in self.keyboard().findChildren(QAbstractButton)
            if k.isVisible() and k.accessibleName() == name
        ]
        assert len(found) <= 1, f"{len(found)} keys named {name!r}"
        return found[0] if found else None

    def press(self, name: str) -> None:
        """Tap the key a screen reader calls `name` ("chữ n", "dấu ngã", "số 1")."""
        key = self._key(name)
        assert key is not None, f"no key named {name!r} on the keyboard"
        assert key.isEnabled(), f"the key {name!r} is disabled"
        self.kiosk.finger.tap(key)

    def type(self, text: str) -> None:
        """Type `text` key by key: each word's letters (ă â đ ê ô ơ ư are keys), then its tone key."""
        for word in _words(unicodedata.normalize("NFC", text)):
            tone = None
            for char in word:
                decomposed = unicodedata.normalize("NFD", char)
                marks = [c for c in decomposed if c in TONES]
                if marks:
                    tone = TONES[marks[0]]
                base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
                self._type_char(base)
            if tone is not None:
                self.press(tone)

    def _type_char(self, char: str) -> None:
        if char in MARKS:
            self.press(MARKS[char])
        elif char.isdigit():
            self.press(f"số {char}")
        elif char.isupper():
            capital = f"chữ {char} hoa"
            if self._key(capital) is None:
                self.press("chữ hoa")  # Shift, for one letter
            self.press(capital)
        else:
            small = f"chữ {char}"
            if self._key(small) is None:
                self.press("chữ hoa")  # Shift was on (a name's first letter): off again
            self.press(small)

    def fill(self, box: QLineEdit, text: str) -> None:
        """Tap the box (the keyboard opens under it), type `text` on the keyboard, check it arrived."""
        from tests.e2e.touch import in_view

        if not in_view(box, box.rect().center()) and self._key("ẩn bàn phím") is not None:
            # The box is further down and the keys leave little page to drag (the address picker's
            # lists fill it and scroll themselves under the finger): the keyboard away, as a person
            # does, then the page dragged; a tap on the box brings the keyboard back.
            self.press("ẩn bàn phím")
        self.tap(box)
        self.kiosk.wait_until(lambda: box.hasFocus() and self.keyboard().target is box)
        self.assert_in_view(box)
        self.type(text)
        assert box.text() == unicodedata.normalize("NFC", text), (box.text(), text)
        self.assert_in_view(box)

    def assert_in_view(self, box: QWidget) -> None:
        """The box with the cursor shows, above the keyboard (the page scrolled, nothing covers it)."""
        from tests.e2e.touch import in_view

        centre = box.rect().center()
        assert in_view(box, centre), f"{box.objectName()} is scrolled out of view"
        window = box.window()
        under = window.childAt(box.mapTo(window, centre))
        assert under is box or box.isAncestorOf(under), f"{box.objectName()} is covered by {under}"

    def header(self, button: QAbstractButton) -> None:
        """A header button; behind "Thêm" when the header folded it away at this text size."""
        if not button.isVisible():
            self.tap(self.window.header_folding.more)
            self.kiosk.wait_until(button.isVisible)
        self.tap(button)

    def answer_text(self, page_id: str, box_name: str, text: str, *, then: str) -> None:
        box = self.page().findChild(QLineEdit, box_name)
        assert self.page_id() == page_id and box is not None, (self.page_id(), box_name)
        self.fill(box, text)
        self.step(page_id.removeprefix("applicant.").replace("_", "-").replace(".", "-"))
        self.go_on(then)

    def answer_choice(self, page_id: str, option: str, *, then: str) -> None:
        assert self.page_id() == page_id, self.page_id()
        self.choose(option)
        self.step(page_id.removeprefix("applicant.").replace("_", "-").replace(".", "-"))
        self.go_on(then)

    def answer_address(self, question: str, province: str, ward: str, street: str, *, then: str) -> None:
        """The picker: a province searched and taken (unless the one wanted is taken already, as the
        applicant's province is on the next address), a ward of it searched and taken, the street typed."""
        page = self.page()
        for part, typed in (("province", province), ("ward", ward)):
            found = page.findChild(QListWidget, f"{part}-list-{question}")
            chosen = found.currentItem()
            if part == "province" and chosen is not None and _plain(typed) in _plain(chosen.text()):
                continue
            self.fill(page.findChild(QLineEdit, f"{part}-search-{question}"), typed)
            self.kiosk.wait_until(lambda found=found: found.count() == 1)
            if found.currentItem() is None:  # one match is taken for the person; else tap it
                self.tap_item(found, found.item(0))
            assert found.currentItem() is not None
        self.fill(page.findChild(QLineEdit, f"street-{question}"), street)
        self.step("address" if question == "address" else question.replace("_", "-"))
        self.go_on(then)

    def tap_item(self, box: QListWidget, item: Any) -> None:
        self.kiosk.finger.tap(box.viewport(), box.visualItemRect(item).center())

    def go_on(self, after: str) -> None:
        """ "Tiếp tục" on the page now; wait until the page `after` shows."""
        page = self.page()
        button = page.findChild(QAbstractButton, "journey-continue")
        assert button is not None
        self.tap(button)
        self.wait_page(after)

    def choose(self, object_name: str) -> None:
        option = self.page().findChild(QAbstractButton, object_name)
        assert option is not None, object_name
        self.tap(option)
        self.kiosk.wait_until(option.isChecked)


def _plain(text: str) -> str:
    """Without tones and marks, in small letters: how the picker's search matches ("ha noi")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _words(text: str) -> Iterator[str]:
    """Words and the single marks between them ("Số 12 Hàng Bạc" → "Số", " ", "12", " ", …)."""
    word = ""
    for char in text:
        if char.isalnum():
            word += char
        else:
            if word:
                yield word
            word = ""
            yield char
    if word:
        yield word


def _personal_text_shown(window: QWidget, secrets: list[str]) -> list[str]:
    """Every piece of text on any shown widget of the app's windows that holds one of `secrets`."""
    found = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                texts.append(widget.text())
            for text in texts:
                if any(secret and secret in text for secret in secrets):
                    found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return found


def test_a_resident_files_dang_ky_thuong_tru_alone_by_touch(
    short_privacy_timeout: None, scanner_folder: Path, self_service: SelfServiceKiosk
) -> None:
    kiosk = self_service
    window = kiosk.window
    session = kiosk.running.parts.session
    you = Resident(kiosk)
    home = window.home
    assert home is not None and kiosk.page() is home
    assert (window.scale, window.high_contrast) == (100, False)  # the terminal's own display

    # The resident makes the text as large as it goes and turns on high contrast, by touch.
    for _ in range(4):
        you.header(window.larger_button)
    you.header(window.contrast_button)
    assert (window.scale, window.high_contrast) == (200, True)
    you.step("home")

    # 1. The search box, typed on the on-screen keyboard; the result; "Chuẩn bị".
    you.fill(home.search, "nhap ho khau")
    card = next(c for c in home.results.findChildren(QWidget, f"procedure-{THUONG_TRU}") if c.isVisible())
    you.step("search")
    you.tap(card)
    kiosk.wait_until(lambda: window.prepare is not None and kiosk.page() is window.prepare)
    you.step("prepare")
    you.tap(window.prepare.start)
    you.wait_page("applicant.full_name")
    journey = window.journey
    client_ref = journey.client_ref

    # 2. Every page by touch: letters and tones, the digit pad, options, the address picker.
    you.answer_text("applicant.full_name", "input-full_name", NAME, then="applicant.id_number")
    you.answer_text("applicant.id_number", "input-id_number", CCCD, then="applicant.date_of_birth")
    you.answer_text("applicant.date_of_birth", "input-date_of_birth", BORN, then="applicant.gender")
    you.answer_choice("applicant.gender", "option-gender-female", then="applicant.phone")
    you.answer_text("applicant.phone", "input-phone", PHONE, then="applicant.email")
    you.step("email")  # not required: left empty
    you.go_on("applicant.address")
    you.answer_address("address", "ha noi", "hai ba", "Số 5 Lò Đúc", then="for_child")
    you.answer_choice("for_child", "option-for_child-false", then="relationship_to_head")
    you.answer_choice("relationship_to_head", "option-relationship_to_head-spouse", then="permanent_address")
    you.answer_address("permanent_address", "ha noi", "hoan kiem", STREET, then="residence_basis")
    you.answer_choice("residence_basis", "option-residence_basis-own_home", then="household_head_full_name")
    you.answer_text(
        "household_head_full_name", "input-household_head_full_name", HEAD, then="household_head_id_number"
    )
    you.answer_text(
        "household_head_id_number", "input-household_head_id_number", HEAD_CCCD, then="household_head_phone"
    )
    you.step("household-head-phone")  # not required: left empty
    you.go_on("members_moving")
    you.answer_choice("members_moving", "option-members_moving-false", then="legal_residence_scan")
    you.step("papers")

    # 3. The land-use certificate is at home: "Lưu và tiếp tục sau" gives a code (the CCCD is known).
    you.header(session.bar.save_later)
    kiosk.wait_until(lambda: isinstance(session.dialog, CodeDialog) and session.dialog.isVisible())
    code_dialog = session.dialog
    code = code_dialog.code_text
    you.step("saved-code")
    you.tap(code_dialog.finish)
    kiosk.wait_until(lambda: session.dialog is None)

    # 4. The resident walks away: the warning, then the privacy timeout clears the screen.
    kiosk.wait_until(lambda: session.idle.warning is not None, timeout=IDLE_MS / 1000 + 10)
    you.step("idle-warning")
    kiosk.wait_until(lambda: kiosk.page() is window.home and session.idle.warning is None, timeout=15)
    kiosk.wait_until(lambda: not _dialogs_open())
    kiosk.settle(300)
    secrets = [NAME, CCCD, code, code.replace("-", ""), HEAD, HEAD_CCCD, PHONE, STREET, "Nguyễn", "Hằng"]
    assert _personal_text_shown(window, secrets) == []
    assert (window.scale, window.high_contrast) == (100, False)  # the next person gets the terminal's own
    assert window.journey is None or not window.journey.isVisible()
    you.step("cleared")

    # 5. The resident comes back: "Tiếp tục hồ sơ đã lưu", the code and the CCCD number on the dialog's keys.
    you.header(session.bar.reopen)
    kiosk.wait_until(lambda: isinstance(session.dialog, ReopenDialog) and session.dialog.isVisible())
    reopen = session.dialog
    you.fill(reopen.code, code.replace("-", "").lower())
    you.step("resume-code")
    you.fill(reopen.cccd, CCCD)
    you.step("resume-cccd")
    you.tap(reopen.ok)
    kiosk.wait_until(lambda: window.journey is not None and kiosk.page() is window.journey, timeout=15)
    assert window.journey.client_ref == client_ref
    assert (window.scale, window.high_contrast) == (200, True)  # as the resident had it
    you.wait_page("legal_residence_scan")  # where the draft was saved
    you.step("resumed")

    # The paper on the scanner; "Từ máy quét" takes it.
    page = you.page()
    shutil.copy(SCAN, scanner_folder / "scan-0001.pdf")
    you.tap(page.findChild(QAbstractButton, "scanner-legal_residence_scan"))
    kiosk.wait_until(lambda: window.journey.journey.attachments_for("legal_residence_scan"), timeout=20)
    you.step("scanned")
    you.go_on("fee_exemption")
    you.answer_choice("fee_exemption", "option-fee_exemption-khong", then="delivery.method")
    you.answer_choice("delivery.method", "option-delivery.method-pickup", then="check")

    # "Kiểm tra lại thông tin": checked, the declaration and consent ticked, submitted with the portal down.
    check = you.page()
    values = "\n".join(v.text() for v in check.value_labels.values())
    for answer in (NAME, CCCD, BORN, HEAD, STREET, "Phường Hoàn Kiếm"):
        assert answer in values, (answer, values)
    # The declaration; the consent box is for an agent filing for someone and is not shown here.
    for box in (check.declaration.box, check.consent.box):
        if not box.isVisible():
            continue
        you.tap(box)
        kiosk.wait_until(box.isChecked)
    you.step("check")
    kiosk.portal.down()
    you.tap(check.submit)
    kiosk.wait_until(lambda: you.page_id() == "confirmation", timeout=20)
    confirmation = you.page()
    state = confirmation.findChild(QLabel, "confirmation-state")
    assert state.text() == t("journey.done.queued", "vi"), state.text()
    heading = confirmation.findChild(QLabel, "journey-heading")
    assert heading.text() == t("done.waiting_heading", "vi"), heading.text()  # not "Đã nhận hồ sơ"
    you.step("confirmation-waiting")

    # 6. The portal comes back; sync sends the dossier once (a second cycle sends nothing again).
    kiosk.portal.up()
    kiosk.sync_now()
    kiosk.wait_until(kiosk.portal.dossiers, timeout=30)
    kiosk.sync_now()
    kiosk.wait_until(lambda: kiosk.online is True, timeout=20)
    kiosk.settle(500)
    sent = kiosk.portal.dossiers()
    assert [(ref, procedure) for _code, ref, procedure in sent] == [(client_ref, THUONG_TRU)], sent
    kiosk.wait_until(lambda: state.text() == t("journey.done.sent", "vi"), timeout=20)
    assert heading.text() == t("journey.done.heading", "vi")  # "Đã nhận hồ sơ": the portal has it now
    you.step("confirmation-sent")

    assert kiosk.keys.seen == [], kiosk.keys.report()
    print(
        f"HEADLINE RUN: {kiosk.finger.taps} taps, {kiosk.finger.drags} drags, {kiosk.elapsed:.0f} s, "
        f"{len(you.steps)} screens checked"
    )


def _dialogs_open() -> list[QWidget]:
    from PySide6.QtWidgets import QDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
