"""Messages of the receipt (biên nhận): its printed text and its preview dialog, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The printed slip
    "receipt.title": {"vi": "BIÊN NHẬN HỒ SƠ", "en": "DOSSIER RECEIPT"},
    "receipt.procedure_code": {"vi": "Mã thủ tục: {code}", "en": "Procedure code: {code}"},
    "receipt.dossier_code": {"vi": "Mã hồ sơ", "en": "Dossier code"},
    "receipt.local_ref": {"vi": "Mã tạm", "en": "Temporary reference"},
    "receipt.local_ref_note": {
        "vi": "Mã tạm — sẽ được thay bằng mã hồ sơ khi gửi xong.",
        "en": "Temporary reference — it will be replaced by the dossier code once the dossier is sent.",
    },
    "receipt.qr_caption": {"vi": "Quét mã để tra cứu hồ sơ", "en": "Scan to track the dossier"},
    "receipt.applicant": {"vi": "Người nộp", "en": "Applicant"},
    "receipt.created_at": {"vi": "Lập hồ sơ", "en": "Dossier started"},
    # Where the dossier was filed, by the terminal's mode (the dossier's `assisted.kind`)
    "receipt.queued_at_post_office": {
        "vi": "Nộp tại quầy bưu điện",
        "en": "Filed at the post-office counter",
    },
    "receipt.queued_at_community_team": {
        "vi": "Nộp tại ngày hội",
        "en": "Filed at the community event",
    },
    "receipt.queued_at_self_service": {
        "vi": "Nộp tại ki-ốt tự phục vụ",
        "en": "Filed at the self-service kiosk",
    },
    "receipt.received_at": {"vi": "Cổng DVC tiếp nhận", "en": "Received by the portal"},
    "receipt.status": {"vi": "Tình trạng", "en": "Status"},
    "receipt.status_waiting": {
        "vi": "Đã lưu trên máy, chưa gửi — sẽ gửi lên Cổng dịch vụ công khi có mạng",
        "en": "Saved on this computer, not sent yet — it goes to the public-service portal when the network is back",
    },
    "receipt.status_attention": {
        "vi": "Chưa gửi — cần sửa thông tin trước khi gửi",
        "en": "Not sent — something must be corrected before it is sent",
    },
    "receipt.due_at": {"vi": "Hẹn trả kết quả", "en": "Result due"},
    "receipt.due_expected": {"vi": "Dự kiến trả kết quả", "en": "Result expected"},
    "receipt.due_expected_value": {
        "vi": "{date} (dự kiến, {days} ngày làm việc; ngày hẹn chính thức do cơ quan giải quyết)",
        "en": "{date} (expected, {days} working days; the office sets the official date)",
    },
    "receipt.fee": {"vi": "Phí, lệ phí", "en": "Fee"},
    "receipt.fee_amount": {"vi": "{amount} đồng", "en": "{amount} VND"},
    "receipt.fee_free": {"vi": "Miễn phí", "en": "Free"},
    "receipt.fee_by_province": {
        "vi": "Theo mức do tỉnh, thành phố quy định",
        "en": "As set by the province or city",
    },
    "receipt.payment_heading": {"vi": "Nộp phí chuyển khoản", "en": "Paying the fee by bank transfer"},
    "receipt.payee": {"vi": "Đơn vị thụ hưởng", "en": "Payee"},
    "receipt.account": {"vi": "Số tài khoản", "en": "Account number"},
    "receipt.bank_bin": {"vi": "Mã ngân hàng (BIN)", "en": "Bank code (BIN)"},
    "receipt.payment_reference": {"vi": "Nội dung chuyển khoản", "en": "Transfer description"},
    "receipt.delivery": {"vi": "Nhận kết quả", "en": "Result delivery"},
    "receipt.delivery_pickup": {"vi": "Nhận trực tiếp", "en": "Collect in person"},
    "receipt.delivery_pickup_at": {"vi": "Nhận trực tiếp tại {place}", "en": "Collect in person at: {place}"},
    "receipt.delivery_post": {
        "vi": "Qua bưu điện (bưu chính công ích), gửi đến địa chỉ đã đăng ký",
        "en": "By post (public postal service), to the address given",
    },
    "receipt.assisted": {"vi": "Hỗ trợ nộp", "en": "Filed with help from"},
    "receipt.assisted_post_office": {"vi": "Nhân viên bưu điện", "en": "A post-office agent"},
    "receipt.assisted_community_team": {
        "vi": "Tổ công nghệ số cộng đồng",
        "en": "The community digital team",
    },
    "receipt.assisted_self_service": {
        "vi": "Tự nộp tại ki-ốt",
        "en": "Self-service at the kiosk",
    },
    "receipt.assisted_agent": {"vi": "{kind} (mã {agent_id})", "en": "{kind} (ID {agent_id})"},
    "receipt.next_heading": {"vi": "Tiếp theo", "en": "What happens next"},
    "receipt.next_queued": {
        "vi": "Hồ sơ đã được lưu an toàn trên máy nơi nộp và sẽ tự động gửi lên Cổng dịch vụ công khi có "
        "mạng. Không cần nộp lại.",
        "en": "The dossier is kept safely on the computer where it was filed and is sent to the "
        "public-service portal automatically when the network is available. You do not need to submit it "
        "again.",
    },
    "receipt.next_queued_code": {
        "vi": "Sau khi gửi xong, hồ sơ có mã hồ sơ chính thức. Quét mã QR trên biên nhận này tại nơi đã nộp "
        "để xem mã hồ sơ và in lại biên nhận.",
        "en": "Once it is sent, the dossier gets its official dossier code. Scan the QR code on this "
        "receipt where it was filed to see the code and print the receipt again.",
    },
    "receipt.next_attention": {
        "vi": "Hồ sơ cần được sửa trước khi gửi. Vui lòng quay lại điểm tiếp nhận này, mang theo biên nhận và "
        "giấy tờ tùy thân.",
        "en": "The dossier needs a correction before it can be sent. Please come back to this place with "
        "this receipt and your identity card.",
    },
    "receipt.next_submitted": {
        "vi": "Cơ quan giải quyết sẽ xem xét hồ sơ. Nếu cần bổ sung giấy tờ, cơ quan sẽ báo cho người nộp.",
        "en": "The office will examine the dossier. If more documents are needed, you will be told.",
    },
    "receipt.come_back_due": {
        "vi": "Từ ngày {date}, vui lòng đến nhận kết quả (hoặc chờ bưu điện giao). Mang theo biên nhận này và "
        "thẻ căn cước (CCCD).",
        "en": "From {date}, come to collect the result (or wait for the postal delivery). Bring this "
        "receipt and your citizen identity card.",
    },
    "receipt.track_heading": {"vi": "Tra cứu hồ sơ", "en": "Tracking the dossier"},
    "receipt.track_code": {
        "vi": "Quét mã QR tại bất kỳ ki-ốt dịch vụ công nào, hoặc nhập mã hồ sơ {code} ở mục tra cứu "
        "trên Cổng dịch vụ công.",
        "en": "Scan the QR code at any public-service kiosk, or enter the dossier code {code} in the "
        "tracking section of the public-service portal.",
    },
    "receipt.track_url": {"vi": "Hoặc mở: {url}", "en": "Or open: {url}"},
    "receipt.track_local": {
        "vi": "Trước khi có mã hồ sơ: quét mã QR tại nơi đã nộp, hoặc đọc mã tạm {ref} cho nhân viên.",
        "en": "Until the dossier code arrives: scan the QR code where it was filed, or read the temporary "
        "reference {ref} to the staff.",
    },
    "receipt.printed_at": {"vi": "In lúc {time}", "en": "Printed {time}"},
    "receipt.privacy_note": {
        "vi": "Biên nhận không ghi số giấy tờ, địa chỉ hay số điện thoại của người nộp.",
        "en": "This receipt shows no ID number, address or phone number of the applicant.",
    },
    "receipt.not_submitted": {
        "vi": "Hồ sơ này chưa được nộp nên chưa có biên nhận. Vui lòng kiểm tra lại thông tin và bấm "
        "“Nộp hồ sơ” trước.",
        "en": "This dossier has not been submitted yet, so it has no receipt. Check the answers and press "
        "“Submit the dossier” first.",
    },
    "receipt.unknown_procedure": {
        "vi": "Không tìm thấy thủ tục {code} trong danh mục nên chưa in được biên nhận. Vui lòng đồng bộ danh "
        "mục rồi thử lại; nếu vẫn lỗi, báo cho quản trị viên.",
        "en": "Procedure {code} is not in the catalog, so the receipt cannot be printed. Synchronise the "
        "catalog and try again; if it still fails, tell the administrator.",
    },
    # The preview dialog
    "receipt.dialog_title": {"vi": "Biên nhận hồ sơ", "en": "Dossier receipt"},
    "receipt.reprint": {"vi": "In lại biên nhận", "en": "Print the receipt again"},
    "receipt.summary_code": {"vi": "Mã hồ sơ: {code}", "en": "Dossier code: {code}"},
    "receipt.summary_local": {"vi": "Mã tạm: {ref}", "en": "Temporary reference: {ref}"},
    "receipt.paper": {"vi": "Khổ giấy", "en": "Paper"},
    "receipt.paper_a4": {"vi": "Giấy A4", "en": "A4 paper"},
    "receipt.paper_thermal": {"vi": "Giấy in nhiệt 80 mm", "en": "80 mm thermal paper"},
    "receipt.preview_name": {"vi": "Hình xem trước biên nhận", "en": "Preview of the receipt"},
    "receipt.print": {"vi": "In", "en": "Print"},
    "receipt.print_name": {"vi": "In biên nhận ra máy in", "en": "Print the receipt on the printer"},
    "receipt.save_pdf": {"vi": "Lưu PDF", "en": "Save as PDF"},
    "receipt.save_pdf_name": {
        "vi": "Lưu biên nhận thành tệp PDF (nếu cần)",
        "en": "Save the receipt as a PDF file (only if you want one)",
    },
    "receipt.save_pdf_title": {"vi": "Lưu biên nhận thành PDF", "en": "Save the receipt as PDF"},
    "receipt.save_pdf_filter": {"vi": "Tệp PDF (*.pdf)", "en": "PDF files (*.pdf)"},
    "receipt.close": {"vi": "Đóng", "en": "Close"},
    "receipt.close_name": {"vi": "Đóng biên nhận", "en": "Close the receipt"},
    "receipt.printed": {"vi": "Đã gửi biên nhận tới máy in.", "en": "The receipt was sent to the printer."},
    "receipt.saved": {"vi": "Đã lưu biên nhận: {name}", "en": "Receipt saved: {name}"},
    "receipt.print_failed": {
        "vi": "Chưa in được. Vui lòng kiểm tra máy in đã bật và còn giấy, rồi bấm “In” lại; hoặc bấm "
        "“In sau”.",
        "en": "It did not print. Check that the printer is on and has paper, then press “Print” again; "
        "or press “Print later”.",
    },
    "receipt.print_failed_on": {
        "vi": "Chưa in được trên máy in “{printer}”. Vui lòng kiểm tra máy in đó đã bật và còn giấy, rồi bấm "
        "“In” lại; hoặc bấm “In sau”.",
        "en": "It did not print on the printer “{printer}”. Check that it is on and has paper, then press "
        "“Print” again; or press “Print later”.",
    },
    "receipt.no_printer": {"vi": "Máy này chưa có máy in", "en": "This computer has no printer"},
    "receipt.no_printer_assisted": {
        "vi": "Có thể lưu biên nhận thành tệp PDF (“Lưu PDF”), hoặc bấm “In sau”: khi đã có máy in, mở "
        "“Tra cứu hồ sơ” và bấm “In lại biên nhận”.",
        "en": "Save the receipt as a PDF (“Save as PDF”), or press “Print later”: once a printer is "
        "connected, open “Find a dossier” and press “Reprint the receipt”.",
    },
    "receipt.no_printer_self_service": {
        "vi": "Vui lòng chụp ảnh mã QR trên biên nhận hoặc ghi lại mã ở trên, rồi bấm “In sau”. Quét mã QR "
        "đó tại ki-ốt này để xem hồ sơ và in lại biên nhận khi đã có máy in.",
        "en": "Please take a photo of the QR code on the receipt or write down the reference above, then "
        "press “Print later”. Scan that QR code at this kiosk to see the dossier and print the receipt "
        "once a printer is connected.",
    },
    "receipt.no_printer_pressed": {
        "vi": "Chưa in được: máy này chưa có máy in. Vui lòng bấm “Lưu PDF” hoặc “In sau”.",
        "en": "Nothing printed: this computer has no printer. Press “Save as PDF” or “Print later”.",
    },
    "receipt.no_printer_pressed_self": {
        "vi": "Chưa in được: máy này chưa có máy in. Vui lòng chụp ảnh mã QR rồi bấm “In sau”.",
        "en": "Nothing printed: this computer has no printer. Please photograph the QR code, then press "
        "“Print later”.",
    },
    "receipt.later": {"vi": "In sau", "en": "Print later"},
    "receipt.later_name": {
        "vi": "Đóng biên nhận và in lại sau, ở mục Tra cứu hồ sơ",
        "en": "Close the receipt and print it later, from Find a dossier",
    },
    "receipt.later_note": {
        "vi": "Biên nhận chưa in. Khi đã có máy in, mở “Tra cứu hồ sơ” và bấm “In lại biên nhận”.",
        "en": "The receipt is not printed yet. Once a printer is connected, open “Find a dossier” and "
        "press “Reprint the receipt”.",
    },
    "receipt.later_note_self_service": {
        "vi": "Biên nhận chưa in. Vui lòng giữ ảnh mã QR hoặc mã đã ghi lại.",
        "en": "The receipt is not printed yet. Please keep the photo of the QR code or the reference.",
    },
    "receipt.save_failed": {
        "vi": "Chưa lưu được tệp PDF. Vui lòng chọn thư mục khác (ví dụ USB đã cắm chắc) rồi thử lại.",
        "en": "The PDF was not saved. Choose another folder (for example a USB stick that is firmly "
        "plugged in) and try again.",
    },
    "receipt.load_failed": {
        "vi": "Chưa mở được biên nhận. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên.",
        "en": "The receipt did not open. Try again; if it still fails, tell the administrator.",
    },
}
