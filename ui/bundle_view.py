"""A liên thông bundle as a task list: each member with its status, started one after another.

The first member's journey asks the applicant block and the bundle's shared questions; later members
open with those answered (their pages skipped, still on the check page) and the bundle's presets set.
Each member is its own dossier with the bundle's `bundle_ref`, queued when its journey submits; then the
task list comes back with "Đã xong". Sync moving a member (its code, or the portal sending it back:
"Cần sửa") updates the list. When all are filed, one receipt lists every dossier.
"""

from __future__ import annotations

import logging
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.bundle import BundleFiling, MemberTask, TaskStatus
from kiosk.catalog import Catalog
from kiosk.i18n import Lang, t
from ui import theme
from ui.widgets import ScrollPage, button, clear_layout, label, repolish

if TYPE_CHECKING:
    from kiosk.receipt import Receipt
    from kiosk.store import Dossier, Store
    from ui.main_window import MainWindow

log = logging.getLogger("ui.bundle")
ACTION_KEYS = {
    TaskStatus.NOT_STARTED: "bundle.start",
    TaskStatus.IN_PROGRESS: "bundle.continue",
    TaskStatus.NEEDS_FIX: "bundle.fix",
}


def tag_style(high_contrast: bool, scale: int) -> str:
    """Status tags: text in a box (the words carry the status; colour only adds to them)."""
    p = theme.palette_for(high_contrast)
    pad = round(4 * scale / 100)
    return f"""
QLabel[role="task-status"] {{
    border: 2px solid {p.text}; padding: {pad}px {2 * pad}px; font-weight: bold; color: {p.text};
}}
QLabel[role="task-status"][status="needs_fix"] {{ border-color: {p.error}; color: {p.error}; }}
QLabel[role="task-status"][status="done"] {{ background-color: {p.text}; color: {p.background}; }}
"""


class TaskListPage(ScrollPage):
    """The bundle's name, what is asked once, each member (status, reference, action), the receipt."""

    task_requested = Signal(str)  # procedure code
    home_requested = Signal()
    receipt_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bundle-tasks")
        self.lang: Lang = "vi"
        self.back = button("", "link")
        self.back.setObjectName("bundle-home")
        self.back.clicked.connect(self.home_requested.emit)
        self.caption = label("", "muted")
        self.heading = label("", "h1")
        self.heading.setObjectName("bundle-heading")
        self.intro = label("")
        self.shared = label("", "key")
        self.shared.setObjectName("bundle-shared")
        self.progress = label("", "progress")
        self.progress.setObjectName("bundle-progress")
        self.notice = label("", "h3")
        self.notice.setObjectName("bundle-notice")
        self.tasks_box = QVBoxLayout()
        self.tasks_box.setSpacing(12)
        self.receipt = button("", "primary")
        self.receipt.setObjectName("bundle-receipt")
        self.receipt.clicked.connect(self.receipt_requested.emit)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.caption, self.heading, self.intro, self.shared):
            self.body.addWidget(widget)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.notice)
        # Once every member is filed, printing the receipt is what is left to do: it comes first.
        self.body.addWidget(self.receipt, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addLayout(self.tasks_box)
        self.body.addStretch(1)
        self.statuses: dict[str, QWidget] = {}
        self.task_actions: dict[str, QWidget] = {}
        self.references: dict[str, QWidget] = {}

    def set_style(self, high_contrast: bool, scale: int) -> None:
        style = tag_style(high_contrast, scale)
        if style != self.styleSheet():  # re-polishing every row on each refresh is slow
            self.setStyleSheet(style)

    def show_filing(self, filing: BundleFiling, lang: Lang, notice: str = "") -> None:
        self.lang = lang
        bundle = filing.bundle
        self.back.setText(t("bundle.home", lang))
        self.back.setAccessibleName(t("bundle.home_name", lang))
        self.caption.setText(t("bundle.caption", lang))
        self.heading.setText(bundle.name.get(lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("bundle.intro", lang))
        first = filing.procedures[filing.first]
        names = [first.question(q).label.get(lang) for q in bundle.shared]
        self.shared.setText(t("bundle.shared", lang, questions="; ".join(names)))
        done = filing.counts()[TaskStatus.DONE]
        self.progress.setText(t("bundle.progress", lang, done=done, total=len(filing.tasks)))
        text = notice
        if filing.finished:
            text = f"{notice}\n{t('bundle.all_done', lang)}" if notice else t("bundle.all_done", lang)
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))
        clear_layout(self.tasks_box)
        self.statuses, self.task_actions, self.references = {}, {}, {}
        order: list[QWidget] = [self.back, self.receipt] if filing.finished else [self.back]
        for index, task in enumerate(filing.tasks, start=1):
            panel, action = self._task_panel(filing, task, index)
            self.tasks_box.addWidget(panel)
            if action is not None:
                order.append(action)
        self.receipt.setText(t("bundle.receipt", lang))
        self.receipt.setAccessibleName(t("bundle.receipt_name", lang))
        self.receipt.setVisible(filing.finished)
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def _task_panel(
        self, filing: BundleFiling, task: MemberTask, index: int
    ) -> tuple[QFrame, QWidget | None]:
        lang = self.lang
        name = filing.procedures[task.code].name.get(lang)
        status = t(f"bundle.status.{task.status.value}", lang)
        panel = QFrame()
        panel.setProperty("role", "panel")
        panel.setObjectName(f"bundle-task-{task.code}")
        panel.setAccessibleName(t("bundle.task_name", lang, index=index, name=name, status=status))
        column = QVBoxLayout(panel)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        top = QHBoxLayout()
        title = label(t("bundle.task_title", lang, index=index, name=name), "h3")
        tag = label(status, "task-status", wrap=False)
        tag.setObjectName(f"task-status-{task.code}")
        tag.setProperty("status", task.status.value)
        repolish(tag)
        top.addWidget(title, 1)
        top.addWidget(tag, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        self.statuses[task.code] = tag
        if task.reference:
            reference = label(t("bundle.reference", lang, ref=task.reference))
            reference.setObjectName(f"task-reference-{task.code}")
            column.addWidget(reference)
            self.references[task.code] = reference
        if task.status is TaskStatus.NEEDS_FIX:
            column.addWidget(label(t("bundle.needs_fix_note", lang), "error"))
        action: QWidget | None = None
        key = ACTION_KEYS.get(task.status)
        if key is not None and filing.can_start(task.code):
            role = "primary" if filing.next_task() is task else "link"
            action = button(t(key, lang), role, t(f"{key}_name", lang, name=name))
            action.setObjectName(f"task-action-{task.code}")
            action.clicked.connect(lambda _checked=False, c=task.code: self.task_requested.emit(c))
            column.addWidget(action, 0, Qt.AlignmentFlag.AlignLeft)
            self.task_actions[task.code] = action
        elif key is not None:
            column.addWidget(label(t("bundle.locked", lang), "muted"))
        return panel, action

    def arrive(self) -> None:
        self.verticalScrollBar().setValue(0)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        target = next(iter(a for a in self.task_actions.values() if a.property("role") == "primary"), None)
        if self.receipt.isVisibleTo(self):
            target = self.receipt
        (target or self.back).setFocus(Qt.FocusReason.OtherFocusReason)


def load_bundle_receipt(store: Store, catalog: Catalog, filing: BundleFiling, lang: Lang) -> Receipt:
    """Store worker: every member's dossier, then the one receipt that lists them all."""
    from kiosk.receipt import build_bundle_receipt  # the store's models load off the first frame

    members = []
    for task in filing.tasks:
        assert task.client_ref is not None
        members.append((store.get_dossier(task.client_ref), catalog.procedure(task.code)))
    return build_bundle_receipt(filing.bundle.name.get(lang), filing.bundle_ref, members, lang)


class BundleController(QObject):
    """One bundle filing per citizen session: the task list, its members' journeys, the receipt."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.filing: BundleFiling | None = None
        self.page: TaskListPage | None = None
        self.notice = ""
        window.display_did_change.connect(lambda *_args: self.refresh())
        if window.context is not None:
            window.context.events.session_did_end.connect(self.forget)
            window.context.events.dossier_did_change.connect(self._dossier_changed)

    # --- the task list -----------------------------------------------------------------------------
    def open(self, bundle_id: str) -> None:
        """The bundle chosen on the home screen: its task list (the same filing again this session)."""
        catalog = self.window.catalog
        if catalog is None or bundle_id not in catalog.bundles:
            return
        if self.filing is None or self.filing.bundle.id != bundle_id:
            self.filing = BundleFiling.start(catalog, bundle_id)
            self.notice = ""
        self.show_tasks()

    def show_tasks(self) -> None:
        if self.filing is None:
            return
        if self.page is None:
            self.page = TaskListPage()
            self.page.task_requested.connect(self.start_task)
            self.page.home_requested.connect(self.window.show_home)
            self.page.receipt_requested.connect(self.show_receipt)
            self.window.stack.addWidget(self.page)
        self.refresh()
        self.window.stack.setCurrentWidget(self.page)
        self.page.arrive()

    def refresh(self) -> None:
        if self.page is not None and self.filing is not None:
            self.page.set_style(self.window.high_contrast, self.window.scale)
            self.page.show_filing(self.filing, self.window.lang, self.notice)

    def forget(self) -> None:
        """ "Người tiếp theo": the bundle filing was the last citizen's (its dossiers stay queued)."""
        self.filing = None
        self.notice = ""
        if self.page is not None:
            self.window.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None

    # --- members -----------------------------------------------------------------------------------
    def start_task(self, code: str) -> None:
        filing, context = self.filing, self.window.context
        if filing is None or not filing.can_start(code):
            return
        task = filing.task(code)
        current = self.window.journey
        if (
            task.status is TaskStatus.IN_PROGRESS
            and current is not None
            and current.client_ref == task.client_ref
            and not current.submitted
        ):
            self.window.show_journey(current)  # "Tiếp tục" the journey left for the task list
            return
        if task.client_ref is None or context is None:
            self._open(code, None)
            return
        ref, reopen = task.client_ref, task.status is TaskStatus.NEEDS_FIX
        actor = self.window.agents.agent_id() or "kiosk:bundle"

        def load(store: Store) -> Dossier:
            if reopen and store.get_dossier(ref).state.value == "needs_attention":
                store.reopen_for_edit(ref, actor)
            return store.get_dossier(ref)

        context.tasks.run_store(load, lambda dossier: self._open(code, dossier), self._failed)

    def _open(self, code: str, dossier: Dossier | None) -> None:
        filing, window = self.filing, self.window
        if filing is None or window.catalog is None:
            return
        view = window.new_journey(
            code, dossier, bundle_ref=filing.bundle_ref, member=filing.member_start(code)
        )
        filing.started(code, view.client_ref)
        view.back_requested.connect(self.show_tasks)
        view.home_requested.connect(self.show_tasks)
        view.next_person_requested.connect(self.show_tasks)
        view.dossier_did_submit.connect(lambda filed, c=code: self._filed(c, filed))
        self.notice = ""
        window.show_journey(view)

    def _filed(self, code: str, dossier: Dossier) -> None:
        if self.filing is None:
            return
        reference = dossier.dossier_code or dossier.local_ref
        self.filing.filed(code, dossier.applicant, dossier.answers, reference)
        name = self.filing.procedures[code].name.get(self.window.lang)
        key = "bundle.filed" if dossier.dossier_code else "bundle.filed_waiting"
        self.notice = t(key, self.window.lang, name=name, ref=reference)
        self.show_tasks()

    def _failed(self, error: BaseException) -> None:
        log.warning("a bundle member could not be opened: %s", type(error).__name__)
        self.notice = t("bundle.save_failed", self.window.lang)
        self.refresh()

    def _dossier_changed(self, client_ref: str) -> None:
        """Sync sent a member (its code) or the portal sent it back ("Cần sửa"): the list follows."""
        filing, context = self.filing, self.window.context
        if filing is None or context is None or filing.task_of_ref(client_ref) is None:
            return

        def seen(dossier: Dossier) -> None:
            if self.filing is filing:
                summary = dossier.summary
                if filing.observe(client_ref, summary.state, summary.dossier_code):
                    self.refresh()

        context.tasks.run_store(lambda store: store.get_dossier(client_ref), seen)

    # --- the receipt -------------------------------------------------------------------------------
    def show_receipt(self) -> None:
        filing, context = self.filing, self.window.context
        if filing is None or context is None or not filing.finished:
            return
        from ui.receipt import ReceiptPreview

        lang, window = self.window.lang, self.window

        def opened(receipt: Receipt) -> None:
            dialog = ReceiptPreview(
                receipt, window, text_scale=window.scale, high_contrast=window.high_contrast
            )
            dialog.setObjectName("bundle-receipt-preview")
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            # The preview's heading names one dossier's code; a bundle's receipt names the bundle.
            dialog.reference.setText(receipt.procedure_name)
            dialog.reference.setAccessibleName(receipt.procedure_name)
            dialog.note.setText(receipt.procedure_code)
            dialog.note.setVisible(True)
            dialog.open()

        catalog = context.services.catalog
        context.tasks.run_store(
            lambda store: load_bundle_receipt(store, catalog, filing, lang), opened, self._failed
        )


def install_bundles(window: MainWindow) -> BundleController:
    return BundleController(window)
