"""Messages of the sync area, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sync.no_portal": {
        "vi": "Chưa cấu hình địa chỉ cổng dịch vụ công. Đặt KIOSK_PORTAL_URL hoặc portal_url trong tệp cấu hình.",
        "en": "No portal address is configured. Set KIOSK_PORTAL_URL or portal_url in the configuration file.",
    },
    "sync.no_client_id": {
        "vi": "Chưa cấu hình tài khoản máy (client_id). Đặt KIOSK_CLIENT_ID hoặc client_id trong tệp cấu hình.",
        "en": "No terminal account (client_id) is configured. Set KIOSK_CLIENT_ID or client_id in the configuration file.",
    },
    "sync.no_client_secret": {
        "vi": "Không tìm thấy mật khẩu của tài khoản máy {client_id}. Đặt KIOSK_CLIENT_SECRET hoặc lưu vào kho khoá của hệ điều hành.",
        "en": "No secret for terminal account {client_id}. Set KIOSK_CLIENT_SECRET or store it in the OS keyring.",
    },
    "sync.auth_failed": {
        "vi": "Cổng dịch vụ công không chấp nhận tài khoản của máy này, nên hồ sơ chưa được gửi (vẫn lưu an toàn trên máy). Hãy báo kỹ thuật viên kiểm tra mã máy (client_id) và mật khẩu máy (KIOSK_CLIENT_SECRET).",
        "en": "The public-service portal refused this terminal's account, so no dossier was sent (they are kept safely on this computer). Ask a technician to check the terminal id (client_id) and secret (KIOSK_CLIENT_SECRET).",
    },
    "sync.agent_wrong_credentials": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại.",
        "en": "The user name or password is wrong. Type them again.",
    },
    "sync.agent_locked": {
        "vi": "Tài khoản này đang bị khóa. Hãy liên hệ người quản lý để mở khóa.",
        "en": "This account is locked. Ask your manager to unlock it.",
    },
    "sync.send_now.failed": {
        "vi": "Chưa gửi được vì máy gặp lỗi. Hồ sơ vẫn được lưu trên máy và sẽ được gửi tự động. Vui lòng thử lại; nếu vẫn lỗi, báo cho kỹ thuật viên.",
        "en": "Nothing could be sent: the computer hit an error. The dossiers stay saved here and are sent automatically. Try again; if it keeps failing, tell the technician.",
    },
    # "Gửi ngay" in the status bar: one short line (the confirmation page says it at length)
    "sync.send_now.offline": {
        "vi": "Chưa gửi được: chưa kết nối được cổng dịch vụ công.",
        "en": "Not sent: the public-service portal cannot be reached.",
    },
    "sync.send_now.sent": {
        "vi": "Đã gửi {sent} hồ sơ. Còn chờ gửi: {queued}.",
        "en": "Sent {sent}. Still waiting: {queued}.",
    },
    "sync.send_now.wait": {
        "vi": "Cổng đang bận, đề nghị chờ đến {time}. Máy sẽ tự gửi tiếp.",
        "en": "The portal is busy and asked to wait until {time}. Sending resumes by itself.",
    },
    "sync.send_now.auth": {
        "vi": "Cổng không chấp nhận tài khoản máy. Vui lòng báo kỹ thuật viên.",
        "en": "The portal refused this terminal's account. Tell the technician.",
    },
    "sync.summary.offline": {
        "vi": "Chưa kết nối được cổng dịch vụ công. {queued} hồ sơ đang chờ gửi, máy sẽ tự gửi khi có mạng.",
        "en": "The public-service portal cannot be reached. {queued} dossier(s) wait to be sent; they will be sent when the network is back.",
    },
    "sync.summary.done": {
        "vi": "Đã gửi {sent} hồ sơ. Còn {queued} đang chờ gửi, {attention} cần sửa, {errors} lần gửi lỗi sẽ thử lại sau.",
        "en": "Sent {sent} dossier(s). {queued} still waiting, {attention} need changes, {errors} failed attempt(s) will be retried.",
    },
    "sync.summary.auth": {
        "vi": "Cổng dịch vụ công không chấp nhận tài khoản của máy. Đã gửi {sent} hồ sơ, còn {queued} đang chờ. Hãy báo kỹ thuật viên kiểm tra mã máy và mật khẩu máy.",
        "en": "The portal refused this terminal's account. Sent {sent} dossier(s), {queued} still waiting. Ask a technician to check the terminal id and secret.",
    },
    "sync.summary.wait": {
        "vi": "Cổng dịch vụ công đang bận và đề nghị chờ đến {time}. Đã gửi {sent} hồ sơ, còn {queued} đang chờ, máy sẽ tự gửi tiếp.",
        "en": "The portal is busy and asked to wait until {time}. Sent {sent} dossier(s), {queued} still waiting; sending will resume by itself.",
    },
    "sync.catalog.updated": {
        "vi": "Đã tải danh mục thủ tục mới (phiên bản {version}); danh mục mới dùng từ lần mở ứng dụng sau.",
        "en": "A new procedure catalog was downloaded (version {version}); it is used from the next start.",
    },
    "sync.catalog.rejected": {
        "vi": "Danh mục thủ tục cổng gửi về không hợp lệ nên máy vẫn dùng danh mục cũ. Hãy báo kỹ thuật viên.",
        "en": "The procedure catalog sent by the portal is not valid, so the current one is kept. Tell a technician.",
    },
}
