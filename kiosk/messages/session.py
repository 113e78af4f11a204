"""Messages of the terminal's modes, the citizen's session, drafts, the privacy timeout and the status bar."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # kiosk.session
    "session.resume.bad_code": {
        "vi": "Mã tiếp tục gồm 8 chữ và số, ví dụ AB12-CD34. Vui lòng nhập lại.",
        "en": "A resume code has 8 letters and digits, for example AB12-CD34. Please type it again.",
    },
    "session.pin.too_short": {
        "vi": "Mã PIN phải có ít nhất {digits} chữ số (chỉ gồm số).",
        "en": "The PIN needs at least {digits} digits (digits only).",
    },
    "session.pin.mismatch": {
        "vi": "Hai lần nhập mã PIN không giống nhau. Vui lòng nhập lại cả hai ô.",
        "en": "The two PINs are not the same. Please type both again.",
    },
    # The session bar
    "session.next_person": {"vi": "Người tiếp theo", "en": "Next person"},
    "session.next_person_name": {
        "vi": "Người tiếp theo: kết thúc phiên của người hiện tại",
        "en": "Next person: end the current person's session",
    },
    "session.drafts.open": {"vi": "Hồ sơ đang làm", "en": "Dossiers in progress"},
    "session.drafts.open_name": {
        "vi": "Mở danh sách hồ sơ đang làm",
        "en": "Open the list of dossiers in progress",
    },
    "session.save.open": {"vi": "Lưu và tiếp tục sau", "en": "Save and continue later"},
    "session.save.open_name": {
        "vi": "Lưu hồ sơ và nhận mã để tiếp tục sau",
        "en": "Save the dossier and get a code to continue later",
    },
    "session.reopen.open_button": {"vi": "Tiếp tục hồ sơ đã lưu", "en": "Continue a saved dossier"},
    "session.reopen.open_button_name": {
        "vi": "Tiếp tục hồ sơ đã lưu bằng mã tiếp tục",
        "en": "Continue a saved dossier with its resume code",
    },
    "session.cancel": {"vi": "Huỷ", "en": "Cancel"},
    "session.resume.failed_title": {"vi": "Chưa mở lại được hồ sơ", "en": "The dossier did not reopen"},
    "session.resume.failed": {
        "vi": "Đã có lỗi khi đọc hồ sơ đã lưu. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên chạy `kiosk doctor`.",
        "en": "Something went wrong reading the saved dossier. Try again; if it persists, ask the administrator to run `kiosk doctor`.",
    },
    "session.ok": {"vi": "Đồng ý", "en": "OK"},
    "session.save.nothing": {
        "vi": "Chưa có thông tin nào để lưu. Vui lòng trả lời ít nhất một câu hỏi rồi chọn lại “Lưu và tiếp tục sau”.",
        "en": "There is nothing to save yet. Answer at least one question, then choose “Save and continue later” again.",
    },
    # First run: how this terminal is used
    "session.mode.heading": {"vi": "Máy này được dùng thế nào?", "en": "How is this terminal used?"},
    "session.mode.intro": {
        "vi": "Chọn một lần khi lắp đặt máy. Người vận hành có thể đổi lại sau.",
        "en": "Choose once when the terminal is set up. An operator can change it later.",
    },
    "session.mode.post_office": {"vi": "Nhân viên bưu điện", "en": "Post-office agent"},
    "session.mode.post_office_detail": {
        "vi": "Nhân viên tại quầy nộp hồ sơ thay người dân. Có danh sách hồ sơ đang làm.",
        "en": "A counter agent files on the citizen's behalf. Dossiers in progress are listed.",
    },
    "session.mode.community_team": {"vi": "Tình nguyện viên", "en": "Community volunteer"},
    "session.mode.community_team_detail": {
        "vi": "Tổ công nghệ số cộng đồng giúp người dân nộp hồ sơ. Có danh sách hồ sơ đang làm.",
        "en": "The community digital team helps citizens file. Dossiers in progress are listed.",
    },
    "session.mode.self_service": {"vi": "Tự phục vụ", "en": "Self-service"},
    "session.mode.self_service_detail": {
        "vi": "Người dân tự làm. Máy không cho xem hồ sơ của người khác và tự xoá màn hình khi không dùng.",
        "en": "Citizens file alone. Nobody sees anyone else's dossiers, and the screen clears itself when left idle.",
    },
    # The operator PIN
    "session.pin.heading": {"vi": "Đặt mã PIN cho người vận hành", "en": "Set the operator PIN"},
    "session.pin.intro": {
        "vi": "Mã PIN dùng để thoát chế độ tự phục vụ. Nhập ít nhất {digits} chữ số, hai lần. Vui lòng ghi nhớ mã này.",
        "en": "The PIN lets an operator leave self-service. Type at least {digits} digits, twice. Keep it in mind.",
    },
    "session.pin.first": {"vi": "Mã PIN mới", "en": "New PIN"},
    "session.pin.second": {"vi": "Nhập lại mã PIN", "en": "Type the PIN again"},
    "session.pin.save": {"vi": "Lưu mã PIN", "en": "Save the PIN"},
    "session.exit.title": {"vi": "Dành cho người vận hành", "en": "For the operator"},
    "session.exit.text": {
        "vi": "Nhập mã PIN để mở phần cài đặt của máy.",
        "en": "Type the PIN to open the terminal's settings.",
    },
    "session.exit.field": {"vi": "Mã PIN người vận hành", "en": "Operator PIN"},
    "session.exit.open": {"vi": "Mở", "en": "Open"},
    "session.exit.cancel": {"vi": "Quay lại", "en": "Go back"},
    "session.exit.wrong": {
        "vi": "Mã PIN không đúng. Còn {tries} lần thử.",
        "en": "Wrong PIN. {tries} tries left.",
    },
    "session.exit.locked_seconds": {
        "vi": "Nhập sai nhiều lần. Vui lòng đợi {seconds} giây rồi thử lại.",
        "en": "Too many wrong PINs. Please wait {seconds} seconds and try again.",
    },
    "session.exit.locked_minutes": {
        "vi": "Nhập sai nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại.",
        "en": "Too many wrong PINs. Please wait {minutes} minutes and try again.",
    },
    "session.operator.heading": {"vi": "Cài đặt của máy", "en": "Terminal settings"},
    "session.operator.current": {"vi": "Cách dùng hiện tại: {mode}", "en": "Used now as: {mode}"},
    "session.operator.change_mode": {"vi": "Đổi cách dùng máy", "en": "Change how the terminal is used"},
    "session.operator.change_pin": {"vi": "Đổi mã PIN", "en": "Change the PIN"},
    "session.operator.back": {"vi": "Quay lại màn hình cho người dân", "en": "Back to the citizens' screen"},
    "session.operator.quit": {"vi": "Đóng ứng dụng", "en": "Close the application"},
    # "Người tiếp theo" in self-service
    "session.discard.title": {"vi": "Xoá hồ sơ đang làm?", "en": "Delete the dossier in progress?"},
    "session.discard.text": {
        "vi": "Hồ sơ chưa được nộp và chưa được lưu. Nếu kết thúc bây giờ, mọi thông tin đã nhập sẽ bị xoá. Muốn làm tiếp lần sau, vui lòng chọn “Lưu và tiếp tục sau”.",
        "en": "The dossier has not been submitted or saved. If you end now, everything typed will be deleted. To continue another time, choose “Save and continue later”.",
    },
    "session.discard.yes": {"vi": "Xoá và kết thúc", "en": "Delete and finish"},
    "session.discard.no": {"vi": "Quay lại hồ sơ", "en": "Back to the dossier"},
    # "Hồ sơ đang làm"
    "session.drafts.heading": {"vi": "Hồ sơ đang làm", "en": "Dossiers in progress"},
    "session.drafts.after_crash": {
        "vi": "Lần trước ứng dụng đã tắt đột ngột. Các hồ sơ dưới đây vẫn được lưu: chọn “Tiếp tục” để làm tiếp.",
        "en": "The application stopped unexpectedly last time. The dossiers below are safe: choose “Continue” to go on.",
    },
    "session.drafts.none": {"vi": "Không có hồ sơ nào đang làm dở.", "en": "No dossier is in progress."},
    "session.drafts.no_name": {"vi": "(chưa có tên)", "en": "(no name yet)"},
    "session.drafts.details": {
        "vi": "Người nộp: {person} · Mã tạm: {ref} · Sửa lần cuối: {time}",
        "en": "Applicant: {person} · Temporary reference: {ref} · Last changed: {time}",
    },
    "session.drafts.resume": {"vi": "Tiếp tục", "en": "Continue"},
    "session.drafts.resume_name": {"vi": "Tiếp tục hồ sơ {ref}", "en": "Continue dossier {ref}"},
    "session.drafts.delete": {"vi": "Xoá", "en": "Delete"},
    "session.drafts.delete_name": {"vi": "Xoá hồ sơ {ref}", "en": "Delete dossier {ref}"},
    "session.delete.title": {"vi": "Xoá hồ sơ này?", "en": "Delete this dossier?"},
    "session.delete.text": {
        "vi": "Hồ sơ {ref} và mọi giấy tờ đã đính kèm sẽ bị xoá khỏi máy. Không thể lấy lại.",
        "en": "Dossier {ref} and every attached document will be deleted from this terminal. This cannot be undone.",
    },
    "session.delete.yes": {"vi": "Xoá hồ sơ", "en": "Delete the dossier"},
    "session.delete.no": {"vi": "Không xoá", "en": "Keep it"},
    # Self-service: save for later, reopen
    "session.save.title": {"vi": "Lưu và tiếp tục sau", "en": "Save and continue later"},
    "session.save.need_cccd": {
        "vi": "Để mở lại hồ sơ sau này, Ông/Bà cần mã tiếp tục và số thẻ căn cước (CCCD) của mình.",
        "en": "To open the dossier again later you will need the resume code and your citizen ID (CCCD) number.",
    },
    "session.save.cccd": {
        "vi": "Số thẻ căn cước (CCCD), 12 chữ số",
        "en": "Citizen ID (CCCD) number, 12 digits",
    },
    "session.save.ok": {"vi": "Lưu hồ sơ", "en": "Save the dossier"},
    "session.code.title": {"vi": "Đã lưu hồ sơ", "en": "Dossier saved"},
    "session.code.text": {
        "vi": "Mã tiếp tục của hồ sơ là:",
        "en": "Your resume code is:",
    },
    "session.code.name": {"vi": "Mã tiếp tục: {code}", "en": "Resume code: {code}"},
    "session.code.bring": {
        "vi": "Vui lòng ghi lại mã này. Lần sau, chọn “Tiếp tục hồ sơ đã lưu” rồi nhập mã này và số thẻ căn cước (CCCD) của mình. Không ai khác xem được hồ sơ.",
        "en": "Write this code down. Next time choose “Continue a saved dossier” and type the code and your CCCD number. Nobody else can see the dossier.",
    },
    "session.slip.print": {"vi": "In phiếu ghi mã", "en": "Print a slip with the code"},
    "session.slip.how": {
        "vi": "Lần sau, tại máy tự phục vụ, chọn “Tiếp tục hồ sơ đã lưu” rồi nhập mã này và số thẻ căn cước (CCCD) của mình.",
        "en": "Next time, at a self-service terminal, choose “Continue a saved dossier”, then type this code and your CCCD number.",
    },
    "session.slip.title": {"vi": "PHIẾU TIẾP TỤC HỒ SƠ", "en": "RESUME SLIP"},
    "session.slip.footer": {
        "vi": "In lúc {time}. Phiếu không ghi họ tên hay số giấy tờ; cần cả mã này và số thẻ căn cước để mở lại.",
        "en": "Printed {time}. The slip carries neither your name nor your ID number; reopening needs the code and your CCCD.",
    },
    "session.slip.printed": {
        "vi": "Đã in phiếu. Vui lòng cất giữ phiếu cẩn thận.",
        "en": "Slip printed. Keep it safe.",
    },
    "session.slip.no_printer": {
        "vi": "Máy này chưa có máy in. Vui lòng ghi mã ra giấy hoặc chụp ảnh mã.",
        "en": "This computer has no printer. Please write the code down or take a photo of it.",
    },
    "session.slip.not_printed": {
        "vi": "Chưa in được phiếu. Vui lòng ghi mã ra giấy, hoặc nhờ nhân viên kiểm tra máy in.",
        "en": "The slip was not printed. Write the code down, or ask staff to check the printer.",
    },
    "session.code.done": {"vi": "Tôi đã ghi lại mã", "en": "I have written it down"},
    "session.reopen.title": {"vi": "Tiếp tục hồ sơ đã lưu", "en": "Continue a saved dossier"},
    "session.reopen.text": {
        "vi": "Vui lòng nhập mã tiếp tục và số thẻ căn cước (CCCD) của mình.",
        "en": "Type your resume code and your CCCD number.",
    },
    "session.reopen.code": {"vi": "Mã tiếp tục (8 ký tự)", "en": "Resume code (8 characters)"},
    "session.reopen.open": {"vi": "Mở hồ sơ", "en": "Open the dossier"},
    "session.reopen.not_found": {
        "vi": "Không tìm thấy hồ sơ với mã và số thẻ căn cước này. Vui lòng kiểm tra lại cả hai. Còn {tries} lần thử.",
        "en": "No dossier matches this code and CCCD number. Check both. {tries} tries left.",
    },
    "session.reopen.locked": {
        "vi": "Nhập sai nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại, hoặc hỏi nhân viên.",
        "en": "Too many wrong tries. Please wait {minutes} minutes and try again, or ask a member of staff.",
    },
    # Privacy timeout
    "session.idle.title": {"vi": "Ông/Bà còn đang dùng máy không?", "en": "Are you still there?"},
    "session.idle.text": {
        "vi": "Để bảo vệ thông tin cá nhân, màn hình sẽ được xoá và hồ sơ chưa lưu sẽ bị xoá.",
        "en": "To protect your information, the screen will be cleared and an unsaved dossier deleted.",
    },
    "session.idle.countdown": {"vi": "Còn {seconds} giây", "en": "{seconds} seconds left"},
    "session.idle.extend": {"vi": "Tôi cần thêm thời gian", "en": "I need more time"},
}
