"""Messages of the ui area, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Window chrome
    "ui.product_name": {"vi": "DVC Kiosk — Dịch vụ công", "en": "DVC Kiosk — Public services"},
    "ui.window_title": {"vi": "DVC Kiosk — Dịch vụ công", "en": "DVC Kiosk — Public services"},
    "ui.lang_switch": {"vi": "English", "en": "Tiếng Việt"},
    "ui.lang_switch_name": {
        "vi": "Chuyển sang tiếng Anh (English)",
        "en": "Switch to Vietnamese (Tiếng Việt)",
    },
    "ui.text_smaller": {"vi": "A−", "en": "A−"},
    "ui.text_smaller_name": {"vi": "Thu nhỏ chữ", "en": "Smaller text"},
    "ui.text_larger": {"vi": "A+", "en": "A+"},
    "ui.text_larger_name": {"vi": "Phóng to chữ", "en": "Larger text"},
    "ui.text_scale": {"vi": "Cỡ chữ {percent} %", "en": "Text size {percent} %"},
    "ui.high_contrast": {"vi": "Tương phản cao", "en": "High contrast"},
    "ui.high_contrast_name": {
        "vi": "Bật hoặc tắt chế độ tương phản cao",
        "en": "Turn high contrast on or off",
    },
    "ui.draft_procedure_gone": {
        "vi": "Không mở lại được hồ sơ này: thủ tục {code} không còn trong danh mục. Vui lòng bắt đầu hồ sơ mới với thủ tục thay thế.",
        "en": "This draft cannot be reopened: procedure {code} is no longer in the catalog. Start a new dossier with its replacement.",
    },
    "ui.training_banner": {  # one line at 200 % on 1366 px (tests/ui/test_layout_200.py)
        "vi": "CHẾ ĐỘ ĐÀO TẠO — hồ sơ không gửi tới cơ quan thật",
        "en": "TRAINING MODE — nothing reaches a real office",
    },
    # Status bar
    "ui.status_online": {"vi": "Trực tuyến", "en": "Online"},
    "ui.status_offline": {"vi": "Ngoại tuyến", "en": "Offline"},
    "ui.status_checking": {"vi": "Đang kiểm tra kết nối…", "en": "Checking the connection…"},
    # Saved on this computer, not yet at the portal: "chờ gửi", never "đã nộp" (issue #17).
    "ui.status_queue": {"vi": "Chờ gửi: {count}", "en": "Waiting to send: {count}"},
    "ui.status_disk_full": {
        "vi": "Máy hết dung lượng lưu trữ: vui lòng báo kỹ thuật viên giải phóng dung lượng",
        "en": "Out of storage space: ask a technician to free space",
    },
    "ui.status_last_sync": {"vi": "Đồng bộ lần cuối: {time}", "en": "Last synchronised: {time}"},
    "ui.status_never_synced": {"vi": "Chưa đồng bộ", "en": "Not synchronised yet"},
    "ui.status_name": {"vi": "Trạng thái kết nối", "en": "Connection status"},
    "ui.send_now": {"vi": "Gửi ngay", "en": "Send now"},
    "ui.send_now_busy": {"vi": "Đang gửi…", "en": "Sending…"},
    "ui.send_now_name": {
        "vi": "Gửi ngay các hồ sơ đang chờ gửi lên cổng dịch vụ công",
        "en": "Send the waiting dossiers to the public-service portal now",
    },
    # Loading
    "ui.loading": {"vi": "Đang tải…", "en": "Loading…"},
    "ui.paused_notice": {
        "vi": "Xin lỗi, ki-ốt đang tạm ngừng phục vụ. Vui lòng liên hệ nhân viên tại điểm phục vụ để được "
        "hỗ trợ.",
        "en": "Sorry, this kiosk is paused. Please ask a member of staff here for help.",
    },
    "ui.paused_staff": {"vi": "Dành cho nhân viên kỹ thuật:", "en": "For technical staff:"},
    "ui.load_failed_title": {"vi": "Chưa mở được danh mục thủ tục", "en": "The procedure list did not open"},
    "ui.load_failed_unknown": {
        "vi": "Đã có lỗi khi đọc danh mục thủ tục. Vui lòng đóng ứng dụng, mở lại; nếu vẫn lỗi, báo cho "
        "quản trị viên.",
        "en": "Something went wrong reading the procedure list. Close the app and open it again; if it "
        "still fails, tell the administrator.",
    },
    # Home
    "ui.home_heading": {"vi": "Ông/Bà cần làm thủ tục gì?", "en": "What do you need to do?"},
    "ui.search_label": {
        "vi": "Tìm thủ tục (ví dụ: khai sinh, thường trú)",
        "en": "Search for a procedure (for example: birth, residence)",
    },
    "ui.search_name": {"vi": "Tìm thủ tục", "en": "Search for a procedure"},
    "ui.search_results": {"vi": "Kết quả tìm kiếm ({count})", "en": "Search results ({count})"},
    "ui.search_none": {
        "vi": "Không tìm thấy thủ tục nào. Vui lòng thử từ khác ngắn hơn, ví dụ “khai sinh”, hoặc xoá ô tìm "
        "kiếm để xem tất cả thủ tục.",
        "en": "No procedure found. Try a shorter word, for example “birth”, or clear the search box to see "
        "every procedure.",
    },
    "ui.catalog_empty": {
        "vi": "Danh mục chưa có thủ tục nào. Vui lòng báo cho quản trị viên.",
        "en": "The catalog has no procedures yet. Tell the administrator.",
    },
    "ui.bundles_heading": {"vi": "Thủ tục liên thông", "en": "Combined procedures"},
    "ui.bundle_members": {"vi": "Gồm các thủ tục:", "en": "It includes:"},
    "ui.card_meta": {"vi": "Lệ phí: {fee} · Thời gian: {time}", "en": "Fee: {fee} · Time: {time}"},
    "ui.fee_free": {"vi": "Miễn phí", "en": "Free"},
    "ui.fee_amount": {"vi": "{amount} đồng", "en": "{amount} VND"},
    "ui.fee_by_province": {"vi": "Theo mức của tỉnh", "en": "Set by the province"},
    # Prepare page
    "ui.back": {"vi": "‹ Quay lại", "en": "‹ Back"},
    "ui.back_name": {"vi": "Quay lại danh sách thủ tục", "en": "Back to the list of procedures"},
    "ui.prepare_caption": {"vi": "Chuẩn bị", "en": "Before you start"},
    "ui.prepare_documents": {"vi": "Giấy tờ cần chuẩn bị", "en": "Documents to have ready"},
    "ui.prepare_no_documents": {
        "vi": "Không cần giấy tờ kèm theo.",
        "en": "No documents are needed.",
    },
    "ui.prepare_if_applicable": {"vi": "(nếu có)", "en": "(if it applies)"},
    "ui.prepare_depends": {"vi": "Tùy từng trường hợp", "en": "Depending on your situation"},
    "ui.prepare_when": {
        "vi": "Cần khi trả lời “{question}”: {answer}",
        "en": "Needed when you answer “{question}”: {answer}",
    },
    "ui.prepare_when_unknown": {"vi": "Cần trong một số trường hợp.", "en": "Needed in some cases."},
    "ui.yes": {"vi": "Có", "en": "Yes"},
    "ui.no": {"vi": "Không", "en": "No"},
    "ui.prepare_formats": {
        "vi": "Giấy tờ có thể là bản quét hoặc ảnh chụp rõ nét (PDF, JPG hoặc PNG).",
        "en": "Documents can be scans or clear photos (PDF, JPG or PNG).",
    },
    "ui.prepare_details": {"vi": "Thông tin thủ tục", "en": "About this procedure"},
    "ui.prepare_fee": {"vi": "Lệ phí", "en": "Fee"},
    "ui.prepare_time": {"vi": "Thời gian giải quyết", "en": "Processing time"},
    "ui.prepare_delivery": {"vi": "Nhận kết quả", "en": "Getting the result"},
    "ui.delivery_pickup": {"vi": "Nhận tại nơi nộp hồ sơ", "en": "Collect it where you filed"},
    "ui.delivery_post": {
        "vi": "Nhận qua bưu điện (bưu chính công ích)",
        "en": "By post (public postal service)",
    },
    "ui.prepare_level": {"vi": "Mức độ trực tuyến", "en": "Online level"},
    "ui.level_toan_trinh": {
        "vi": "Toàn trình — làm hoàn toàn trực tuyến",
        "en": "Fully online — nothing to bring in person",
    },
    "ui.level_mot_phan": {
        "vi": "Một phần — cần đến cơ quan để xuất trình bản gốc hoặc nhận kết quả",
        "en": "Partly online — a visit is needed to show originals or collect the result",
    },
    "ui.prepare_who": {"vi": "Ai được nộp", "en": "Who can file"},
    "ui.prepare_authority": {"vi": "Cơ quan giải quyết", "en": "Handled by"},
    "ui.prepare_code": {"vi": "Mã thủ tục", "en": "Procedure code"},
    "ui.code_unverified": {"vi": "{code} (chưa xác minh)", "en": "{code} (not yet verified)"},
    "ui.prepare_bundles": {
        "vi": "Có thể làm cùng lúc trong gói liên thông:",
        "en": "Can be done together in a combined package:",
    },
    # Fonts
    "ui.fonts_missing": {
        "vi": "Không nạp được phông chữ {path}. Vui lòng cài lại ứng dụng để chữ tiếng Việt hiển thị đúng.",
        "en": "The font {path} could not be loaded. Reinstall the app so Vietnamese text shows correctly.",
    },
}
