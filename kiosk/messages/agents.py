"""Messages of agent sign-in, the lock screen, consent for filing on behalf, and volunteer event mode."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # kiosk.agents
    "agents.username_required": {
        "vi": "Hãy nhập tên đăng nhập.",
        "en": "Type your user name.",
    },
    "agents.username_invalid": {
        "vi": "Tên đăng nhập không có dấu cách và dài tối đa 64 ký tự. Hãy nhập lại.",
        "en": "A user name has no spaces and at most 64 characters. Type it again.",
    },
    "agents.pin_required": {"vi": "Hãy nhập mã PIN.", "en": "Type your PIN."},
    "agents.password_required": {"vi": "Hãy nhập mật khẩu.", "en": "Type your password."},
    "agents.pin_too_short": {
        "vi": "Mã PIN phải có ít nhất {digits} chữ số (chỉ gồm số).",
        "en": "The PIN needs at least {digits} digits (digits only).",
    },
    "agents.pin_mismatch": {
        "vi": "Hai lần nhập mã PIN không giống nhau. Hãy nhập lại cả hai ô.",
        "en": "The two PINs are not the same. Type both again.",
    },
    "agents.pin_wrong": {
        "vi": "Mã PIN không đúng. Còn {tries} lần thử.",
        "en": "The PIN is wrong. You have {tries} tries left.",
    },
    "agents.pin_wiped": {
        "vi": "Nhập sai mã PIN quá nhiều lần nên mã PIN đã bị xoá. Hãy đăng nhập có mạng bằng mật khẩu và đặt mã PIN mới.",
        "en": "The PIN was wrong too many times, so it was erased. Sign in online with your password and set a new PIN.",
    },
    "agents.pin_not_set": {
        "vi": "Tài khoản này chưa đặt mã PIN trên máy này. Hãy đăng nhập có mạng bằng mật khẩu một lần để đặt mã PIN.",
        "en": "You have no PIN on this computer yet. Sign in online with your password once to set one.",
    },
    "agents.offline_unknown": {
        "vi": "Máy này chưa có tài khoản này. Lần đầu tiên cần đăng nhập có mạng bằng mật khẩu.",
        "en": "This account is not known on this computer. The first sign-in must be online, with the password.",
    },
    "agents.offline_expired": {
        "vi": "Đã hơn {days} ngày tài khoản này chưa đăng nhập có mạng trên máy này. Hãy đăng nhập có mạng bằng mật khẩu.",
        "en": "You have not signed in online on this computer for more than {days} days. Sign in online with your password.",
    },
    "agents.unreachable": {
        "vi": "Không kết nối được cổng dịch vụ công. Nếu tài khoản này đã từng đăng nhập trên máy này, hãy chọn “Đăng nhập không có mạng” và dùng mã PIN.",
        "en": "The portal cannot be reached. If you have signed in on this computer before, choose “Sign in without network” and use your PIN.",
    },
    "agents.no_portal": {
        "vi": "Máy này chưa được cài địa chỉ cổng dịch vụ công, nên chỉ đăng nhập không có mạng được. Hãy báo kỹ thuật viên.",
        "en": "No portal address is set on this computer, so only the offline sign-in works. Tell a technician.",
    },
    "agents.locked_wait_seconds": {
        "vi": "Nhập sai nhiều lần. Hãy đợi {seconds} giây rồi thử lại.",
        "en": "Too many wrong tries. Wait {seconds} seconds and try again.",
    },
    "agents.locked_wait_minutes": {
        "vi": "Nhập sai nhiều lần. Hãy đợi {minutes} phút rồi thử lại.",
        "en": "Too many wrong tries. Wait {minutes} minutes and try again.",
    },
    # The header
    "agents.header.sign_in": {"vi": "Cán bộ đăng nhập", "en": "Staff sign-in"},
    "agents.header.sign_in_name": {
        "vi": "Đăng nhập cán bộ bưu điện hoặc tình nguyện viên",
        "en": "Sign in as post-office staff or volunteer",
    },
    "agents.header.agent": {"vi": "Cán bộ: {name}", "en": "Staff: {name}"},
    "agents.header.agent_offline": {"vi": "Cán bộ: {name} (không có mạng)", "en": "Staff: {name} (offline)"},
    "agents.header.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "agents.header.sign_out_name": {
        "vi": "Đăng xuất cán bộ và xoá thông tin người dân đang làm",
        "en": "Sign the staff member out and clear the current person's information",
    },
    # The sign-in page
    "agents.sign_in.heading": {"vi": "Cán bộ đăng nhập", "en": "Staff sign-in"},
    "agents.sign_in.intro": {
        "vi": "Dùng tài khoản cổng dịch vụ công của cán bộ. Hồ sơ nộp giúp người dân sẽ mang mã cán bộ này.",
        "en": "Use your public-service portal account. Dossiers you file for citizens will carry your staff id.",
    },
    "agents.sign_in.username": {"vi": "Tên đăng nhập", "en": "User name"},
    "agents.sign_in.password": {"vi": "Mật khẩu", "en": "Password"},
    "agents.sign_in.submit": {"vi": "Đăng nhập", "en": "Sign in"},
    "agents.sign_in.busy": {"vi": "Đang đăng nhập…", "en": "Signing in…"},
    "agents.sign_in.offline_link": {
        "vi": "Đăng nhập không có mạng (bằng mã PIN)",
        "en": "Sign in without network (with your PIN)",
    },
    "agents.sign_in.online_link": {
        "vi": "Đăng nhập có mạng (bằng mật khẩu)",
        "en": "Sign in online (with your password)",
    },
    "agents.sign_in.offline_heading": {"vi": "Đăng nhập không có mạng", "en": "Sign in without network"},
    "agents.sign_in.offline_intro": {
        "vi": "Dùng mã PIN đã đặt trên máy này. Hồ sơ sẽ được gửi khi có mạng.",
        "en": "Use the PIN you set on this computer. Dossiers are sent when the network is back.",
    },
    "agents.sign_in.pin": {"vi": "Mã PIN", "en": "PIN"},
    # Training mode only: the sandbox portal's practice accounts (kiosk demo)
    "agents.demo.heading": {
        "vi": "Tài khoản tập huấn (chỉ có ở chế độ tập huấn)",
        "en": "Practice accounts (training mode only)",
    },
    "agents.demo.intro": {
        "vi": "Cổng thử nghiệm nhận các tài khoản dưới đây. Bấm vào một tài khoản để điền sẵn tên đăng nhập "
        "và mật khẩu, rồi bấm “Đăng nhập”.",
        "en": "The practice portal accepts the accounts below. Press one to fill in its user name and "
        "password, then press “Sign in”.",
    },
    "agents.demo.account": {
        "vi": "{username} · mật khẩu {password} — {name}, {office}",
        "en": "{username} · password {password} — {name}, {office}",
    },
    "agents.demo.locked": {
        "vi": "{account} (tài khoản bị khoá: để tập xem thông báo)",
        "en": "{account} (a locked account: to practise its message)",
    },
    "agents.demo.use_name": {
        "vi": "Điền tài khoản tập huấn {username}",
        "en": "Fill in the practice account {username}",
    },
    # Setting the PIN
    "agents.pin.heading": {"vi": "Đặt mã PIN", "en": "Set your PIN"},
    "agents.pin.intro": {
        "vi": "Mã PIN gồm ít nhất {digits} chữ số, dùng để mở khoá màn hình và để đăng nhập khi không có mạng trên máy này.",
        "en": "The PIN has at least {digits} digits. You use it to unlock the screen and to sign in without network on this computer.",
    },
    "agents.pin.first": {"vi": "Mã PIN mới", "en": "New PIN"},
    "agents.pin.second": {"vi": "Nhập lại mã PIN", "en": "Type the PIN again"},
    "agents.pin.save": {"vi": "Lưu mã PIN", "en": "Save the PIN"},
    "agents.pin.change": {"vi": "Đăng nhập và đặt lại mã PIN", "en": "Sign in and reset the PIN"},
    # The lock screen
    "agents.lock.heading": {"vi": "Màn hình đã khoá", "en": "The screen is locked"},
    "agents.lock.text": {
        "vi": "{name} đã rời máy. Nhập mã PIN để tiếp tục.",
        "en": "{name} stepped away. Type the PIN to continue.",
    },
    "agents.lock.pin": {"vi": "Mã PIN của {name}", "en": "PIN of {name}"},
    "agents.lock.unlock": {"vi": "Mở khoá", "en": "Unlock"},
    "agents.lock.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "agents.lock.warning": {
        "vi": "Máy sẽ khoá màn hình để bảo vệ thông tin của người dân. Mở lại bằng mã PIN.",
        "en": "The screen will lock to protect the citizen's information. Unlock it with the PIN.",
    },
    # Consent for filing on behalf
    "agents.consent.heading": {"vi": "Chữ ký đồng ý của người dân", "en": "The citizen's consent signature"},
    "agents.consent.intro": {
        "vi": "Người dân ký vào ô dưới đây để đồng ý cho cán bộ nộp hồ sơ giúp, hoặc chọn giấy ủy quyền đã ký (bản quét).",
        "en": "The citizen signs in the box below to agree to staff filing for them, or choose a signed authorization (scanned).",
    },
    "agents.consent.draw": {"vi": "Ký trên màn hình", "en": "Sign on the screen"},
    "agents.consent.scan": {"vi": "Giấy ủy quyền (bản quét)", "en": "Authorization (scanned)"},
    "agents.consent.pad_name": {
        "vi": "Ô ký tên: ký bằng ngón tay hoặc chuột",
        "en": "Signature box: sign with a finger or the mouse",
    },
    "agents.consent.clear": {"vi": "Xoá chữ ký", "en": "Clear the signature"},
    "agents.consent.choose": {"vi": "Chọn tệp giấy ủy quyền", "en": "Choose the authorization file"},
    "agents.consent.choose_title": {
        "vi": "Chọn giấy ủy quyền đã ký",
        "en": "Choose the signed authorization",
    },
    "agents.consent.chosen": {
        "vi": "Đã chọn giấy ủy quyền ({size} KB).",
        "en": "Authorization chosen ({size} KB).",
    },
    "agents.consent.checking": {"vi": "Đang kiểm tra tệp…", "en": "Checking the file…"},
    "agents.consent.missing": {
        "vi": "Người dân cần ký vào ô ký tên, hoặc chọn giấy ủy quyền đã ký.",
        "en": "The citizen needs to sign in the signature box, or choose a signed authorization.",
    },
    # Event mode
    "agents.event.open": {"vi": "Sự kiện", "en": "Event"},
    "agents.event.open_name": {
        "vi": "Sự kiện của tổ công nghệ số cộng đồng",
        "en": "The community digital team's event",
    },
    "agents.event.heading": {"vi": "Sự kiện hỗ trợ người dân", "en": "Help event for citizens"},
    "agents.event.intro": {
        "vi": "Ghi tên sự kiện, phường/xã và ngày. Máy đếm số hồ sơ của sự kiện, không lưu thông tin cá nhân.",
        "en": "Give the event's name, ward and date. The computer counts the event's dossiers, without personal data.",
    },
    "agents.event.name": {"vi": "Tên sự kiện", "en": "Event name"},
    "agents.event.ward": {"vi": "Phường/xã tổ chức", "en": "Ward where it takes place"},
    "agents.event.day": {"vi": "Ngày (ngày/tháng/năm)", "en": "Date (day/month/year)"},
    "agents.event.start": {"vi": "Bắt đầu sự kiện", "en": "Start the event"},
    "agents.event.end": {"vi": "Kết thúc sự kiện", "en": "End the event"},
    "agents.event.back": {"vi": "Quay lại", "en": "Back"},
    "agents.event.name_required": {"vi": "Hãy nhập tên sự kiện.", "en": "Type the event's name."},
    "agents.event.name_too_long": {
        "vi": "Tên sự kiện dài tối đa {limit} ký tự.",
        "en": "The event's name has at most {limit} characters.",
    },
    "agents.event.ward_required": {
        "vi": "Hãy chọn tỉnh/thành phố rồi chọn phường/xã tổ chức sự kiện.",
        "en": "Choose the province, then the ward where the event takes place.",
    },
    "agents.event.running": {
        "vi": "Sự kiện: {name} · {ward} · {day}",
        "en": "Event: {name} · {ward} · {day}",
    },
    # "Chờ gửi" (saved here, not at the portal yet) and "Đã gửi" (the portal has it) apart (issue #17).
    "agents.event.tally": {
        "vi": "Đã bắt đầu {started} hồ sơ · Chờ gửi {waiting} · Đã gửi {sent}",
        "en": "{started} dossiers started · {waiting} waiting to be sent · {sent} sent",
    },
    "agents.event.tally_attention": {"vi": " · Cần sửa {attention}", "en": " · {attention} to correct"},
    "agents.event.by_procedure": {"vi": "Theo thủ tục", "en": "By procedure"},
    "agents.event.none_yet": {"vi": "Chưa có hồ sơ nào.", "en": "No dossiers yet."},
    "agents.event.procedure_count": {"vi": "{name}: {count}", "en": "{name}: {count}"},
    "agents.event.end_text": {
        "vi": "{tally}. Số liệu này được giữ lại trong mục “Sự kiện đã kết thúc”.",
        "en": "{tally}. These figures are kept under “Events ended”.",
    },
    "agents.event.ended_heading": {"vi": "Sự kiện đã kết thúc", "en": "Events ended"},
    "agents.event.ended_line": {
        "vi": "{name} · {where} · {day}: {tally}",
        "en": "{name} · {where} · {day}: {tally}",
    },
}
