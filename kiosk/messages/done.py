"""Messages of the confirmation while the dossier is not at the portal yet (waiting to be sent, or to be corrected)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "done.waiting_heading": {
        "vi": "Hồ sơ đã lưu, đang chờ gửi",
        "en": "Application saved, waiting to be sent",
    },
    "done.attention_heading": {
        "vi": "Hồ sơ cần sửa, chưa gửi được",
        "en": "The application needs a correction: not sent",
    },
}
