"""RFC 9457 problem responses of the sandbox portal, with its own Vietnamese messages."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

PROBLEM_BASE = "https://portal.sandbox.invalid/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES: dict[str, str] = {
    "bad-request": "Yêu cầu không hợp lệ",
    "unauthorized": "Chưa xác thực hoặc phiên đăng nhập đã hết hạn",
    "forbidden": "Tài khoản không được phép thực hiện",
    "not-found": "Không tìm thấy",
    "idempotency-key-reused": "Khóa chống gửi trùng đã được dùng cho một yêu cầu khác",
    "request-in-progress": "Yêu cầu trước với cùng khóa đang được xử lý",
    "upload-offset-mismatch": "Vị trí tải lên không khớp",
    "too-large": "Tệp quá lớn",
    "unsupported-media-type": "Định dạng tệp không được hỗ trợ",
    "checksum-mismatch": "Tệp tải lên bị sai lệch",
    "validation-failed": "Hồ sơ có thông tin cần sửa",
    "upload-incomplete": "Tệp đính kèm chưa tải lên xong",
    "invalid-state": "Hồ sơ không ở trạng thái cho phép thao tác này",
    "rate-limited": "Gửi quá nhiều yêu cầu, vui lòng thử lại sau",
    "too-many-sign-in-attempts": "Đăng nhập sai quá nhiều lần, vui lòng chờ rồi thử lại",
    "method-not-allowed": "Đường dẫn này không nhận phương thức này",
    "unavailable": "Cổng dịch vụ công tạm thời gián đoạn, vui lòng thử lại sau",
    "internal-error": "Lỗi hệ thống của cổng dịch vụ công",
}

# Vietnamese messages for validation errors, fit to show a citizen: they say what to fix.
FIELD_MESSAGES: dict[str, str] = {
    "required": "Vui lòng cung cấp thông tin này.",
    "invalid_type": "Thông tin này không đúng kiểu, vui lòng nhập lại.",
    "invalid_uuid": "Mã tham chiếu không hợp lệ.",
    "client_ref_taken": "Mã tham chiếu hồ sơ này đã được dùng, vui lòng tạo hồ sơ mới.",
    "invalid_id_number": "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.",
    "invalid_date": "Ngày không hợp lệ, vui lòng nhập theo dạng năm-tháng-ngày (ví dụ 2020-05-31).",
    "future_date": "Ngày này không thể ở tương lai, vui lòng kiểm tra lại.",
    "invalid_datetime": "Thời điểm không hợp lệ.",
    "invalid_gender": "Giới tính phải là Nam hoặc Nữ.",
    "invalid_phone": "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng số 0 (ví dụ 0912345678).",
    "invalid_email": "Địa chỉ thư điện tử không hợp lệ, vui lòng kiểm tra lại.",
    "invalid_channel": "Hình thức nộp hồ sơ không hợp lệ.",
    "invalid_assisted_kind": "Cách thức hỗ trợ nộp hồ sơ không hợp lệ.",
    "invalid_delivery": "Cách nhận kết quả phải là nhận trực tiếp hoặc qua bưu chính.",
    "invalid_address": "Địa chỉ chưa đủ: cần tỉnh/thành phố, xã/phường và số nhà, đường.",
    "unknown_procedure": "Thủ tục hành chính này không có trong danh mục của cổng dịch vụ công.",
    "unknown_version": "Mẫu hồ sơ của thủ tục này đã cũ, vui lòng cập nhật danh mục và khai lại.",
    "unknown_question": "Câu hỏi này không thuộc thủ tục đã chọn.",
    "invalid_choice": "Lựa chọn này không có trong danh sách, vui lòng chọn lại.",
    "invalid_number": "Vui lòng nhập một con số.",
    "out_of_range": "Con số này nằm ngoài khoảng cho phép, vui lòng kiểm tra lại.",
    "too_long": "Nội dung quá dài, vui lòng viết ngắn gọn hơn.",
    "invalid_attachment": "Tệp đính kèm không hợp lệ, vui lòng đính kèm lại.",
    "missing_document": "Vui lòng bổ sung giấy tờ được yêu cầu.",
    "invalid_score": "Điểm đánh giá phải từ 1 đến 5.",
}


def problem_body(status: int, slug: str, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    """The problem document for `slug` (the last segment of its `type`)."""
    title = TITLES.get(slug, TITLES["bad-request"])
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail or title,
    }
    body.update(extra)
    return body


def json_response(
    status: int, payload: Any, *, media_type: str = "application/json", headers: dict[str, str] | None = None
) -> Response:
    """A JSON response with UTF-8 text (Vietnamese is not escaped)."""
    content = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    return Response(
        content, status_code=status, media_type=None if payload is None else media_type, headers=headers
    )


def problem(
    status: int,
    slug: str,
    detail: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """An `application/problem+json` response."""
    return json_response(
        status, problem_body(status, slug, detail, **extra), media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def field_error(field: str, code: str) -> dict[str, str]:
    """One entry of a validation problem's `errors[]`."""
    return {"field": field, "code": code, "message": FIELD_MESSAGES[code]}
