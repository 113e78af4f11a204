"""Messages of the confirmation while the dossier waits to be sent (the portal could not be reached)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "done.waiting_heading": {
        "vi": "Hồ sơ đã lưu, đang chờ gửi",
        "en": "Application saved, waiting to be sent",
    },
}
