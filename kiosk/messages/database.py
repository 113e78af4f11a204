"""Messages of the guarded database and its backups (kiosk.store.guard, kiosk.store.backup), vi and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "database.missing": {
        "vi": "Không thấy cơ sở dữ liệu {path} (hoặc tệp rỗng), nhưng thư mục dữ liệu cho thấy máy đã từng "
        "lưu hồ sơ ({evidence}). Máy không tạo cơ sở dữ liệu trống mới để tránh mất hồ sơ. Cách sửa: nếu "
        "tệp bị chuyển đi, vui lòng chép lại đúng chỗ; nếu không, khôi phục bản sao lưu mới nhất bằng "
        "`kiosk restore TỆP` (bản sao lưu tự động nằm trong {backups}). Chỉ khi chắc chắn muốn bắt đầu "
        "lại từ đầu: `kiosk restore --accept-current`.",
        "en": "The database {path} is missing (or empty), but the data dir shows this terminal has kept "
        "dossiers before ({evidence}). No new empty database was created, so nothing is lost silently. "
        "To fix it: if the file was moved, put it back; otherwise restore the newest backup with "
        "`kiosk restore FILE` (automatic backups are in {backups}). Only to start from nothing on "
        "purpose: `kiosk restore --accept-current`.",
    },
    "database.behind": {
        "vi": "Cơ sở dữ liệu {path} thiếu {lost} thay đổi cuối cùng (máy đã ghi đến thay đổi {known}, tệp chỉ "
        "có đến {found}). Thường là do tệp kiosk.db-wal bị xoá sau khi máy tắt đột ngột, hoặc một bản cũ "
        "đã được chép đè. Cách sửa: nếu còn tệp kiosk.db-wal, vui lòng chép lại cạnh kiosk.db; nếu không, "
        "khôi phục bản sao lưu mới nhất bằng `kiosk restore TỆP` (trong {backups}). Nếu chấp nhận mất các "
        "thay đổi đó: `kiosk restore --accept-current`, rồi kiểm tra lại các hồ sơ nộp gần đây.",
        "en": "The database {path} lacks its last {lost} changes (this terminal recorded up to change "
        "{known}, the file holds up to {found}). Usually the kiosk.db-wal file was removed after a crash, "
        "or an older copy was put in place. To fix it: if the kiosk.db-wal file still exists, put it back "
        "next to kiosk.db; otherwise restore the newest backup with `kiosk restore FILE` (in {backups}). "
        "To accept losing those changes: `kiosk restore --accept-current`, then check recent dossiers.",
    },
    "database.different": {
        "vi": "Cơ sở dữ liệu {path} không phải là cơ sở dữ liệu máy này đã dùng (thay đổi {known} khác với "
        "lần ghi cuối). Có thể tệp của máy khác hoặc một bản cũ đã được chép vào. Cách sửa: khôi phục bản "
        "sao lưu đúng của máy này bằng `kiosk restore TỆP` (trong {backups}); nếu chắc chắn tệp hiện tại "
        "là đúng: `kiosk restore --accept-current`.",
        "en": "The database {path} is not the one this terminal was using (change {known} differs from "
        "the last one written). Another terminal's file or an old copy may have been put in place. To fix "
        "it: restore this terminal's backup with `kiosk restore FILE` (in {backups}); if the current file "
        "is the right one: `kiosk restore --accept-current`.",
    },
    "database.damaged": {
        "vi": "Cơ sở dữ liệu {path} bị hỏng ({reason}). Không xoá tệp nào. Cách sửa: dừng ứng dụng, "
        "khôi phục bản sao lưu mới nhất bằng `kiosk restore TỆP` (bản sao lưu tự động nằm trong "
        "{backups}), rồi chạy `kiosk doctor`. Nếu không có bản sao lưu, vui lòng giữ nguyên thư mục dữ liệu "
        "và liên hệ bộ phận kỹ thuật.",
        "en": "The database {path} is damaged ({reason}). Do not delete any file. To fix it: stop the app, "
        "restore the newest backup with `kiosk restore FILE` (automatic backups are in {backups}), then "
        "run `kiosk doctor`. Without a backup, leave the data dir as it is and call IT support.",
    },
    # --- backups -----------------------------------------------------------------------------------
    "backup.help": {
        "vi": "sao lưu cơ sở dữ liệu (và tệp đính kèm, vẫn mã hoá) vào TỆP trong khi máy vẫn chạy",
        "en": "back up the database (and attachments, still sealed) to FILE while the terminal runs",
    },
    "backup.file": {"vi": "tệp sao lưu (.tar)", "en": "the backup file (.tar)"},
    "backup.no_attachments": {
        "vi": "không kèm tệp đính kèm (chỉ cơ sở dữ liệu)",
        "en": "without the attachment files (the database only)",
    },
    "backup.done": {
        "vi": "Đã sao lưu vào {path}: {dossiers} hồ sơ, {files} tệp đính kèm, {size_mb} MB. Dữ liệu cá nhân "
        "vẫn được mã hoá; chỉ khôi phục được trên máy có cùng khóa ({fingerprint}).",
        "en": "Backed up to {path}: {dossiers} dossiers, {files} attachment files, {size_mb} MB. Personal "
        "data stays sealed; it can only be restored with the same key ({fingerprint}).",
    },
    "backup.failed": {
        "vi": "Không ghi được bản sao lưu vào {path} ({reason}). Vui lòng kiểm tra thư mục đích có tồn tại, "
        "ghi được và còn chỗ trống, rồi chạy lại.",
        "en": "The backup could not be written to {path} ({reason}). Check that the target folder exists, "
        "is writable and has room, then run it again.",
    },
    "restore.help": {
        "vi": "khôi phục cơ sở dữ liệu từ TỆP sao lưu (ứng dụng và lệnh khác phải dừng trước)",
        "en": "restore the database from a backup FILE (stop the app and other commands first)",
    },
    "restore.accept_current": {
        "vi": "không khôi phục: chấp nhận cơ sở dữ liệu hiện có (hoặc một cơ sở dữ liệu trống khi không còn "
        "tệp) là đúng",
        "en": "restore nothing: accept the current database (or a new empty one when there is none) as right",
    },
    "restore.done": {
        "vi": "Đã khôi phục từ {path} (sao lưu lúc {created}): {dossiers} hồ sơ, {files} tệp đính kèm. "
        "Cơ sở dữ liệu cũ được giữ lại trong {kept}.",
        "en": "Restored from {path} (backed up at {created}): {dossiers} dossiers, {files} attachment files. "
        "The previous database was kept in {kept}.",
    },
    "restore.missing_files": {
        "vi": "Lưu ý: {count} tệp đính kèm mà cơ sở dữ liệu cần không có trên máy (bản sao lưu không kèm tệp "
        "đính kèm, hoặc tệp đã bị xoá). `kiosk doctor` sẽ liệt kê các hồ sơ liên quan.",
        "en": "Note: {count} attachment files the database refers to are not on this terminal (the backup "
        "has no attachments, or they were removed). `kiosk doctor` lists the dossiers concerned.",
    },
    "restore.yes": {
        "vi": "khôi phục cả khi bản sao lưu cũ hơn dữ liệu máy đã có, không hỏi lại (khi chạy không có "
        "người trả lời)",
        "en": "restore even a backup older than what the terminal last held, without asking (when run with "
        "nobody to answer)",
    },
    "restore.behind": {
        "vi": "Cảnh báo: bản sao lưu này (lúc {created}, {dossiers} hồ sơ) thiếu {lost} thay đổi cuối so với "
        "dữ liệu máy này có lần cuối (nhật ký đến mục {known}, bản sao lưu đến mục {seq}). Các thay đổi đó "
        "sẽ không còn sau khi khôi phục. Nếu có bản sao lưu mới hơn (trong {backups} hoặc bản sao lưu tay), "
        "vui lòng dùng bản đó.",
        "en": "Warning: this backup (of {created}, {dossiers} dossiers) lacks the last {lost} changes this "
        "terminal held (audit log up to entry {known}, the backup up to entry {seq}). Those changes will "
        "be gone after the restore. If there is a newer backup (in {backups} or a manual one), use it.",
    },
    "restore.different": {
        "vi": "Cảnh báo: bản sao lưu này (lúc {created}, {dossiers} hồ sơ) không có cùng lịch sử với dữ liệu "
        "máy này có lần cuối (mục {known} của nhật ký khác nhau): có thể là bản sao lưu của máy khác. Dữ liệu "
        "máy đang có sẽ được thay bằng nội dung bản sao lưu.",
        "en": "Warning: this backup (of {created}, {dossiers} dossiers) does not share the history this "
        "terminal last held (entry {known} of the audit log differs): it may be another terminal's. What "
        "the terminal holds will be replaced by the backup's content.",
    },
    "restore.orphans": {
        "vi": "{count} tệp đính kèm trong thư mục dữ liệu không thuộc hồ sơ nào của bản sao lưu này; chúng "
        "sẽ được chuyển sang thư mục riêng cùng cơ sở dữ liệu cũ, không bị xoá.",
        "en": "{count} attachment files in the data dir belong to no dossier of this backup; they will be "
        "moved aside with the previous database, not deleted.",
    },
    "restore.confirm": {
        "vi": 'Vẫn khôi phục bản sao lưu này? Gõ "có" để tiếp tục, Enter để huỷ: ',
        "en": 'Restore this backup anyway? Type "yes" to go on, Enter to cancel: ',
    },
    "restore.not_confirmed": {
        "vi": "Chưa khôi phục gì: bản sao lưu {path} cũ hơn dữ liệu máy này có lần cuối và chưa được xác nhận. "
        "Vui lòng chọn bản sao lưu mới hơn (trong {backups}), hoặc chạy lại với --yes nếu chắc chắn muốn "
        "dùng bản này.",
        "en": "Nothing was restored: the backup {path} is older than what this terminal last held and was "
        "not confirmed. Choose a newer backup (in {backups}), or run it again with --yes if this one is "
        "really wanted.",
    },
    "restore.orphans_kept": {
        "vi": "{count} tệp đính kèm không thuộc hồ sơ nào của cơ sở dữ liệu đã khôi phục được giữ lại trong "
        "{path} (không bị xoá). Khi có bản sao lưu mới hơn chứa các hồ sơ đó, có thể chép các tệp này trở "
        "lại thư mục attachments.",
        "en": "{count} attachment files of no dossier of the restored database were kept in {path} (not "
        "deleted). With a newer backup holding those dossiers, they can be copied back to attachments.",
    },
    "restore.accepted": {
        "vi": "Đã chấp nhận cơ sở dữ liệu hiện có ({dossiers} hồ sơ, nhật ký đến mục {seq}).",
        "en": "The current database is accepted ({dossiers} dossiers, audit log up to entry {seq}).",
    },
    "restore.need_file": {
        "vi": "Cần chỉ ra tệp sao lưu: `kiosk restore TỆP`, hoặc `kiosk restore --accept-current`.",
        "en": "Name the backup file: `kiosk restore FILE`, or `kiosk restore --accept-current`.",
    },
    "restore.in_use": {
        "vi": "Cơ sở dữ liệu đang được một chương trình khác mở (ứng dụng ki-ốt hoặc một lệnh `kiosk`). "
        "Vui lòng đóng ứng dụng (và dừng dịch vụ tự khởi động lại nếu có) rồi chạy lại lệnh khôi phục.",
        "en": "Another program has the database open (the kiosk app or a `kiosk` command). Close the app "
        "(and stop the service that restarts it, if any), then run the restore again.",
    },
    "restore.not_backup": {
        "vi": "Tệp {path} không phải bản sao lưu của ki-ốt hoặc đã bị hỏng ({reason}). Vui lòng chọn tệp khác.",
        "en": "The file {path} is not a kiosk backup, or it is damaged ({reason}). Choose another file.",
    },
    "restore.other_key": {
        "vi": "Bản sao lưu {path} được tạo với khóa dữ liệu khác ({backup_key}); khóa của máy này là "
        "{current_key}. Vui lòng nhập đúng khóa đó trước bằng `kiosk key import`, rồi khôi phục lại.",
        "en": "The backup {path} was made under another data key ({backup_key}); this terminal's key is "
        "{current_key}. Import that key first with `kiosk key import`, then restore again.",
    },
    "restore.newer_schema": {
        "vi": "Bản sao lưu {path} do phiên bản ki-ốt mới hơn tạo (lược đồ {found}, máy này đọc được đến "
        "{supported}). Vui lòng cập nhật phần mềm rồi khôi phục lại.",
        "en": "The backup {path} was made by a newer kiosk version (schema {found}, this one reads up to "
        "{supported}). Update the software, then restore again.",
    },
    # --- doctor ----------------------------------------------------------------------------------------
    "database.doctor.quick_check": {
        "vi": "Kiểm tra nhanh cơ sở dữ liệu (quick_check): không có trang hỏng",
        "en": "Database quick check (quick_check): no damaged page",
    },
    "database.doctor.disk": {
        "vi": "Ổ chứa thư mục dữ liệu còn trống {free_mb} MB (mức cảnh báo: dưới {min_mb} MB)",
        "en": "The data dir's disk has {free_mb} MB free (warning below {min_mb} MB)",
    },
    "database.doctor.disk_low": {
        "vi": "Ổ chứa thư mục dữ liệu chỉ còn trống {free_mb} MB (dưới {min_mb} MB)",
        "en": "The data dir's disk has only {free_mb} MB free (below {min_mb} MB)",
    },
    "database.doctor.disk_hint": {
        "vi": "giải phóng dung lượng ổ đĩa (xoá tệp không cần trên ổ đó, chạy `kiosk purge`), "
        "hoặc chuyển thư mục dữ liệu sang ổ lớn hơn",
        "en": "free disk space (remove unneeded files on that disk, run `kiosk purge`), "
        "or move the data dir to a larger disk",
    },
    "database.doctor.backup": {
        "vi": "Sao lưu tự động gần nhất: {name} ({count} bản được giữ trong {path})",
        "en": "Newest automatic backup: {name} ({count} kept in {path})",
    },
    "database.doctor.no_backup": {
        "vi": "Chưa có bản sao lưu tự động nào trong {path}",
        "en": "No automatic backup yet in {path}",
    },
    "database.doctor.no_backup_hint": {
        "vi": "mở ứng dụng hoặc chạy một lệnh `kiosk` có dùng cơ sở dữ liệu (ví dụ `kiosk status`): bản "
        "sao lưu trong ngày được tạo tự động; hoặc chạy `kiosk backup TỆP`",
        "en": "open the app or run a `kiosk` command that uses the database (e.g. `kiosk status`): the "
        "day's backup is made then; or run `kiosk backup FILE`",
    },
    "database.app_title": {
        "vi": "Ki-ốt tạm ngừng: cơ sở dữ liệu cần được kiểm tra",
        "en": "The kiosk is paused: its database needs attention",
    },
}
