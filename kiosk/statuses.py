"""The portal's dossier statuses (TrangThaiHoSo 1–10), named as the national portal names them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from kiosk.i18n import Lang

STATUS_LABELS: dict[int, dict[str, str]] = {
    1: {"vi": "Mới đăng ký", "en": "Newly registered"},
    2: {"vi": "Được tiếp nhận", "en": "Accepted for processing"},
    3: {"vi": "Không được tiếp nhận", "en": "Not accepted"},
    4: {"vi": "Đang xử lý", "en": "Being processed"},
    5: {"vi": "Yêu cầu bổ sung giấy tờ", "en": "More documents requested"},
    6: {"vi": "Yêu cầu thực hiện nghĩa vụ tài chính", "en": "Payment requested"},
    7: {"vi": "Công dân yêu cầu rút hồ sơ", "en": "Withdrawn at the citizen's request"},
    8: {"vi": "Dừng xử lý", "en": "Processing stopped"},
    9: {"vi": "Đã xử lý xong", "en": "Processing finished"},
    10: {"vi": "Đã trả kết quả", "en": "Result delivered"},
}
FINAL_STATUSES = frozenset({3, 7, 8, 10})  # retention of personal data runs from these


def status_label(status: int, lang: Lang) -> str:
    """The status's name in `lang`; an unknown code (a newer portal) is shown as its number."""
    labels = STATUS_LABELS.get(status)
    return labels[lang] if labels else f"#{status}"


def _portal_time(value: object) -> datetime | None:
    """A portal time (ISO 8601 with offset, as the contract says); None when it is not one."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def portal_final_time(details: Mapping[str, Any]) -> datetime | None:
    """When the portal says the dossier first reached a final status, from its history (a dossier's
    status details: `history` of {status, at, note}, and the `receipt` of its submission).

    None when the history names no final status with a time. Never earlier than the portal's own
    `received_at`: a final status cannot precede the dossier's arrival, so a zero or garbled time does
    not make a dossier look closed for years.
    """
    history = details.get("history")
    if not isinstance(history, list):
        return None
    times = [
        moment
        for entry in history
        if isinstance(entry, dict)
        and isinstance(entry.get("status"), int)
        and entry["status"] in FINAL_STATUSES
        and (moment := _portal_time(entry.get("at"))) is not None
    ]
    if not times:
        return None
    first = min(times)
    receipt = details.get("receipt")
    received = _portal_time(receipt.get("received_at")) if isinstance(receipt, dict) else None
    return max(first, received) if received is not None else first
