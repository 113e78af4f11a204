"""Messages of liên thông bundles (the task list, its receipt) and of reuse within a session."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "bundle.status.not_started": {"vi": "Chưa bắt đầu", "en": "Not started"},
    "bundle.status.in_progress": {"vi": "Đang làm", "en": "In progress"},
    "bundle.status.done": {"vi": "Đã xong", "en": "Done"},
    "bundle.status.needs_fix": {"vi": "Cần sửa", "en": "Needs changes"},
    "bundle.caption": {"vi": "Thủ tục liên thông", "en": "Combined procedures"},
    "bundle.intro": {
        "vi": "Làm lần lượt từng thủ tục dưới đây. Thông tin người nộp và thông tin chung chỉ khai một lần, ở thủ tục thứ nhất; các thủ tục sau dùng lại và vẫn sửa được.",
        "en": "Do the procedures below one by one. Your details and the shared information are given once, in the first procedure; the others reuse them and you can still change them.",
    },
    "bundle.shared": {
        "vi": "Khai một lần cho cả gói: {questions}",
        "en": "Given once for the whole bundle: {questions}",
    },
    "bundle.progress": {
        "vi": "Đã xong {done} trên {total} thủ tục",
        "en": "{done} of {total} procedures done",
    },
    "bundle.task_title": {"vi": "{index}. {name}", "en": "{index}. {name}"},
    "bundle.task_name": {
        "vi": "Thủ tục {index}: {name}. Trạng thái: {status}",
        "en": "Procedure {index}: {name}. Status: {status}",
    },
    "bundle.reference": {"vi": "Mã hồ sơ: {ref}", "en": "Dossier reference: {ref}"},
    "bundle.locked": {
        "vi": "Làm sau khi xong thủ tục thứ nhất.",
        "en": "Do this after the first procedure.",
    },
    "bundle.needs_fix_note": {
        "vi": 'Hồ sơ này cần sửa. Bấm "Sửa hồ sơ" để xem và nộp lại.',
        "en": 'This dossier needs changes. Press "Change the dossier" to see and file it again.',
    },
    "bundle.start": {"vi": "Bắt đầu", "en": "Start"},
    "bundle.start_name": {"vi": "Bắt đầu thủ tục {name}", "en": "Start the procedure {name}"},
    "bundle.continue": {"vi": "Tiếp tục", "en": "Continue"},
    "bundle.continue_name": {"vi": "Tiếp tục thủ tục {name}", "en": "Continue the procedure {name}"},
    "bundle.fix": {"vi": "Sửa hồ sơ", "en": "Change the dossier"},
    "bundle.fix_name": {"vi": "Sửa hồ sơ {name}", "en": "Change the dossier for {name}"},
    "bundle.filed": {
        "vi": "Đã gửi: {name}. Mã hồ sơ: {ref}.",
        "en": "Sent: {name}. Dossier code: {ref}.",
    },
    # Before the portal has it: saved and waiting, not "đã nộp" (issue #17).
    "bundle.filed_waiting": {
        "vi": "Đã lưu: {name} — sẽ gửi khi có mạng. Mã tạm: {ref}.",
        "en": "Saved: {name} — it is sent when the network is available. Temporary reference: {ref}.",
    },
    "bundle.all_done": {
        "vi": "Đã khai xong các thủ tục của gói. Vui lòng in biên nhận: trên đó có mã của từng hồ sơ (mã tạm nếu hồ sơ chưa gửi).",
        "en": "Every procedure of the bundle is filled in. Print the receipt: it lists the reference of each dossier (a temporary one if it is not sent yet).",
    },
    "bundle.receipt": {"vi": "In biên nhận cả gói", "en": "Print the bundle receipt"},
    "bundle.receipt_name": {
        "vi": "Xem và in biên nhận liệt kê mọi hồ sơ của gói",
        "en": "See and print the receipt listing every dossier of the bundle",
    },
    "bundle.home": {"vi": "Về trang chủ", "en": "Back to the home page"},
    "bundle.home_name": {
        "vi": "Về trang chủ; các hồ sơ đã lưu vẫn được gửi",
        "en": "Back to the home page; the saved dossiers are still sent",
    },
    "bundle.open": {"vi": "Làm cả gói liên thông", "en": "Do the whole bundle"},
    "bundle.open_name": {"vi": "Làm cả gói: {name}", "en": "Do the whole bundle: {name}"},
    "bundle.asked_in": {
        "vi": "Đã khai ở thủ tục thứ nhất của gói liên thông. Có thể sửa riêng cho hồ sơ này.",
        "en": "Given in the first procedure of the bundle. You can change it for this dossier.",
    },
    "bundle.preset": {"vi": "{value} (theo gói liên thông)", "en": "{value} (set by the bundle)"},
    "bundle.save_failed": {
        "vi": "Không mở được hồ sơ. Vui lòng thử lại; nếu vẫn lỗi, báo cho nhân viên.",
        "en": "The dossier could not be opened. Please try again; if it keeps failing, tell a member of staff.",
    },
    # The bundle's receipt (one slip listing every dossier of the bundle).
    "bundle.receipt.title": {"vi": "BIÊN NHẬN HỒ SƠ LIÊN THÔNG", "en": "COMBINED FILING RECEIPT"},
    "bundle.receipt.count": {
        "vi": "Gồm {count} hồ sơ, mỗi hồ sơ có mã riêng và được giải quyết riêng",
        "en": "{count} dossiers, each with its own reference, each handled on its own",
    },
    "bundle.receipt.bundle_ref": {"vi": "Mã gói liên thông", "en": "Bundle reference"},
    "bundle.receipt.procedure": {"vi": "Mã thủ tục", "en": "Procedure code"},
    "bundle.receipt.qr": {
        "vi": "Quét mã để tra cứu hồ sơ này",
        "en": "Scan to track this dossier",
    },
    "bundle.receipt.member": {"vi": "Hồ sơ {index}: {name}", "en": "Dossier {index}: {name}"},
    # Reuse within a session.
    "reuse.mark": {
        "vi": "Đã điền từ hồ sơ trước — có thể sửa.",
        "en": "Filled in from your previous dossier — you can change it.",
    },
    "reuse.ask_title": {
        "vi": "Dùng lại thông tin đã khai cho hồ sơ này?",
        "en": "Reuse the details you already gave for this dossier?",
    },
    "reuse.ask_text": {
        "vi": 'Ở hồ sơ trước, Ông/Bà đã khai các thông tin sau: {fields}. Nếu đồng ý, các ô này được điền sẵn để kiểm tra và sửa. Thông tin bị xoá khi bấm "Người tiếp theo".',
        "en": 'You already gave these details in your previous dossier: {fields}. If you agree, they are filled in for you to check and change. They are erased when "Next person" is pressed.',
    },
    "reuse.yes": {"vi": "Có, dùng lại", "en": "Yes, reuse them"},
    "reuse.no": {"vi": "Không, khai mới", "en": "No, start empty"},
}
