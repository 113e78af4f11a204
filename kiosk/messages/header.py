"""Messages of the header area (the window's header folding actions behind "Thêm"), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "header.more": {"vi": "Thêm", "en": "More"},
    "header.more_name": {
        "vi": "Hiện thêm nút trên đầu trang: {actions}",
        "en": "Show more buttons in the header: {actions}",
    },
    "header.less": {"vi": "Thu gọn", "en": "Fewer"},
    "header.less_name": {
        "vi": "Ẩn bớt nút trên đầu trang: {actions}",
        "en": "Hide the extra buttons in the header: {actions}",
    },
}
