"""The attachment page with bad files: each refused with its message, nothing kept, the screen responsive."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.documents import MEDIA_TYPES, Upload, prepare_upload
from kiosk.errors import KioskError
from kiosk.store import Dossier
from tests.unit.test_documents import BAD_FILES, jpeg, pdf
from ui.context import AppContext
from ui.journey import attach_flow
from ui.journey.attachment import AttachmentInput
from ui.journey.question_page import QuestionPage
from ui.main_window import MainWindow
from ui.services import Services

KHAI_SINH, SCAN_PAGE = "1.001193", "birth_notice_scan"
CHUNG_THUC, ORIGINAL_PAGE = "2.000815", "original_scan"  # accepts PDF only


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    config = Config(mode="post_office", scanner_folder=str(tmp_path / "scans"))
    services = Services(config=config, data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


class Files:
    """The chooser a test hands the journey: it returns whatever file the test put next."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(exist_ok=True)
        self.next: Path | None = None

    def put(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        self.next = path
        return path

    def __call__(self, _parent: QWidget, _title: str, _filter: str) -> str | None:
        return str(self.next) if self.next is not None else None


def open_attachment_page(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    files: Files,
    code: str,
    page_id: str,
) -> tuple[MainWindow, QuestionPage, AttachmentInput]:
    window = make_window(context=context)
    window.file_chooser = files
    window.start_journey(code)
    journey = window.journey
    assert journey is not None
    journey.journey.goto(page_id)
    journey.show_current()
    page = journey.current_page()
    assert isinstance(page, QuestionPage) and isinstance(page.input, AttachmentInput)
    context.tasks.wait_idle()  # the draft exists
    return window, page, page.input


def dossier(context: AppContext, window: MainWindow) -> Dossier:
    assert window.journey is not None
    ref = window.journey.client_ref
    return context.tasks.run_store(lambda store: store.get_dossier(ref)).result()


def click(widget: QWidget) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def expected_message(data: bytes, accept: tuple[str, ...]) -> str:
    with pytest.raises(KioskError) as refused:
        prepare_upload(data, accept)
    return refused.value.message("vi")


def test_every_bad_file_is_refused_on_the_page_and_nothing_is_kept(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    files.put("giay-chung-sinh.jpg", jpeg())
    click(box.choose)
    qtbot.waitUntil(box.preview.isVisible)
    kept = dossier(context, window).attachments
    assert [a.filename for a in kept] == ["giay-chung-sinh.jpg"]
    tried = 0
    for index, bad in enumerate(b for b in BAD_FILES if b.accept == MEDIA_TYPES):
        data = bad.make()
        files.put(f"{index:02d}-{bad.filename}", data)
        message = expected_message(data, MEDIA_TYPES)
        page.clear_problems()
        click(box.choose)
        qtbot.waitUntil(page.summary.isVisible, timeout=10_000)
        assert message in page.summary.accessibleDescription(), bad.name
        assert box.preview.isVisible() and "giay-chung-sinh.jpg" in box.info_label.text(), bad.name
        assert box.status.text() == ""  # no "Đang kiểm tra…" left behind
        assert dossier(context, window).attachments == kept, bad.name
        tried += 1
    assert tried >= 35
    # The next click still works: a good file replaces the first, and only it is kept.
    files.put("giay-chung-sinh-2.pdf", pdf(2))
    page.clear_problems()
    click(box.choose)
    qtbot.waitUntil(lambda: "giay-chung-sinh-2.pdf" in box.info_label.text())
    assert "2 trang" in box.info_label.text()
    names = ["giay-chung-sinh-2.pdf"]
    qtbot.waitUntil(lambda: [a.filename for a in dossier(context, window).attachments] == names)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "too_large"])
def test_a_pick_that_is_no_document_file_or_too_large_is_refused_at_once_without_reading_it(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path, kind: str
) -> None:
    """A FIFO would block the worker for ever, /dev/zero never ends, 2 GB would be read whole: the same
    bounded reader as `kiosk import` (kiosk.import_files.read_named_file) refuses each before reading."""
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        files.next = files.folder / "giay-to.pdf"
        os.mkfifo(files.next)
        expected = "không phải là một tệp giấy tờ"
    elif kind == "device":
        if not Path(os.devnull).exists() or os.name != "posix":
            pytest.skip("no /dev/zero here")
        files.next = Path("/dev/zero")
        expected = (
            "Mục đã chọn (/dev/zero) không phải là một tệp giấy tờ (đó là thư mục, thiết bị hoặc ống dẫn)"
        )
    elif kind == "folder":
        files.next = files.folder / "ho-so"
        files.next.mkdir()
        expected = "không phải là một tệp giấy tờ"
    else:
        files.next = files.folder / "to.pdf"
        with files.next.open("wb") as big:
            big.truncate(2 << 30)  # 2 GB, sparse: no disk used
        expected = "Tệp nặng 2048 MB, quá giới hạn 20 MB."
    click(box.choose)
    qtbot.waitUntil(page.summary.isVisible, timeout=10_000)
    assert expected in page.summary.accessibleDescription()
    assert box.status.text() == "Chưa chọn tệp nào."  # the check is over: no "Đang kiểm tra tệp…"
    assert dossier(context, window).attachments == []
    # The page is not stuck: a good file is taken next.
    files.put("giay-chung-sinh.jpg", jpeg())
    page.clear_problems()
    click(box.choose)
    qtbot.waitUntil(box.preview.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: len(dossier(context, window).attachments) == 1)


def test_a_type_the_document_does_not_take_is_refused(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, CHUNG_THUC, ORIGINAL_PAGE)
    files.put("ban-chinh.pdf", jpeg())  # a photo named .pdf, for a document that takes only PDF
    click(box.choose)
    qtbot.waitUntil(page.summary.isVisible)
    assert "Giấy tờ này chỉ nhận tệp PDF" in page.summary.accessibleDescription()
    assert dossier(context, window).attachments == []


def test_checking_runs_off_the_screen_thread_and_the_page_keeps_reacting(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    context: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    release = threading.Event()
    threads: list[bool] = []

    def slow_check(data: bytes, accept: tuple[str, ...], *, photo: bool = False) -> Upload:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)  # a very slow check: the screen must not wait for it
        return prepare_upload(data, accept, photo=photo)

    monkeypatch.setattr(attach_flow, "prepare_upload", slow_check)
    files.put("bom.png", next(b for b in BAD_FILES if b.name == "png-bomb").make())
    click(box.choose)
    qtbot.waitUntil(lambda: threads == [False])  # on a worker thread
    assert box.status.text() == "Đang kiểm tra tệp…"
    # While it runs, the page answers: Continue without a file says a file is needed.
    click(page.next_button)
    QApplication.processEvents()
    assert page.summary.isVisible() and "Chọn tệp" in page.summary.accessibleDescription()
    click(box.choose)  # a second file while one is checked is ignored, not doubled
    release.set()
    qtbot.waitUntil(lambda: "triệu điểm ảnh" in page.summary.accessibleDescription(), timeout=10_000)
    assert threads == [False]
    assert dossier(context, window).attachments == []


# --- the scanner's folder ---------------------------------------------------------------------------------
def test_from_the_scanner_takes_the_newest_scan_and_offers_to_delete_it(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    assert window.journey is not None
    flow = window.journey.attachment_flows[SCAN_PAGE]
    assert flow.scanner is not None
    flow.scanner.interval = 0.01
    click(box.scanner)
    qtbot.waitUntil(page.summary.isVisible)
    assert "Chưa có bản quét nào" in page.summary.accessibleDescription()
    older = scans / "scan-0001.pdf"
    older.write_bytes(pdf(1))
    (scans / "scan-0002.jpg.part").write_bytes(b"half written")  # still being written: never taken
    newest = scans / "scan-0002.pdf"
    newest.write_bytes(pdf(3))
    import os

    os.utime(older, (1_700_000_000, 1_700_000_000))
    flow.scanner.check()  # what the watcher or the poll does when the folder changes
    assert box.note.isVisible() and "Có bản quét mới" in box.note.text()
    page.clear_problems()
    click(box.scanner)
    qtbot.waitUntil(lambda: "scan-0002.pdf" in box.info_label.text())
    assert "3 trang" in box.info_label.text()
    assert box.remove_scan.isVisible() and "không mã hoá" in box.note.text()
    assert newest.exists()  # never deleted without asking
    attachment = dossier(context, window).attachments[0]
    sealed = b"".join(p.read_bytes() for p in (tmp_path / "kiosk").rglob("*") if p.is_file())
    assert newest.read_bytes()[200:260] not in sealed  # the kept copy is encrypted at rest
    assert attachment.filename == "scan-0002.pdf" and attachment.size == newest.stat().st_size
    click(box.remove_scan)
    qtbot.waitUntil(lambda: "Đã xoá bản quét" in box.note.text())
    assert not newest.exists() and older.exists()
    assert not box.remove_scan.isVisible()
    assert len(dossier(context, window).attachments) == 1


def test_once_a_file_is_in_enter_continues(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    """By keyboard: Enter on "Chọn tệp" picks the file; the next Enter goes on (it reopened the chooser)."""
    files = Files(tmp_path / "usb")
    window, page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    files.put("giay-chung-sinh.jpg", jpeg())
    box.choose.setFocus()
    qtbot.keyClick(box.choose, Qt.Key.Key_Return)
    qtbot.waitUntil(box.preview.isVisible, timeout=10_000)
    assert QApplication.focusWidget() is page.next_button
    chosen: list[bool] = []
    files.next = None
    window.file_chooser = lambda *_args: chosen.append(True)  # type: ignore[assignment,return-value]
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert chosen == [] and window.journey is not None and window.journey.current_page() is not page


def test_without_a_scanner_folder_there_is_no_scanner_button_to_send_people_round(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """No "Từ máy quét" that only says there is no scanner, and no camera message pointing to it."""
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    context = AppContext.create(services)
    try:
        files = Files(tmp_path / "usb")
        window, _page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
        assert not box.scanner.isVisible() and box.choose.isVisible() and box.camera.isVisible()
        assert window.journey is not None
        window.journey.camera_factory = lambda _parent: None
        click(box.camera)
        assert box.note.isVisible() and "Từ máy quét" not in box.note.text()
        assert 'Vui lòng bấm "Chọn tệp"' in box.note.text()
    finally:
        context.close()
        services.close()


def test_a_scan_still_being_written_is_waited_for(tmp_path: Path) -> None:
    from ui.scanner_folder import take_newest_scan

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf(1)[:100])
    looks: list[int] = []

    def sleep(_seconds: float) -> None:  # the scanner writes the rest between two looks
        looks.append(scan.stat().st_size)
        if len(looks) == 2:
            scan.write_bytes(pdf(1))

    taken = take_newest_scan(str(tmp_path), interval=0.0, sleep=sleep)
    assert taken.data == pdf(1) and looks[0] == 100
    with pytest.raises(KioskError) as missing:
        take_newest_scan(str(tmp_path / "unplugged"))
    assert missing.value.key == "documents.scanner.no_folder"


# --- the camera -------------------------------------------------------------------------------------------
def test_a_webcam_photo_is_compressed_checked_and_kept(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter

    from ui.camera import FrameSource

    class FakeCamera(FrameSource):
        started = stopped = 0

        def start(self) -> None:
            self.started += 1

        def stop(self) -> None:
            self.stopped += 1

    cameras: list[FakeCamera] = []

    def factory(parent: object) -> FakeCamera:
        cameras.append(FakeCamera())
        return cameras[-1]

    files = Files(tmp_path / "usb")
    window, _page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    assert window.journey is not None
    window.journey.camera_factory = factory
    click(box.camera)
    flow = window.journey.attachment_flows[SCAN_PAGE]
    dialog = flow.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert cameras[0].started == 1 and not dialog.take.isEnabled()  # nothing to keep before a frame
    frame = QImage(1920, 1080, QImage.Format.Format_RGB32)
    frame.fill(QColor("white"))
    painter = QPainter(frame)
    for y in range(60, 1020, 40):
        painter.fillRect(100, y, 1700, 6, QColor("black"))
    painter.end()
    cameras[0].frame.emit(frame)
    assert dialog.take.isEnabled() and dialog.preview.pixmap() is not None
    click(dialog.take)
    assert cameras[0].stopped >= 1
    qtbot.waitUntil(box.preview.isVisible)
    kept = dossier(context, window).attachments
    assert [(a.filename, a.media_type) for a in kept] == [("anh-chup-giay-to.jpg", "image/jpeg")]
    assert kept[0].size < 1024 * 1024


def test_a_webcam_without_frames_or_a_failing_one_says_what_to_do(
    qtbot: Any, make_window: Callable[..., MainWindow], context: AppContext, tmp_path: Path
) -> None:
    from ui.camera import FrameSource

    files = Files(tmp_path / "usb")
    window, _page, box = open_attachment_page(qtbot, make_window, context, files, KHAI_SINH, SCAN_PAGE)
    assert window.journey is not None
    window.journey.camera_factory = lambda _parent: None
    click(box.camera)
    assert box.note.isVisible() and "Máy này không có camera" in box.note.text()
    broken = FrameSource()
    window.journey.camera_factory = lambda _parent: broken
    click(box.camera)
    dialog = window.journey.attachment_flows[SCAN_PAGE].dialog
    qtbot.waitUntil(dialog.isVisible)
    broken.failed.emit()
    assert "Camera không hoạt động" in dialog.status.text() and not dialog.take.isEnabled()
    click(dialog.cancel)
    assert not dialog.isVisible()
    assert dossier(context, window).attachments == []


def test_the_real_camera_factory_finds_no_camera_here() -> None:
    from ui.camera import default_camera

    holder = QWidget()
    assert default_camera(holder) is None  # CI has no camera: the button explains instead of failing
