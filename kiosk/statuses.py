"""The portal's dossier statuses (TrangThaiHoSo 1–10), named as the national portal names them."""

from __future__ import annotations

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
