"""Messages of the catalog area, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "catalog.invalid": {
        "vi": "Danh mục thủ tục có {count} lỗi nên chưa dùng được. Vui lòng báo cho quản trị viên để sửa "
        "tệp định nghĩa thủ tục; trong lúc đó kiosk dùng danh mục có sẵn.",
        "en": "The procedure catalog has {count} problem(s) and cannot be used. Tell the administrator "
        "so the procedure definitions are fixed; meanwhile the kiosk uses its built-in catalog.",
    },
}
