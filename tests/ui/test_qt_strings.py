"""Qt's own dialogs speak Vietnamese: every string they ask for is in ui/qt_strings.py's table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QPushButton, QWidget

from kiosk.i18n import Lang
from ui import file_dialogs
from ui.qt_strings import AS_IS, AS_IS_CONTEXTS, VI, install_qt_strings


class Recorder(QTranslator):
    """Notes what Qt asks to translate, and translates nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> None:
        self.asked.add((context, source))

    def isEmpty(self) -> bool:
        return False


def _file_dialog(save: bool) -> QFileDialog:
    dialog = QFileDialog(None, "", str(Path.home()), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own: the one a kiosk shows
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog


def _opened(dialog: QDialog) -> QDialog:
    """Qt's own dialogs build and word their widgets when made (showing one offscreen only warns)."""
    QApplication.processEvents()
    return dialog


@pytest.fixture
def lang(qapp: QApplication) -> Iterator[list[Lang]]:
    current: list[Lang] = ["vi"]
    strings = install_qt_strings(qapp, lambda: current[0])
    yield current
    qapp.removeTranslator(strings)


def test_every_string_of_the_file_and_print_dialogs_has_its_vietnamese(qapp: QApplication) -> None:
    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        _opened(_file_dialog(save=False))
        _opened(_file_dialog(save=True))
        printer = QPrinter()  # kept alive: the dialog holds on to it
        _opened(QPrintDialog(printer))
    finally:
        qapp.removeTranslator(recorder)
    assert len(recorder.asked) > 40  # the recorder really saw the dialogs' words
    missing = {
        (context, source)
        for context, source in recorder.asked - VI.keys() - AS_IS
        if context not in AS_IS_CONTEXTS and source  # "" (a file type with no name) has nothing to say
    }
    assert sorted(missing) == []


def test_the_dialogs_follow_the_window_language(lang: list[Lang]) -> None:
    shown = _opened(_file_dialog(save=False))
    labels = {label.text() for label in shown.findChildren(QLabel)}
    assert {"Thư &mục:", "&Tên tệp:", "&Loại tệp:"} <= labels
    assert {"&Mở", "Huỷ"} <= {button.text() for button in shown.findChildren(QPushButton)}
    lang[0] = "en"
    english = _opened(_file_dialog(save=False))
    assert "File &name:" in {label.text() for label in english.findChildren(QLabel)}  # Qt's, not blank
    assert (
        QCoreApplication.translate("QFileDialog", "a string nobody translates")
        == "a string nobody translates"
    )


def test_the_file_dialogs_start_in_the_home_folder_in_the_windows_colours(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    seen: list[tuple[str, str, str]] = []

    def cancelled(dialog: QFileDialog) -> int:
        chosen = dialog.selectedFiles()
        seen.append((dialog.directory().absolutePath(), chosen[0] if chosen else "", dialog.styleSheet()))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QFileDialog, "exec", cancelled)
    window = QWidget()
    qtbot.addWidget(window)
    window.high_contrast, window.scale = True, 200  # type: ignore[attr-defined]  # as MainWindow has them
    assert file_dialogs.choose_save_name(window, "Lưu", "bao-cao.csv", "CSV (*.csv)") is None
    assert file_dialogs.choose_open_file(window, "Chọn tệp", "PDF (*.pdf)") is None
    (save_dir, save_file, sheet), (open_dir, _file, _sheet) = seen
    assert Path(save_dir) == Path.home() and Path(save_file) == Path.home() / "bao-cao.csv"
    assert Path(open_dir) == Path.home()  # not the app's working directory, beside its data
    assert "#000000" in sheet and "font-size: 27.0pt" in sheet  # high contrast, text capped at 150 %


def test_the_print_dialog_offers_no_print_to_file(qapp: QApplication, qtbot: Any) -> None:
    """With no printer, "In ra tệp (PDF)" was the default: "In" left an unencrypted receipt on disk."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog

    from ui.printing import print_dialog

    parent = QWidget()
    qtbot.addWidget(parent)
    printer = QPrinter()
    dialog = print_dialog(printer, parent)
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)


def test_qt_dialog_words_keep_the_house_rules() -> None:
    # A resident may meet the file and print dialogs alone: no "Bạn có chắc…", no "Hãy kiểm tra…".
    from kiosk import wording

    found = {source: (vi, wording.problems(vi)) for (_, source), vi in VI.items() if wording.problems(vi)}
    assert found == {}
