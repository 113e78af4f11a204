"""Messages of read-aloud ("Đọc to"): the button, what is read around a page's text, why it is off."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "speech.read": {"vi": "Đọc to", "en": "Read aloud"},
    "speech.read_name": {"vi": "Đọc to nội dung trang này", "en": "Read this page aloud"},
    "speech.stop": {"vi": "Dừng đọc", "en": "Stop reading"},
    "speech.stop_name": {"vi": "Dừng đọc trang này", "en": "Stop reading this page"},
    # What is read around the page's own text.
    "speech.options": {"vi": "Các lựa chọn: {options}.", "en": "The choices: {options}."},
    "speech.errors": {"vi": "{title}: {messages}", "en": "{title}: {messages}"},
    "speech.reference": {"vi": "{caption}: {reference}.", "en": "{caption}: {reference}."},
    "speech.answer": {"vi": "{question}: {answer}.", "en": "{question}: {answer}."},
    "speech.no_answer": {"vi": "chưa trả lời", "en": "not answered"},
    # Why the button is hidden: in the log (Vietnamese) and from `kiosk doctor`.
    "speech.off": {
        "vi": "Đọc to đang tắt (KIOSK_SPEECH_ENGINE=none): nút “Đọc to” được ẩn.",
        "en": "Read-aloud is off (KIOSK_SPEECH_ENGINE=none): the “Read aloud” button is hidden.",
    },
    "speech.no_engine": {
        "vi": "Không có bộ đọc “{engine}” trong Qt (có: {available}): nút “Đọc to” được ẩn.",
        "en": "Qt has no “{engine}” speech engine (there are: {available}): the “Read aloud” button is hidden.",
    },
    "speech.engine_failed": {
        "vi": "Bộ đọc “{engine}” không mở được ({detail}): nút “Đọc to” được ẩn.",
        "en": "The “{engine}” speech engine did not open ({detail}): the “Read aloud” button is hidden.",
    },
    "speech.timeout": {
        "vi": "Bộ đọc “{engine}” không trả lời sau {seconds} giây (speech-dispatcher có thể bị treo): "
        "nút “Đọc to” được ẩn.",
        "en": "The “{engine}” speech engine did not answer within {seconds} s (speech-dispatcher may be "
        "stuck): the “Read aloud” button is hidden.",
    },
    "speech.stopped": {
        "vi": "Bộ đọc đã dừng bất ngờ (mã {code}): nút “Đọc to” được ẩn.",
        "en": "The speech engine stopped unexpectedly (code {code}): the “Read aloud” button is hidden.",
    },
    "speech.no_voice": {
        "vi": "Bộ đọc “{engine}” không có giọng đọc {language}: nút “Đọc to” được ẩn khi giao diện "
        "bằng {language} (không đọc bằng giọng của tiếng khác).",
        "en": "The “{engine}” speech engine has no {language} voice: the “Read aloud” button is hidden "
        "while the screen is in {language} (never read with another language's voice).",
    },
    "speech.no_audio": {
        "vi": "Máy không có thiết bị âm thanh (không thấy card âm thanh): nút “Đọc to” được ẩn.",
        "en": "This computer has no sound device (no sound card found): the “Read aloud” button is hidden.",
    },
    "speech.ready": {
        "vi": "Đọc to: giọng “{voice}” ({engine}).",
        "en": "Read aloud: voice “{voice}” ({engine}).",
    },
    "speech.language.vi": {"vi": "tiếng Việt", "en": "Vietnamese"},
    "speech.language.en": {"vi": "tiếng Anh", "en": "English"},
    "speech.install_linux": {
        "vi": "cài giọng đọc tiếng Việt: sudo apt-get install speech-dispatcher "
        "speech-dispatcher-espeak-ng espeak-ng (python3 run.py setup cài sẵn)",
        "en": "install the Vietnamese voice: sudo apt-get install speech-dispatcher "
        "speech-dispatcher-espeak-ng espeak-ng (python3 run.py setup installs them)",
    },
    "speech.install_windows": {
        "vi": "thêm giọng đọc tiếng Việt: Cài đặt → Thời gian và ngôn ngữ → Giọng nói → Thêm giọng nói → "
        "Tiếng Việt (Settings → Time & language → Speech → Add voices)",
        "en": "add the Vietnamese voice: Settings → Time & language → Speech → Add voices → Vietnamese",
    },
    "speech.install_audio": {
        "vi": "cắm loa hoặc tai nghe và kiểm tra máy nhận thiết bị âm thanh (aplay -l)",
        "en": "connect a speaker or headphones and check that the computer sees the sound device (aplay -l)",
    },
    "speech.fix_engine_name": {
        "vi": "bỏ biến KIOSK_SPEECH_ENGINE (dùng bộ đọc của hệ điều hành) hoặc đặt một tên có trong danh sách",
        "en": "unset KIOSK_SPEECH_ENGINE (the system's own engine) or set one of the names listed",
    },
    "speech.install_restart": {
        "vi": "khởi động lại speech-dispatcher (hoặc máy), rồi chạy lại kiosk doctor",
        "en": "restart speech-dispatcher (or the computer), then run kiosk doctor again",
    },
}
