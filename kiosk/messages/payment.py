"""Messages of fees and the VietQR payment code, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "payment.qr_caption": {
        "vi": "Quét để nộp lệ phí {amount} đồng",
        "en": "Scan to pay the fee of {amount} VND",
    },
    "payment.qr_hint": {
        "vi": "Mở ứng dụng ngân hàng, chọn quét mã QR, kiểm tra đơn vị thụ hưởng và số tiền rồi xác nhận.",
        "en": "Open your banking app, choose to scan a QR code, check the payee and the amount, then confirm.",
    },
    "payment.qr_name": {
        "vi": "Mã VietQR để chuyển khoản lệ phí {amount} đồng cho {payee}",
        "en": "VietQR code to transfer the fee of {amount} VND to {payee}",
    },
    "payment.screen_heading": {"vi": "Nộp lệ phí", "en": "Paying the fee"},
    "payment.fee_amount": {"vi": "{amount} đồng", "en": "{amount} VND"},
    "payment.fee_copies": {"vi": "{copies} bản × {each} đồng", "en": "{copies} copies × {each} VND"},
    "payment.fee_online": {"vi": "mức nộp trực tuyến", "en": "online filing rate"},
    "payment.fee_free": {"vi": "Miễn phí", "en": "Free"},
    "payment.fee_exempt": {"vi": "Miễn lệ phí ({group})", "en": "No fee ({group})"},
    "payment.fee_by_province": {
        "vi": "Theo mức của tỉnh; số tiền ghi trên biên nhận",
        "en": "Set by the province; the amount is on the receipt",
    },
    "payment.fee_missing_input": {
        "vi": 'Chưa tính được lệ phí vì thiếu câu trả lời "{question}". Vui lòng trả lời câu hỏi đó.',
        "en": 'The fee cannot be worked out: the answer to "{question}" is missing. Please answer it.',
    },
    "payment.bad_bin": {
        "vi": "Mã ngân hàng (BIN) của đơn vị thụ hưởng phải gồm đúng 6 chữ số. Vui lòng nộp lệ phí theo hướng "
        "dẫn trên biên nhận và báo cho quản trị viên.",
        "en": "The payee's bank code (BIN) must be exactly 6 digits. Pay the fee as the receipt says and "
        "tell the administrator.",
    },
    "payment.bad_account": {
        "vi": "Số tài khoản hoặc số thẻ nhận lệ phí phải là chữ số, tối đa 19 số. Vui lòng nộp lệ phí theo hướng "
        "dẫn trên biên nhận và báo cho quản trị viên.",
        "en": "The account or card number for the fee must be digits, at most 19. Pay the fee as the "
        "receipt says and tell the administrator.",
    },
    "payment.bad_amount": {
        "vi": "Số tiền lệ phí phải là số đồng lớn hơn 0. Vui lòng hỏi nhân viên số tiền cần nộp.",
        "en": "The fee must be a whole number of đồng above 0. Ask the staff how much to pay.",
    },
    "payment.reference_too_long": {
        "vi": "Nội dung chuyển khoản dài quá {limit} ký tự nên không đưa được vào mã QR. Vui lòng chuyển khoản "
        "thủ công với nội dung ghi trên biên nhận.",
        "en": "The transfer description is longer than {limit} characters, so it cannot go in the QR code. "
        "Make the transfer by hand with the description printed on the receipt.",
    },
    "payment.field_too_long": {
        "vi": "Một thông tin thanh toán dài quá {limit} ký tự (hoặc để trống) nên không tạo được mã QR. Vui lòng "
        "chuyển khoản thủ công theo thông tin trên biên nhận.",
        "en": "A payment detail is empty or longer than {limit} characters, so no QR code can be made. Make "
        "the transfer by hand with the details on the receipt.",
    },
    "payment.bad_code": {
        "vi": "Đây không phải mã VietQR hợp lệ (sai cấu trúc hoặc sai mã kiểm tra). Không chuyển tiền theo "
        "mã này; vui lòng in lại biên nhận hoặc hỏi nhân viên.",
        "en": "This is not a valid VietQR code (wrong layout or checksum). Do not pay with it; print the "
        "receipt again or ask the staff.",
    },
}
