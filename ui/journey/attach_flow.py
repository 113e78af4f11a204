"""One attachment page's sources — a file, the scanner's folder, the webcam — checked, kept sealed, previewed.

Reading and checking run on a network worker (a 20 MB scan, a bomb or a 200-page PDF never freezes the
screen); only a file that passed every check reaches the store worker, which keeps it encrypted. A bad
file is refused with its message on the page's error summary and the dossier does not change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.answers import FieldProblem
from kiosk.documents import MEDIA_TYPES, Upload, prepare_upload, read_document_file, upload_filename
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.journey import Journey, Page
from kiosk.store import Store
from ui.camera import CameraDialog, CameraFactory, image_bytes
from ui.file_dialogs import OpenChooser
from ui.journey.attachment import AttachmentInput, Stored
from ui.scanner_folder import ScannerFolder, remove_scan

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.journey.question_page import QuestionPage

log = logging.getLogger("ui.journey.attach")


class AttachmentHost(Protocol):
    """What the flow needs from the journey view."""

    context: AppContext | None
    lang: Lang
    client_ref: str
    journey: Journey
    chooser: OpenChooser
    camera_factory: CameraFactory
    pages: dict[str, QuestionPage]


@dataclass(frozen=True)
class Source:
    """Bytes from one of the three sources, before any check."""

    data: bytes
    filename: str
    photo: bool = False  # from the camera: always re-encoded as a compact JPEG
    scan_path: Path | None = None  # from the scanner's folder: offered for deletion once kept


@dataclass(frozen=True)
class Candidate:
    """A file that passed every check, ready for the store worker."""

    upload: Upload
    filename: str
    scan_path: Path | None


def read_file(path: Path) -> Source:
    """Worker: a chosen file's bytes (kiosk.import_files.read_named_file: a regular file only, opened
    without blocking, a file too large refused from its size before any byte is read)."""
    return Source(read_document_file(path), path.name)


def check_source(load: Callable[[], Source], accept: tuple[str, ...]) -> Candidate:
    """Worker: load, check by content, shrink photos; KioskError says what is wrong and what to do."""
    source = load()
    upload = prepare_upload(source.data, accept, photo=source.photo)
    return Candidate(upload, upload_filename(source.filename, upload), source.scan_path)


def keep(store: Store, client_ref: str, doc_type: str, candidate: Candidate) -> Stored:
    """Store worker: keep a checked file sealed."""
    upload = candidate.upload
    info = store.add_attachment(client_ref, doc_type, upload.data, candidate.filename, upload.info.media_type)
    return Stored(info, upload.data, upload.info.pages)


class AttachmentFlow(QObject):
    """Wires one AttachmentInput to its sources and to the store; at most one file is in flight."""

    def __init__(self, host: AttachmentHost, page: Page, box: AttachmentInput) -> None:
        super().__init__(box)
        self.host, self.page, self.box = host, page, box
        self.busy = False
        self.scan_path: Path | None = None
        context = host.context
        folder = context.services.config.scanner_folder if context is not None else ""
        self.scanner = ScannerFolder(folder, parent=self) if folder else None
        if self.scanner is not None:
            self.scanner.new_scan.connect(self._new_scan)
        box.scanner.setVisible(self.scanner is not None)  # no "Từ máy quét" that can only say there is none
        box.choose_requested.connect(self.choose_file)
        box.scanner_requested.connect(self.from_scanner)
        box.camera_requested.connect(self.from_camera)
        box.remove_requested.connect(self.remove_file)
        box.remove_scan_requested.connect(self.remove_scan)
        existing = host.journey.attachments_for(page.id)
        if existing:
            info = existing[-1]
            box.show_file(info)
            if context is not None:
                context.tasks.run_store(
                    lambda store: store.read_attachment(info.id), lambda data: box.show_file(info, data)
                )

    # --- the three sources --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        if self.busy or self.host.context is None:
            return
        lang = self.host.lang
        path = self.host.chooser(
            self.box, t("journey.attach.dialog_title", lang), t("journey.attach.dialog_filter", lang)
        )
        if path:
            self.attach(lambda: read_file(Path(path)))

    def from_scanner(self) -> None:
        if self.busy or self.host.context is None:
            return
        scanner = self.scanner
        if scanner is None:
            self.box.say("documents.scanner.off")
            return

        def load() -> Source:
            scan = scanner.take_newest()
            return Source(scan.data, scan.path.name, scan_path=scan.path)

        self.attach(load, busy_key="documents.scanner.waiting")

    def from_camera(self) -> None:
        if self.busy or self.host.context is None:
            return
        source = self.host.camera_factory(self.box)
        if source is None:
            self.box.say("documents.camera.none_scanner" if self.scanner else "documents.camera.none")
            return
        self.box.say(None)
        window = self.box.window()  # the main window knows the person's text size and contrast
        high_contrast = bool(getattr(window, "high_contrast", False))
        scale = int(getattr(window, "scale", 100))
        dialog = CameraDialog(source, self.host.lang, high_contrast=high_contrast, scale=scale, parent=window)
        dialog.captured.connect(self._photo_taken)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        self.dialog = dialog  # tests look at it

    def _photo_taken(self, image: QImage) -> None:
        name = t("documents.camera.filename", self.host.lang)
        self.attach(lambda: Source(image_bytes(image), name, photo=True))

    def _new_scan(self) -> None:
        if not self.busy and self.box.isVisible():
            self.box.say("documents.scanner.new_scan")

    # --- checking and keeping -----------------------------------------------------------------------------
    def attach(self, load: Callable[[], Source], *, busy_key: str = "documents.checking") -> None:
        """Check `load`'s bytes off the UI thread; keep them sealed only when they pass."""
        context, question = self.host.context, self.page.question
        if context is None or question is None or question.doc_type is None:
            return
        self.busy = True
        self.box.say(None)
        self.box.set_busy(busy_key)
        accept = question.accept or MEDIA_TYPES
        doc_type, ref = question.doc_type, self.host.client_ref

        def checked(candidate: Candidate) -> None:
            self.box.set_busy("journey.attach.saving")
            context.tasks.run_store(
                lambda store: keep(store, ref, doc_type, candidate),
                lambda stored: self._kept(stored, candidate.scan_path),
                self._refused,
            )

        context.tasks.run_network(lambda: check_source(load, accept), checked, self._refused)

    def _kept(self, stored: Stored, scan_path: Path | None) -> None:
        self.busy = False
        previous = self.box.attachment()
        self.host.journey.add_attachment(stored.info)
        self.box.show_file(stored.info, stored.data, stored.pages)
        page = self.host.pages[self.page.id]
        page.clear_problems()
        focused = QApplication.focusWidget()
        if focused is not None and page.isAncestorOf(focused):
            # The file is in: the next Enter continues (on "Thay tệp khác" it opened the chooser again).
            page.next_button.setFocus(Qt.FocusReason.OtherFocusReason)  # the window scrolls to it
        if previous is not None:  # "Thay tệp khác": the new file is safe, so the old one goes
            self.remove_file(previous.id, show=False)
        self.scan_path = scan_path
        self.box.offer_remove_scan(scan_path is not None)
        if self.host.context is not None:
            self.host.context.events.dossier_did_change.emit(self.host.client_ref)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.box.set_idle()
        if isinstance(error, KioskError):
            problem = FieldProblem.of(self.page.id, error)
        else:  # never the file's name or content in the log: only what kind of failure
            log.warning("attachment for %s not kept: %s", self.host.client_ref, type(error).__name__)
            problem = FieldProblem(self.page.id, "journey.attach.unreadable")
        self.host.pages[self.page.id].show_problems([problem])

    # --- removing -----------------------------------------------------------------------------------------
    def remove_file(self, attachment_id: str, *, show: bool = True) -> None:
        self.host.journey.remove_attachment(attachment_id)
        if show:
            self.box.clear_file()
            self.box.offer_remove_scan(False)
            self.box.focus_first()
        if self.host.context is not None:
            self.host.context.tasks.run_store(lambda store: store.delete_attachment(attachment_id))

    def remove_scan(self) -> None:
        """Delete the scanner's plain-text copy (the sealed one in the dossier stays)."""
        path, context = self.scan_path, self.host.context
        if path is None or context is None:
            return
        self.scan_path = None
        self.box.remove_scan.setVisible(False)
        context.tasks.run_network(
            lambda: remove_scan(path),
            lambda _none: self.box.say("documents.scanner.removed"),
            lambda _error: self.box.say("documents.scanner.remove_failed"),
        )
