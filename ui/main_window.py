"""The kiosk window: header (language, text size, contrast), training banner, screens, status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import SELF_SERVICE
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from ui import focus_order, theme
from ui.home import HomePage
from ui.widgets import FlowLayout, ScrollPage, button, enable_touch_scrolling, label

if TYPE_CHECKING:  # the catalog and what needs it load after the first frame when they can (set_catalog)
    from kiosk.catalog import Catalog
    from kiosk.home_list import CardGroup
    from kiosk.store import Dossier
    from ui.context import AppContext
    from ui.journey import JourneyView
    from ui.prepare import PreparePage

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: a fixed offset is exact
MIN_WIDTH, MIN_HEIGHT = 1024, 640  # fits a 1366×768 screen with its task bar


class MainWindow(QMainWindow):
    """One window per run, built by the composition root; nothing reaches it through globals."""

    display_did_change = Signal(str, int, bool)  # lang, text scale %, high contrast: for saving
    journey_did_open = Signal(object)  # a JourneyView just shown (session reuse offers its prefill)

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        lang: Lang = "vi",
        text_scale: int = 100,
        high_contrast: bool = False,
        training: bool = False,
        context: AppContext | None = None,
        features: bool = True,
    ) -> None:
        """`features=False` leaves the header actions, agents, bundles, events and reuse for
        `install_features()`: the app calls it once the home screen has painted (fast start)."""
        super().__init__()
        # The app sets it just after the first frame (ui.app); None only until then, and in screen tests
        # that need no store or network.
        self.context = context
        self.lang: Lang = lang
        self.scale = theme.clamp_scale(text_scale)
        self.high_contrast = high_contrast
        self.training = training
        self.catalog: Catalog | None = None
        self.home: HomePage | None = None
        self.prepare: PreparePage | None = None
        self.journey: JourneyView | None = None
        self._chosen_early: str | None = None  # a card pressed on the kept home before the catalog was in
        self.file_chooser: Callable[[QWidget, str, str], str | None] | None = None  # tests inject one
        self._online: bool | None = None
        self._queue = 0
        self._disk_full = False  # the last save or sync found the storage full
        self._last_sync: datetime | None = None
        self._load_error: BaseException | None = None
        self._load_error_title = "ui.load_failed_title"
        self._load_error_self_service = False
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        central = QWidget()
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header())
        self.banner = label("", "banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setVisible(training)
        column.addWidget(self.banner)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        # Built when first shown: most starts paint the home screen first and never show either.
        self.loading: ScrollPage | None = None  # "Đang tải…" while a slow catalog loads (show_loading)
        self.error_page: ScrollPage | None = None  # the catalog failed to load (show_load_error)
        column.addWidget(self._build_status())
        self.setCentralWidget(central)
        self._apply_style()
        self._retranslate()
        self._features = False
        if features:
            self.install_features()
        if catalog is not None:
            self.set_catalog(catalog)

    def install_features(self) -> None:
        """The parts beyond finding a procedure; once (later calls do nothing)."""
        if self._features:
            return
        self._features = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        enable_touch_scrolling(self)
        from ui.reports import install_reports  # "Báo cáo" in the header (assisted modes), retention

        self.reports = install_reports(self)
        from ui.find_dossier import install_tracking  # "Tra cứu hồ sơ", "Hồ sơ cần bổ sung" (assisted)

        self.tracking = install_tracking(self)
        from ui.agent_sign_in import install_agents  # agent sign-in, name and "Đăng xuất", idle lock

        self.agents = install_agents(self)
        from ui.bundle_view import install_bundles  # liên thông bundles as task lists
        from ui.reuse import install_reuse  # what the citizen gave, reused in this session with consent

        self.bundles = install_bundles(self)
        self.reuse = install_reuse(self)
        from ui.event_mode import install_event_mode  # volunteer events (community team) and their tally

        self.event_mode = install_event_mode(self)
        from ui.keyboard import install_keyboard  # on-screen keyboard under the pages (touch terminals)

        self.keyboard = install_keyboard(self)
        from ui.speech import install_read_aloud  # "Đọc to" on the questions, check and confirmation

        self.read_aloud = install_read_aloud(self)

    # -- building -----------------------------------------------------------------------------
    def _build_header(self) -> QFrame:
        self.header = QFrame()
        self.header.setProperty("role", "header")
        self._header_grid = QGridLayout(self.header)
        self._header_grid.setContentsMargins(24, 8, 24, 8)
        self._header_grid.setHorizontalSpacing(16)
        self._header_grid.setVerticalSpacing(6)
        self.title = label("", wrap=False)
        self.controls = QWidget()
        row = FlowLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.lang_button = button("", "chrome")
        self.smaller_button = button("", "chrome")
        self.scale_label = label("", wrap=False)
        self.larger_button = button("", "chrome")
        self.contrast_button = button("", "chrome")
        self.contrast_button.setCheckable(True)
        self.contrast_button.setChecked(self.high_contrast)
        # A−, the size and A+ wrap as one: split over two lines they would read as unrelated.
        text_size = QWidget()
        text_size_row = QHBoxLayout(text_size)
        text_size_row.setContentsMargins(0, 0, 0, 0)
        text_size_row.setSpacing(10)
        for part in (self.smaller_button, self.scale_label, self.larger_button):
            text_size_row.addWidget(part)
        for control in (self.lang_button, text_size, self.contrast_button):
            row.addWidget(control)
        self.lang_button.clicked.connect(self._switch_language)
        self.smaller_button.clicked.connect(lambda: self.set_text_scale(self.scale - 25))
        self.larger_button.clicked.connect(lambda: self.set_text_scale(self.scale + 25))
        self.contrast_button.toggled.connect(self.set_high_contrast)
        from ui.header import HeaderFolding  # one row at 100 %, two at most above; the rest behind "Thêm"

        self.header_folding = HeaderFolding(self)
        row.addWidget(self.header_folding.more)
        self.header_folding.fit()
        # A control shown or hidden later (the session's buttons, an agent's name) changes what fits
        # beside the title: its layout request is the moment to look again.
        self.controls.installEventFilter(self)
        return self.header

    def _build_status(self) -> QFrame:
        self.status = QFrame()
        self.status.setProperty("role", "status")
        row = QHBoxLayout(self.status)
        row.setContentsMargins(24, 6, 24, 6)
        row.setSpacing(16)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.status_label = label("", wrap=True)
        # What "Gửi ngay" did (ui/sync_runner.py), until the next press; hidden before the first.
        self.status_note = label("", wrap=True)
        self.status_note.setObjectName("status-note")
        self.status_note.setVisible(False)
        column.addWidget(self.status_label)
        column.addWidget(self.status_note)
        row.addLayout(column, 1)
        # "Gửi ngay" (agents and volunteers, while something waits): the sync runner shows and drives it.
        self.send_now_button = button("", "secondary")
        self.send_now_button.setObjectName("status-send-now")
        self.send_now_button.setVisible(False)
        self._send_now_busy = False
        row.addWidget(self.send_now_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return self.status

    def add_header_button(self, widget: QWidget) -> None:
        """Put an action (reports, finding a dossier) first among the header's controls; they wrap."""
        layout = self.controls.layout()
        assert isinstance(layout, FlowLayout)
        layout.insertWidget(0, self.header_folding.slot(widget))  # folds behind "Thêm" when short of room
        self._fit_header()
        # Tab takes the controls in their order on screen (focus_order), though each was made last.

    def _fit_header(self) -> None:
        """The title beside the controls only when all fits one row; see ui/header.py."""
        self.header_folding.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.controls and event.type() == QEvent.Type.LayoutRequest:
            self._fit_header()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def focus_order(self) -> list[QWidget]:
        """Tab's stops now: the page's content and its own actions, then the header's controls as shown
        (the session's buttons first, then language, text size, contrast), and round again."""
        controls = self.controls.layout()
        assert controls is not None
        return focus_order.page_order(self.stack.currentWidget()) + focus_order.layout_order(controls)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go through `focus_order` (see ui/focus_order.py), not the order in which
        the widgets happened to be made; from anywhere else (a cover over the screens) Qt's chain."""
        target = focus_order.step(self.focus_order(), next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Wherever the focus goes on a page (Tab from the header, a choice made, an error's link), it
        is on screen: Qt scrolls a page only when Tab moves within it, and the cursor went on to a ward
        box or a street box below the screen while a person typed."""
        if new is None or new.window() is not self:
            return
        page = new.parentWidget()
        while page is not None and not isinstance(page, ScrollPage):
            page = page.parentWidget()
        if page is not None:
            page.ensureWidgetVisible(new)

    # -- content ------------------------------------------------------------------------------
    def show_kept_home(self, kept: CardGroup) -> None:
        """The home screen before the catalog has loaded, its list the first category as the last start
        kept it (`kept`, in this window's language): the app's first frame. set_catalog completes it."""
        self._put_home(HomePage(None, self.lang, self.scale, kept=kept))
        self.show_home()

    def set_catalog(self, catalog: Catalog, *, first_frame: bool = False) -> None:
        """Show the home screen for `catalog` (called once it has loaded, off the first frame).

        `first_frame`: it is the app's first screen; see HomePage. A home shown by show_kept_home is
        completed where it is (what a person typed meanwhile stays), not rebuilt."""
        from ui.prepare import PreparePage

        kept = self.home is not None and self.home.catalog is None
        self.catalog = catalog
        if self.prepare is not None:
            self.stack.removeWidget(self.prepare)
            self.prepare.deleteLater()
        self.prepare = PreparePage(catalog)
        self.prepare.back_requested.connect(self.show_home)
        self.prepare.start_requested.connect(self.start_journey)
        self.stack.addWidget(self.prepare)
        if kept:
            assert self.home is not None
            self.home.set_catalog(catalog)
        else:
            self._put_home(HomePage(catalog, self.lang, self.scale, first_frame=first_frame))
        self._retranslate()
        if not kept:
            self.show_home()
        chosen, self._chosen_early = self._chosen_early, None
        if chosen is not None and chosen in catalog.procedures:
            # On the next turn of the loop: what the app sets up as the catalog arrives (the session
            # opening on its mode's home screen, ui/app.py) must not cover the page the person asked for.
            QTimer.singleShot(0, lambda: self._open_chosen_early(chosen))

    def _open_chosen_early(self, code: str) -> None:
        if self.stack.currentWidget() is self.home:  # still where the card was pressed
            self.show_prepare(code)

    def _put_home(self, home: HomePage) -> None:
        if self.home is not None:
            self.stack.removeWidget(self.home)
            self.home.deleteLater()
        self.home = home
        home.procedure_chosen.connect(self.show_prepare)
        home.bundle_chosen.connect(self._open_bundle)
        self.stack.addWidget(home)

    def _open_bundle(self, bundle_id: str) -> None:
        self.install_features()
        self.bundles.open(bundle_id)

    def show_loading(self) -> None:
        """ "Đang tải…": the catalog is not in yet, and there is no kept home screen to show meanwhile."""
        if self.loading is None:
            self.loading = ScrollPage()
            self.loading_label = label("", "h2")
            self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.loading.body.addStretch(1)
            self.loading.body.addWidget(self.loading_label)
            self.loading.body.addStretch(1)
            self.stack.addWidget(self.loading)
            self._retranslate()
        self.stack.setCurrentWidget(self.loading)

    def show_load_error(
        self, error: BaseException, title_key: str = "ui.load_failed_title", *, self_service: bool = False
    ) -> None:
        """The catalog (or, with its title, the database or the data key: ui/app.py show_paused) could not
        be opened: say so in plain words instead of an empty screen. In self-service the page opens with
        a polite line for residents (staff can help) and gives the details to the operator."""
        self._load_error = error
        self._load_error_title = title_key
        self._load_error_self_service = self_service
        if self.error_page is None:
            self.error_page = ScrollPage()
            self.error_title = label("", "h1")
            self.error_notice = label("", "h2")
            self.error_staff = label("", "h3")
            self.error_text = label("", "error")
            self.error_page.body.addWidget(self.error_title)
            self.error_page.body.addWidget(self.error_notice)
            self.error_page.body.addWidget(self.error_staff)
            self.error_page.body.addWidget(self.error_text)
            self.error_page.body.addStretch(1)
            self.stack.addWidget(self.error_page)
        self._retranslate()
        self.stack.setCurrentWidget(self.error_page)

    def start_journey(self, code: str, dossier: Dossier | None = None) -> None:
        """ "Bắt đầu": a new filing of `code`, one question per page (ui/journey); or, given a saved draft,
        that filing again at its first unanswered page."""
        if self.catalog is None:
            return
        self._close_journey()
        journey = self.new_journey(code, dossier)
        journey.back_requested.connect(lambda: self.show_prepare(code))
        journey.home_requested.connect(self._home_after_filing)
        journey.next_person_requested.connect(self._next_person)
        self.show_journey(journey)

    def new_journey(self, code: str, dossier: Dossier | None = None, **extra: Any) -> JourneyView:
        """A journey for `code` with this window's language, text size, contrast, mode, agent and file
        chooser (`extra`: a bundle member's reference and shared answers). The catalog must be in."""
        from ui.file_dialogs import choose_open_file
        from ui.journey import JourneyView

        assert self.catalog is not None
        self.install_features()  # the agent filing it (normally installed long before anyone clicks)
        return JourneyView(
            self.catalog.procedure(code),
            context=self.context,
            lang=self.lang,
            mode=self.context.services.config.mode if self.context is not None else None,
            high_contrast=self.high_contrast,
            scale=self.scale,
            dossier=dossier,
            agent=self.agents.agent_id,
            chooser=self.file_chooser or choose_open_file,
            **extra,
        )

    def show_journey(self, journey: JourneyView) -> None:
        """Put a journey on screen in place of any other (a new filing, a draft, a bundle member)."""
        if journey is not self.journey:
            self._close_journey()
        self.journey = journey
        self.stack.addWidget(journey)
        self.stack.setCurrentWidget(journey)
        journey.show_current()
        self.journey_did_open.emit(journey)

    def resume_draft(self, client_ref: str, on_error: Callable[[BaseException], None]) -> None:
        """ "Tiếp tục" on a saved draft: load it on the store worker, then reopen its journey.

        `on_error` hears why it could not reopen (its procedure left the catalog, damaged data).
        """
        if self.context is None:
            return

        def opened(dossier: Dossier) -> None:
            code = dossier.summary.procedure_code
            if self.catalog is None or code not in self.catalog.procedures:
                on_error(KioskError("ui.draft_procedure_gone", code=code))
                return
            self.start_journey(code, dossier)

        self.context.tasks.run_store(lambda store: store.get_dossier(client_ref), opened, on_error)

    def _home_after_filing(self) -> None:
        """ "Về trang chủ" once the dossier is in. At a self-service terminal the person is done: their
        session ends as with "Người tiếp theo", or whoever comes next was offered their answers to reuse."""
        if self.context is not None and self.context.services.config.mode == SELF_SERVICE:
            self._next_person()
        else:
            self.show_home()

    def _next_person(self) -> None:
        if self.context is not None:
            self.context.events.session_did_end.emit()
        self.show_home()

    def _close_journey(self) -> None:
        if self.journey is not None:
            self.stack.removeWidget(self.journey)
            self.journey.deleteLater()
            self.journey = None

    def show_home(self) -> None:
        if self.home is None:
            return
        self._close_journey()
        self.stack.setCurrentWidget(self.home)
        self.home.arrive()

    def show_prepare(self, code: str) -> None:
        if self.prepare is None:  # pressed on the kept home, the catalog a moment away: opened then
            self._chosen_early = code
            return
        self.prepare.show_procedure(code, self.lang)
        self.stack.setCurrentWidget(self.prepare)
        self.prepare.arrive()

    # -- display settings ---------------------------------------------------------------------
    def set_language(self, lang: Lang) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        self._retranslate()
        self._announce()

    def _switch_language(self) -> None:
        self.set_language("en" if self.lang == "vi" else "vi")

    def set_text_scale(self, scale: int) -> None:
        scale = theme.clamp_scale(scale)
        if scale == self.scale:
            return
        self.scale = scale
        self._apply_style()
        # Only the percentage changes wording; the screens keep their widgets, focus and scroll.
        self.scale_label.setText(t("ui.text_scale", self.lang, percent=scale))
        self._fit_header()
        self._announce()

    def set_high_contrast(self, on: bool) -> None:
        if on == self.high_contrast:
            return
        self.high_contrast = on
        self.contrast_button.setChecked(on)
        self._apply_style()
        self._announce()

    def _announce(self) -> None:
        self.display_did_change.emit(self.lang, self.scale, self.high_contrast)

    def _apply_style(self) -> None:
        self.setStyleSheet(theme.stylesheet(theme.palette_for(self.high_contrast), self.scale))
        if self.home is not None:
            self.home.set_scale(self.scale)
        if self.journey is not None:
            self.journey.set_style(self.high_contrast, self.scale)
        self._mark_size_limits()

    def _mark_size_limits(self) -> None:
        """At 200 % "A+" greys out but keeps the focus and does nothing (A− likewise at 100 %): Enter
        pressed once more by someone making the text larger never makes it smaller again."""
        for button_, at_limit, key in (
            (self.smaller_button, self.scale <= theme.SCALES[0], "focus.text_smallest"),
            (self.larger_button, self.scale >= theme.SCALES[-1], "focus.text_largest"),
        ):
            focus_order.mark_limit(button_, at_limit, t(key, self.lang, percent=self.scale))

    def _retranslate(self) -> None:
        lang = self.lang
        self.setWindowTitle(t("ui.window_title", lang))
        self.title.setText(t("ui.product_name", lang))
        for widget, key in (
            (self.lang_button, "ui.lang_switch"),
            (self.smaller_button, "ui.text_smaller"),
            (self.larger_button, "ui.text_larger"),
            (self.contrast_button, "ui.high_contrast"),
        ):
            widget.setText(t(key, lang))
            widget.setAccessibleName(t(f"{key}_name", lang))
        self.scale_label.setText(t("ui.text_scale", lang, percent=self.scale))
        self._mark_size_limits()
        self.banner.setText(t("ui.training_banner", lang))
        if self.loading is not None:
            self.loading_label.setText(t("ui.loading", lang))
        if self.error_page is not None:
            self.error_title.setText(t(self._load_error_title, lang))
            for part, key in ((self.error_notice, "ui.paused_notice"), (self.error_staff, "ui.paused_staff")):
                part.setText(t(key, lang))
                part.setVisible(self._load_error_self_service)
            error = self._load_error
            self.error_text.setText(
                error.message(lang) if isinstance(error, KioskError) else t("ui.load_failed_unknown", lang)
            )
        self._update_status()
        if self.home is not None:
            self.home.retranslate(lang)
        if self.prepare is not None and self.prepare.procedure is not None:
            self.prepare.show_procedure(self.prepare.procedure.code, lang)
        if self.journey is not None:
            self.journey.retranslate(lang)
        self._fit_header()

    # -- status bar (driven by the sync integration) -------------------------------------------
    def set_connection(self, online: bool | None) -> None:
        """True online, False offline, None not known yet."""
        self._online = online
        self._update_status()

    def set_queue_count(self, count: int) -> None:
        self._queue = count
        self._update_status()

    def set_disk_full(self, full: bool) -> None:
        """The storage is full (a save or a sync could not write): the status bar says so until it is not."""
        self._disk_full = full
        self._update_status()

    def set_last_sync(self, when: datetime | None) -> None:
        self._last_sync = when
        self._update_status()

    def _update_status(self) -> None:
        lang = self.lang
        if self._online is None:
            connection = t("ui.status_checking", lang)
        else:
            connection = t("ui.status_online" if self._online else "ui.status_offline", lang)
        if self._last_sync is None:
            synced = t("ui.status_never_synced", lang)
        else:
            local = self._last_sync.astimezone(VIETNAM)
            synced = t("ui.status_last_sync", lang, time=local.strftime("%H:%M %d/%m/%Y"))
        parts: tuple[str, ...] = (connection, t("ui.status_queue", lang, count=self._queue), synced)
        if self._disk_full:
            parts = (t("ui.status_disk_full", lang), *parts)
        self.status_label.setText(" · ".join(parts))
        self.status_label.setAccessibleName(t("ui.status_name", lang))
        self.status_label.setAccessibleDescription(self.status_label.text())
        self._update_send_now()

    def set_send_now(self, visible: bool, *, busy: bool = False) -> None:
        """ "Gửi ngay" in the status bar: shown while something waits (agents, volunteers); busy while its
        round runs."""
        self._send_now_busy = busy  # not disabled: the focus would jump elsewhere; a second press waits
        self.send_now_button.setVisible(visible)
        self._update_send_now()

    def set_status_note(self, text: str) -> None:
        """What the last "Gửi ngay" did, under the connection line."""
        self.status_note.setText(text)
        self.status_note.setAccessibleName(text)
        self.status_note.setVisible(bool(text))

    def _update_send_now(self) -> None:
        lang = self.lang
        self.send_now_button.setText(t("ui.send_now_busy" if self._send_now_busy else "ui.send_now", lang))
        self.send_now_button.setAccessibleName(t("ui.send_now_name", lang))

    def status_text(self) -> str:
        return self.status_label.text()
