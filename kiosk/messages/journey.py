"""Messages of the guided journey (question pages, check answers, confirmation), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Applicant block
    "journey.applicant.full_name": {
        "vi": "Họ, chữ đệm và tên của người nộp hồ sơ",
        "en": "Full name of the person filing",
    },
    "journey.applicant.full_name_hint": {
        "vi": "Viết đầy đủ, có dấu, như trên thẻ căn cước (CCCD). Ví dụ: Nguyễn Văn An",
        "en": "In full, with Vietnamese accents, as on the CCCD card, e.g. Nguyễn Văn An",
    },
    "journey.applicant.id_number": {
        "vi": "Số thẻ căn cước (CCCD) của người nộp hồ sơ",
        "en": "Citizen ID (CCCD) number of the person filing",
    },
    "journey.applicant.id_number_hint": {
        "vi": "Số định danh cá nhân: 12 chữ số in trên thẻ căn cước",
        "en": "The 12 digits printed on the ID card",
    },
    "journey.applicant.date_of_birth": {
        "vi": "Ngày, tháng, năm sinh của người nộp hồ sơ",
        "en": "Date of birth of the person filing",
    },
    "journey.applicant.date_hint": {
        "vi": "Gõ theo dạng ngày/tháng/năm, ví dụ 05/09/1960, hoặc chọn bằng các ô bên dưới",
        "en": "Type it as day/month/year, e.g. 05/09/1960, or choose it with the boxes below",
    },
    "journey.applicant.gender": {"vi": "Giới tính của người nộp hồ sơ", "en": "Sex of the person filing"},
    "journey.applicant.phone": {"vi": "Số điện thoại di động", "en": "Mobile phone number"},
    "journey.applicant.phone_hint": {
        "vi": "10 chữ số, ví dụ 0912345678. Cơ quan sẽ nhắn tin khi có kết quả",
        "en": "10 digits, e.g. 0912345678. The office texts this number when the result is ready",
    },
    "journey.applicant.email": {"vi": "Địa chỉ email (không bắt buộc)", "en": "Email address (optional)"},
    "journey.applicant.email_hint": {
        "vi": "Để trống nếu không có email",
        "en": "Leave it empty if you have no email",
    },
    "journey.applicant.address": {
        "vi": "Nơi cư trú của người nộp hồ sơ",
        "en": "Where the person filing lives",
    },
    "journey.applicant.address_hint": {
        "vi": "Chọn tỉnh/thành phố, rồi phường/xã (theo đơn vị hành chính từ 01/7/2025), rồi số nhà, tên đường, thôn/tổ",
        "en": "Choose the province or city, then the ward or commune (units since 1 July 2025), then the house number, street, hamlet",
    },
    "journey.option.male": {"vi": "Nam", "en": "Male"},
    "journey.option.female": {"vi": "Nữ", "en": "Female"},
    # Result delivery
    "journey.delivery.method": {
        "vi": "Nhận kết quả bằng cách nào?",
        "en": "How do you want to receive the result?",
    },
    "journey.delivery.method_hint": {
        "vi": "Nhận qua bưu điện (bưu chính công ích) có thể mất thêm phí gửi",
        "en": "Delivery by post (public postal service) may cost a postage fee",
    },
    "journey.option.pickup": {
        "vi": "Nhận trực tiếp tại cơ quan giải quyết",
        "en": "Collect it at the office",
    },
    "journey.option.post": {"vi": "Nhận qua bưu điện tại nhà", "en": "By post to my home"},
    "journey.delivery.address": {
        "vi": "Địa chỉ nhận kết quả qua bưu điện",
        "en": "Address to post the result to",
    },
    "journey.delivery.address_hint": {
        "vi": "Đã điền sẵn nơi cư trú; sửa nếu muốn nhận ở nơi khác",
        "en": "Filled in with where you live; change it to receive it elsewhere",
    },
    # Question page
    "journey.progress": {"vi": "Bước {index}/{total}", "en": "Step {index} of {total}"},
    "journey.back": {"vi": "Quay lại", "en": "Back"},
    "journey.back_name": {"vi": "Quay lại câu hỏi trước", "en": "Back to the previous question"},
    "journey.continue": {"vi": "Tiếp tục", "en": "Continue"},
    "journey.continue_name": {"vi": "Tiếp tục sang bước sau", "en": "Continue to the next step"},
    "journey.optional": {"vi": "(không bắt buộc)", "en": "(optional)"},
    # A name or street typed without any mark (kiosk.rules.names.lacks_diacritics): asked, never refused
    "journey.marks.name": {
        "vi": "Tên này chưa có dấu. Trên thẻ căn cước viết thế nào?",
        "en": "This name has no Vietnamese accents. How is it written on the ID card?",
    },
    "journey.marks.address": {
        "vi": "Địa chỉ này chưa có dấu. Trên thẻ căn cước hoặc giấy tờ viết thế nào?",
        "en": "This address has no Vietnamese accents. How is it written on the ID card or papers?",
    },
    "journey.marks.help": {
        "vi": "Gõ lại có dấu rồi bấm “Tiếp tục”. Nếu trên giấy tờ cũng viết như vậy, bấm “Giữ nguyên”.",
        "en": "Type it again with accents and press “Continue”. If the papers write it this way too, "
        "press “Keep as typed”.",
    },
    "journey.marks.help_self_service": {
        "vi": "Vui lòng gõ lại có dấu, như trên thẻ căn cước, rồi bấm “Tiếp tục”. Nếu thẻ cũng viết như "
        "vậy, vui lòng bấm “Giữ nguyên”.",
        "en": "Please type it again with accents, as on the ID card, and press “Continue”. If the card "
        "writes it this way too, please press “Keep as typed”.",
    },
    "journey.marks.keep": {"vi": "Giữ nguyên", "en": "Keep as typed"},
    "journey.marks.keep_name": {
        "vi": "Giữ nguyên như đã gõ và tiếp tục",
        "en": "Keep it as typed and continue",
    },
    "journey.from_applicant": {
        "vi": "Điền từ thông tin người nộp hồ sơ. Có thể sửa nếu chưa đúng.",
        "en": "Filled in from the details of the person filing. Change it if it is not right.",
    },
    "journey.error_summary": {"vi": "Có lỗi cần sửa", "en": "There is a problem"},
    "journey.error_prefix": {"vi": "Lỗi: {message}", "en": "Error: {message}"},
    "journey.attachment_required": {
        "vi": "Cần có tệp này. Bấm “Chọn tệp” để chọn ảnh chụp hoặc bản quét (PDF, JPG, PNG).",
        "en": "This document is needed. Press “Choose file” to pick a photo or scan (PDF, JPG, PNG).",
    },
    "journey.save_failed": {
        "vi": "Chưa lưu được câu trả lời vào máy. Vui lòng bấm Tiếp tục lần nữa; nếu vẫn lỗi, báo cho nhân viên.",
        "en": "The answer could not be saved on this computer. Press Continue again; if it still fails, tell a member of staff.",
    },
    # Date input
    "journey.date.text_name": {"vi": "Ngày tháng năm, dạng ngày/tháng/năm", "en": "Date, as day/month/year"},
    "journey.date.day": {"vi": "Ngày", "en": "Day"},
    "journey.date.month": {"vi": "Tháng", "en": "Month"},
    "journey.date.year": {"vi": "Năm", "en": "Year"},
    "journey.date.pick": {"vi": "Hoặc chọn:", "en": "Or choose:"},
    "journey.date.placeholder": {"vi": "ngày/tháng/năm", "en": "dd/mm/yyyy"},
    # Address input
    "journey.address.province": {"vi": "Tỉnh / thành phố", "en": "Province or city"},
    "journey.address.province_search": {
        "vi": "Gõ vài chữ để tìm tỉnh, ví dụ “ha noi”",
        "en": "Type a few letters to find it, e.g. “ha noi”",
    },
    "journey.address.ward": {"vi": "Phường / xã / đặc khu", "en": "Ward, commune or special zone"},
    "journey.address.ward_search": {
        "vi": "Gõ vài chữ để tìm phường/xã, có dấu hay không dấu đều được",
        "en": "Type a few letters to find the ward; accents are optional",
    },
    "journey.address.choose_province_first": {
        "vi": "Chọn tỉnh/thành phố trước",
        "en": "Choose the province first",
    },
    "journey.address.street": {
        "vi": "Số nhà, tên đường, thôn/ấp/tổ dân phố",
        "en": "House number, street, hamlet or residential group",
    },
    "journey.address.none_found": {
        "vi": "Không tìm thấy. Vui lòng gõ ít chữ hơn.",
        "en": "Nothing found. Type fewer letters.",
    },
    # Choice from a long official list (ethnic groups, nationalities)
    "journey.list.search": {
        "vi": "Gõ vài chữ để tìm, ví dụ “{example}”",
        "en": "Type a few letters to find it, e.g. “{example}”",
    },
    "journey.list.search_name": {"vi": "Tìm trong danh sách: {title}", "en": "Search the list: {title}"},
    "journey.list.chosen": {"vi": "Đã chọn: {name}", "en": "Chosen: {name}"},
    "journey.list.none_found": {
        "vi": "Không tìm thấy. Vui lòng gõ ít chữ hơn hoặc gõ tên khác.",
        "en": "Nothing found. Type fewer letters or another name.",
    },
    # Attachment input
    "journey.attach.choose": {"vi": "Chọn tệp", "en": "Choose file"},
    "journey.attach.choose_name": {"vi": "Chọn tệp ảnh hoặc PDF", "en": "Choose an image or PDF file"},
    "journey.attach.replace": {"vi": "Thay tệp khác", "en": "Replace the file"},
    "journey.attach.remove": {"vi": "Bỏ tệp này", "en": "Remove this file"},
    "journey.attach.dialog_title": {"vi": "Chọn giấy tờ", "en": "Choose the document"},
    "journey.attach.dialog_filter": {
        "vi": "Ảnh hoặc PDF (*.pdf *.jpg *.jpeg *.png)",
        "en": "Images or PDF (*.pdf *.jpg *.jpeg *.png)",
    },
    "journey.attach.none": {"vi": "Chưa chọn tệp nào.", "en": "No file chosen yet."},
    "journey.attach.saving": {"vi": "Đang lưu tệp…", "en": "Saving the file…"},
    "journey.attach.info": {"vi": "{name} — {size}", "en": "{name} — {size}"},
    "journey.attach.info_pages": {
        "vi": "{name} — {size}, {pages} trang",
        "en": "{name} — {size}, {pages} page(s)",
    },
    "journey.attach.unreadable": {
        "vi": "Không đọc được tệp này. Vui lòng chọn lại, hoặc chụp/quét lại giấy tờ.",
        "en": "This file could not be read. Choose it again, or photograph or scan the document again.",
    },
    "journey.attach.preview_name": {"vi": "Xem trước tệp đã chọn", "en": "Preview of the chosen file"},
    # Check answers
    "journey.check.heading": {"vi": "Kiểm tra lại thông tin", "en": "Check your answers"},
    "journey.check.intro": {
        "vi": "Đọc lại từng dòng. Bấm “Sửa” nếu cần thay đổi.",
        "en": "Read every line. Press “Change” to correct anything.",
    },
    "journey.check.change": {"vi": "Sửa", "en": "Change"},
    "journey.check.change_name": {"vi": "Sửa: {label}", "en": "Change: {label}"},
    "journey.check.no_file": {"vi": "Chưa có tệp", "en": "No file"},
    "journey.check.attachments": {"vi": "Giấy tờ đính kèm", "en": "Documents attached"},
    "journey.check.no_attachments": {"vi": "Không có giấy tờ đính kèm.", "en": "No documents attached."},
    "journey.check.fee": {"vi": "Lệ phí", "en": "Fee"},
    "journey.check.procedure": {"vi": "Thủ tục", "en": "Procedure"},
    "journey.check.declaration_heading": {"vi": "Cam đoan", "en": "Declaration"},
    "journey.check.declaration": {
        "vi": "Tôi cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm trước pháp luật về lời cam đoan của mình.",
        "en": "I declare that the information above is true, and I am responsible before the law for this declaration.",
    },
    "journey.check.consent": {
        "vi": "Người dân đồng ý để nhân viên/tình nguyện viên nộp hồ sơ thay.",
        "en": "The citizen agrees that the staff member or volunteer files this application for them.",
    },
    "journey.check.submit": {"vi": "Nộp hồ sơ", "en": "Submit the application"},
    "journey.check.submitting": {"vi": "Đang nộp hồ sơ…", "en": "Submitting…"},
    "journey.declaration_required": {
        "vi": "Vui lòng đánh dấu vào ô cam đoan để nộp hồ sơ.",
        "en": "Tick the declaration box to submit the application.",
    },
    "journey.consent_required": {
        "vi": "Vui lòng hỏi người dân và đánh dấu vào ô đồng ý nộp thay.",
        "en": "Ask the citizen and tick the box saying they agree to you filing for them.",
    },
    "journey.submit_failed": {
        "vi": "Chưa nộp được hồ sơ. Hồ sơ vẫn được lưu trên máy. Vui lòng bấm “Nộp hồ sơ” lần nữa; nếu vẫn lỗi, báo cho nhân viên.",
        "en": "The application was not submitted. It is still saved on this computer. Press “Submit” again; if it still fails, tell a member of staff.",
    },
    # Confirmation
    "journey.done.heading": {"vi": "Đã nhận hồ sơ", "en": "Application received"},
    "journey.done.local_ref_label": {"vi": "Mã tạm của hồ sơ", "en": "Temporary reference"},
    "journey.done.code_label": {"vi": "Mã hồ sơ", "en": "Application number"},
    "journey.done.queued": {
        "vi": "Hồ sơ đã được lưu an toàn trên máy và sẽ tự động gửi lên Cổng dịch vụ công khi có mạng. Khi gửi xong, mã hồ sơ chính thức sẽ thay cho mã tạm này.",
        "en": "The application is saved safely on this computer and will be sent to the public service portal automatically when the network is available. Once sent, the official application number replaces this temporary reference.",
    },
    "journey.done.sent": {
        "vi": "Hồ sơ đã được gửi tới Cổng dịch vụ công và được tiếp nhận.",
        "en": "The application has reached the public service portal and was accepted.",
    },
    "journey.done.send_now": {"vi": "Gửi ngay", "en": "Send now"},
    "journey.done.send_now_name": {
        "vi": "Gửi ngay hồ sơ này lên Cổng dịch vụ công",
        "en": "Send this application to the public service portal now",
    },
    "journey.done.sending": {"vi": "Đang gửi…", "en": "Sending…"},
    "journey.done.sending_text": {
        "vi": "Đang gửi hồ sơ lên Cổng dịch vụ công…",
        "en": "Sending the application to the public service portal…",
    },
    "journey.done.next_heading": {"vi": "Việc tiếp theo", "en": "What happens next"},
    "journey.done.next_waiting": {
        "vi": "Khi hồ sơ đã gửi tới Cổng dịch vụ công, cơ quan giải quyết sẽ xem xét. Nếu cần bổ sung giấy tờ, cơ quan sẽ nhắn tin hoặc gọi điện theo số điện thoại đã khai.",
        "en": "Once the application reaches the public service portal, the office will look at it. If a document is missing, they will text or call you.",
    },
    "journey.done.next": {
        "vi": "Cơ quan giải quyết sẽ xem xét hồ sơ. Nếu cần bổ sung giấy tờ, cơ quan sẽ nhắn tin hoặc gọi điện theo số điện thoại đã khai.",
        "en": "The office will look at the application. If a document is missing, they will text or call you.",
    },
    "journey.done.when_heading": {"vi": "Khi nào có kết quả", "en": "When the result is ready"},
    "journey.done.processing": {"vi": "Thời gian giải quyết: {time}", "en": "Processing time: {time}"},
    "journey.done.due": {"vi": "Hẹn trả kết quả: {date}", "en": "Result due: {date}"},
    "journey.done.pickup": {
        "vi": "Mang theo biên nhận và thẻ căn cước (CCCD) khi đến nhận kết quả.",
        "en": "Bring the receipt and your CCCD card when you collect the result.",
    },
    "journey.done.post": {
        "vi": "Kết quả sẽ được gửi qua bưu điện tới địa chỉ đã chọn.",
        "en": "The result will come by post to the address you chose.",
    },
    "journey.done.track_heading": {"vi": "Theo dõi hồ sơ", "en": "Track the application"},
    "journey.done.track": {
        "vi": "Quét mã QR trên biên nhận bằng điện thoại, hoặc đưa biên nhận tại quầy để tra cứu.",
        "en": "Scan the QR code on the receipt with a phone, or show the receipt at the counter.",
    },
    "journey.done.receipt": {"vi": "Xem và in biên nhận", "en": "View and print the receipt"},
    "journey.done.receipt_unavailable": {
        "vi": "Chưa in được biên nhận trên máy này. Vui lòng ghi lại mã hồ sơ ở trên.",
        "en": "The receipt cannot be printed on this computer yet. Write down the reference above.",
    },
    "journey.done.next_person": {"vi": "Người tiếp theo", "en": "Next person"},
    "journey.done.home": {"vi": "Về trang chủ", "en": "Back to the start"},
    # Prepare page
    "journey.start": {"vi": "Bắt đầu", "en": "Start"},
    "journey.start_name": {"vi": "Bắt đầu khai hồ sơ", "en": "Start filling in the application"},
}
