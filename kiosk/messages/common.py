"""Messages shared across areas (configuration, generic failures), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "config.unreadable": {
        "vi": "Không đọc được tệp cấu hình {path} ({reason}). Hãy sửa hoặc xoá tệp này rồi mở lại ứng dụng.",
        "en": "Cannot read the configuration file {path} ({reason}). Fix or delete it, then start again.",
    },
    "config.unknown_keys": {
        "vi": "Tệp cấu hình {path} có mục không hợp lệ: {keys}. Hãy xoá các mục đó.",
        "en": "The configuration file {path} has unknown settings: {keys}. Remove them.",
    },
    "config.bad_mode": {
        "vi": "Chế độ sử dụng '{value}' trong {path} không hợp lệ. Chọn post_office, community_team "
        "hoặc self_service.",
        "en": "The mode '{value}' in {path} is not valid. Use post_office, community_team or self_service.",
    },
}
