"""Two themes (normal, high contrast) as named palettes, turned into one stylesheet at a text scale."""

from __future__ import annotations

from typing import NamedTuple

SCALES: tuple[int, ...] = (100, 125, 150, 175, 200)
BASE_POINT_SIZE = 18.0  # at 100 %: elderly readers at arm's length from a counter screen
MIN_TARGET_PX = 44  # WCAG 2.5.5 / GOV.UK touch target at 100 %
CHROME_MAX_SCALE = 150
MIN_TEXT_CONTRAST = 4.5
MIN_COMPONENT_CONTRAST = 3.0  # WCAG 1.4.11: borders and focus rings against what surrounds them


class Palette(NamedTuple):  # a plain record (a frozen dataclass takes ~1.5 ms more to define at start)
    """Every colour the kiosk paints with; text colours are checked against the fills they sit on."""

    name: str
    text: str
    background: str
    surface: str  # cards, the status bar
    muted: str  # secondary text: descriptions, fees
    link: str
    error: str
    border: str  # card and input borders
    primary: str  # main action buttons
    primary_text: str
    focus: str  # fill of a focused button or card (GOV.UK yellow)
    focus_text: str
    focus_ring: str  # thick border of a focused input or card
    input_focus: str  # fill of a focused input
    header: str
    header_text: str
    banner: str  # training mode
    banner_text: str
    disabled: str  # text and border of a chrome button at its limit (A− at 100 %)


NORMAL = Palette(
    name="normal",
    text="#0b0c0c",
    background="#ffffff",
    surface="#f3f2f1",
    muted="#505a5f",
    link="#1a65a6",
    error="#b3261e",
    border="#505a5f",
    primary="#00703c",
    primary_text="#ffffff",
    focus="#ffdd00",
    focus_text="#0b0c0c",
    focus_ring="#0b0c0c",
    input_focus="#fff7bf",
    header="#0b0c0c",
    header_text="#ffffff",
    banner="#942514",
    banner_text="#ffffff",
    disabled="#8a9196",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    text="#ffffff",
    background="#000000",
    surface="#000000",
    muted="#e6e6e6",
    link="#ffff00",
    error="#ff8080",
    border="#ffffff",
    primary="#ffff00",
    primary_text="#000000",
    focus="#00e5ff",
    focus_text="#000000",
    focus_ring="#00e5ff",
    input_focus="#000000",
    header="#000000",
    header_text="#ffffff",
    banner="#ffff00",
    banner_text="#000000",
    disabled="#8c8c8c",
)


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """(what, text colour, fill colour) for every place text is drawn; each must reach 4.5:1."""
    return [
        ("body text", p.text, p.background),
        ("secondary text", p.muted, p.background),
        ("link", p.link, p.background),
        ("error", p.error, p.background),
        ("card title", p.text, p.surface),
        ("card details", p.muted, p.surface),
        ("link on card", p.link, p.surface),
        ("status bar", p.text, p.surface),
        ("primary button", p.primary_text, p.primary),
        ("button that deletes or ends", p.primary_text, p.error),
        ("focused control", p.focus_text, p.focus),
        ("text being typed", p.text, p.input_focus),
        ("header", p.header_text, p.header),
        ("checked header button", p.header, p.header_text),
        ("training banner", p.banner_text, p.banner),
    ]


def component_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """(what, edge colour, fill around it) for borders and focus rings; each must reach 3:1."""
    return [
        ("input and card border", p.border, p.background),
        ("card border on card", p.border, p.surface),
        ("focus ring", p.focus_ring, p.background),
        ("focus fill", p.focus, p.header),
        ("header button border", p.header_text, p.header),
    ]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#rrggbb` colour."""
    h = colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (_channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast ratio between two colours, from 1.0 to 21.0 (order does not matter)."""
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def clamp_scale(scale: int) -> int:
    """The nearest offered text scale (100–200 % in steps of 25)."""
    return min(SCALES, key=lambda s: (abs(s - scale), s))


def point_size(scale: int, factor: float = 1.0) -> float:
    """Font size in points for text `factor` times the body size, at `scale` percent."""
    return round(BASE_POINT_SIZE * factor * scale / 100, 1)


def heading_size(scale: int, step: float) -> float:
    """A heading `step` above the body text at 100 % (h1 0.6: 1.6×), by less as the text grows: at 200 %
    the body is already 36 pt, and a question's heading at twice its 100 % size pushed the answer box
    and "Tiếp tục" below a 768-pixel screen. The order h1 > h2 > h3 > body holds at every scale."""
    return point_size(scale, 1 + step * 100 / scale)


def target_px(scale: int) -> int:
    """Minimum height and width of a control at `scale`, growing with the text."""
    return round(MIN_TARGET_PX * scale / 100)


def scrollbar_px(scale: int) -> int:
    """Width of a vertical scroll bar: a touch target, capped so it leaves the page its width."""
    return min(target_px(scale), 64)


def dialog_stylesheet(window: object) -> str:
    """For Qt's own dialogs (files, printing) opened over `window`: its colours, its text at most 150 %
    (their lists, columns and tool buttons do not fit a 768-pixel screen at 200 %). A platform's own
    dialog ignores it. `window` is the main window (its `scale` and `high_contrast`) or any widget."""
    scale = min(int(getattr(window, "scale", 100)), CHROME_MAX_SCALE)
    return stylesheet(palette_for(bool(getattr(window, "high_contrast", False))), scale)


def stylesheet(p: Palette, scale: int) -> str:
    """The whole window's stylesheet: colours from `p`, sizes from `scale` (percent)."""
    body = point_size(scale)
    h1, h2, h3 = (heading_size(scale, step) for step in (0.6, 0.3, 0.15))
    target = target_px(scale)
    pad = round(8 * scale / 100)
    # The window's chrome (header, banner, status bar) stops growing at 150 %: at 200 % it would
    # take a quarter of a 768-pixel screen away from the content the person came to read.
    chrome_scale = min(scale, CHROME_MAX_SCALE)
    chrome, chrome_target = point_size(chrome_scale), target_px(chrome_scale)
    # Header buttons sit closer and pad less than the page's: the header has one row at 100 % (two at
    # most above) for language, text size, contrast and the session's actions (ui/header.py).
    chrome_pad = round(10 * chrome_scale / 100)
    return f"""
QWidget {{ font-family: "Noto Sans"; font-size: {body}pt; color: {p.text}; }}
QMainWindow, QWidget#central, QScrollArea, QScrollArea > QWidget, QWidget[role="page"] {{
    background-color: {p.background};
}}
QLabel {{ background: transparent; }}
QLabel[role="h1"] {{ font-size: {h1}pt; font-weight: bold; }}
QLabel[role="h2"] {{ font-size: {h2}pt; font-weight: bold; }}
QLabel[role="h3"], QLabel[role="card-title"] {{ font-size: {h3}pt; font-weight: bold; }}
QLabel[role="muted"], QLabel[role="card-detail"] {{ color: {p.muted}; }}
QLabel[role="key"] {{ font-weight: bold; }}
QLabel[role="error"] {{ color: {p.error}; font-weight: bold; }}
QLabel[focused="true"] {{ color: {p.focus_text}; }}

QFrame[role="header"] {{ background-color: {p.header}; border-bottom: 2px solid {p.border}; }}
QFrame[role="header"] QLabel {{ color: {p.header_text}; font-weight: bold; font-size: {chrome}pt; }}
QLabel[role="banner"] {{
    background-color: {p.banner}; color: {p.banner_text}; font-weight: bold;
    padding: {round(3 * chrome_scale / 100)}px {pad}px; font-size: {chrome}pt;
}}
QFrame[role="status"] {{ background-color: {p.surface}; border-top: 2px solid {p.border}; }}
QFrame[role="status"] QLabel {{ color: {p.text}; font-size: {chrome}pt; }}

QPushButton {{
    min-height: {target}px; min-width: {target}px; padding: 0px {2 * pad}px;
    border-radius: 4px; font-weight: bold;
    background-color: {p.surface}; color: {p.text}; border: 2px solid {p.border};
}}
QPushButton[role="chrome"] {{
    background-color: {p.header}; color: {p.header_text}; border: 2px solid {p.header_text};
    font-size: {chrome}pt; min-height: {chrome_target}px; min-width: {chrome_target}px;
    padding: 0px {chrome_pad}px;
}}
QPushButton[role="chrome"]:checked {{ background-color: {p.header_text}; color: {p.header}; }}
QPushButton[role="chrome"]:disabled, QPushButton[role="chrome"][limit="true"] {{
    color: {p.disabled}; border-color: {p.disabled};
}}
QPushButton[role="primary"] {{
    background-color: {p.primary}; color: {p.primary_text}; border: 2px solid {p.primary};
}}
QPushButton[role="secondary"] {{
    background-color: {p.background}; color: {p.text}; border: 2px solid {p.text};
}}
QPushButton[role="danger"] {{
    background-color: {p.error}; color: {p.primary_text}; border: 2px solid {p.error};
}}
QPushButton[role="link"] {{
    background-color: transparent; color: {p.link}; border: 2px solid transparent;
    text-decoration: underline; text-align: left; padding: 0px {pad}px;
}}
QPushButton:focus, QPushButton[role="chrome"]:focus, QPushButton[role="chrome"]:checked:focus,
QPushButton[role="primary"]:focus, QPushButton[role="secondary"]:focus, QPushButton[role="link"]:focus,
QPushButton[role="danger"]:focus {{
    background-color: {p.focus}; color: {p.focus_text}; border: 2px solid {p.focus_text};
    text-decoration: none;
}}
QPushButton[role="chrome"][limit="true"]:focus {{ border-style: dashed; }}

QLineEdit {{
    background-color: {p.background}; color: {p.text}; border: 2px solid {p.text};
    border-radius: 0px; padding: 2px {pad + 2}px; min-height: {target}px;
    selection-background-color: {p.link}; selection-color: {p.background};
}}
QLineEdit:focus {{
    background-color: {p.input_focus}; border: 4px solid {p.focus_ring}; padding: 0px {pad}px;
}}

QAbstractButton[role="card"] {{
    background-color: {p.surface}; border: 2px solid {p.border}; border-left: 8px solid {p.primary};
    border-radius: 4px; min-height: {target}px;
}}
QAbstractButton[role="card"]:hover {{ border-color: {p.text}; border-left-color: {p.primary}; }}
QAbstractButton[role="card"]:focus {{
    background-color: {p.focus}; border: 4px solid {p.focus_ring}; border-left: 8px solid {p.focus_ring};
}}
QFrame[role="panel"] {{
    background-color: {p.surface}; border: 2px solid {p.border}; border-radius: 4px;
}}

QDialog {{ background-color: {p.background}; }}
QComboBox {{
    background-color: {p.background}; color: {p.text}; border: 2px solid {p.border};
    min-height: {target}px; padding: 0px {pad}px;
}}
QAbstractItemView {{
    background-color: {p.background}; color: {p.text}; alternate-background-color: {p.surface};
    selection-background-color: {p.focus}; selection-color: {p.focus_text};
}}
QAbstractItemView::item {{ min-height: {target}px; }}
QHeaderView::section {{
    background-color: {p.surface}; color: {p.text}; border: 1px solid {p.border}; padding: 0px {pad}px;
}}
QToolButton {{
    background-color: {p.surface}; color: {p.text}; border: 2px solid {p.border}; border-radius: 4px;
    min-height: {target}px; min-width: {target}px;
}}
QToolButton:focus, QToolButton:checked {{ background-color: {p.focus}; border-color: {p.focus_text}; }}

QScrollBar:vertical {{ background: {p.surface}; width: {scrollbar_px(scale)}px; margin: 0px; }}
QScrollBar::handle:vertical {{ background: {p.muted}; min-height: {target}px; border-radius: 4px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollBar:horizontal {{ background: {p.surface}; height: {scrollbar_px(scale)}px; margin: 0px; }}
QScrollBar::handle:horizontal {{ background: {p.muted}; min-width: {target}px; border-radius: 4px; }}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0px; }}
QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}
"""


def palette_colours(p: Palette) -> dict[str, str]:
    """Every named colour of a palette (for tests and the screenshot report)."""
    return {name: colour for name, colour in p._asdict().items() if name != "name"}
