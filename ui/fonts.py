"""Load the bundled Noto Sans so Vietnamese text never depends on the fonts of the machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.assets import fonts_dir
from kiosk.errors import KioskError

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FAMILY = "Noto Sans"


class FontLoadError(KioskError):
    """A bundled font file is missing or unreadable: Vietnamese text might render as boxes."""

    def __init__(self, path: Path) -> None:
        super().__init__("ui.fonts_missing", path=str(path))


def load_fonts(directory: Path | None = None) -> str:
    """Register the bundled fonts with Qt and return their family; FontLoadError if one fails.

    Safe to call more than once: Qt returns the already registered family.
    """
    directory = directory or fonts_dir()
    families: set[str] = set()
    for name in FONT_FILES:
        path = directory / name
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        if font_id < 0:
            raise FontLoadError(path)
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        # A different file under the right name would silently change how the kiosk looks.
        raise FontLoadError(directory / FONT_FILES[0])
    return FAMILY


def use_bundled_font(app: QApplication, point_size: float) -> str:
    """Load the fonts and make them the application font at `point_size`; returns the family."""
    family = load_fonts()
    font = QFont(family)
    font.setPointSizeF(point_size)
    # Hinting off keeps the stacked Vietnamese diacritics (ệ, ở) from colliding at small sizes.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    return family
