"""Messages of a saved draft kept and resumed: what the code dialog says once the code is given."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "resume.code.go_on": {
        "vi": "Ông/Bà có thể điền tiếp ngay, hoặc chọn “Người tiếp theo” để kết thúc; hồ sơ vẫn được giữ.",
        "en": "You may go on filling it in now, or choose “Next person” to finish; the dossier is kept.",
    },
}
