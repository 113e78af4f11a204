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
    "config.portal_url_bad": {
        "vi": "Địa chỉ cổng dịch vụ công '{url}' không hợp lệ. Vui lòng ghi địa chỉ đầy đủ bắt đầu bằng https:// "
        "(KIOSK_PORTAL_URL hoặc portal_url trong tệp cấu hình).",
        "en": "The portal address '{url}' is not valid. Write the full address starting with https:// "
        "(KIOSK_PORTAL_URL or portal_url in the configuration file).",
    },
    "config.portal_http": {
        "vi": "Địa chỉ cổng dịch vụ công {url} dùng http:// không mã hoá tới máy khác ({host}), nên không được dùng: "
        "dữ liệu cá nhân sẽ đi qua mạng không được bảo vệ. Vui lòng dùng địa chỉ https://. Chỉ với cổng thử "
        "nghiệm, chạy lệnh kèm --insecure-http (ví dụ kiosk --insecure-http sync) hoặc đặt KIOSK_INSECURE_HTTP=1.",
        "en": "The portal address {url} uses unencrypted http:// to another machine ({host}), so it is not used: "
        "personal data would cross the network unprotected. Use an https:// address. For a test portal only, "
        "add --insecure-http (e.g. kiosk --insecure-http sync) or set KIOSK_INSECURE_HTTP=1.",
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
    "import.problem_file": {
        "vi": "Hồ sơ thứ {position}, mục {field}, tệp {path}: {message}",
        "en": "Dossier {position}, field {field}, file {path}: {message}",
    },
    "import.file_not_regular": {
        "vi": "{path} không phải một tệp thông thường (có thể là thư mục, ống FIFO hoặc thiết bị). "
        "Vui lòng chỉ đến chính tệp JSON cần nhập.",
        "en": "{path} is not a regular file (it may be a folder, a FIFO or a device). "
        "Name the JSON file to import itself.",
    },
    "import.file_too_large": {
        "vi": "Tệp nhập {path} nặng {size_mb} MB, quá giới hạn {limit_mb} MB. Vui lòng chia hồ sơ ra nhiều tệp nhập nhỏ hơn.",
        "en": "The import file {path} is {size_mb} MB, over the {limit_mb} MB limit. Split the dossiers into smaller import files.",
    },
    "import.file_unreadable": {
        "vi": "Không đọc được tệp nhập {path} ({reason}). Vui lòng kiểm tra quyền đọc tệp.",
        "en": "Cannot read the import file {path} ({reason}). Check that it may be read.",
    },
    "import.attachments_dir_missing": {
        "vi": "Không có thư mục giấy tờ đính kèm {path}. Vui lòng kiểm tra đường dẫn ghi sau --attachments-dir.",
        "en": "The attachments folder {path} does not exist. Check the path given with --attachments-dir.",
    },
    "import.attachment_missing": {
        "vi": "Không có tệp {path} trong thư mục {root}. Đường dẫn tính từ thư mục này; vui lòng sửa đường dẫn "
        "hoặc chép tệp vào đó.",
        "en": "There is no file {path} in the folder {root}. Paths are read from that folder; correct the path "
        "or copy the file there.",
    },
    "import.attachment_absolute": {
        "vi": "Đường dẫn {path} là đường dẫn tuyệt đối nên không được nhận. Vui lòng ghi đường dẫn tính từ thư mục "
        "{root} (ví dụ attachments/giay-to.pdf), hoặc chỉ thư mục chứa giấy tờ bằng --attachments-dir.",
        "en": "{path} is an absolute path, which is not accepted. Write the path from the folder {root} "
        "(e.g. attachments/paper.pdf), or name the folder holding the documents with --attachments-dir.",
    },
    "import.attachment_outside": {
        "vi": "Đường dẫn {path} ra ngoài thư mục {root} nên không được nhận. Vui lòng chép tệp vào thư mục này, "
        "hoặc chỉ thư mục chứa giấy tờ bằng --attachments-dir.",
        "en": "{path} leads outside the folder {root}, which is not accepted. Copy the file into that folder, "
        "or name the folder holding the documents with --attachments-dir.",
    },
    "import.attachment_link_outside": {
        "vi": "{path} là liên kết (symlink) trỏ ra ngoài thư mục {root} nên không được nhận. Vui lòng chép chính "
        "tệp giấy tờ vào thư mục này thay cho liên kết.",
        "en": "{path} is a link (symlink) leading outside the folder {root}, which is not accepted. Copy the "
        "document itself into that folder instead of the link.",
    },
    "import.attachment_directory": {
        "vi": "{path} là một thư mục, không phải tệp. Vui lòng ghi đường dẫn đến chính tệp giấy tờ (PDF, JPG hoặc PNG).",
        "en": "{path} is a folder, not a file. Write the path of the document file itself (PDF, JPG or PNG).",
    },
    "import.attachment_fifo": {
        "vi": "{path} là một ống dẫn (FIFO), không phải tệp nên không được đọc. Vui lòng lưu giấy tờ thành tệp "
        "PDF, JPG hoặc PNG rồi ghi đường dẫn đến tệp đó.",
        "en": "{path} is a pipe (FIFO), not a file, so it is not read. Save the document as a PDF, JPG or PNG "
        "file and write that file's path.",
    },
    "import.attachment_device": {
        "vi": "{path} là một thiết bị, không phải tệp nên không được đọc. Vui lòng ghi đường dẫn đến tệp giấy tờ "
        "(PDF, JPG hoặc PNG).",
        "en": "{path} is a device, not a file, so it is not read. Write the path of the document file "
        "(PDF, JPG or PNG).",
    },
    "import.attachment_not_regular": {
        "vi": "{path} không phải một tệp thông thường nên không được đọc. Vui lòng ghi đường dẫn đến tệp giấy tờ "
        "(PDF, JPG hoặc PNG).",
        "en": "{path} is not a regular file, so it is not read. Write the path of the document file "
        "(PDF, JPG or PNG).",
    },
    "import.attachment_too_large": {
        "vi": "Tệp {path} nặng {size_mb} MB, quá giới hạn {limit_mb} MB cho một giấy tờ; tệp không được đọc. "
        "Vui lòng quét với độ phân giải thấp hơn hoặc chia nhỏ tệp.",
        "en": "{path} is {size_mb} MB, over the {limit_mb} MB limit for one document; it was not read. "
        "Scan at a lower resolution or split the file.",
    },
    "import.attachment_unreadable": {
        "vi": "Không đọc được tệp {path} ({reason}). Vui lòng kiểm tra quyền đọc tệp và thư mục.",
        "en": "Cannot read {path} ({reason}). Check that the file and its folder may be read.",
    },
    "import.attachment_changed": {
        "vi": "Tệp {path} bị thay đổi hoặc thay thế trong lúc đọc nên không được nhận. Vui lòng chạy lại lệnh khi "
        "không còn chương trình nào ghi vào thư mục giấy tờ.",
        "en": "{path} was changed or replaced while it was read, so it is not accepted. Run the command again "
        "once nothing writes to the documents folder.",
    },
    "import.changed_while_storing": {
        "vi": "Hồ sơ thứ {position}: tệp {path} đã thay đổi sau khi được kiểm tra. Không hồ sơ nào được nhập; "
        "vui lòng chạy lại lệnh khi không còn chương trình nào ghi vào thư mục giấy tờ.",
        "en": "Dossier {position}: {path} changed after it was checked. Nothing was imported; run the command "
        "again once nothing writes to the documents folder.",
    },
    "import.attachment_required": {
        "vi": "Thiếu giấy tờ bắt buộc: {label}.",
        "en": "A required document is missing: {label}.",
    },
}
