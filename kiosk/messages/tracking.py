"""Messages of finding a dossier, tracking it, supplements ("yêu cầu bổ sung") and satisfaction ratings."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- finding a dossier ------------------------------------------------------------------------------
    "tracking.open": {"vi": "Tra cứu hồ sơ", "en": "Find a dossier"},
    "tracking.open_name": {
        "vi": "Tra cứu hồ sơ và xem hồ sơ cần bổ sung",
        "en": "Find a dossier and see dossiers needing documents",
    },
    "tracking.find.heading": {"vi": "Tra cứu hồ sơ", "en": "Find a dossier"},
    "tracking.find.ref_label": {
        "vi": "Mã hồ sơ, mã tạm hoặc mã QR trên biên nhận",
        "en": "Dossier code, temporary reference or the receipt's QR code",
    },
    "tracking.find.ref_hint": {
        "vi": "Gõ mã in trên biên nhận (ví dụ G22.99-261120-0007 hoặc 7KQ2-M9XD), hoặc quét mã QR.",
        "en": "Type the code printed on the receipt (e.g. G22.99-261120-0007 or 7KQ2-M9XD), or scan its QR code.",
    },
    "tracking.find.search": {"vi": "Tìm", "en": "Find"},
    "tracking.find.search_name": {"vi": "Tìm theo mã hồ sơ", "en": "Find by dossier code"},
    "tracking.find.id_label": {
        "vi": "Hoặc số thẻ căn cước (CCCD) của người nộp",
        "en": "Or the applicant's CCCD number",
    },
    "tracking.find.id_hint": {
        "vi": "12 chữ số. Số này chỉ dùng để tìm, máy không lưu lại.",
        "en": "12 digits. It is only used to search; the kiosk does not keep it.",
    },
    "tracking.find.search_id": {"vi": "Tìm theo số thẻ", "en": "Find by CCCD"},
    "tracking.find.search_id_name": {
        "vi": "Tìm hồ sơ theo số thẻ căn cước của người nộp",
        "en": "Find dossiers by the applicant's CCCD number",
    },
    "tracking.find.empty": {
        "vi": "Vui lòng nhập mã hồ sơ hoặc mã tạm trên biên nhận, hoặc quét mã QR trên biên nhận.",
        "en": "Type the dossier code or temporary reference on the receipt, or scan the receipt's QR code.",
    },
    "tracking.find.searching": {"vi": "Đang tìm…", "en": "Searching…"},
    "tracking.find.none": {
        "vi": "Không tìm thấy hồ sơ nào trên máy này với mã {code}. Vui lòng kiểm tra lại mã trên biên nhận.",
        "en": "No dossier on this kiosk has the code {code}. Check the code on the receipt.",
    },
    "tracking.find.none_id": {
        "vi": "Không có hồ sơ nào trên máy này cho số thẻ căn cước này. Vui lòng kiểm tra lại số trên thẻ.",
        "en": "No dossier on this kiosk was filed for this CCCD number. Check the number on the card.",
    },
    "tracking.find.portal_only": {
        "vi": "Hồ sơ {code} không được nộp từ máy này. Vẫn có thể xem trạng thái trên cổng dịch vụ công.",
        "en": "Dossier {code} was not filed from this kiosk. You can still see its status on the portal.",
    },
    "tracking.find.portal_view": {"vi": "Xem trên cổng", "en": "View on the portal"},
    "tracking.find.results": {"vi": "Tìm thấy {count} hồ sơ", "en": "{count} dossier(s) found"},
    "tracking.find.failed": {
        "vi": "Chưa tìm được vì máy gặp lỗi. Vui lòng thử lại; nếu vẫn lỗi, báo cho cán bộ kỹ thuật.",
        "en": "The search failed. Try again; if it keeps failing, tell the technician.",
    },
    "tracking.row.code": {"vi": "Mã hồ sơ: {code}", "en": "Dossier code: {code}"},
    "tracking.row.local": {"vi": "Mã tạm: {ref}", "en": "Temporary reference: {ref}"},
    "tracking.row.state": {"vi": "Trên máy: {state}", "en": "On this kiosk: {state}"},
    "tracking.row.status": {"vi": "Trạng thái: {status}", "en": "Status: {status}"},
    "tracking.row.dates": {
        "vi": "Lập ngày {created}, nộp ngày {submitted}",
        "en": "Started {created}, filed {submitted}",
    },
    "tracking.row.dates_unsent": {
        "vi": "Lập ngày {created}, chưa gửi",
        "en": "Started {created}, not sent yet",
    },
    "tracking.row.view": {"vi": "Xem", "en": "View"},
    "tracking.row.view_name": {"vi": "Xem hồ sơ {ref}", "en": "View dossier {ref}"},
    "tracking.row.reprint": {"vi": "In lại biên nhận", "en": "Reprint the receipt"},
    "tracking.row.reprint_name": {
        "vi": "In lại biên nhận của hồ sơ {ref}",
        "en": "Reprint the receipt of dossier {ref}",
    },
    "tracking.needs.heading": {"vi": "Hồ sơ cần bổ sung", "en": "Dossiers needing documents"},
    "tracking.needs.intro": {
        "vi": "Cơ quan giải quyết yêu cầu bổ sung giấy tờ cho các hồ sơ này. Mở hồ sơ để xem yêu cầu và gọi cho người nộp.",
        "en": "The office asked for more documents for these dossiers. Open one to see the request and call the applicant.",
    },
    "tracking.needs.none": {
        "vi": "Hiện không có hồ sơ nào cần bổ sung.",
        "en": "No dossier needs more documents right now.",
    },
    "tracking.back": {"vi": "Quay lại", "en": "Back"},
    "tracking.home": {"vi": "Về trang chủ", "en": "Back to the start"},
    # --- tracking one dossier ---------------------------------------------------------------------------
    "tracking.view.heading": {"vi": "Hồ sơ {ref}", "en": "Dossier {ref}"},
    "tracking.view.status": {"vi": "Trạng thái: {status}", "en": "Status: {status}"},
    "tracking.view.not_sent": {
        "vi": "Hồ sơ chưa được gửi lên cổng dịch vụ công. Máy sẽ tự gửi khi có mạng.",
        "en": "The dossier has not reached the portal yet. The kiosk sends it when the network is back.",
    },
    "tracking.view.needs_attention": {
        "vi": "Cổng dịch vụ công chưa nhận hồ sơ này vì có thông tin cần sửa. Vui lòng mở hồ sơ ở mục “Hồ sơ đang làm” để sửa.",
        "en": "The portal did not accept this dossier: something must be corrected. Open it under “Dossiers in progress”.",
    },
    "tracking.view.due": {"vi": "Hẹn trả kết quả: {date}", "en": "Result due: {date}"},
    "tracking.view.history_heading": {"vi": "Quá trình xử lý", "en": "What has happened"},
    "tracking.view.history_empty": {"vi": "Chưa có thông tin xử lý.", "en": "Nothing has happened yet."},
    "tracking.view.history_item": {"vi": "{date}: {status}", "en": "{date}: {status}"},
    "tracking.view.result_heading": {"vi": "Kết quả", "en": "Result"},
    "tracking.view.result_issued": {"vi": "Có kết quả ngày {date}.", "en": "Result issued on {date}."},
    "tracking.view.refreshing": {
        "vi": "Đang cập nhật từ cổng dịch vụ công…",
        "en": "Updating from the portal…",
    },
    "tracking.view.updated": {
        "vi": "Đã cập nhật từ cổng lúc {time}.",
        "en": "Updated from the portal at {time}.",
    },
    "tracking.view.offline": {
        "vi": "Không kết nối được cổng dịch vụ công. Thông tin dưới đây là lần cập nhật trước, có thể chưa mới nhất.",
        "en": "The portal cannot be reached. What you see is from the last update and may be out of date.",
    },
    "tracking.view.not_found": {
        "vi": "Cổng dịch vụ công không có hồ sơ mã {code}. Vui lòng kiểm tra lại mã trên biên nhận.",
        "en": "The portal has no dossier with the code {code}. Check the code on the receipt.",
    },
    "tracking.view.request_heading": {"vi": "Cơ quan yêu cầu bổ sung", "en": "The office asks for more"},
    "tracking.view.request_date": {"vi": "Yêu cầu ngày {date}.", "en": "Requested on {date}."},
    "tracking.view.request_documents": {"vi": "Giấy tờ cần bổ sung:", "en": "Documents needed:"},
    "tracking.view.request_questions": {"vi": "Thông tin cần trả lời:", "en": "Questions to answer:"},
    "tracking.view.phone": {"vi": "Gọi cho người nộp: {phone}", "en": "Call the applicant: {phone}"},
    "tracking.view.phone_none": {
        "vi": "Người nộp không để lại số điện thoại.",
        "en": "The applicant left no phone number.",
    },
    "tracking.view.supplement": {"vi": "Thêm giấy tờ bổ sung", "en": "Add the documents"},
    "tracking.view.supplement_name": {
        "vi": "Thêm giấy tờ và thông tin bổ sung cho hồ sơ này",
        "en": "Add the requested documents and answers to this dossier",
    },
    "tracking.view.supplement_queued": {
        "vi": "Phần bổ sung đã được lưu và đang chờ gửi. Máy sẽ tự gửi khi có mạng.",
        "en": "The supplement is saved and waiting to be sent. The kiosk sends it when the network is back.",
    },
    "tracking.view.supplement_refused": {
        "vi": "Cổng dịch vụ công chưa nhận phần bổ sung trước. Vui lòng kiểm tra yêu cầu và bổ sung lại.",
        "en": "The portal did not accept the last supplement. Check the request and add it again.",
    },
    "tracking.view.refresh": {"vi": "Cập nhật", "en": "Update"},
    "tracking.view.refresh_name": {
        "vi": "Cập nhật trạng thái từ cổng",
        "en": "Update the status from the portal",
    },
    # --- supplements ------------------------------------------------------------------------------------
    "tracking.supplement.heading": {"vi": "Bổ sung hồ sơ {ref}", "en": "Add to dossier {ref}"},
    "tracking.supplement.intro": {
        "vi": "Thêm các giấy tờ cơ quan yêu cầu, trả lời câu hỏi nếu có, rồi bấm “Gửi bổ sung”.",
        "en": "Add the documents the office asked for, answer any questions, then press “Send”.",
    },
    "tracking.supplement.note_label": {
        "vi": "Ghi chú gửi cơ quan (không bắt buộc)",
        "en": "A note for the office (optional)",
    },
    "tracking.supplement.send": {"vi": "Gửi bổ sung", "en": "Send"},
    "tracking.supplement.send_name": {
        "vi": "Gửi phần bổ sung lên cổng",
        "en": "Send the supplement to the portal",
    },
    "tracking.supplement.cancel": {"vi": "Hủy phần bổ sung", "en": "Discard the supplement"},
    "tracking.supplement.back": {"vi": "Quay lại hồ sơ", "en": "Back to the dossier"},
    "tracking.supplement.errors": {"vi": "Có lỗi cần sửa", "en": "There is a problem"},
    "tracking.supplement.missing_document": {
        "vi": "Chưa có “{label}”. Vui lòng thêm tệp này.",
        "en": "“{label}” is missing. Add this file.",
    },
    "tracking.supplement.missing_answer": {
        "vi": "Vui lòng trả lời: {question}",
        "en": "Answer: {question}",
    },
    "tracking.supplement.empty": {
        "vi": "Phần bổ sung chưa có giấy tờ hay câu trả lời nào. Vui lòng thêm giấy tờ cơ quan yêu cầu.",
        "en": "The supplement has no documents or answers yet. Add the documents the office asked for.",
    },
    "tracking.supplement.already_queued": {
        "vi": "Phần bổ sung trước của hồ sơ này vẫn đang chờ gửi. Vui lòng đợi máy gửi xong rồi bổ sung tiếp.",
        "en": "This dossier's previous supplement is still waiting to be sent. Wait until it is sent.",
    },
    "tracking.supplement.failed": {
        "vi": "Chưa lưu được phần bổ sung. Vui lòng thử lại; nếu vẫn lỗi, báo cho cán bộ kỹ thuật.",
        "en": "The supplement could not be saved. Try again; if it keeps failing, tell the technician.",
    },
    "tracking.supplement.saving": {"vi": "Đang lưu…", "en": "Saving…"},
    # --- ratings ----------------------------------------------------------------------------------------
    "rating.heading": {
        "vi": "Ông/Bà có hài lòng với dịch vụ hôm nay không?",
        "en": "How satisfied are you with today's service?",
    },
    "rating.hint": {"vi": "Chạm vào một khuôn mặt.", "en": "Tap one face."},
    "rating.1": {"vi": "Rất không hài lòng", "en": "Very dissatisfied"},
    "rating.2": {"vi": "Không hài lòng", "en": "Dissatisfied"},
    "rating.3": {"vi": "Bình thường", "en": "Neither"},
    "rating.4": {"vi": "Hài lòng", "en": "Satisfied"},
    "rating.5": {"vi": "Rất hài lòng", "en": "Very satisfied"},
    "rating.thanks": {
        "vi": "Cảm ơn Ông/Bà đã đánh giá: {label}. Có thể chọn lại nếu muốn.",
        "en": "Thank you for your rating: {label}. You may choose again.",
    },
    "rating.failed": {
        "vi": "Chưa lưu được đánh giá. Vui lòng chạm lại.",
        "en": "Your rating was not saved. Please tap again.",
    },
}
