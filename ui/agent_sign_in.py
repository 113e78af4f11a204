"""Agent sign-in (online with the password, offline with the PIN), the PIN page, the idle lock, sign-out.

`AgentController` is installed by the main window (assisted modes only). It owns the `kiosk.agents.AgentDesk`
(who is signed in; the portal's token in memory only), puts the agent's name and "Đăng xuất" in the
header, and locks the screen after idle with the session's `IdleWatch` (ui/privacy.py). Signing out
forgets the token, the agent and the current citizen (`AppEvents.session_did_end`); the queue is sent
with the terminal account by the sync runner, never with the agent's token, so nothing is stranded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.agents import (
    LOCK_AFTER,
    AgentIdentity,
    AgentRecord,
    DemoAccount,
    WrongPin,
    normalize_username,
    record_after_online,
)
from kiosk.agents import with_new_pin as _with_new_pin
from kiosk.config import ASSISTED_MODES
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.session import PIN_MIN_DIGITS
from ui.lock_screen import LockScreen, wait_text
from ui.modes import pin_field
from ui.privacy import COUNTDOWN_S, TICK_MS, IdleWatch
from ui.widgets import LabelButton, ScrollPage, button, clear_layout, label, panel

if TYPE_CHECKING:
    from kiosk.store import Store
    from ui.main_window import MainWindow

log = logging.getLogger("ui.agents")
SignIn = Callable[[str, str], tuple[str, AgentIdentity | None]]  # (username, password) → (token, agent)


class SignInPage(ScrollPage):
    """ "Cán bộ đăng nhập": user name and password (online) or user name and PIN (without network)."""

    online_requested = Signal(str, str, bool)  # username, password, reset the PIN afterwards
    offline_requested = Signal(str, str)  # username, PIN
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agent-sign-in")
        self.lang: Lang = "vi"
        self.offline = False
        self.back = button("", "link")
        self.heading = label("", "h1")
        self.intro = label("")
        self.problem = label("", "error")
        self.problem.setObjectName("agent-problem")
        self.problem.setVisible(False)
        self.username_label = label("", "key")
        self.username = QLineEdit()
        self.username.setObjectName("agent-username")
        self.username.setMaxLength(64)
        self.secret_label = label("", "key")
        self.password = QLineEdit()
        self.password.setObjectName("agent-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData)
        self.pin = pin_field("")
        self.pin.setObjectName("agent-pin")
        self.reset_pin = button("", "link")  # a PIN reset needs the password: an online sign-in
        self.reset_pin.setObjectName("agent-reset-pin")
        self.submit = button("", "primary")
        self.submit.setObjectName("agent-submit")
        self.switch = button("", "link")
        self.switch.setObjectName("agent-switch")
        self.username_label.setBuddy(self.username)
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (
            self.heading,
            self.intro,
            self.problem,
            self.username_label,
            self.username,
            self.secret_label,
            self.password,
            self.pin,
        ):
            self.body.addWidget(widget)
        self.body.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.reset_pin, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignLeft)
        self._build_demo()
        self.body.addStretch(1)
        self.back.clicked.connect(self.back_requested.emit)
        self.submit.clicked.connect(self._submit)  # clicked's `checked` is False: no reset
        self.reset_pin.clicked.connect(lambda: self._submit(reset=True))
        self.username.returnPressed.connect(lambda: self._secret().setFocus(Qt.FocusReason.OtherFocusReason))
        self.password.returnPressed.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.switch.clicked.connect(lambda: self.show_form(offline=not self.offline))
        self.show_form(offline=False)

    def _secret(self) -> QLineEdit:
        return self.pin if self.offline else self.password

    def _build_demo(self) -> None:
        """Training mode's practice accounts (`set_demo_accounts`): hidden, and empty, otherwise."""
        self.demo, box = panel("agent-demo-accounts")
        self.demo_heading = label("", "h3")
        self.demo_intro = label("")
        self.demo_rows = QVBoxLayout()
        self.demo_rows.setSpacing(8)
        box.addWidget(self.demo_heading)
        box.addWidget(self.demo_intro)
        box.addLayout(self.demo_rows)
        self.demo_buttons: list[LabelButton] = []
        self.demo_accounts: tuple[DemoAccount, ...] = ()
        self.demo.setVisible(False)
        self.body.addSpacing(16)
        self.body.addWidget(self.demo)

    def set_demo_accounts(self, accounts: tuple[DemoAccount, ...]) -> None:
        """List the sandbox's practice accounts; pressing one fills its user name and password. Only the
        controller of a training-mode terminal calls it (AgentController)."""
        self.demo_accounts = tuple(accounts)
        self._render_demo()

    def _render_demo(self) -> None:
        clear_layout(self.demo_rows)
        self.demo_buttons = []
        lang = self.lang
        for account in self.demo_accounts:
            text = t(
                "agents.demo.account",
                lang,
                username=account.username,
                password=account.password,
                name=account.name,
                office=account.office,
            )
            if account.locked:
                text = t("agents.demo.locked", lang, account=text)
            row = LabelButton(
                "card", t("agents.demo.use_name", lang, username=account.username), [label(text)]
            )
            row.setObjectName(f"agent-demo-{account.username}")
            row.setContentsMargins(8, 4, 4, 4)  # clear of the card's thick left edge
            row.setAccessibleDescription(text)
            row.clicked.connect(lambda _checked=False, a=account: self._use_demo(a))
            self.demo_rows.addWidget(row)
            self.demo_buttons.append(row)
        self.demo_heading.setText(t("agents.demo.heading", lang))
        self.demo_heading.setAccessibleName(self.demo_heading.text())
        self.demo_intro.setText(t("agents.demo.intro", lang))
        self.demo.setVisible(bool(self.demo_accounts))

    def _use_demo(self, account: DemoAccount) -> None:
        if self.offline:
            self.show_form(offline=False)
        self.username.setText(account.username)
        self.password.setText(account.password)
        self.submit.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_form(self, *, offline: bool, username: str | None = None) -> None:
        self.offline = offline
        self.password.clear()
        self.pin.clear()
        if username is not None:
            self.username.setText(username)
        self.password.setVisible(not offline)
        self.reset_pin.setVisible(not offline)
        self.pin.setVisible(offline)
        self.secret_label.setBuddy(self._secret())
        self.problem.setVisible(False)
        self.set_busy(False)
        self.retranslate(self.lang)
        (self._secret() if self.username.text() else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        offline = self.offline
        self.back.setText(t("ui.back", lang))
        self.back.setAccessibleName(t("ui.back_name", lang))
        self.heading.setText(
            t("agents.sign_in.offline_heading" if offline else "agents.sign_in.heading", lang)
        )
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("agents.sign_in.offline_intro" if offline else "agents.sign_in.intro", lang))
        self.username_label.setText(t("agents.sign_in.username", lang))
        self.username.setAccessibleName(self.username_label.text())
        self.secret_label.setText(t("agents.sign_in.pin" if offline else "agents.sign_in.password", lang))
        self.password.setAccessibleName(t("agents.sign_in.password", lang))
        self.pin.setAccessibleName(t("agents.sign_in.pin", lang))
        self.reset_pin.setText(t("agents.pin.change", lang))
        self.reset_pin.setAccessibleName(self.reset_pin.text())
        self.submit.setAccessibleName(t("agents.sign_in.submit", lang))
        if self.submit.isEnabled():
            self.submit.setText(t("agents.sign_in.submit", lang))
        self.switch.setText(
            t("agents.sign_in.online_link" if offline else "agents.sign_in.offline_link", lang)
        )
        self.switch.setAccessibleName(self.switch.text())
        if self.demo_accounts:
            self._render_demo()

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        self.submit.setText(t("agents.sign_in.busy" if busy else "agents.sign_in.submit", self.lang))

    def say(self, text: str) -> None:
        self.set_busy(False)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _submit(self, reset: bool = False) -> None:
        if not self.submit.isEnabled():
            return
        secret_field = self._secret()
        secret = secret_field.text()
        secret_field.clear()  # the password never stays in a widget
        try:
            username = normalize_username(self.username.text())
            if not secret:
                raise KioskError("agents.pin_required" if self.offline else "agents.password_required")
        except KioskError as problem:
            self.say(problem.message(self.lang))
            (self.username if not self.username.text().strip() else secret_field).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            return
        self.problem.setVisible(False)
        self.set_busy(True)
        if self.offline:
            self.offline_requested.emit(username, secret)
        else:
            self.online_requested.emit(username, secret, reset)

    def forget(self) -> None:
        """Nothing of the last sign-in stays in the page."""
        for field in (self.username, self.password, self.pin):
            field.clear()
        self.problem.clear()
        self.problem.setVisible(False)
        self.set_busy(False)

    def arrive(self) -> None:
        (self._secret() if self.username.text() else self.username).setFocus(Qt.FocusReason.OtherFocusReason)


class AgentPinPage(ScrollPage):
    """ "Đặt mã PIN của bạn": at least 6 digits, typed twice (first online sign-in, or a reset)."""

    pin_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agent-pin-page")
        self.lang: Lang = "vi"
        self.heading = label("", "h1")
        self.intro = label("")
        self.problem = label("", "error")
        self.problem.setVisible(False)
        self.first_label = label("", "key")
        self.first = pin_field("")
        self.first.setObjectName("agent-pin-first")
        self.second_label = label("", "key")
        self.second = pin_field("")
        self.second.setObjectName("agent-pin-second")
        self.save = button("", "primary")
        self.save.setObjectName("agent-pin-save")
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        for widget in (
            self.heading,
            self.intro,
            self.problem,
            self.first_label,
            self.first,
            self.second_label,
            self.second,
        ):
            self.body.addWidget(widget)
        self.body.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.first.returnPressed.connect(lambda: self.second.setFocus(Qt.FocusReason.OtherFocusReason))
        self.second.returnPressed.connect(self._submit)
        self.save.clicked.connect(self._submit)
        self.retranslate("vi")

    def retranslate(self, lang: Lang) -> None:
        self.lang = lang
        self.heading.setText(t("agents.pin.heading", lang))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(t("agents.pin.intro", lang, digits=PIN_MIN_DIGITS))
        self.first_label.setText(t("agents.pin.first", lang))
        self.first.setAccessibleName(self.first_label.text())
        self.second_label.setText(t("agents.pin.second", lang))
        self.second.setAccessibleName(self.second_label.text())
        self.save.setText(t("agents.pin.save", lang))
        self.save.setAccessibleName(self.save.text())

    def _submit(self) -> None:
        first, second = self.first.text(), self.second.text()
        self.first.clear()
        self.second.clear()
        self.save.setEnabled(False)
        self.pin_chosen.emit(first, second)

    def say(self, text: str) -> None:
        self.save.setEnabled(True)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def arrive(self) -> None:
        self.first.clear()
        self.second.clear()
        self.problem.setVisible(False)
        self.save.setEnabled(True)
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)


# --- store worker functions ----------------------------------------------------------------------------


def remember_online(store: Store, username: str, agent: AgentIdentity, now: datetime) -> AgentRecord:
    """After an online sign-in: the agent's record, refreshed (PIN kept for the same agent)."""
    record = record_after_online(store.agent_record(username), username, agent, now)
    store.save_agent_record(record)
    return record


def set_pin(store: Store, username: str, first: str, second: str) -> None:
    """Worker (scrypt is slow on purpose): the record with the new PIN. KioskError saying what to fix."""
    record = store.agent_record(username)
    if record is None:
        raise KioskError("agents.offline_unknown")
    store.save_agent_record(_with_new_pin(record, first, second))


class AgentController(QObject):
    """The agent's sign-in, lock and sign-out for one window (see the module docstring)."""

    agent_did_change = Signal(object)  # AgentIdentity | None

    def __init__(
        self,
        window: MainWindow,
        *,
        lock_after: timedelta = LOCK_AFTER,
        countdown_s: int = COUNTDOWN_S,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(window)
        from kiosk.agents import AgentDesk

        self.window = window
        self.context = window.context
        self.desk = AgentDesk()
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.sign_in_call: SignIn | None = None  # tests inject; else the terminal's portal client
        self._pending: tuple[str, AgentIdentity, str | None] | None = None  # waiting for the PIN page
        self._hidden_dialogs: list[QDialog] = []
        self._return_to: QWidget | None = None
        self.sign_out_button: QPushButton = button("", "chrome")
        self.sign_out_button.setObjectName("agent-sign-out")
        self.name_label = label("", wrap=False)
        self.name_label.setObjectName("agent-name")
        self.sign_in_button: QPushButton = button("", "chrome")
        self.sign_in_button.setObjectName("agent-sign-in-open")
        for widget in (self.sign_out_button, self.name_label, self.sign_in_button):
            window.add_header_button(widget)  # each goes first: sign-in / name / sign-out read in order
        self.page = SignInPage()
        services = self.context.services if self.context is not None else None
        if services is not None and services.training:  # practice accounts: training mode, never else
            self.page.set_demo_accounts(services.demo_accounts)
        self.pin_page = AgentPinPage()
        window.stack.addWidget(self.page)
        window.stack.addWidget(self.pin_page)
        self.lock_screen = LockScreen(window)
        self.idle = self._idle_watch(lock_after, countdown_s, tick_ms)
        self.sign_in_button.clicked.connect(self.open_sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.page.back_requested.connect(self._leave)
        self.page.online_requested.connect(self.sign_in_online)
        self.page.offline_requested.connect(self.sign_in_offline)
        self.pin_page.pin_chosen.connect(self._pin_chosen)
        self.lock_screen.unlock_requested.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        window.display_did_change.connect(lambda *_: self.retranslate())
        window.stack.currentChanged.connect(lambda _index: self.update())
        if self.context is not None:
            self.context.events.session_did_end.connect(self._citizen_gone)
        self.retranslate()

    def _idle_watch(self, lock_after: timedelta, countdown_s: int, tick_ms: int) -> IdleWatch:
        idle = IdleWatch(
            self.window,
            lambda: self.window.lang,
            idle_ms=int(lock_after.total_seconds() * 1000),
            countdown_s=countdown_s,
            tick_ms=tick_ms,
        )
        idle.warning_did_show.connect(self._warning_shown)
        idle.did_time_out.connect(self.lock)
        return idle

    def set_lock_timing(
        self, lock_after: timedelta, countdown_s: int = COUNTDOWN_S, tick_ms: int = TICK_MS
    ) -> None:
        """Another idle time before the lock (the terminal's setting; milliseconds in tests)."""
        active = self.idle.active
        self.idle.stop()
        self.idle.deleteLater()
        self.idle = self._idle_watch(lock_after, countdown_s, tick_ms)
        if active:
            self.idle.start()

    # -- what others ask ----------------------------------------------------------------------------
    def agent_id(self) -> str | None:
        """The signed-in agent's id: every dossier filed now carries it (also offline)."""
        return self.desk.agent_id

    def mode(self) -> str | None:
        return self.context.services.config.mode if self.context is not None else None

    # -- header --------------------------------------------------------------------------------------
    def update(self) -> None:
        assisted = self.mode() in ASSISTED_MODES
        if not assisted and self.desk.session is not None:
            self.sign_out()  # a terminal turned self-service keeps no agent
            return
        session = self.desk.session
        self.sign_in_button.setVisible(assisted and session is None)
        self.name_label.setVisible(session is not None)
        self.sign_out_button.setVisible(session is not None)

    def retranslate(self) -> None:
        lang = self.window.lang
        self.sign_in_button.setText(t("agents.header.sign_in", lang))
        self.sign_in_button.setAccessibleName(t("agents.header.sign_in_name", lang))
        self.sign_out_button.setText(t("agents.header.sign_out", lang))
        self.sign_out_button.setAccessibleName(t("agents.header.sign_out_name", lang))
        session = self.desk.session
        if session is not None:
            key = "agents.header.agent" if session.online else "agents.header.agent_offline"
            self.name_label.setText(t(key, lang, name=session.agent.name))
            self.name_label.setAccessibleName(self.name_label.text())
        self.page.retranslate(lang)
        self.pin_page.retranslate(lang)
        if self.lock_screen.isVisible():
            self.lock_screen.retranslate(lang)
        self.update()

    # -- signing in ------------------------------------------------------------------------------------
    def open_sign_in(self) -> None:
        if self.mode() not in ASSISTED_MODES or self.desk.session is not None:
            return
        current = self.window.stack.currentWidget()
        if current not in (self.page, self.pin_page):
            self._return_to = current
        self.page.show_form(offline=False)
        self.window.stack.setCurrentWidget(self.page)
        self.page.arrive()

    def _leave(self) -> None:
        self.page.forget()
        back = self._return_to
        self._return_to = None
        if back is not None and self.window.stack.indexOf(back) >= 0:
            self.window.stack.setCurrentWidget(back)
        else:
            self.window.show_home()

    def _portal_sign_in(self) -> SignIn:
        if self.sign_in_call is not None:
            return self.sign_in_call
        assert self.context is not None
        services = self.context.services

        def call(username: str, password: str) -> tuple[str, AgentIdentity | None]:
            client = services.portal_client()  # the terminal's client id; the agent's own grant
            try:
                token, agent = client.sign_in_agent(username, password)
            finally:
                close = getattr(client, "close", None)
                if callable(close):
                    close()
            return token, (AgentIdentity(agent.id, agent.name, agent.office) if agent is not None else None)

        return call

    def sign_in_online(self, username: str, password: str, reset_pin: bool = False) -> None:
        if self.context is None:
            return
        if not self.context.services.config.portal_url and self.sign_in_call is None:
            self.page.say(t("agents.no_portal", self.window.lang))
            return
        call = self._portal_sign_in()
        self.context.tasks.run_network(
            lambda: call(username, password),
            lambda result: self._online_ok(username, result, reset_pin),
            self._online_failed,
        )

    def _online_failed(self, error: BaseException) -> None:
        lang = self.window.lang
        if isinstance(error, KioskError) and error.key in (
            "sync.agent_wrong_credentials",
            "sync.agent_locked",
        ):
            self.page.say(error.message(lang))
        elif isinstance(error, KioskError) and error.key.startswith("sync.no_"):
            self.page.say(t("agents.no_portal", lang))
        else:
            log.info("agent sign-in: portal unreachable (%s)", type(error).__name__)
            self.page.say(t("agents.unreachable", lang))

    def _online_ok(self, username: str, result: tuple[str, AgentIdentity | None], reset_pin: bool) -> None:
        token, agent = result
        if agent is None:  # a token without an agent: not an agent account
            self.page.say(t("sync.agent_wrong_credentials", self.window.lang))
            return
        assert self.context is not None
        now = self.clock()

        def remembered(record: AgentRecord) -> None:
            if record.pin_hash is None or reset_pin:
                self._pending = (username, agent, token)
                self.page.forget()
                self.window.stack.setCurrentWidget(self.pin_page)
                self.pin_page.arrive()
            else:
                self._signed_in(agent, username, token)

        self.context.tasks.run_store(
            lambda store: remember_online(store, username, agent, now), remembered, self._online_failed
        )

    def _pin_chosen(self, first: str, second: str) -> None:
        pending = self._pending
        if pending is None or self.context is None:
            return
        username = pending[0]

        def failed(error: BaseException) -> None:
            text = (
                error.message(self.window.lang)
                if isinstance(error, KioskError)
                else t("agents.unreachable", self.window.lang)
            )
            self.pin_page.say(text)

        def saved(_: object) -> None:
            self._pending = None
            self._signed_in(pending[1], pending[0], pending[2])

        self.context.tasks.run_store(lambda store: set_pin(store, username, first, second), saved, failed)

    def sign_in_offline(self, username: str, pin: str) -> None:
        if self.context is None:
            return
        attempts = self.desk.attempts(username)
        lang = self.window.lang
        if not attempts.allowed_now():
            self.page.say(wait_text(attempts, lang))
            return
        now = self.clock()

        def failed(error: BaseException) -> None:
            self.page.say(self._pin_problem(username, error))
            self.page.pin.setFocus(Qt.FocusReason.OtherFocusReason)

        self.context.tasks.run_store(
            lambda store: store.check_agent_pin(username, pin, now),
            lambda agent: self._signed_in(agent, username, None),
            failed,
        )

    def _pin_problem(self, username: str, error: BaseException) -> str:
        lang = self.window.lang
        attempts = self.desk.attempts(username)
        if isinstance(error, WrongPin):
            attempts.failed()
            waiting = wait_text(attempts, lang)
            return waiting or t("agents.pin_wrong", lang, tries=min(attempts.tries_left(), error.tries_left))
        return error.message(lang) if isinstance(error, KioskError) else t("agents.unreachable", lang)

    def _signed_in(self, agent: AgentIdentity, username: str, token: str | None) -> None:
        self.desk.sign_in(agent, username, token, self.clock())
        log.info("agent %s signed in (%s)", agent.id, "online" if token else "offline")
        self.page.forget()
        self.idle.start()
        self.retranslate()
        self.agent_did_change.emit(agent)
        self._leave()

    # -- locking -----------------------------------------------------------------------------------------
    def _warning_shown(self) -> None:
        warning = self.idle.warning
        if warning is not None:  # the session's warning, in the lock's words
            warning.text.setText(t("agents.lock.warning", self.window.lang))

    def lock(self) -> None:
        session = self.desk.session
        if session is None or self.desk.locked:
            return
        self.desk.lock()
        self.idle.stop()
        # Open dialogs (a receipt preview) are windows of their own: hidden while locked.
        self._hidden_dialogs = [d for d in self.window.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        central = self.window.centralWidget()
        if central is not None:
            central.setEnabled(False)
        self.lock_screen.show_for(session.agent.name, self.window.lang, self.desk.attempts(session.username))

    def unlock(self, pin: str) -> None:
        session = self.desk.session
        if session is None or self.context is None:
            return
        username, now = session.username, self.clock()

        def failed(error: BaseException) -> None:
            if isinstance(error, KioskError) and error.key in ("agents.pin_wiped", "agents.pin_not_set"):
                self.sign_out()
                self.page.say(error.message(self.window.lang))
                return
            self.lock_screen.show_problem(self._pin_problem(username, error))

        self.context.tasks.run_store(
            lambda store: store.check_agent_pin(username, pin, now, unlocking=True),
            lambda _agent: self._unlocked(),
            failed,
        )

    def _unlocked(self) -> None:
        if self.desk.session is None:
            return
        self.desk.unlock()
        self._open_up()
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.start()

    def _open_up(self) -> None:
        self.lock_screen.close_lock()
        central = self.window.centralWidget()
        if central is not None:
            central.setEnabled(True)

    # -- signing out ---------------------------------------------------------------------------------------
    def sign_out(self) -> None:
        """Forget the token, the agent and the current citizen; the queue stays for the terminal account."""
        if self.desk.session is None:
            return
        log.info("agent %s signed out", self.desk.agent_id)
        self.desk.sign_out()
        self._pending = None
        self.idle.stop()
        self._open_up()
        for dialog in self._hidden_dialogs:
            dialog.reject()
        self._hidden_dialogs = []
        self._return_to = None
        self.name_label.clear()
        self.page.forget()
        self.retranslate()
        self.agent_did_change.emit(None)
        if self.context is not None:
            self.context.events.session_did_end.emit()
        else:
            self._citizen_gone()
        self.window.show_home()

    def _citizen_gone(self) -> None:
        """ "Người tiếp theo" or sign-out: what this module could hold of the citizen goes."""
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()  # a name or number copied for the last person must not reach the next
        QTimer.singleShot(0, self.update)


def install_agents(window: MainWindow) -> AgentController:
    """Called once by the main window: the agent's place in the header, the sign-in pages, the lock."""
    config = window.context.services.config if window.context is not None else None
    minutes = config.agent_lock_minutes if config is not None else 0
    lock_after = timedelta(minutes=minutes) if minutes > 0 else LOCK_AFTER
    return AgentController(window, lock_after=lock_after)
