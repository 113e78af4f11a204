"""Messages of the rules area, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # CCCD number
    "rules.cccd.empty": {
        "vi": "Chưa có số thẻ căn cước (CCCD). Vui lòng nhập 12 chữ số in trên thẻ.",
        "en": "No CCCD number yet. Type the 12 digits printed on the CCCD card.",
    },
    "rules.cccd.not_digits": {
        "vi": "Số thẻ căn cước chỉ gồm chữ số (không có chữ cái hay ký hiệu). Vui lòng nhập lại theo số in trên thẻ.",
        "en": "A CCCD number has digits only (no letters or symbols). Type it again as printed on the card.",
    },
    "rules.cccd.length": {
        "vi": "Số thẻ căn cước phải có đúng 12 chữ số. Vui lòng kiểm tra lại trên thẻ.",
        "en": "A CCCD number has exactly 12 digits. Check it against the card.",
    },
    "rules.cccd.province": {
        "vi": "3 chữ số đầu của số thẻ căn cước không phải mã tỉnh nào. Vui lòng kiểm tra lại trên thẻ.",
        "en": "The first 3 digits of the CCCD number are not a province code. Check it against the card.",
    },
    "rules.cccd.future_year": {
        "vi": "Chữ số thứ 4 đến thứ 6 của số thẻ căn cước cho năm sinh chưa tới. Vui lòng kiểm tra lại trên thẻ.",
        "en": "Digits 4 to 6 of the CCCD number give a birth year still to come. Check it against the card.",
    },
    "rules.cccd.century_mismatch": {
        "vi": (
            "Năm sinh trong số thẻ căn cước ({in_number}) không khớp với ngày sinh đã nhập ({entered}). "
            "Vui lòng kiểm tra lại số thẻ căn cước và ngày sinh."
        ),
        "en": (
            "The birth year in the CCCD number ({in_number}) does not match the date of birth entered "
            "({entered}). Check both the CCCD number and the date of birth."
        ),
    },
    "rules.cccd.year_mismatch": {
        "vi": (
            "Chữ số thứ 5 và 6 của số thẻ căn cước là 2 số cuối của năm sinh, nhưng không khớp với ngày sinh "
            "đã nhập. Vui lòng kiểm tra lại số thẻ căn cước và ngày sinh."
        ),
        "en": (
            "Digits 5 and 6 of the CCCD number are the last two digits of the birth year, but they do not "
            "match the date of birth entered. Check both the CCCD number and the date of birth."
        ),
    },
    "rules.cccd.gender_mismatch": {
        "vi": (
            "Chữ số thứ 4 của số thẻ căn cước cho biết giới tính, nhưng không khớp với giới tính đã chọn. "
            "Vui lòng kiểm tra lại số thẻ căn cước và giới tính."
        ),
        "en": (
            "Digit 4 of the CCCD number tells the gender, but it does not match the gender chosen. "
            "Check both the CCCD number and the gender."
        ),
    },
    # CCCD chip-card QR code
    "rules.qr.field_count": {
        "vi": (
            "Mã QR này không phải mã QR trên thẻ căn cước (có {count} phần thay vì 7). "
            "Vui lòng quét mã QR ở mặt trước thẻ căn cước gắn chip."
        ),
        "en": (
            "This is not the QR code of a CCCD card ({count} parts instead of 7). "
            "Scan the QR code on the front of the chip CCCD card."
        ),
    },
    "rules.qr.bad_number": {
        "vi": "Số thẻ căn cước đọc được từ mã QR không hợp lệ. Vui lòng quét lại, hoặc nhập số bằng tay.",
        "en": "The CCCD number read from the QR code is not valid. Scan again, or type the number in.",
    },
    "rules.qr.bad_old_number": {
        "vi": "Số CMND cũ đọc được từ mã QR không hợp lệ. Vui lòng quét lại mã QR.",
        "en": "The old ID (CMND) number read from the QR code is not valid. Scan the QR code again.",
    },
    "rules.qr.no_name": {
        "vi": "Không đọc được họ tên từ mã QR. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "No name could be read from the QR code. Scan again, or type the details in.",
    },
    "rules.qr.bad_birth_date": {
        "vi": "Không đọc được ngày sinh từ mã QR. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The date of birth in the QR code could not be read. Scan again, or type the details in.",
    },
    "rules.qr.bad_issue_date": {
        "vi": "Không đọc được ngày cấp thẻ từ mã QR. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The card's issue date in the QR code could not be read. Scan again, or type the details in.",
    },
    "rules.qr.birth_in_future": {
        "vi": "Ngày sinh trong mã QR là một ngày chưa tới. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The date of birth in the QR code is in the future. Scan again, or type the details in.",
    },
    "rules.qr.issued_before_birth": {
        "vi": "Ngày cấp thẻ trong mã QR trước ngày sinh. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The issue date in the QR code is before the birth date. Scan again, or type the details in.",
    },
    "rules.qr.issued_in_future": {
        "vi": "Ngày cấp thẻ trong mã QR là một ngày chưa tới. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The issue date in the QR code is in the future. Scan again, or type the details in.",
    },
    "rules.qr.gender": {
        "vi": "Giới tính trong mã QR phải là Nam hoặc Nữ. Vui lòng quét lại, hoặc nhập thông tin bằng tay.",
        "en": "The gender in the QR code must be Nam or Nữ. Scan again, or type the details in.",
    },
    "rules.qr.number_year_mismatch": {
        "vi": (
            "Số thẻ căn cước trong mã QR không khớp với năm sinh trong mã QR. "
            "Vui lòng quét lại, hoặc nhập thông tin bằng tay."
        ),
        "en": (
            "The CCCD number in the QR code does not match the birth year in it. "
            "Scan again, or type the details in."
        ),
    },
    "rules.qr.number_gender_mismatch": {
        "vi": (
            "Số thẻ căn cước trong mã QR không khớp với giới tính trong mã QR. "
            "Vui lòng quét lại, hoặc nhập thông tin bằng tay."
        ),
        "en": (
            "The CCCD number in the QR code does not match the gender in it. "
            "Scan again, or type the details in."
        ),
    },
    # Phones
    "rules.phone.empty": {
        "vi": "Vui lòng nhập số điện thoại di động, ví dụ 0912 345 678.",
        "en": "Enter a mobile number, for example 0912 345 678.",
    },
    "rules.phone.chars": {
        "vi": "Số điện thoại chỉ gồm chữ số (có thể có dấu cách). Vui lòng nhập lại, ví dụ 0912 345 678.",
        "en": "A phone number has digits only (spaces are fine). Type it again, for example 0912 345 678.",
    },
    "rules.phone.length": {
        "vi": "Số điện thoại di động có 10 chữ số, bắt đầu bằng 0. Vui lòng kiểm tra lại, ví dụ 0912 345 678.",
        "en": "A mobile number has 10 digits and starts with 0. Check it, for example 0912 345 678.",
    },
    "rules.phone.not_mobile": {
        "vi": (
            "Vui lòng nhập số điện thoại di động: bắt đầu bằng 03, 05, 07, 08 hoặc 09. "
            "Số máy bàn không nhận được tin nhắn."
        ),
        "en": "Enter a mobile number: it starts with 03, 05, 07, 08 or 09. A landline cannot receive texts.",
    },
    # Dates
    "rules.date.format": {
        "vi": "Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/1990.",
        "en": "Enter the date as day/month/year, for example 05/09/1990.",
    },
    "rules.date.iso_format": {
        "vi": "Ngày phải có dạng năm-tháng-ngày, ví dụ 1990-09-05.",
        "en": "The date must be written year-month-day, for example 1990-09-05.",
    },
    "rules.date.month": {
        "vi": "Tháng phải từ 1 đến 12. Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/1990.",
        "en": "The month must be 1 to 12. Enter the date as day/month/year, for example 05/09/1990.",
    },
    "rules.date.no_such_day": {
        "vi": "Tháng đó không có ngày này. Vui lòng kiểm tra lại ngày.",
        "en": "That month has no such day. Check the date.",
    },
    "rules.date.not_leap_year": {
        "vi": "Năm đó không phải năm nhuận nên không có ngày 29/02. Vui lòng kiểm tra lại ngày.",
        "en": "That year is not a leap year, so it has no 29 February. Check the date.",
    },
    "rules.date.future": {
        "vi": "Ngày này chưa tới. Vui lòng kiểm tra lại ngày, tháng và năm.",
        "en": "This date is in the future. Check the day, month and year.",
    },
    "rules.date.too_early": {
        "vi": "Ngày phải từ {earliest} trở về sau. Vui lòng kiểm tra lại.",
        "en": "The date must be {earliest} or later. Check it.",
    },
    # Names
    "rules.name.empty": {
        "vi": "Vui lòng nhập họ và tên.",
        "en": "Enter the full name.",
    },
    "rules.name.digits": {
        "vi": "Họ tên không được có chữ số. Vui lòng nhập họ tên như trên giấy tờ.",
        "en": "A name cannot contain digits. Type the name as on the identity papers.",
    },
    "rules.name.symbols": {
        "vi": "Họ tên chỉ gồm chữ cái, dấu cách, dấu gạch nối (-) hoặc dấu nháy ('). Vui lòng nhập lại.",
        "en": "A name has letters, spaces, hyphens (-) or apostrophes (') only. Type it again.",
    },
    "rules.name.too_short": {
        "vi": "Họ tên phải có ít nhất {min} chữ cái. Vui lòng nhập họ tên đầy đủ.",
        "en": "A name has at least {min} letters. Type the full name.",
    },
    "rules.name.too_long": {
        "vi": "Họ tên dài quá {max} ký tự. Vui lòng kiểm tra lại.",
        "en": "The name is longer than {max} characters. Check it.",
    },
    # E-mail
    "rules.email.empty": {
        "vi": "Vui lòng nhập địa chỉ email, ví dụ ten@gmail.com.",
        "en": "Enter an email address, for example name@gmail.com.",
    },
    "rules.email.spaces": {
        "vi": "Địa chỉ email không có dấu cách. Vui lòng nhập lại, ví dụ ten@gmail.com.",
        "en": "An email address has no spaces. Type it again, for example name@gmail.com.",
    },
    "rules.email.at_sign": {
        "vi": "Địa chỉ email phải có đúng một dấu @, ví dụ ten@gmail.com.",
        "en": "An email address has exactly one @ sign, for example name@gmail.com.",
    },
    "rules.email.too_long": {
        "vi": "Địa chỉ email dài quá {max} ký tự. Vui lòng kiểm tra lại.",
        "en": "The email address is longer than {max} characters. Check it.",
    },
    "rules.email.local_part": {
        "vi": "Phần trước dấu @ có ký tự không hợp lệ. Vui lòng kiểm tra lại, ví dụ ten@gmail.com.",
        "en": "The part before the @ has characters that are not allowed. Check it, e.g. name@gmail.com.",
    },
    "rules.email.domain": {
        "vi": "Phần sau dấu @ chưa đúng (ví dụ gmail.com). Vui lòng kiểm tra lại.",
        "en": "The part after the @ is not right (for example gmail.com). Check it.",
    },
    # Addresses (2025 units)
    "rules.address.province_unknown": {
        "vi": "Vui lòng chọn tỉnh/thành phố trong danh sách.",
        "en": "Choose a province or city from the list.",
    },
    "rules.address.ward_unknown": {
        "vi": "Vui lòng chọn phường/xã trong danh sách.",
        "en": "Choose a ward or commune from the list.",
    },
    "rules.address.ward_not_in_province": {
        "vi": "Phường/xã đã chọn không thuộc {province}. Vui lòng chọn lại phường/xã.",
        "en": "The ward or commune chosen is not in {province}. Choose the ward or commune again.",
    },
    "rules.address.street_empty": {
        "vi": "Vui lòng nhập số nhà, tên đường hoặc thôn, tổ dân phố.",
        "en": "Enter the house number and street, or the hamlet or residential group.",
    },
    "rules.address.street_too_long": {
        "vi": "Số nhà, tên đường dài quá {max} ký tự. Vui lòng viết gọn lại.",
        "en": "The house and street part is longer than {max} characters. Shorten it.",
    },
    # References
    "rules.reference.invalid": {
        "vi": "Mã tra cứu gồm 8 ký tự, ví dụ 7K3M-Q9XA. Vui lòng kiểm tra lại trên phiếu hẹn.",
        "en": "A reference has 8 characters, for example 7K3M-Q9XA. Check it on the receipt.",
    },
    "rules.reference.receipt_qr": {
        "vi": "Mã QR này không phải mã trên phiếu hẹn. Vui lòng quét mã QR in trên phiếu hẹn.",
        "en": "This QR code is not from a receipt. Scan the QR code printed on the receipt.",
    },
    # Answers to a procedure's questions and the applicant block
    "rules.answers.required": {
        "vi": "Câu hỏi này cần được trả lời. Vui lòng nhập câu trả lời.",
        "en": "This question needs an answer. Enter one.",
    },
    "rules.answers.required_choice": {
        "vi": "Câu hỏi này cần được trả lời. Vui lòng chọn một câu trả lời.",
        "en": "This question needs an answer. Choose one.",
    },
    "rules.answers.wrong_type": {
        "vi": "Câu trả lời không đúng loại cho câu hỏi này. Vui lòng nhập lại câu trả lời.",
        "en": "This answer is not the right kind for the question. Enter the answer again.",
    },
    "rules.answers.number": {
        "vi": "Vui lòng nhập một con số, ví dụ 3 hoặc 2,5.",
        "en": "Enter a number, for example 3 or 2.5.",
    },
    "rules.answers.number_range": {
        "vi": "Vui lòng nhập một số từ {min} đến {max}.",
        "en": "Enter a number from {min} to {max}.",
    },
    "rules.answers.number_min": {
        "vi": "Vui lòng nhập một số không nhỏ hơn {min}.",
        "en": "Enter a number of at least {min}.",
    },
    "rules.answers.number_max": {
        "vi": "Vui lòng nhập một số không lớn hơn {max}.",
        "en": "Enter a number of at most {max}.",
    },
    "rules.answers.yes_no": {
        "vi": "Vui lòng chọn Có hoặc Không.",
        "en": "Choose Yes or No.",
    },
    "rules.answers.choice": {
        "vi": "Vui lòng chọn một trong các lựa chọn có sẵn.",
        "en": "Choose one of the options given.",
    },
    "rules.answers.too_long": {
        "vi": "Câu trả lời dài quá {max} ký tự. Vui lòng viết gọn lại.",
        "en": "The answer is longer than {max} characters. Shorten it.",
    },
    "rules.answers.gender": {
        "vi": "Vui lòng chọn giới tính: Nam hoặc Nữ.",
        "en": "Choose the gender: male or female.",
    },
    "rules.answers.unknown_question": {
        "vi": "Thủ tục này không có câu hỏi này. Vui lòng bỏ câu trả lời đó hoặc kiểm tra lại tên trường.",
        "en": "This procedure has no such question. Remove that answer or check the field name.",
    },
    "rules.answers.invalid": {
        "vi": "Có {count} thông tin cần sửa trước khi nộp hồ sơ.",
        "en": "{count} details need fixing before the dossier can be filed.",
    },
    "rules.answers.not_answered": {
        "vi": "Chưa trả lời",
        "en": "Not answered",
    },
    "rules.answers.yes": {"vi": "Có", "en": "Yes"},
    "rules.answers.no": {"vi": "Không", "en": "No"},
}
