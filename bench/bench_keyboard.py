"""The on-screen keyboard: a key pressed → the character in the field, and the keyboard opening on focus.

Run: .venv/bin/python bench/bench_keyboard.py [--presses 1000] [--opens 50] [--scale 100]
Offscreen, the real window in self-service mode (training key, temp data dir), khai sinh (1.001193), its
"nơi sinh" question (a text field). Vietnamese text is typed as a person does on the keyboard: letters
(ă â đ ê ô ơ ư are keys), "chữ hoa" before a capital, the tone key after the word, digits, space and
punctuation. Each press is a mouse click on the key; the time runs to the field repainted with the new
text; a second figure runs on to the keyboard repainted with its new tone previews. Opening: the
keyboard hidden (focus on "Quay lại"), a click on the field, to the window repainted with the keyboard
under the page; building the keyboard (once per window or dialog) is timed apart. Goals: press p99
≤ 16 ms, open ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from kiosk.catalog import bundled_catalog
from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.vi_typing import Tone
from ui import theme
from ui.context import AppContext
from ui.fonts import use_bundled_font
from ui.journey import JourneyView
from ui.keyboard.panel import KeyboardPanel
from ui.main_window import MainWindow
from ui.services import Services

TEXT = "Nguyễn Thị Hằng, Số 12 Hàng Bạc. Người của Huỳnh Quốc giữ Thủy hòa 34/5 "
TONES = {
    "\u0301": Tone.ACUTE,
    "\u0300": Tone.GRAVE,
    "\u0309": Tone.HOOK,
    "\u0303": Tone.TILDE,
    "\u0323": Tone.DOT,
}
GOAL_PRESS_P99_MS = 16.0
GOAL_OPEN_MS = 50.0
PAGE = "child_place_of_birth"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:<30} n={len(values):<5} p50={statistics.median(values):6.2f} ms  "
        f"p99={percentile(values, 99):6.2f} ms  max={max(values):6.2f} ms"
    )


def presses_for(text: str, panel: KeyboardPanel) -> list[QAbstractButton]:
    """The keys a person presses to type `text`: the letters of each word without its tone, then the tone."""
    keys: list[QAbstractButton] = []
    marks = {str(k.property("mark")): k for k in panel.punctuation}
    marks["/"] = next(k for k in panel.punctuation if k.property("mark") == "/")
    tone: Tone | None = None
    for ch in text:  # it ends with a space: the last word's tone is pressed too
        parts = unicodedata.normalize("NFD", ch)
        found = [TONES[c] for c in parts if c in TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        if base.isalpha():
            if found:
                tone = found[0]
            if base.isupper():
                keys.append(panel.shift_key)
            keys.append(panel.letter_keys[base.lower()])
            continue
        if tone is not None:  # the word ended: its tone
            keys.append(panel.tone_keys[tone])
            tone = None
        if ch == " ":
            keys.append(panel.space)
        elif ch.isdigit():
            keys.append(panel.digit_keys[ch])
        elif ch in marks:
            keys.append(marks[ch])
    return keys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    use_bundled_font(app, theme.point_size(100))
    with tempfile.TemporaryDirectory(prefix="bench-keyboard-") as tmp:
        services = Services(config=Config(mode="self_service"), data_dir=Path(tmp), key=training_key())
        context = AppContext.create(services)
        window = MainWindow(bundled_catalog(), context=context, text_scale=args.scale)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)
        window.start_journey("1.001193")
        view = window.journey
        assert isinstance(view, JourneyView)
        view.journey.goto(PAGE)
        view.show_current()
        app.processEvents()
        # As the app does once its first frame is up (ui/cli.py _after_first_frame): what the start built
        # lives as long as the app, and the cyclic collector need not walk it on every collection.
        gc.collect()
        gc.freeze()
        field = window.findChild(QLineEdit, f"input-{PAGE}")
        back = window.findChild(QAbstractButton, "journey-back")
        assert field is not None and back is not None
        panel = window.keyboard.panel
        assert panel is not None and panel.isVisible() and field.hasFocus()

        def hide() -> None:
            back.setFocus(Qt.FocusReason.OtherFocusReason)
            while panel.isVisible():
                app.processEvents()

        builds: list[float] = []  # the keyboard itself, made once per window (or dialog) on first use
        for _ in range(5):
            start = time.perf_counter()
            spare = KeyboardPanel("vi")
            spare.set_style(False, args.scale)
            builds.append((time.perf_counter() - start) * 1000)
            spare.deleteLater()
        opens: list[float] = []
        for _ in range(args.opens):
            hide()
            window.repaint()
            start = time.perf_counter()
            QTest.mouseClick(field, Qt.MouseButton.LeftButton)
            window.repaint()
            opens.append((time.perf_counter() - start) * 1000)
            if not panel.isVisible():
                raise SystemExit("the keyboard did not open on focus")
        app.processEvents()

        presses: list[float] = []
        settled: list[float] = []
        sequence = presses_for(TEXT, panel)
        expected = TEXT
        while len(presses) < args.presses:
            field.clear()
            app.processEvents()
            for key in sequence:
                if len(presses) == args.presses:
                    break
                start = time.perf_counter()
                QTest.mouseClick(key, Qt.MouseButton.LeftButton)
                field.repaint()
                presses.append((time.perf_counter() - start) * 1000)
                app.processEvents()  # the tone keys' previews, as before the next finger comes down
                panel.repaint()
                settled.append((time.perf_counter() - start) * 1000)
            else:
                if field.text() != expected:
                    raise SystemExit(f"typed {field.text()!r}, expected {expected!r}")
            context.tasks.wait_idle()
            app.processEvents()
        print(f"on-screen keyboard, self-service, text {args.scale} %, 1366×768 offscreen")
        print(f'typing "{expected.strip()}" ({len(sequence)} presses) again and again')
        print(line("press → character in field", presses))
        print(line("press → keyboard repainted", settled))
        print(line("open on focus", opens))
        print(line("building the keyboard (once)", builds))
        press_ok = percentile(presses, 99) <= GOAL_PRESS_P99_MS
        open_ok = max(opens) <= GOAL_OPEN_MS
        print(f"goal press p99 ≤ {GOAL_PRESS_P99_MS:.0f} ms: {'met' if press_ok else 'NOT met'}")
        print(f"goal open ≤ {GOAL_OPEN_MS:.0f} ms (max of {len(opens)}): {'met' if open_ok else 'NOT met'}")
        window.close()
        context.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
