"""The keyboard's look: the window's palettes (normal, high contrast), keys of at least 64×64 px."""

from __future__ import annotations

from ui import theme

KEY_PX = 64  # a key's least width and height, at every text size: fingers do not grow with the text
KEY_BORDER = 2  # inside the 64 px: a key is as tall as needed, and six rows leave the page its room
KEY_MAX_SCALE = 125  # key labels grow with the text up to here: six rows must leave room for the page


def keyboard_stylesheet(high_contrast: bool, scale: int) -> str:
    p = theme.palette_for(high_contrast)
    size = theme.point_size(min(scale, KEY_MAX_SCALE))
    tone = theme.point_size(min(scale, KEY_MAX_SCALE), 0.75)
    small = theme.point_size(min(scale, KEY_MAX_SCALE), 0.8)
    return f"""
QFrame[role="keyboard"] {{ background-color: {p.surface}; border-top: 3px solid {p.border}; }}
QLabel[role="keyboard-note"] {{ color: {p.error}; font-weight: bold; font-size: {small}pt; }}
QPushButton[role="key"], QPushButton[role="key-action"], QPushButton[role="key-tone"] {{
    min-height: {KEY_PX - 2 * KEY_BORDER}px; min-width: {KEY_PX - 2 * KEY_BORDER}px; padding: 0px 4px;
    border-radius: 6px;
    font-size: {size}pt; font-weight: normal;
    background-color: {p.background}; color: {p.text}; border: {KEY_BORDER}px solid {p.border};
}}
QPushButton[role="key-action"] {{ font-weight: bold; font-size: {small}pt; background-color: {p.surface}; }}
QPushButton[role="key-tone"] {{ font-size: {tone}pt; font-weight: bold; color: {p.link}; }}
QPushButton[role="key"]:pressed, QPushButton[role="key-action"]:pressed,
QPushButton[role="key-tone"]:pressed {{
    background-color: {p.focus}; color: {p.focus_text}; border-color: {p.focus_text};
}}
QPushButton[role="key-action"]:checked {{
    background-color: {p.text}; color: {p.background}; border-color: {p.text};
}}
QPushButton[role="key-tone"]:disabled {{ color: {p.muted}; border-color: {p.muted}; }}
"""
