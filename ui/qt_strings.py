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
    ): "%1 đã có.\nBạn có muốn thay tệp đó không?",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."): (
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
    ),
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."): (
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
    ),
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Bạn có chắc muốn xoá '%1'?",
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
    ("QTabBar", "Scroll Left"): "Cuộn sang trái",
    ("QTabBar", "Scroll Right"): "Cuộn sang phải",
}

# Asked by these dialogs and right as they are in every language: shortcut keys, paper names, a
# placeholder, and Qt's layout direction (which must stay "LTR"). Whole contexts kept as they are: the
# names of keys (QShortcut), which Qt also reads back when it parses a shortcut.
AS_IS_CONTEXTS: frozenset[str] = frozenset({"QShortcut"})
AS_IS: frozenset[tuple[str, str]] = frozenset(
    {
        ("QFileDialog", "Alt+Left"),
        ("QFileDialog", "Alt+Right"),
        ("QFileDialog", "Alt+Up"),
        ("QPrintWidget", "..."),
        ("QPageSize", "A4"),
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
