"""Messages of the locked-down self-service terminal: screen size, keeping it awake, start-up, supervisor."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # On screen (status bar) and in the log: the terminal keeps working at the smaller size.
    "lockdown.small_screen": {
        "vi": (
            "Màn hình {width}×{height} nhỏ hơn 1366×768: một số trang phải cuộn. "
            "Người vận hành: vui lòng đặt độ phân giải lớn hơn."
        ),
        "en": (
            "The screen, {width}×{height}, is smaller than 1366×768: some pages scroll. "
            "Operator: please set a higher resolution."
        ),
    },
    "lockdown.not_awake": {
        "vi": (
            "Không giữ được màn hình luôn sáng ({reason}). Người vận hành vui lòng chạy `kiosk doctor` "
            "để xem cách sửa."
        ),
        "en": "The screen cannot be kept awake ({reason}). Operator: run `kiosk doctor` to see how to fix it.",
    },
    "lockdown.awake": {
        "vi": "Màn hình được giữ luôn sáng (cách: {ways}).",
        "en": "The screen is kept awake (by: {ways}).",
    },
    # kiosk doctor
    "lockdown.doctor.mode": {"vi": "Cách dùng máy: {mode}", "en": "How the terminal is used: {mode}"},
    "lockdown.doctor.mode_unset": {
        "vi": "chưa chọn (lần mở đầu tiên sẽ hỏi)",
        "en": "not chosen yet (the first start asks)",
    },
    "lockdown.doctor.locked": {
        "vi": "Tự phục vụ: toàn màn hình, không thoát được bằng Alt+F4/Ctrl+Q/Esc, chỉ thoát bằng mã PIN",
        "en": "Self-service: full screen, Alt+F4/Ctrl+Q/Esc do not leave, only the operator PIN does",
    },
    "lockdown.doctor.autostart": {
        "vi": "Tự khởi động cùng máy và tự mở lại khi lỗi: đã cài ({where})",
        "en": "Starts at boot and restarts after a crash: installed ({where})",
    },
    "lockdown.doctor.autostart_missing": {
        "vi": "Chưa cài tự khởi động cùng máy và tự mở lại khi lỗi",
        "en": "Not set up to start at boot and restart after a crash",
    },
    "lockdown.doctor.autostart_hint_linux": {
        "vi": "cài deploy/linux/dvc-kiosk.service làm dịch vụ systemd của tài khoản kiosk (docs/OPERATING.md)",
        "en": "install deploy/linux/dvc-kiosk.service as the kiosk account's systemd user unit (docs/OPERATING.md)",
    },
    "lockdown.doctor.autostart_hint_windows": {
        "vi": 'nhập deploy/windows/dvc-kiosk-task.xml: schtasks /Create /TN "DVC Kiosk" /XML … (docs/OPERATING.md)',
        "en": 'import deploy/windows/dvc-kiosk-task.xml: schtasks /Create /TN "DVC Kiosk" /XML … (docs/OPERATING.md)',
    },
    "lockdown.doctor.screen": {
        "vi": "Màn hình {width}×{height}",
        "en": "Screen {width}×{height}",
    },
    "lockdown.doctor.screen_small": {
        "vi": "Màn hình {width}×{height} nhỏ hơn cỡ tối thiểu 1366×768",
        "en": "The screen, {width}×{height}, is smaller than the minimum 1366×768",
    },
    "lockdown.doctor.screen_hint": {
        "vi": "đặt độ phân giải từ 1366×768 trở lên (ứng dụng vẫn chạy, một số trang phải cuộn)",
        "en": "set a resolution of 1366×768 or more (the app still runs; some pages scroll)",
    },
    "lockdown.doctor.no_screen": {
        "vi": 'Nền tảng "{platform}" không có màn hình thật: chưa đo được cỡ màn hình',
        "en": 'The "{platform}" platform has no real screen: the screen size is not known',
    },
    "lockdown.doctor.awake": {
        "vi": "Giữ được màn hình luôn sáng (cách: {ways})",
        "en": "The screen can be kept awake (by: {ways})",
    },
    "lockdown.doctor.not_awake": {
        "vi": "Không giữ được màn hình luôn sáng: {reason}",
        "en": "The screen cannot be kept awake: {reason}",
    },
    "lockdown.doctor.awake_hint": {
        "vi": (
            "chạy kiosk trong phiên đồ hoạ của tài khoản kiosk (DISPLAY đặt sẵn), hoặc tắt chế độ chờ "
            "của màn hình: xset s off -dpms"
        ),
        "en": (
            "run kiosk in the kiosk account's graphical session (with DISPLAY set), or turn off the "
            "screen's blanking: xset s off -dpms"
        ),
    },
    # kiosk supervise
    "lockdown.supervise.help": {
        "vi": "chạy ứng dụng và mở lại trong vòng vài giây nếu nó bị lỗi; dừng khi người vận hành đóng ứng dụng",
        "en": "run the app and restart it within seconds after a crash; stop when the operator closes it",
    },
    "lockdown.supervise.command": {
        "vi": "lệnh chạy thay cho ứng dụng (mặc định: kiosk)",
        "en": "command to run instead of the app (default: kiosk)",
    },
    "lockdown.supervise.restart": {
        "vi": "Ứng dụng dừng bất thường ({how}); mở lại sau {delay} giây (lần thứ {count}).",
        "en": "The app stopped abnormally ({how}); restarting in {delay} s (restart {count}).",
    },
    "lockdown.supervise.again": {
        "vi": "Ứng dụng đóng để mở lại (khóa dữ liệu đã có lại trên máy); mở lại sau {delay} giây.",
        "en": "The app closed to start again (the data key is back on this computer); restarting in {delay} s.",
    },
    "lockdown.supervise.done": {
        "vi": "Ứng dụng đã được đóng bình thường; ngừng giám sát.",
        "en": "The app was closed normally; supervision ends.",
    },
}
