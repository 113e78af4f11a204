"""Messages of the command line, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.description": {
        "vi": "DVC Kiosk — hỗ trợ nộp hồ sơ dịch vụ công trực tuyến. Chạy không kèm lệnh để mở ứng dụng.",
        "en": "DVC Kiosk — assisted filing for online public services. Run with no command to open the app.",
    },
    "cli.usage": {"vi": "Cách dùng: ", "en": "usage: "},
    "cli.options": {"vi": "tuỳ chọn", "en": "options"},
    "cli.arguments": {"vi": "tham số", "en": "arguments"},
    "cli.help": {"vi": "hiện hướng dẫn này rồi thoát", "en": "show this help and exit"},
    "cli.lang": {"vi": "ngôn ngữ hiển thị (vi hoặc en)", "en": "display language (vi or en)"},
    "cli.commands": {"vi": "các lệnh", "en": "commands"},
    "cli.demo": {
        "vi": "mở ứng dụng ở chế độ đào tạo (dữ liệu tạm, cổng thử nghiệm tích hợp)",
        "en": "open the app in training mode (throwaway data, built-in sandbox portal)",
    },
    "cli.doctor": {
        "vi": "kiểm tra máy: Qt, phông chữ, khoá dữ liệu, thư mục dữ liệu, cơ sở dữ liệu, cổng",
        "en": "check this terminal: Qt, fonts, data key, data dir, database, portal",
    },
    "cli.key": {"vi": "sao lưu hoặc khôi phục khoá dữ liệu", "en": "back up or restore the data key"},
    "cli.key.export": {
        "vi": "ghi khoá dữ liệu ra TỆP, được bảo vệ bằng mật khẩu",
        "en": "write the data key to FILE, protected by a passphrase",
    },
    "cli.key.import": {
        "vi": "khôi phục khoá dữ liệu từ TỆP (cần mật khẩu đã đặt khi sao lưu)",
        "en": "restore the data key from FILE (needs the passphrase set at export)",
    },
    "cli.key.file": {"vi": "đường dẫn tệp khoá", "en": "path of the key file"},
    "cli.key.passphrase_file": {
        "vi": "đọc mật khẩu từ tệp này thay vì hỏi (cho máy không có bàn phím)",
        "en": "read the passphrase from this file instead of asking",
    },
    "cli.key.force": {
        "vi": "ghi đè khoá hiện có (dữ liệu mã hoá bằng khoá cũ sẽ không đọc được nữa)",
        "en": "replace the existing key (data sealed with the old key becomes unreadable)",
    },
    "cli.catalog": {"vi": "làm việc với danh mục thủ tục", "en": "work with the procedure catalog"},
    "cli.catalog.check": {
        "vi": "kiểm tra các tệp định nghĩa thủ tục trong THƯ MỤC",
        "en": "check the procedure definition files in DIR",
    },
    "cli.insecure_http": {
        "vi": "cho phép địa chỉ cổng http:// (không mã hoá) tới máy khác; chỉ dùng với cổng thử nghiệm",
        "en": "allow an http:// (unencrypted) portal address on another machine; for a test portal only",
    },
    "cli.import": {
        "vi": "đưa các hồ sơ chuẩn bị sẵn trong TỆP JSON vào hàng đợi gửi",
        "en": "queue the prepared dossiers in a JSON FILE",
    },
    "cli.import.attachments_dir": {
        "vi": "thư mục chứa giấy tờ đính kèm (mặc định: thư mục của TỆP); đường dẫn trong tệp nhập tính từ đây "
        "và không được ra ngoài thư mục này",
        "en": "the folder holding the attachments (default: FILE's folder); paths in the import file are read "
        "from it and may not lead outside it",
    },
    "cli.status": {"vi": "tóm tắt hồ sơ trên máy này", "en": "summary of the dossiers on this terminal"},
    "cli.status.json": {
        "vi": "in dạng JSON (không có dữ liệu cá nhân)",
        "en": "print as JSON (no personal data)",
    },
    "cli.passphrase.prompt": {"vi": "Mật khẩu bảo vệ khoá: ", "en": "Key passphrase: "},
    "cli.passphrase.repeat": {"vi": "Nhập lại mật khẩu: ", "en": "Repeat the passphrase: "},
    "cli.passphrase.mismatch": {
        "vi": "Hai lần nhập mật khẩu không giống nhau. Hãy chạy lại lệnh và nhập cẩn thận.",
        "en": "The two passphrases differ. Run the command again and type carefully.",
    },
    "cli.passphrase.short": {
        "vi": "Mật khẩu cần ít nhất 12 ký tự để bảo vệ khoá. Hãy chọn mật khẩu dài hơn.",
        "en": "The passphrase needs at least 12 characters to protect the key. Choose a longer one.",
    },
    "cli.passphrase.no_terminal": {
        "vi": "Không có bàn phím để hỏi mật khẩu. Dùng --passphrase-file TỆP.",
        "en": "There is no terminal to ask for the passphrase. Use --passphrase-file FILE.",
    },
    "cli.key.exported": {
        "vi": "Đã ghi khoá vào {path} (dấu vân tay {fingerprint}). Cất tệp và mật khẩu ở hai nơi khác nhau.",
        "en": "Key written to {path} (fingerprint {fingerprint}). Keep the file and the passphrase apart.",
    },
    "cli.key.imported": {
        "vi": "Đã khôi phục khoá (dấu vân tay {fingerprint}) vào {target}.",
        "en": "Key restored (fingerprint {fingerprint}) into {target}.",
    },
    "cli.key.exists": {
        "vi": "Máy này đã có khoá khác (dấu vân tay {fingerprint}). Dữ liệu hiện có cần khoá đó. "
        "Nếu chắc chắn muốn thay, chạy lại với --force.",
        "en": "This terminal already has a different key (fingerprint {fingerprint}); the data here needs it. "
        "If you are sure, run again with --force.",
    },
    "cli.key.same": {
        "vi": "Khoá trong tệp trùng với khoá đang dùng; không cần thay đổi gì.",
        "en": "The key in the file is the one already in use; nothing to change.",
    },
    "cli.file_missing": {
        "vi": "Không tìm thấy tệp {path}. Hãy kiểm tra lại đường dẫn.",
        "en": "File {path} not found. Check the path.",
    },
    "cli.file_exists": {
        "vi": "Tệp {path} đã tồn tại. Chọn tên khác để không ghi đè.",
        "en": "File {path} already exists. Choose another name so nothing is overwritten.",
    },
    "cli.catalog.ok": {
        "vi": "Danh mục hợp lệ: {procedures} thủ tục, {bundles} nhóm liên thông (phiên bản {version}).",
        "en": "Catalog valid: {procedures} procedures, {bundles} bundles (version {version}).",
    },
    "cli.catalog.problems": {
        "vi": "Danh mục có {count} lỗi:",
        "en": "The catalog has {count} problems:",
    },
    "cli.status.header": {
        "vi": "Hồ sơ trên máy này: {total}",
        "en": "Dossiers on this terminal: {total}",
    },
    "cli.error": {"vi": "Lỗi: {message}", "en": "Error: {message}"},
    "state.draft": {"vi": "đang soạn", "en": "draft"},
    "state.queued": {"vi": "chờ gửi", "en": "queued"},
    "state.submitted": {"vi": "đã gửi lên cổng", "en": "sent to the portal"},
    "state.needs_attention": {"vi": "cần sửa", "en": "needs attention"},
    "doctor.ok": {"vi": "ĐẠT", "en": "OK"},
    "doctor.fail": {"vi": "LỖI", "en": "FAIL"},
    "doctor.fix": {"vi": "Cách sửa: {hint}", "en": "How to fix: {hint}"},
    "doctor.summary_ok": {
        "vi": "Mọi kiểm tra đều đạt.",
        "en": "Every check passed.",
    },
    "doctor.summary_fail": {
        "vi": '{count} kiểm tra chưa đạt. Làm theo hướng dẫn "Cách sửa" ở trên rồi chạy lại.',
        "en": '{count} checks failed. Follow the "How to fix" lines above, then run again.',
    },
    "doctor.python": {"vi": "Python {version}", "en": "Python {version}"},
    "doctor.qt": {
        "vi": 'Qt {version}, nền tảng hiển thị "{platform}"',
        "en": 'Qt {version}, platform "{platform}"',
    },
    "doctor.qt.fail": {
        "vi": "Qt không khởi động được: {reason}",
        "en": "Qt could not start: {reason}",
    },
    "doctor.qt.hint": {
        "vi": "chạy `python3 run.py setup` với quyền root để cài thư viện Qt, hoặc đặt QT_QPA_PLATFORM=offscreen",
        "en": "run `python3 run.py setup` as root to install Qt's libraries, or set QT_QPA_PLATFORM=offscreen",
    },
    "doctor.font": {
        "vi": 'Phông chữ "{family}" hiển thị đủ chữ tiếng Việt',
        "en": 'Font "{family}" covers Vietnamese',
    },
    "doctor.font.fail": {
        "vi": "Phông chữ đi kèm thiếu chữ tiếng Việt hoặc không nạp được: {reason}",
        "en": "The bundled font is missing Vietnamese letters or could not load: {reason}",
    },
    "doctor.font.hint": {
        "vi": "cài lại ứng dụng để khôi phục thư mục assets/fonts",
        "en": "reinstall the app to restore assets/fonts",
    },
    "doctor.key": {
        "vi": "Khoá dữ liệu: {source} (dấu vân tay {fingerprint})",
        "en": "Data key: {source} (fingerprint {fingerprint})",
    },
    "doctor.key.file": {"vi": "tệp khoá {path}", "en": "key file {path}"},
    "doctor.key.keyring": {"vi": "kho khoá của hệ điều hành", "en": "the OS keyring"},
    "doctor.data_dir": {
        "vi": "Thư mục dữ liệu {path} ghi được, còn trống {free_mb} MB",
        "en": "Data dir {path} is writable, {free_mb} MB free",
    },
    "doctor.data_dir.fail": {
        "vi": "Không ghi được vào thư mục dữ liệu {path}: {reason}",
        "en": "Cannot write to the data dir {path}: {reason}",
    },
    "doctor.data_dir.hint": {
        "vi": "đặt KIOSK_DATA_DIR tới một thư mục ghi được",
        "en": "set KIOSK_DATA_DIR to a writable folder",
    },
    "doctor.database": {
        "vi": "Cơ sở dữ liệu nguyên vẹn (phiên bản lược đồ {schema}, {dossiers} hồ sơ, nhật ký {audit} mục)",
        "en": "Database intact (schema {schema}, {dossiers} dossiers, audit log {audit} entries)",
    },
    "doctor.database.fail": {
        "vi": "Cơ sở dữ liệu có vấn đề: {reason}",
        "en": "The database has a problem: {reason}",
    },
    "doctor.database.hint": {
        "vi": "sao lưu thư mục dữ liệu, rồi liên hệ bộ phận kỹ thuật; không xoá tệp nào",
        "en": "back up the data dir, then call IT support; do not delete any file",
    },
    "doctor.sealed": {
        "vi": "Dữ liệu mã hoá đọc được: {values} giá trị, {files} tệp đính kèm",
        "en": "Sealed data readable: {values} values, {files} attachment files",
    },
    "doctor.sealed.fail": {
        "vi": "{count} mục dữ liệu mã hoá không đọc được (hỏng, bị sửa, hoặc sai khoá): {refs}",
        "en": "{count} sealed items cannot be read (damaged, altered, or the wrong key): {refs}",
    },
    "doctor.sealed.hint": {
        "vi": "nếu máy vừa được cài lại, khôi phục khoá bằng `kiosk key import TỆP`",
        "en": "if the terminal was reinstalled, restore its key with `kiosk key import FILE`",
    },
    "cli.sync": {
        "vi": "gửi ngay các hồ sơ đang chờ lên cổng (không cần mở ứng dụng)",
        "en": "send the queued dossiers to the portal now (no window needed)",
    },
    "cli.sync.details": {
        "vi": "Gửi ngay các hồ sơ đang chờ lên cổng (không cần mở ứng dụng). Khi cổng bận hoặc lần gửi trước bị lỗi, lệnh chờ rồi gửi tiếp (tối đa 5 phút mỗi lần, 15 phút tổng cộng); nếu phải chờ lâu hơn, lệnh cho biết giờ nên chạy lại. Nhấn Ctrl+C để dừng. Mã thoát: 0 đã gửi hết, 2 còn hồ sơ chờ gửi, 1 lỗi cấu hình hoặc tài khoản máy, 130 đã dừng bằng Ctrl+C.",
        "en": "Send the queued dossiers to the portal now (no window needed). When the portal is busy or a send failed, it waits and sends again (at most 5 minutes at a time, 15 in all); when a longer wait is needed it says when to run it again. Ctrl+C stops it. Exit status: 0 all sent, 2 some still wait, 1 configuration or terminal account, 130 stopped with Ctrl+C.",
    },
    "cli.purge": {
        "vi": "xoá ngay dữ liệu cá nhân của hồ sơ đã kết thúc quá thời hạn lưu (số liệu thống kê vẫn giữ)",
        "en": "purge now the personal data of dossiers closed longer than the retention period (statistics stay)",
    },
    "cli.purge.trust_clock": {
        "vi": "xoá cả khi không đối chiếu được giờ máy với cổng (chỉ dùng cho máy không kết nối được cổng,"
        " sau khi đã kiểm tra giờ máy thật đúng); không có tác dụng khi lần đối chiếu gần đây thấy đồng hồ lệch",
        "en": "purge even when the clock cannot be checked against the portal (only for a terminal that cannot"
        " reach it, once its clock was checked by hand); no effect when a recent check found the clock off",
    },
    "cli.purge.held": {
        "vi": "Giữ lại, chưa xoá {count} hồ sơ có thời điểm kết thúc ghi sau giờ hiện tại (giờ máy từng chạy"
        " nhanh khi ghi): dữ liệu của các hồ sơ này sẽ được xoá khi đủ hạn tính từ thời điểm đã ghi.",
        "en": "Kept, not purged: {count} dossiers whose recorded closing time is later than now (the clock was"
        " ahead when it was recorded): their data goes once the period has passed from that recorded time.",
    },
    "cli.purge.done": {
        "vi": "Đã xoá dữ liệu cá nhân của {count} hồ sơ kết thúc quá {days} ngày ({files} tệp đính kèm).",
        "en": "Purged the personal data of {count} dossiers closed over {days} days ago ({files} attachment files).",
    },
    "cli.sandbox": {
        "vi": "chạy cổng thử nghiệm (sandbox) trên máy này để đào tạo và kiểm thử",
        "en": "run the sandbox portal on this machine for training and tests",
    },
    "cli.sandbox.host": {
        "vi": "địa chỉ lắng nghe (mặc định chỉ trong máy: 127.0.0.1)",
        "en": "address to listen on (default: this machine only, 127.0.0.1)",
    },
    "cli.sandbox.port": {"vi": "cổng TCP (mặc định 8765)", "en": "TCP port (default 8765)"},
    "cli.sandbox.db": {
        "vi": "tệp cơ sở dữ liệu của cổng thử nghiệm (mặc định: thư mục tạm)",
        "en": "the sandbox's database file (default: a temp folder)",
    },
    "cli.sandbox.faults": {
        "vi": "tỉ lệ yêu cầu bị lỗi giả lập, từ 0 đến 1",
        "en": "share of requests that fail on purpose, 0 to 1",
    },
    "cli.sandbox.seed": {
        "vi": "hạt giống ngẫu nhiên cho lỗi và bộ phận xử lý",
        "en": "random seed for faults and the back office",
    },
    "cli.sandbox.latency": {
        "vi": "độ trễ thêm cho mỗi yêu cầu (mili giây)",
        "en": "latency added to each request (ms)",
    },
    "cli.sandbox.retry_after": {
        "vi": "số giây trong Retry-After của lỗi 429/503",
        "en": "seconds in Retry-After of 429/503",
    },
    "cli.sandbox.office_speed": {
        "vi": "hệ số tốc độ của bộ phận xử lý giả lập",
        "en": "speed factor of the simulated back office",
    },
    "cli.sandbox.listening": {
        "vi": "Cổng thử nghiệm đang chạy tại {url} (tài liệu API: {url}/docs). Nhấn Ctrl+C để dừng.",
        "en": "Sandbox portal at {url} (API docs: {url}/docs). Press Ctrl+C to stop.",
    },
    "cli.sandbox.port_busy": {
        "vi": "Không mở được cổng thử nghiệm: cổng {port} trên {host} đang được một chương trình khác dùng. Vui lòng dừng chương trình đó hoặc chọn cổng khác bằng --port.",
        "en": "Cannot start the sandbox portal: port {port} on {host} is in use by another program. Stop that program or choose another port with --port.",
    },
    "cli.sandbox.cannot_listen": {
        "vi": "Không mở được cổng thử nghiệm trên {host}:{port} ({reason}). Vui lòng kiểm tra --host và --port.",
        "en": "Cannot start the sandbox portal on {host}:{port} ({reason}). Check --host and --port.",
    },
    "cli.sandbox.admin_token": {
        "vi": 'Khu quản trị /_sandbox cần tiêu đề "Authorization: Bearer {token}" (mã này đổi mỗi lần chạy; đặt mã cố định bằng biến môi trường {env}).',
        "en": 'The /_sandbox admin area needs the header "Authorization: Bearer {token}" (a new one each run; set a fixed one with the {env} environment variable).',
    },
    "cli.sandbox.admin_token_env": {
        "vi": 'Khu quản trị /_sandbox cần tiêu đề "Authorization: Bearer <mã>" với mã trong biến môi trường {env}.',
        "en": 'The /_sandbox admin area needs the header "Authorization: Bearer <token>" with the token in the {env} environment variable.',
    },
    "cli.track": {
        "vi": "tra cứu trạng thái hồ sơ theo mã hồ sơ, mã tạm, hoặc nội dung mã QR trên biên nhận",
        "en": "look up a dossier's status by its code, temporary reference, or the receipt's QR text",
    },
    "cli.track.code": {
        "vi": "mã hồ sơ, mã tạm XXXX-XXXX, hoặc nội dung QR",
        "en": "dossier code, XXXX-XXXX reference, or QR text",
    },
    "cli.track.local_waiting": {
        "vi": "Hồ sơ {ref} đang chờ gửi lên cổng ({state}). Khi gửi xong sẽ có mã hồ sơ chính thức.",
        "en": "Dossier {ref} is waiting to be sent ({state}). It gets its official code once sent.",
    },
    "cli.track.local_unknown": {
        "vi": "Không có hồ sơ mã tạm {ref} trên máy này. Hãy tra bằng mã hồ sơ chính thức.",
        "en": "No dossier with temporary reference {ref} on this terminal. Look it up by its official code.",
    },
    "cli.track.not_found": {
        "vi": "Cổng không có hồ sơ mã {code}. Kiểm tra lại mã trên biên nhận.",
        "en": "The portal has no dossier {code}. Check the code on the receipt.",
    },
    "cli.track.header": {"vi": "Hồ sơ {code}: {status}", "en": "Dossier {code}: {status}"},
    "cli.track.due": {"vi": "Hẹn trả kết quả: {due}", "en": "Result due: {due}"},
    "cli.track.history": {"vi": "Quá trình xử lý:", "en": "History:"},
    "cli.track.supplement": {"vi": "Cần bổ sung: {note}", "en": "Documents needed: {note}"},
    "cli.track.offline": {
        "vi": "Không kết nối được cổng dịch vụ công. Kiểm tra mạng rồi thử lại.",
        "en": "Cannot reach the portal. Check the network and try again.",
    },
    "cli.track.bad_answer": {
        "vi": "Cổng dịch vụ công trả lời không đúng quy định nên chưa đọc được trạng thái hồ sơ {code}. Vui lòng thử lại sau; nếu vẫn vậy, báo cho bộ phận kỹ thuật.",
        "en": "The portal's answer about dossier {code} does not follow the contract, so its status cannot be shown. Please try again later; if it persists, tell the technical staff.",
    },
    "doctor.portal": {
        "vi": "Cổng {url} trả lời; tài khoản máy {client_id} đăng nhập được",
        "en": "Portal {url} answers; terminal account {client_id} signs in",
    },
    "doctor.portal.skew": {
        "vi": "Đồng hồ máy lệch {seconds} giây so với cổng",
        "en": "This terminal's clock is {seconds} s off the portal's",
    },
    "doctor.portal.skew_hint": {
        "vi": "bật đồng bộ giờ tự động (NTP) cho máy",
        "en": "turn on automatic time sync (NTP)",
    },
    "doctor.portal.paused": {
        "vi": "Cổng {url} trả lời nhưng đề nghị tạm dừng gửi đến {time}; sau giờ đó có thể gửi tiếp",
        "en": "Portal {url} answers but asked to pause sending until {time}; sending can go on after that",
    },
    "doctor.portal.unreachable": {
        "vi": "Không kết nối được cổng {url}",
        "en": "Cannot reach the portal {url}",
    },
    "doctor.portal.unreachable_hint": {
        "vi": "kiểm tra mạng và địa chỉ KIOSK_PORTAL_URL; hồ sơ vẫn được giữ an toàn trong hàng đợi",
        "en": "check the network and KIOSK_PORTAL_URL; dossiers stay safe in the queue",
    },
    "doctor.portal.auth_hint": {
        "vi": "kiểm tra KIOSK_CLIENT_ID và mật khẩu tài khoản máy với đơn vị quản lý cổng",
        "en": "check KIOSK_CLIENT_ID and the terminal account's secret with the portal's operator",
    },
}
