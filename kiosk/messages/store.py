"""Messages of the store area (encrypted store, keys, audit log), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "store.integrity": {
        "vi": "Dữ liệu đã bị thay đổi hoặc hỏng ({where}), nên máy không mở phần này. "
        "Vui lòng báo kỹ thuật viên chạy `kiosk doctor` để kiểm tra.",
        "en": "The stored data has been changed or is damaged ({where}), so it was not opened. "
        "Ask a technician to run `kiosk doctor` to check it.",
    },
    "key.no_source": {
        "vi": "Không có nơi cất khóa mã hóa dữ liệu, nên máy không lưu gì cả. Cách sửa: đặt biến môi trường "
        "KIOSK_KEY_FILE=/đường/dẫn/kiosk.key (máy không có người đăng nhập), hoặc cài đặt và mở khóa "
        "kho khóa của hệ điều hành (GNOME Keyring, KWallet, Windows Credential Manager, macOS Keychain) "
        "rồi mở lại ứng dụng.",
        "en": "There is nowhere to keep the data encryption key, so nothing was saved. To fix it: set the "
        "environment variable KIOSK_KEY_FILE=/path/to/kiosk.key (headless terminal), or install and "
        "unlock the operating system's keyring (GNOME Keyring, KWallet, Windows Credential Manager, "
        "macOS Keychain), then start the app again.",
    },
    "key.file_permissions": {
        "vi": "Tệp khóa {path} đang cho người khác trên máy đọc được. "
        "Hãy chạy `chmod 600 {path}` rồi thử lại.",
        "en": "The key file {path} can be read by other users of this computer. "
        "Run `chmod 600 {path}` and try again.",
    },
    "key.file_missing": {
        "vi": "Không tìm thấy tệp khóa {path}. Hãy chép lại tệp khóa đã sao lưu vào đúng chỗ đó, "
        "hoặc nhập khóa bằng `kiosk key import`.",
        "en": "The key file {path} was not found. Put the backed-up key file back there, "
        "or import the key with `kiosk key import`.",
    },
    "key.file_invalid": {
        "vi": "Tệp khóa {path} không đúng định dạng. Hãy thay bằng bản sao lưu của tệp khóa.",
        "en": "The key file {path} is not in the right format. Replace it with the backed-up key file.",
    },
    "key.keyring_missing": {
        "vi": "Kho khóa của hệ điều hành không có khóa dữ liệu của ki-ốt. Hãy nhập khóa đã sao lưu bằng "
        "`kiosk key import`.",
        "en": "The operating system's keyring holds no data key for the kiosk. Import the backed-up key "
        "with `kiosk key import`.",
    },
    "key.keyring_error": {
        "vi": "Không đọc được kho khóa của hệ điều hành (có thể đang bị khóa). Hãy đăng nhập hoặc mở khóa "
        "kho khóa rồi thử lại.",
        "en": "The operating system's keyring could not be read (it may be locked). Sign in or unlock "
        "the keyring and try again.",
    },
    "key.export_invalid": {
        "vi": "Tệp sao lưu khóa không đúng định dạng. Hãy chọn đúng tệp đã tạo bằng `kiosk key export`.",
        "en": "The key backup file is not in the right format. Choose the file made by `kiosk key export`.",
    },
    "key.wrong_passphrase": {
        "vi": "Mật khẩu của tệp sao lưu khóa không đúng. Hãy nhập lại mật khẩu đã đặt khi sao lưu.",
        "en": "The passphrase of the key backup is wrong. Type the passphrase chosen when it was exported.",
    },
    "store.not_found": {
        "vi": "Không tìm thấy hồ sơ {ref} trên máy này. Có thể hồ sơ đã bị xóa.",
        "en": "Dossier {ref} was not found on this computer. It may have been deleted.",
    },
    "store.wrong_state": {
        "vi": "Hồ sơ {ref} đang ở trạng thái \u201c{state}\u201d nên không thể làm việc này.",
        "en": "Dossier {ref} is in the state \u201c{state}\u201d, so this cannot be done.",
    },
    "store.outbox_not_found": {
        "vi": "Không tìm thấy mục gửi {ref} trong hàng đợi.",
        "en": "Queue item {ref} was not found.",
    },
    "store.attachment_not_found": {
        "vi": "Không tìm thấy giấy tờ đính kèm {ref}. Vui lòng quét hoặc chọn lại giấy tờ này.",
        "en": "Attachment {ref} was not found. Scan or choose this document again.",
    },
    "store.newer_schema": {
        "vi": "Dữ liệu trên máy do phiên bản mới hơn tạo (cấu trúc {found}, bản này hiểu đến {supported}). "
        "Vui lòng cập nhật ứng dụng.",
        "en": "The data on this computer was written by a newer version (schema {found}, this version "
        "understands up to {supported}). Update the app.",
    },
    "audit.broken": {
        "vi": "Nhật ký thao tác bị thay đổi hoặc hỏng từ mục số {seq}. Hãy báo kỹ thuật viên chạy "
        "`kiosk doctor` và giữ nguyên máy để kiểm tra.",
        "en": "The action log has been changed or damaged from entry {seq} on. Ask a technician to run "
        "`kiosk doctor` and leave the computer as it is for inspection.",
    },
    "store.disk_full": {
        "vi": "Máy hết dung lượng lưu trữ ({path}), nên việc vừa rồi chưa được lưu. Những gì đã lưu trước "
        "đó vẫn còn nguyên. Vui lòng báo kỹ thuật viên giải phóng dung lượng trên ổ này (xoá tệp không cần "
        "dùng, dọn thư mục tải về và thư mục máy quét), rồi thử lại; `kiosk doctor` cho biết còn trống "
        "bao nhiêu.",
        "en": "This computer has run out of storage space ({path}), so what was just done was not saved. "
        "What was saved before is intact. Ask a technician to free space on this drive (delete unneeded "
        "files, empty the downloads and scanner folders), then try again; `kiosk doctor` shows how much "
        "is free.",
    },
    "store.damaged_answers": {
        "vi": "Phần thông tin đã khai của hồ sơ này bị hỏng trên máy (không qua được kiểm tra toàn vẹn), "
        "nên chưa gửi được. Vui lòng mở hồ sơ, nhập lại các thông tin rồi nộp lại.",
        "en": "The answers of this dossier are damaged on this computer (they failed their integrity "
        "check), so it was not sent. Open the dossier, enter the answers again and submit it again.",
    },
    "store.damaged_document": {
        "vi": "Giấy tờ \u201c{label}\u201d của hồ sơ này bị hỏng trên máy (không qua được kiểm tra toàn "
        "vẹn), nên chưa gửi được. Vui lòng mở hồ sơ, quét hoặc chọn lại giấy tờ này rồi nộp lại.",
        "en": "The document \u201c{label}\u201d of this dossier is damaged on this computer (it failed its "
        "integrity check), so it was not sent. Open the dossier, scan or choose this document again "
        "and submit it again.",
    },
    "key.app_title": {
        "vi": "Ki-ốt tạm ngừng: thiếu khóa dữ liệu",
        "en": "The kiosk is paused: its data key is missing",
    },
    "key.app_back": {
        "vi": "Khóa dữ liệu đã có lại trên máy; ứng dụng đóng để mở lại (`kiosk supervise` hoặc dịch vụ "
        "systemd tự mở lại; nếu không, vui lòng chạy lại `kiosk`).",
        "en": "The data key is back on this computer; the app closes to start again (`kiosk supervise` or "
        "the systemd service starts it again; if neither runs it, run `kiosk` again).",
    },
    "key.missing_with_data": {
        "vi": "Không tìm thấy khóa dữ liệu ({where}), nhưng trên máy đã có dữ liệu được mã hoá bằng khóa đó "
        "({data}). Máy không tạo khóa mới (khóa mới không đọc được dữ liệu cũ) và không ghi gì. Cách sửa: "
        "khôi phục khóa từ bản sao lưu bằng `kiosk key import TỆP` (tệp đã tạo bằng `kiosk key export`), "
        "hoặc chép lại tệp khóa cũ vào đúng chỗ, rồi chạy `kiosk doctor`.",
        "en": "The data key was not found ({where}), but this computer already holds data encrypted with "
        "it ({data}). No new key was made (a new key cannot read the old data) and nothing was written. "
        "To fix it: restore the key from its backup with `kiosk key import FILE` (the file made by "
        "`kiosk key export`), or put the old key file back in its place, then run `kiosk doctor`.",
    },
    "key.missing_with_data_keyring": {
        "vi": "Kho khóa của hệ điều hành không có khóa dữ liệu của ki-ốt, nhưng trên máy đã có dữ liệu được "
        "mã hoá bằng khóa đó ({data}). Máy không tạo khóa mới (khóa mới không đọc được dữ liệu cũ) và "
        "không ghi gì. Cách sửa: khôi phục khóa từ bản sao lưu bằng `kiosk key import TỆP` (tệp đã tạo "
        "bằng `kiosk key export`), rồi chạy `kiosk doctor`.",
        "en": "The operating system's keyring holds no data key for the kiosk, but this computer already "
        "holds data encrypted with it ({data}). No new key was made (a new key cannot read the old data) "
        "and nothing was written. To fix it: restore the key from its backup with `kiosk key import FILE` "
        "(the file made by `kiosk key export`), then run `kiosk doctor`.",
    },
}
