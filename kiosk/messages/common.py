"""Messages shared across areas (configuration, generic failures), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "config.unreadable": {
        "vi": "Không đọc được tệp cấu hình {path} ({reason}). Hãy sửa hoặc xoá tệp này rồi mở lại ứng dụng.",
        "en": "Cannot read the configuration file {path} ({reason}). Fix or delete it, then start again.",
    },
    "config.unknown_keys": {
        "vi": "Tệp cấu hình {path} có mục không hợp lệ: {keys}. Hãy xoá các mục đó.",
        "en": "The configuration file {path} has unknown settings: {keys}. Remove them.",
    },
    "config.bad_mode": {
        "vi": "Chế độ sử dụng '{value}' trong {path} không hợp lệ. Chọn post_office, community_team "
        "hoặc self_service.",
        "en": "The mode '{value}' in {path} is not valid. Use post_office, community_team or self_service.",
    },
    "import.problem": {
        "vi": "Hồ sơ thứ {position}, mục {field}: {message}",
        "en": "Dossier {position}, field {field}: {message}",
    },
    "import.done": {
        "vi": "Đã đưa {count} hồ sơ vào hàng đợi gửi.",
        "en": "{count} dossiers queued for sending.",
    },
    "import.failed": {
        "vi": "Không nhập hồ sơ nào: có {count} lỗi trong {total} hồ sơ. Sửa tệp rồi chạy lại; dữ liệu trên máy không thay đổi.",
        "en": "Nothing imported: {count} problems in {total} dossiers. Fix the file and run again; nothing on this terminal changed.",
    },
    "import.not_json": {
        "vi": "Tệp {path} không phải JSON hợp lệ (UTF-8). Hãy kiểm tra lại tệp.",
        "en": "{path} is not valid JSON (UTF-8). Check the file.",
    },
    "import.shape": {
        "vi": 'Tệp nhập phải có dạng {{"dossiers": [...]}}.',
        "en": 'The import file must look like {{"dossiers": [...]}}.',
    },
    "import.empty": {
        "vi": 'Danh sách "dossiers" trống; không có gì để nhập.',
        "en": 'The "dossiers" list is empty; nothing to import.',
    },
    "import.dossier_shape": {
        "vi": "Mỗi hồ sơ phải là một đối tượng JSON.",
        "en": "Each dossier must be a JSON object.",
    },
    "import.unknown_key": {
        "vi": "Mục này không có trong mẫu hồ sơ. Hãy xoá hoặc sửa tên mục.",
        "en": "This field is not part of a dossier. Remove it or correct its name.",
    },
    "import.unknown_procedure": {
        "vi": "Không có thủ tục mã {code} trong danh mục. Kiểm tra lại mã thủ tục (mã TTHC).",
        "en": "There is no procedure {code} in the catalog. Check the procedure code.",
    },
    "import.old_version": {
        "vi": "Phiên bản thủ tục khác phiên bản hiện hành ({version}). Bỏ mục này hoặc dùng {version}.",
        "en": "The procedure version differs from the current one ({version}). Omit it or use {version}.",
    },
    "import.bad_uuid": {
        "vi": "Mã tham chiếu phải là UUID (ví dụ 3f2b8c1e-...). Bỏ mục này để máy tự tạo.",
        "en": "The reference must be a UUID. Omit it and the kiosk creates one.",
    },
    "import.duplicate_ref": {
        "vi": "Mã tham chiếu này đã có trên máy hoặc lặp lại trong tệp. Mỗi hồ sơ cần một mã riêng.",
        "en": "This reference is already on this terminal or repeated in the file. Each dossier needs its own.",
    },
    "import.channel": {
        "vi": "Hình thức nộp phải là 2 (trực tuyến) hoặc 3 (qua bưu chính công ích).",
        "en": "The channel must be 2 (online) or 3 (via public postal service).",
    },
    "import.applicant_shape": {
        "vi": "Thiếu thông tin người nộp hồ sơ (mục applicant).",
        "en": "The applicant block is missing.",
    },
    "import.answers_shape": {
        "vi": "Mục answers phải là một đối tượng JSON với các câu trả lời.",
        "en": "answers must be a JSON object of answers.",
    },
    "import.assisted_kind": {
        "vi": "Cần ghi ai hỗ trợ: post_office, community_team hoặc self_service.",
        "en": "Say who assisted: post_office, community_team or self_service.",
    },
    "import.bad_time": {
        "vi": "Thời điểm phải theo ISO 8601, ví dụ 2026-11-22T09:15:00+07:00.",
        "en": "Times must be ISO 8601, e.g. 2026-11-22T09:15:00+07:00.",
    },
    "import.delivery_method": {
        "vi": "Cách nhận kết quả phải là pickup (nhận trực tiếp) hoặc post (qua bưu điện).",
        "en": "The result delivery must be pickup or post.",
    },
    "import.delivery_not_offered": {
        "vi": "Thủ tục này không trả kết quả theo cách đã chọn. Chọn cách khác.",
        "en": "This procedure does not deliver results that way. Choose another.",
    },
    "import.delivery_address": {
        "vi": "Nhận kết quả qua bưu điện cần địa chỉ (tỉnh, xã/phường, số nhà).",
        "en": "Delivery by post needs an address (province, ward, street).",
    },
    "import.attachments_list": {
        "vi": "Mục attachments phải là một danh sách.",
        "en": "attachments must be a list.",
    },
    "import.attachment_shape": {
        "vi": "Mỗi giấy tờ đính kèm cần doc_type và path.",
        "en": "Each attachment needs doc_type and path.",
    },
    "import.doc_type_unknown": {
        "vi": 'Thủ tục này không nhận loại giấy tờ "{doc_type}". Kiểm tra lại doc_type.',
        "en": 'This procedure does not take documents of type "{doc_type}". Check doc_type.',
    },
    "import.attachment_missing": {
        "vi": "Không đọc được tệp {path} (đường dẫn tính từ thư mục của tệp nhập).",
        "en": "Cannot read {path} (paths are relative to the import file's folder).",
    },
    "import.attachment_required": {
        "vi": "Thiếu giấy tờ bắt buộc: {label}.",
        "en": "A required document is missing: {label}.",
    },
}
