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
    "sync.summary.disk_full": {
        "vi": "Đã gửi {sent} hồ sơ, rồi dừng vì máy hết dung lượng lưu trữ: còn {queued} đang chờ gửi, vẫn "
        "lưu an toàn trên máy (hồ sơ cổng đã nhận đều đã được ghi lại). Vui lòng báo kỹ thuật viên giải "
        "phóng dung lượng trên ổ chứa dữ liệu của máy, rồi gửi lại.",
        "en": "Sent {sent} dossiers, then stopped because this computer has run out of storage space: "
        "{queued} still wait to be sent, kept safely on this computer (every dossier the portal accepted "
        "has been recorded). Ask a technician to free space on the drive holding the terminal's data, "
        "then send again.",
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
        "vi": "Cổng dịch vụ công đang bận và đề nghị chờ đến {time}. Đã gửi {sent} hồ sơ, còn {queued} đang chờ; máy gửi tiếp sau giờ đó nếu ứng dụng đang mở.",
        "en": "The portal is busy and asked to wait until {time}. Sent {sent} dossier(s), {queued} still waiting; they are sent after that time if the app is open.",
    },
    # `kiosk sync` (ui/sync_run.py): the progress line, then one summary of the whole run.
    "sync.run.sending": {
        "vi": "Đang gửi… đã gửi {sent}, còn {queued} chờ gửi, {errors} lần gửi lỗi.",
        "en": "Sending… {sent} sent, {queued} waiting, {errors} failed attempt(s).",
    },
    "sync.run.waiting": {
        "vi": "Đã gửi {sent}, còn {queued} chờ gửi, {errors} lần gửi lỗi. {reason}",
        "en": "{sent} sent, {queued} waiting, {errors} failed attempt(s). {reason}",
    },
    "sync.run.wait.portal-busy": {
        "vi": "Cổng dịch vụ công đang bận: chờ đến {time} rồi gửi tiếp.",
        "en": "The portal is busy: waiting until {time}, then sending again.",
    },
    "sync.run.wait.retry": {
        "vi": "Chờ đến {time} để gửi lại hồ sơ vừa gửi lỗi.",
        "en": "Waiting until {time} to retry what failed.",
    },
    "sync.run.wait.other-sender": {
        "vi": "Một chương trình khác trên máy (ứng dụng hoặc một lệnh kiosk sync khác) đang gửi: chờ đến {time}.",
        "en": "Another program on this computer (the app or another kiosk sync) is sending: waiting until {time}.",
    },
    "sync.run.done": {
        "vi": "Đã gửi {sent} hồ sơ. Còn 0 đang chờ gửi, {attention} cần sửa ({errors} lần gửi lỗi đã được thử lại).",
        "en": "Sent {sent} dossier(s). 0 still waiting, {attention} need changes ({errors} failed attempt(s) were retried).",
    },
    "sync.run.later": {
        "vi": "Đã gửi {sent} hồ sơ. Còn {queued} hồ sơ chờ gửi lại lúc {time} (giờ Việt Nam): {reason} Vui lòng chạy lại `kiosk sync` sau giờ đó, hoặc để ứng dụng mở để máy tự gửi.",
        "en": "Sent {sent} dossier(s). {queued} wait to be sent again at {time} (Vietnam time): {reason} Run `kiosk sync` again after that time, or leave the app open to send them.",
    },
    "sync.run.later.portal-busy": {
        "vi": "cổng dịch vụ công đề nghị tạm dừng đến giờ đó.",
        "en": "the portal asked for a pause until then.",
    },
    "sync.run.later.retry": {
        "vi": "các lần gửi trước bị lỗi ({errors} lần) và lần gửi lại sớm nhất được hẹn vào giờ đó.",
        "en": "earlier attempts failed ({errors} of them) and the earliest retry is due then.",
    },
    "sync.run.later.other-sender": {
        "vi": "một chương trình khác trên máy (ứng dụng hoặc một lệnh kiosk sync khác) đang giữ hồ sơ để gửi đến giờ đó.",
        "en": "another program on this computer (the app or another kiosk sync) holds them for sending until then.",
    },
    "sync.run.on_day": {"vi": "{time} ngày {date}", "en": "{time} on {date}"},
    "sync.run.offline": {
        "vi": "Chưa kết nối được cổng dịch vụ công. Đã gửi {sent} hồ sơ, còn {queued} hồ sơ chờ gửi (vẫn lưu an toàn trên máy). Vui lòng kiểm tra mạng rồi chạy lại `kiosk sync`, hoặc để ứng dụng mở để máy tự gửi khi có mạng.",
        "en": "The public-service portal cannot be reached. Sent {sent} dossier(s); {queued} wait to be sent (kept safely on this computer). Check the network and run `kiosk sync` again, or leave the app open to send them when the network is back.",
    },
    "sync.run.cancelled": {
        "vi": "Đã dừng theo yêu cầu. Đã gửi {sent} hồ sơ, còn {queued} hồ sơ chờ gửi; không hồ sơ nào bị giữ lại. Vui lòng chạy lại `kiosk sync` để gửi tiếp.",
        "en": "Stopped as asked. Sent {sent} dossier(s), {queued} still waiting; none is held back. Run `kiosk sync` again to continue.",
    },
    "sync.run.stopping": {
        "vi": "Đang dừng sau yêu cầu đang gửi dở… (nhấn Ctrl+C lần nữa để dừng ngay)",
        "en": "Stopping after the request in progress… (press Ctrl+C again to stop at once)",
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
