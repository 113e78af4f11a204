"""Styles the journey adds to the theme: large radio buttons and checkboxes, pickers, error summary."""

from __future__ import annotations

from kiosk.assets import icons_dir
from ui import theme


def tick_icon(colour: str) -> str:
    """The check mark drawn in a ticked box, in `colour` (a palette's "#rrggbb"), as a stylesheet url."""
    return (icons_dir() / f"tick-{colour.lstrip('#').lower()}.svg").as_posix()


def stylesheet(high_contrast: bool, scale: int) -> str:
    """Rules for controls the base theme does not style, with the same palette and targets."""
    p = theme.palette_for(high_contrast)
    target = theme.target_px(scale)
    box = round(28 * scale / 100)  # radio/checkbox indicator: large enough to see and to hit
    pad = round(8 * scale / 100)
    big = theme.point_size(scale, 2.2)
    return f"""
QRadioButton, QCheckBox {{
    min-height: {target}px; spacing: {pad * 2}px; padding: {pad // 2}px {pad}px;
    border: 2px solid transparent; background: transparent;
}}
QRadioButton::indicator, QCheckBox::indicator {{
    width: {box}px; height: {box}px; border: 3px solid {p.text}; background: {p.background};
}}
QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {p.text}, stop:0.5 {p.text}, stop:0.55 {p.background}, stop:1 {p.background});
}}
QCheckBox::indicator:checked {{ background: {p.text}; image: url("{tick_icon(p.background)}"); }}
QRadioButton:focus, QCheckBox:focus {{
    background-color: {p.focus}; color: {p.focus_text}; border: 2px solid {p.focus_text};
}}
QRadioButton::indicator:focus {{ border-color: {p.focus_text}; background: {p.focus}; }}
QRadioButton::indicator:checked:focus {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {p.focus_text}, stop:0.5 {p.focus_text}, stop:0.55 {p.focus}, stop:1 {p.focus});
}}
QComboBox {{
    combobox-popup: 0;  /* a plain list under the box, with a scroll bar (years: 1900 to now) */
    background-color: {p.background}; color: {p.text}; border: 2px solid {p.text};
    min-height: {target}px; padding: 0px {pad}px;
}}
QComboBox:focus {{ border: 4px solid {p.focus_ring}; background-color: {p.input_focus}; }}
QComboBox QAbstractItemView {{
    background-color: {p.background}; color: {p.text}; selection-background-color: {p.focus};
    selection-color: {p.focus_text};
}}
QListWidget {{
    background-color: {p.background}; color: {p.text}; border: 2px solid {p.text};
}}
QListWidget:focus {{ border: 4px solid {p.focus_ring}; }}
QListWidget::item {{ min-height: {target}px; padding: 0px {pad}px; }}
QListWidget::item:selected {{ background-color: {p.primary}; color: {p.primary_text}; }}
QListWidget::item:selected:focus {{ background-color: {p.focus}; color: {p.focus_text}; }}
QFrame[role="error-summary"] {{
    border: 4px solid {p.error}; background: {p.background}; padding: {pad}px;
}}
QFrame[role="error-summary"]:focus {{ background: {p.input_focus}; }}
QWidget[invalid="true"] QLineEdit {{ border: 4px solid {p.error}; }}
QLabel[role="reference"] {{
    font-size: {big}pt; font-weight: bold; border: 3px solid {p.text}; padding: {pad}px {pad * 2}px;
}}
QLabel[role="preview"] {{ border: 2px solid {p.border}; background: {p.surface}; }}
QAbstractButton[role="error-link"] {{ border: 2px solid transparent; background: transparent; }}
QAbstractButton[role="error-link"]:focus {{ background-color: {p.focus}; border: 2px solid {p.focus_text}; }}
QLabel[role="error-link-text"] {{ color: {p.error}; font-weight: bold; text-decoration: underline; }}
QLabel[role="error-link-text"][focused="true"] {{ color: {p.focus_text}; text-decoration: none; }}
QLabel[role="progress"] {{ color: {p.muted}; font-weight: bold; }}
QLabel[role="h1"]:focus {{ background-color: {p.focus}; color: {p.focus_text}; }}
"""
