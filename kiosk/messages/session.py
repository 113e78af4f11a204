"""Messages of the terminal's modes, the citizen's session, drafts, the privacy timeout and the status bar."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # kiosk.session
    "session.resume.bad_code": {
        "vi": "Mã tiếp tục gồm 8 chữ và số, ví dụ AB12-CD34. Vui lòng nhập lại.",
        "en": "A resume code has 8 letters and digits, for example AB12-CD34. Please type it again.",
    },
    "session.pin.too_short": {
        "vi": "Mã PIN phải có ít nhất {digits} chữ số (chỉ gồm số).",
        "en": "The PIN needs at least {digits} digits (digits only).",
    },
    "session.pin.mismatch": {
        "vi": "Hai lần nhập mã PIN không giống nhau. Vui lòng nhập lại cả hai ô.",
        "en": "The two PINs are not the same. Please type both again.",
    },
}
