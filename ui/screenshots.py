"""Render every screen offscreen to PNG files and check them: ui/screenshots.py [outdir] [--modes=subset]."""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the repository importable and stay off any real display.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.catalog import Catalog, bundled_catalog
from kiosk.i18n import Lang
from ui import payment_shots, receipt_shots, report_shots, theme, tracking_shots
from ui.fonts import use_bundled_font
from ui.journey import shots as journey_shots
from ui.main_window import MainWindow
from ui.shots import grab

SIZE = (1366, 768)
KHAI_SINH = "1.001193"
SEARCH = "thuong tru"  # typed without diacritics, as a scanner or a hurried agent would


def render(catalog: Catalog, outdir: Path, *, lang: Lang = "vi", code: str = KHAI_SINH) -> list[Path]:
    """Home (browsing, searching) and prepare page (top, end) at 100 % and 200 % text, normal and
    high contrast; returns the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    written: list[Path] = []
    for scale in (100, 200):
        for high_contrast in (False, True):
            window = MainWindow(catalog, lang=lang, text_scale=scale, high_contrast=high_contrast)
            window.resize(*SIZE)
            window.show()
            app.processEvents()
            suffix = f"{scale}-{'high-contrast' if high_contrast else 'normal'}"
            written.append(grab(window, outdir / f"home-{suffix}.png"))
            assert window.home is not None
            window.home.search.setText(SEARCH)
            # On purpose: the search box goes to the page's top so the first result shows whole (ui/home.py).
            written.append(grab(window, outdir / f"home-{suffix}-search.png", heading=False))
            window.home.search.clear()
            window.show_prepare(code)
            written.append(grab(window, outdir / f"prepare-{suffix}.png"))
            assert window.prepare is not None
            bar = window.prepare.verticalScrollBar()
            bar.setValue(bar.maximum())
            written.append(grab(window, outdir / f"prepare-{suffix}-end.png"))
            window.close()
            window.deleteLater()
            app.processEvents()
    return written


def main(argv: list[str]) -> int:
    """`screenshots.py [OUTDIR] [--modes=subset]`: every screen to OUTDIR (docs/screenshots), the mode
    matrix to OUTDIR/modes (all of it, or the part the test suite runs); 1 when a screen has a problem."""
    args = [arg for arg in argv[1:] if not arg.startswith("--")]
    subset = "--modes=subset" in argv[1:]
    outdir = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    app = QApplication(argv[:1])
    app.setStyle("Fusion")
    use_bundled_font(app, theme.point_size(100))
    for path in render(bundled_catalog(), outdir):
        print(path)
    for path in receipt_shots.render(bundled_catalog(), outdir, KHAI_SINH):
        print(path)
    for path in journey_shots.render(bundled_catalog(), outdir, KHAI_SINH):
        print(path)
    for path in payment_shots.render(bundled_catalog(), outdir):
        print(path)
    for path in tracking_shots.render(bundled_catalog(), outdir):
        print(path)
    for path in report_shots.render(bundled_catalog(), outdir):
        print(path)
    from ui import session_shots  # mode, PIN, operator, drafts, session dialogs

    for path in session_shots.render(bundled_catalog(), outdir):
        print(path)
    from ui import agent_shots  # agent sign-in, PIN, lock, consent, volunteer events

    for path in agent_shots.render(bundled_catalog(), outdir):
        print(path)
    from ui import bundle_shots  # the liên thông task list

    for path in bundle_shots.render(bundled_catalog(), outdir):
        print(path)
    from ui import mode_shots  # every mode with the banner, 1366×768 and 1920×1080 (docs/screenshots/modes)

    for path in mode_shots.render(bundled_catalog(), outdir / "modes", mode_shots.SUBSET if subset else None):
        print(path)
    from ui.shots import CLIPPED

    for name, cut in sorted(CLIPPED.items()):
        print(f"problem in {name}: " + "; ".join(cut), file=sys.stderr)
    return 1 if CLIPPED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
