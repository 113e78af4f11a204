"""Qt's own words in Vietnamese: the file, save and print dialogs and the standard buttons.

Qt ships no Vietnamese translation of its own strings (there is no qtbase_vi.qm), so its dialogs said
"Look in:", "File name:", "Cancel" in a Vietnamese kiosk. `QtStrings` is a QTranslator that answers
from the table below while the window's language is Vietnamese and leaves Qt's English otherwise.
Native dialogs (Windows, a desktop's portal) are already in the system's language and never ask it.

The table holds every string these dialogs ask for, as Qt 6 spells it (with its & mnemonics); a test
opens each dialog with a recording translator and fails on a string missing here, so a Qt upgrade that
adds one is noticed. `%1` stands for what Qt puts in (a file name).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.i18n import Lang

VI: dict[tuple[str, str], str] = {
    # Standard buttons (dialog button boxes, message boxes)
    ("QPlatformTheme", "OK"): "Đồng ý",
    ("QPlatformTheme", "Cancel"): "Huỷ",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "Close"): "Đóng",
    ("QPlatformTheme", "&Yes"): "&Có",
    ("QPlatformTheme", "&No"): "&Không",
    ("QPlatformTheme", "Yes to &All"): "Có với &tất cả",
    ("QPlatformTheme", "N&o to All"): "Không với tất &cả",
    ("QPlatformTheme", "Discard"): "Bỏ",
    ("QPlatformTheme", "Apply"): "Áp dụng",
    ("QPlatformTheme", "Reset"): "Đặt lại",
    ("QPlatformTheme", "Help"): "Trợ giúp",
    # The file dialog (open and save)
    ("QFileDialog", "&Look in:"): "Thư &mục:",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "Open"): "Mở tệp",
    ("QFileDialog", "Save As"): "Lưu thành",
    ("QFileDialog", "All Files (*)"): "Mọi tệp (*)",
    ("QFileDialog", "Files"): "Tệp",
    ("QFileDialog", "Back"): "Lùi lại",
    ("QFileDialog", "Go back"): "Quay lại thư mục trước",
    ("QFileDialog", "Forward"): "Tiến tới",
    ("QFileDialog", "Go forward"): "Tiến tới thư mục sau",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo một thư mục mới",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "New Folder"): "Thư mục mới",
    ("QFileDialog", "List View"): "Xem danh sách",
    ("QFileDialog", "Change to list view mode"): "Xem dạng danh sách",
    ("QFileDialog", "Detail View"): "Xem chi tiết",
    ("QFileDialog", "Change to detail view mode"): "Xem dạng chi tiết",
    ("QFileDialog", "Sidebar"): "Thanh bên",
    ("QFileDialog", "List of places and bookmarks"): "Các nơi lưu và dấu trang",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "&Delete"): "&Xoá",
    ("QFileDialog", "Show "): "Hiện ",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp ẩ&n",
    (
        "QFileDialog",
        "%1 already exists.\nDo you want to replace it?",
    ): "%1 đã có.\nThay tệp đó bằng tệp mới?",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."): (
        "%1\nKhông tìm thấy tệp.\nVui lòng kiểm tra lại tên tệp."
    ),
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."): (
        "%1\nKhông tìm thấy thư mục.\nVui lòng kiểm tra lại tên thư mục."
    ),
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Có chắc muốn xoá '%1'?",
    ("QFileDialog", "Could not delete directory."): "Không xoá được thư mục.",
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Cỡ",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QAbstractFileIconProvider", "%1 File"): "Tệp %1",
    # The print dialog
    ("QPrintDialog", "Print"): "In",
    ("QPrintDialog", "&Print"): "&In",
    ("QPrintDialog", "&Options >>"): "&Tuỳ chọn >>",
    ("QPrintDialog", "&Options <<"): "&Tuỳ chọn <<",
    ("QPrintDialog", "All Pages"): "Mọi trang",
    ("QPrintDialog", "Odd Pages"): "Trang lẻ",
    ("QPrintDialog", "Even Pages"): "Trang chẵn",
    ("QPrintDialog", "Local file"): "Tệp trên máy",
    ("QPrintDialog", "Print to File (PDF)"): "In ra tệp (PDF)",
    ("QPrintDialog", "Write PDF file"): "Ghi tệp PDF",
    ("QPrintWidget", "Form"): "Máy in",
    ("QPrintWidget", "Printer"): "Máy in",
    ("QPrintWidget", "&Name:"): "&Tên:",
    ("QPrintWidget", "P&roperties"): "Thuộc &tính",
    ("QPrintWidget", "Location:"): "Vị trí:",
    ("QPrintWidget", "Preview"): "Xem trước",
    ("QPrintWidget", "Type:"): "Loại:",
    ("QPrintWidget", "Output &file:"): "&Tệp ra:",
    ("QPrintSettingsOutput", "Form"): "Tuỳ chọn",
    ("QPrintSettingsOutput", "Copies"): "Số bản",
    ("QPrintSettingsOutput", "Copies:"): "Số bản:",
    ("QPrintSettingsOutput", "Collate"): "Xếp theo bộ",
    ("QPrintSettingsOutput", "Reverse"): "In ngược thứ tự",
    ("QPrintSettingsOutput", "Print range"): "Phạm vi in",
    ("QPrintSettingsOutput", "Print all"): "In tất cả",
    ("QPrintSettingsOutput", "Pages from"): "Từ trang",
    ("QPrintSettingsOutput", "to"): "đến",
    ("QPrintSettingsOutput", "Pages"): "Các trang",
    ("QPrintSettingsOutput", "Current Page"): "Trang hiện tại",
    ("QPrintSettingsOutput", "Selection"): "Phần đã chọn",
    ("QPrintSettingsOutput", "Page &Set:"): "&Nhóm trang:",
    ("QPrintSettingsOutput", "Options"): "Tuỳ chọn",
    ("QPrintSettingsOutput", "Output Settings"): "Thiết lập khi in",
    ("QPrintSettingsOutput", "Color Mode"): "Chế độ màu",
    ("QPrintSettingsOutput", "Color"): "Màu",
    ("QPrintSettingsOutput", "Grayscale"): "Đen trắng",
    ("QPrintSettingsOutput", "Double Sided Printing"): "In hai mặt",
    ("QPrintSettingsOutput", "Off"): "Tắt",
    ("QPrintSettingsOutput", "Long side binding"): "Lật theo cạnh dài",
    ("QPrintSettingsOutput", "Short side binding"): "Lật theo cạnh ngắn",
    (
        "QPrintSettingsOutput",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by "
        "a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.",
    ): (
        "Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; một khoảng trang là hai số nối bằng "
        "dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9."
    ),
    # The printer's properties ("Thuộc tính"): paper, layout, job
    ("QPrintPropertiesDialog", "Printer Properties"): "Thuộc tính máy in",
    ("QPrintPropertiesDialog", "Job Options"): "Tuỳ chọn lệnh in",
    ("QPrintPropertiesWidget", "Form"): "Thuộc tính",
    ("QPrintPropertiesWidget", "Page"): "Trang",
    ("QPrintPropertiesWidget", "Advanced"): "Nâng cao",
    ("QPrintPropertiesWidget", "There are conflicts in some options. Please fix them."): (
        "Một số tuỳ chọn mâu thuẫn nhau. Vui lòng sửa lại."
    ),
    ("QPageSetupWidget", "Form"): "Trang",
    ("QPageSetupWidget", "Paper"): "Giấy",
    ("QPageSetupWidget", "Page size:"): "Khổ giấy:",
    ("QPageSetupWidget", "Width:"): "Rộng:",
    ("QPageSetupWidget", "Height:"): "Cao:",
    ("QPageSetupWidget", "Paper source:"): "Khay giấy:",
    ("QPageSetupWidget", "Custom"): "Tuỳ chỉnh",
    ("QPageSetupWidget", "Orientation"): "Hướng giấy",
    ("QPageSetupWidget", "Portrait"): "Dọc",
    ("QPageSetupWidget", "Landscape"): "Ngang",
    ("QPageSetupWidget", "Reverse portrait"): "Dọc, đảo ngược",
    ("QPageSetupWidget", "Reverse landscape"): "Ngang, đảo ngược",
    ("QPageSetupWidget", "Margins"): "Lề",
    ("QPageSetupWidget", "top margin"): "lề trên",
    ("QPageSetupWidget", "bottom margin"): "lề dưới",
    ("QPageSetupWidget", "left margin"): "lề trái",
    ("QPageSetupWidget", "right margin"): "lề phải",
    ("QPageSetupWidget", "Page Layout"): "Bố cục trang",
    ("QPageSetupWidget", "Pages &per sheet:"): "Số &trang mỗi tờ:",
    ("QPageSetupWidget", "Page &order:"): "Thứ tự &trang:",
    ("QPageSetupWidget", "Millimeters (mm)"): "Milimét (mm)",
    ("QPageSetupWidget", "Inches (in)"): "Inch (in)",
    ("QPageSetupWidget", "Points (pt)"): "Point (pt)",
    ("QPrintDialog", "Left to Right, Top to Bottom"): "Trái sang phải, trên xuống dưới",
    ("QPrintDialog", "Left to Right, Bottom to Top"): "Trái sang phải, dưới lên trên",
    ("QPrintDialog", "Right to Left, Top to Bottom"): "Phải sang trái, trên xuống dưới",
    ("QPrintDialog", "Right to Left, Bottom to Top"): "Phải sang trái, dưới lên trên",
    ("QPrintDialog", "Top to Bottom, Left to Right"): "Trên xuống dưới, trái sang phải",
    ("QPrintDialog", "Top to Bottom, Right to Left"): "Trên xuống dưới, phải sang trái",
    ("QPrintDialog", "Bottom to Top, Left to Right"): "Dưới lên trên, trái sang phải",
    ("QPrintDialog", "Bottom to Top, Right to Left"): "Dưới lên trên, phải sang trái",
    ("QCupsJobWidget", "Job"): "Lệnh in",
    ("QCupsJobWidget", "Job Control"): "Điều khiển lệnh in",
    ("QCupsJobWidget", "Scheduled &printing:"): "&Hẹn giờ in:",
    ("QCupsJobWidget", "Print Immediately"): "In ngay",
    ("QCupsJobWidget", "Hold Indefinitely"): "Giữ lại, chưa in",
    ("QCupsJobWidget", "Day (06:00 to 17:59)"): "Ban ngày (06:00 đến 17:59)",
    ("QCupsJobWidget", "Night (18:00 to 05:59)"): "Ban đêm (18:00 đến 05:59)",
    ("QCupsJobWidget", "Second Shift (16:00 to 23:59)"): "Ca hai (16:00 đến 23:59)",
    ("QCupsJobWidget", "Third Shift (00:00 to 07:59)"): "Ca ba (00:00 đến 07:59)",
    ("QCupsJobWidget", "Weekend (Saturday to Sunday)"): "Cuối tuần (thứ Bảy và Chủ nhật)",
    ("QCupsJobWidget", "Specific Time"): "Giờ cụ thể",
    ("QCupsJobWidget", "&Billing information:"): "Thông tin &tính phí:",
    ("QCupsJobWidget", "Job &priority:"): "Mức &ưu tiên:",
    ("QCupsJobWidget", "Banner Pages"): "Trang bìa",
    ("QCupsJobWidget", "&Start:"): "Đầ&u:",
    ("QCupsJobWidget", "&End:"): "&Cuối:",
    ("QCupsJobWidget", "None"): "Không",
    ("QCupsJobWidget", "Standard"): "Tiêu chuẩn",
    ("QCupsJobWidget", "Unclassified"): "Không phân loại",
    ("QCupsJobWidget", "Confidential"): "Bảo mật",
    ("QCupsJobWidget", "Classified"): "Hạn chế",
    ("QCupsJobWidget", "Secret"): "Mật",
    ("QCupsJobWidget", "Top Secret"): "Tối mật",
    ("QTabBar", "Scroll Left"): "Cuộn sang trái",
    ("QTabBar", "Scroll Right"): "Cuộn sang phải",
}

# Asked by these dialogs and right as they are in every language: shortcut keys, paper names, a
# placeholder, typographic units, and Qt's layout direction (which must stay "LTR"). Whole contexts kept as
# they are: the names of keys (QShortcut), which Qt also reads back when it parses a shortcut, and the
# international names of paper sizes (QPageSize).
AS_IS_CONTEXTS: frozenset[str] = frozenset({"QShortcut", "QPageSize"})  # keys; paper sizes (A4, B5, DL)
AS_IS: frozenset[tuple[str, str]] = frozenset(
    {
        ("QFileDialog", "Alt+Left"),
        ("QFileDialog", "Alt+Right"),
        ("QFileDialog", "Alt+Up"),
        ("QPrintWidget", "..."),
        ("QPageSetupWidget", "mm"),
        ("QPageSetupWidget", "Cicero (CC)"),
        ("QPageSetupWidget", "Didot (DD)"),
        ("QPageSetupWidget", "Pica (P̸)"),
        *(
            ("QPrintDialog", f"{n} ({shape})")
            for n, shape in ((1, "1x1"), (2, "2x1"), (4, "2x2"), (6, "2x3"), (9, "3x3"), (16, "4x4"))
        ),
        ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    }
)


class QtStrings(QTranslator):
    """Qt's strings in the window's current language (Vietnamese from `VI`; English is Qt's own)."""

    def __init__(self, lang_of: Callable[[], Lang], parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._lang_of = lang_of

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """None (a null string to Qt) when not in the table: Qt keeps its English. "" would blank the text."""
        if self._lang_of() != "vi":
            return None
        return VI.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_qt_strings(app: QCoreApplication, lang_of: Callable[[], Lang]) -> QtStrings:
    """Put Qt's Vietnamese in place for the rest of the run; dialogs opened later use the language then."""
    strings = QtStrings(lang_of, app)
    app.installTranslator(strings)
    return strings
