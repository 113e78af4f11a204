"""Messages of the focus area (text-size limits said to a screen reader), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "focus.text_largest": {
        "vi": "Chữ đã lớn nhất ({percent} %)",
        "en": "The text is already at its largest ({percent} %)",
    },
    "focus.text_smallest": {
        "vi": "Chữ đã nhỏ nhất ({percent} %)",
        "en": "The text is already at its smallest ({percent} %)",
    },
}
