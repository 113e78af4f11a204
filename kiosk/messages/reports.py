"""Messages of the counter's reports (dashboard, CSV/XLSX export) and of data retention."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Local states and helpers, as statistics name them
    "reports.state.draft": {"vi": "Đang sửa (chưa gửi lại)", "en": "Being corrected (not resent)"},
    "reports.state.queued": {"vi": "Chờ gửi", "en": "Waiting to be sent"},
    "reports.state.submitted": {"vi": "Đã gửi, chờ tiếp nhận", "en": "Sent, waiting for the office"},
    "reports.state.delivered": {"vi": "Đã gửi lên cổng", "en": "Sent to the portal"},
    "reports.state.needs_attention": {"vi": "Cần xử lý lại", "en": "Needs attention"},
    "reports.assisted.post_office": {"vi": "Bưu điện", "en": "Post office"},
    "reports.assisted.community_team": {"vi": "Tình nguyện viên", "en": "Volunteer"},
    "reports.assisted.self_service": {"vi": "Tự phục vụ", "en": "Self-service"},
    "reports.no_agent": {"vi": "(không có nhân viên)", "en": "(no agent)"},
    "reports.yes": {"vi": "Có", "en": "Yes"},
    "reports.no": {"vi": "Không", "en": "No"},
    # Export columns
    "reports.col.day": {"vi": "Ngày nộp", "en": "Filing date"},
    "reports.col.procedure_code": {"vi": "Mã thủ tục", "en": "Procedure code"},
    "reports.col.procedure_name": {"vi": "Tên thủ tục", "en": "Procedure name"},
    "reports.col.state": {"vi": "Tình trạng trên máy", "en": "State on this terminal"},
    "reports.col.portal_status": {"vi": "Mã trạng thái cổng", "en": "Portal status code"},
    "reports.col.portal_status_label": {"vi": "Trạng thái trên cổng", "en": "Portal status"},
    "reports.col.assisted_kind": {"vi": "Người hỗ trợ", "en": "Assisted by"},
    "reports.col.agent_id": {"vi": "Mã nhân viên", "en": "Agent id"},
    "reports.col.local_ref": {"vi": "Mã tạm", "en": "Local reference"},
    "reports.col.dossier_code": {"vi": "Mã hồ sơ", "en": "Dossier code"},
    "reports.col.created_at": {"vi": "Tạo lúc (giờ Việt Nam)", "en": "Created (Vietnam time)"},
    "reports.col.finalized_at": {"vi": "Nộp lúc (giờ Việt Nam)", "en": "Filed (Vietnam time)"},
    "reports.col.submitted_at": {
        "vi": "Gửi đến cổng lúc (giờ Việt Nam)",
        "en": "Sent to the portal (Vietnam time)",
    },
    "reports.col.final_status_at": {"vi": "Kết thúc lúc (giờ Việt Nam)", "en": "Closed (Vietnam time)"},
    "reports.col.supplement_requested": {"vi": "Từng phải bổ sung", "en": "Supplement requested"},
    "reports.sheet.dossiers": {"vi": "Hồ sơ", "en": "Dossiers"},
    "reports.sheet.summary": {"vi": "Tổng hợp", "en": "Summary"},
    "reports.summary.range": {"vi": "Từ ngày {start} đến ngày {end}", "en": "From {start} to {end}"},
    "reports.summary.total": {"vi": "Tổng số hồ sơ", "en": "Dossiers in total"},
    "reports.summary.supplements": {"vi": "Hồ sơ từng phải bổ sung", "en": "Dossiers asked for a supplement"},
    "reports.summary.by_day": {"vi": "Theo ngày", "en": "By day"},
    "reports.summary.by_procedure": {"vi": "Theo thủ tục", "en": "By procedure"},
    "reports.summary.by_status": {"vi": "Theo trạng thái", "en": "By status"},
    "reports.summary.by_assisted": {"vi": "Theo người hỗ trợ", "en": "By who assisted"},
    "reports.summary.by_agent": {"vi": "Theo nhân viên", "en": "By agent"},
    # The dashboard
    "reports.open": {"vi": "Báo cáo", "en": "Reports"},
    "reports.open_name": {"vi": "Mở báo cáo hồ sơ của quầy", "en": "Open the counter's dossier reports"},
    "reports.heading": {"vi": "Báo cáo hồ sơ", "en": "Dossier reports"},
    "reports.intro": {
        "vi": "Số hồ sơ đã lập tại máy này, cả hồ sơ đã gửi lên cổng và hồ sơ còn chờ gửi (xem theo trạng thái). Báo cáo không chứa thông tin cá nhân của người dân.",
        "en": "Dossiers filed at this terminal, those sent to the portal and those still waiting to be sent (see by status). Reports hold no personal data of citizens.",
    },
    "reports.from": {"vi": "Từ ngày", "en": "From"},
    "reports.to": {"vi": "Đến ngày", "en": "To"},
    "reports.from_name": {"vi": "Từ ngày (ngày/tháng/năm)", "en": "From (day/month/year)"},
    "reports.to_name": {"vi": "Đến ngày (ngày/tháng/năm)", "en": "To (day/month/year)"},
    "reports.date_hint": {
        "vi": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 16/11/2026.",
        "en": "Type dates as day/month/year, for example 16/11/2026.",
    },
    "reports.show": {"vi": "Xem", "en": "Show"},
    "reports.show_name": {
        "vi": "Xem báo cáo của khoảng ngày đã chọn",
        "en": "Show the report for these dates",
    },
    "reports.last_7": {"vi": "7 ngày qua", "en": "Last 7 days"},
    "reports.last_7_name": {"vi": "Chọn 7 ngày qua", "en": "Choose the last 7 days"},
    "reports.last_30": {"vi": "30 ngày qua", "en": "Last 30 days"},
    "reports.last_30_name": {"vi": "Chọn 30 ngày qua", "en": "Choose the last 30 days"},
    "reports.bad_range": {
        "vi": "Khoảng ngày dài quá {days} ngày. Hãy chọn khoảng ngắn hơn.",
        "en": "The range is longer than {days} days. Choose a shorter one.",
    },
    "reports.bad_from": {"vi": "Ngày bắt đầu: {problem}", "en": "Start date: {problem}"},
    "reports.bad_to": {"vi": "Ngày kết thúc: {problem}", "en": "End date: {problem}"},
    "reports.loading": {"vi": "Đang tính…", "en": "Counting…"},
    "reports.total": {
        "vi": "{total} hồ sơ từ {start} đến {end}; {supplements} hồ sơ từng phải bổ sung.",
        "en": "{total} dossiers from {start} to {end}; {supplements} were asked for a supplement.",
    },
    "reports.empty": {
        "vi": "Không có hồ sơ nào được nộp trong khoảng ngày này.",
        "en": "No dossier was filed in these dates.",
    },
    "reports.chart_title": {"vi": "Hồ sơ theo ngày", "en": "Dossiers by day"},
    "reports.chart_name": {
        "vi": "Biểu đồ cột: số hồ sơ theo ngày, chia theo người hỗ trợ",
        "en": "Bar chart: dossiers by day, split by who assisted",
    },
    "reports.chart_days": {"vi": "{first}–{last}", "en": "{first}–{last}"},
    "reports.table_title": {
        "vi": "Theo thủ tục, trạng thái và người hỗ trợ",
        "en": "By procedure, status and who assisted",
    },
    "reports.table_name": {
        "vi": "Bảng số hồ sơ theo thủ tục, trạng thái và người hỗ trợ",
        "en": "Table of dossiers by procedure, status and who assisted",
    },
    "reports.agents_title": {"vi": "Theo nhân viên", "en": "By agent"},
    "reports.agents_name": {"vi": "Bảng số hồ sơ theo nhân viên", "en": "Table of dossiers by agent"},
    "reports.head.procedure": {"vi": "Thủ tục", "en": "Procedure"},
    "reports.head.status": {"vi": "Trạng thái", "en": "Status"},
    "reports.head.assisted": {"vi": "Người hỗ trợ", "en": "Assisted by"},
    "reports.head.count": {"vi": "Số hồ sơ", "en": "Dossiers"},
    "reports.head.agent": {"vi": "Nhân viên", "en": "Agent"},
    "reports.export_csv": {"vi": "Xuất CSV", "en": "Export CSV"},
    "reports.export_csv_name": {
        "vi": "Xuất báo cáo ra tệp CSV (không có thông tin cá nhân)",
        "en": "Export the report to a CSV file (no personal data)",
    },
    "reports.export_xlsx": {"vi": "Xuất Excel", "en": "Export Excel"},
    "reports.export_xlsx_name": {
        "vi": "Xuất báo cáo ra tệp Excel (không có thông tin cá nhân)",
        "en": "Export the report to an Excel file (no personal data)",
    },
    "reports.save_title": {"vi": "Lưu báo cáo", "en": "Save the report"},
    "reports.filter_csv": {"vi": "Tệp CSV (*.csv)", "en": "CSV files (*.csv)"},
    "reports.filter_xlsx": {"vi": "Tệp Excel (*.xlsx)", "en": "Excel files (*.xlsx)"},
    "reports.file_name": {"vi": "bao-cao-{start}-{end}", "en": "report-{start}-{end}"},
    "reports.saved": {
        "vi": "Đã lưu {count} hồ sơ vào tệp {file}.",
        "en": "Saved {count} dossiers to {file}.",
    },
    "reports.save_failed": {
        "vi": "Không lưu được tệp {file}. Hãy chọn thư mục khác (ví dụ Tài liệu) rồi thử lại.",
        "en": "Could not save {file}. Choose another folder (for example Documents) and try again.",
    },
    "reports.load_failed": {
        "vi": "Không đọc được dữ liệu báo cáo. Hãy thử lại; nếu vẫn lỗi, báo cho người quản lý máy.",
        "en": "Could not read the report data. Try again; if it still fails, tell the terminal's manager.",
    },
    # Retention refused: the clock cannot be trusted (kiosk/store/retention.py clock_refusal)
    "retention.refused.clock_ahead": {
        "vi": "Chưa xoá dữ liệu cá nhân nào: đồng hồ máy đang nhanh hơn giờ của cổng dịch vụ công"
        " {amount} {unit} (chỉ cho phép lệch tối đa {limit} giây), nên không tính đúng được hồ sơ nào đã"
        " quá thời hạn lưu. Vui lòng chỉnh lại giờ máy (bật đồng bộ giờ tự động – NTP) rồi chạy lại"
        " `kiosk purge`.",
        "en": "No personal data was purged: this terminal's clock is {amount} {unit} ahead of the portal's"
        " (at most {limit} s is allowed), so which dossiers are past the retention period cannot be told."
        " Set the clock right (turn on automatic time sync, NTP), then run `kiosk purge` again.",
    },
    "retention.refused.clock_behind": {
        "vi": "Chưa xoá dữ liệu cá nhân nào: đồng hồ máy đang chậm hơn giờ của cổng dịch vụ công"
        " {amount} {unit} (chỉ cho phép lệch tối đa {limit} giây), nên không tính đúng được hồ sơ nào đã"
        " quá thời hạn lưu. Vui lòng chỉnh lại giờ máy (bật đồng bộ giờ tự động – NTP) rồi chạy lại"
        " `kiosk purge`.",
        "en": "No personal data was purged: this terminal's clock is {amount} {unit} behind the portal's"
        " (at most {limit} s is allowed), so which dossiers are past the retention period cannot be told."
        " Set the clock right (turn on automatic time sync, NTP), then run `kiosk purge` again.",
    },
    "retention.refused.clock_unknown": {
        "vi": "Chưa xoá dữ liệu cá nhân nào: chưa đối chiếu được giờ máy với giờ của cổng dịch vụ công"
        " (máy chưa kết nối được cổng), nên chưa chắc hồ sơ nào đã quá thời hạn lưu. Vui lòng kết nối"
        " mạng rồi chạy lại `kiosk purge`. Nếu máy không bao giờ kết nối cổng: kiểm tra giờ máy thật"
        " đúng rồi chạy `kiosk purge --trust-clock`.",
        "en": "No personal data was purged: this terminal's clock has not been checked against the portal's"
        " (the portal was never reached), so which dossiers are past the retention period is not certain."
        " Connect to the network and run `kiosk purge` again. A terminal that never reaches the portal:"
        " make sure its clock is right, then run `kiosk purge --trust-clock`.",
    },
    "retention.refused.clock_stale": {
        "vi": "Chưa xoá dữ liệu cá nhân nào: lần cuối giờ máy được đối chiếu với cổng dịch vụ công là lúc"
        " {at}, đã quá {hours} giờ (máy chưa kết nối lại được cổng từ đó), nên chưa chắc giờ máy còn đúng."
        " Vui lòng kết nối mạng rồi chạy lại `kiosk purge`. Nếu máy không kết nối được cổng: kiểm tra giờ"
        " máy thật đúng rồi chạy `kiosk purge --trust-clock`.",
        "en": "No personal data was purged: this terminal's clock was last checked against the portal's at"
        " {at}, more than {hours} h ago (the portal has not been reached since), so the clock may have"
        " drifted. Connect to the network and run `kiosk purge` again. If the portal cannot be reached:"
        " make sure the clock is right, then run `kiosk purge --trust-clock`.",
    },
    "retention.refused.clock_moved_back": {
        "vi": "Chưa xoá dữ liệu cá nhân nào: lần cuối giờ máy được đối chiếu với cổng dịch vụ công ghi lúc"
        " {at}, muộn hơn giờ máy hiện tại, tức là giờ máy đã bị chỉnh lùi từ đó. Vui lòng kết nối mạng"
        " rồi chạy lại `kiosk purge` để đối chiếu lại. Nếu máy không kết nối được cổng: kiểm tra giờ máy"
        " thật đúng rồi chạy `kiosk purge --trust-clock`.",
        "en": "No personal data was purged: this terminal's clock was last checked against the portal's at"
        " {at}, later than the clock says now, so the clock was set back since. Connect to the network and"
        " run `kiosk purge` again to check it anew. If the portal cannot be reached: make sure the clock"
        " is right, then run `kiosk purge --trust-clock`.",
    },
    "retention.unit.days": {"vi": "ngày", "en": "days"},
    "retention.unit.hours": {"vi": "giờ", "en": "hours"},
    "retention.unit.seconds": {"vi": "giây", "en": "seconds"},
}
