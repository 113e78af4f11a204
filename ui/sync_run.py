"""`kiosk sync` on a terminal: the run (sync/until_sent.py), its progress, its summary and its exit code.

Progress goes to stdout: one line rewritten in place when stdout is a terminal; otherwise (a log file, CI)
plain lines, at most one every 30 s and one for each wait of 10 s or more, so a log stays short. The summary
says what happens next, truthfully: nothing sends after the command ends unless the app is open.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from kiosk.diskspace import DISK_FULL_EXIT_CODE
from kiosk.i18n import Lang, t
from sync.clock import Clock, system_clock
from sync.send import VN
from sync.service import SyncService
from sync.until_sent import RunReport, Sleeper, Stop, Wait, WaitLimits, sync_until_sent

if TYPE_CHECKING:
    from sync.retry import RetryPolicy
    from ui.services import Services

log = logging.getLogger(__name__)

# Exit statuses (README, "The `kiosk` command").
EXIT_SENT = 0  # nothing left to send (dossiers that need changes are named in the summary)
EXIT_CONFIG = 1  # configuration, or the portal refused the terminal account
EXIT_WAITING = 2  # some still wait: offline, or due later than this run waits
EXIT_DISK_FULL = DISK_FULL_EXIT_CODE  # the storage is full: nothing more is sent until space is freed
EXIT_INTERRUPTED = 130  # Ctrl+C: stopped cleanly, nothing left leased

# Without a terminal: a line at most every 30 s, but always one for a wait of 10 s or more.
PLAIN_EVERY = timedelta(seconds=30)
PLAIN_WAIT = timedelta(seconds=10)


def clock_time(when: datetime, now: datetime, lang: Lang, *, seconds: bool = True) -> str:
    """`when` in Vietnam time (HH:MM:SS, or HH:MM rounded up), with the date when it is not today's."""
    local = when.astimezone(VN)
    if not seconds and (local.second or local.microsecond):
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    text = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    if local.date() != now.astimezone(VN).date():
        text = t("sync.run.on_day", lang, time=text, date=local.strftime("%d/%m/%Y"))
    return text


def progress_text(run: RunReport, now: datetime, lang: Lang) -> str:
    counts = {"sent": run.sent, "queued": run.remaining, "errors": run.failed}
    wait = run.waiting
    if wait is None:
        return t("sync.run.sending", lang, **counts)
    reason = t(f"sync.run.wait.{wait.reason}", lang, time=clock_time(wait.until, now, lang))
    return t("sync.run.waiting", lang, reason=reason, **counts)


def summary_text(run: RunReport, now: datetime, lang: Lang) -> str:
    if run.stopped == "auth":
        text = t("sync.summary.auth", lang, sent=run.sent, queued=run.remaining)
    elif run.stopped == "offline":
        text = t("sync.run.offline", lang, sent=run.sent, queued=run.remaining)
    elif run.stopped == "disk_full":
        text = t("sync.summary.disk_full", lang, sent=run.sent, queued=run.remaining)
    elif run.stopped == "cancelled":
        text = t("sync.run.cancelled", lang, sent=run.sent, queued=run.remaining)
    elif run.stopped == "later" and run.next_try is not None:
        text = later_text(run, run.next_try, now, lang)
    else:
        text = t("sync.run.done", lang, sent=run.sent, attention=run.attention, errors=run.failed)
    if run.catalog is not None and run.catalog.outcome == "updated":
        text += "\n" + t("sync.catalog.updated", lang, version=run.catalog.version)
    elif run.catalog is not None and run.catalog.outcome == "rejected":
        text += "\n" + t("sync.catalog.rejected", lang)
    return text


def later_text(run: RunReport, wait: Wait, now: datetime, lang: Lang) -> str:
    reason = t(f"sync.run.later.{wait.reason}", lang, errors=run.failed)
    when = clock_time(wait.until, now, lang, seconds=False)
    return t("sync.run.later", lang, sent=run.sent, queued=run.remaining, time=when, reason=reason)


def exit_code(run: RunReport) -> int:
    if run.stopped == "auth":
        return EXIT_CONFIG
    if run.stopped == "cancelled":
        return EXIT_INTERRUPTED
    if run.stopped == "disk_full":
        return EXIT_DISK_FULL
    return EXIT_SENT if run.remaining == 0 else EXIT_WAITING


class ProgressLine:
    """The run's progress on `stream`: rewritten in place on a terminal, sparse plain lines otherwise."""

    def __init__(self, stream: TextIO, lang: Lang, clock: Clock, *, tty: bool | None = None) -> None:
        self.stream, self.lang, self.clock = stream, lang, clock
        self.tty = stream.isatty() if tty is None else tty
        self.run: RunReport | None = None  # the run as last shown (the summary after a hard Ctrl+C)
        self._shown = 0  # width of the line on the terminal
        self._last_plain: datetime | None = None
        self._last_wait: Wait | None = None

    def __call__(self, run: RunReport) -> None:
        self.run = run
        now = self.clock()
        if self.tty:
            width = max(shutil.get_terminal_size((100, 24)).columns - 1, 20)
            text = progress_text(run, now, self.lang)[:width]
            self.stream.write("\r" + text.ljust(self._shown))
            self.stream.flush()
            self._shown = len(text)
            return
        recent = self._last_plain is not None and now - self._last_plain < PLAIN_EVERY
        if run.waiting is not None:
            new, self._last_wait = run.waiting != self._last_wait, run.waiting
            if not new or (recent and run.waiting.until - now < PLAIN_WAIT):
                return
        elif recent:
            return
        self._last_plain = now
        print(progress_text(run, now, self.lang), file=self.stream, flush=True)

    def finish(self) -> None:
        """Clear the terminal line, so the summary starts on a clean one."""
        if self.tty and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0


def release_held(services: Services, owner: str) -> int:
    """Give back every item `owner` still leases (a second Ctrl+C cut a send short); how many."""
    store = services.store
    held = [item for item in store.outbox_items() if item.lease_owner == owner and item.lease_until]
    for item in held:
        store.release(item.id)
    log.info("kiosk sync interrupted: %d item(s) given back untried", len(held))
    return len(held)


def run_sync(
    services: Services,
    lang: Lang,
    *,
    owner: str,
    clock: Clock = system_clock,
    sleep: Sleeper | None = None,
    stop: Stop | None = None,
    stream: TextIO | None = None,
    limits: WaitLimits | None = None,
    policy: RetryPolicy | None = None,
) -> int:
    """The whole `kiosk sync`: sends, waits out short pauses, prints progress and a summary; exit status."""
    stream = stream or sys.stdout
    stop = stop or Stop()
    line = ProgressLine(stream, lang, clock)
    client = services.portal_client(clock=clock)
    try:
        service = SyncService(
            services.store,
            client,
            owner=owner,
            clock=clock,
            data_dir=services.data_dir,
            catalog_version=lambda: services.catalog.version,
            policy=policy,
        )
        try:
            run = sync_until_sent(service, sleep=sleep or stop.sleep, stop=stop, limits=limits, progress=line)
        except KeyboardInterrupt:  # the second Ctrl+C: out now, but nothing stays leased
            release_held(services, owner)
            run = line.run or RunReport()
            run.stopped, run.waiting = "cancelled", None
            run.remaining = services.store.queued_count()
        finally:
            line.finish()
    finally:
        client.close()
    print(summary_text(run, clock(), lang), file=stream, flush=True)
    for damaged in damage_lines(services, run.damaged, lang):
        print(damaged, file=stream, flush=True)
    return exit_code(run)


def damage_lines(services: Services, refs: list[str], lang: Lang) -> list[str]:
    """For each dossier stopped for damaged sealed data: its reference, which part and what to do."""
    from kiosk.damage import damage_message

    lines = []
    for ref in refs:
        dossier = services.store.get_dossier(ref)
        procedure = services.catalog.procedures.get(dossier.summary.procedure_code)
        message = damage_message(dossier.problem, procedure, lang)
        if message is not None:
            lines.append(f"  {dossier.summary.local_ref}: {message}")
    return lines


@contextmanager
def ctrl_c_stops(stop: Stop, lang: Lang) -> Iterator[None]:
    """Within: the first Ctrl+C asks the run to stop (after the request in flight), a second one
    interrupts at once. Outside the main thread (tests) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if stop():
            raise KeyboardInterrupt
        stop.set()
        # os.write, not print: a signal handler may run while the stream is in the middle of a write.
        # Without a console to say it on (pythonw) the summary still tells.
        with suppress(OSError, ValueError, AttributeError):
            os.write(sys.stderr.fileno(), ("\n" + t("sync.run.stopping", lang) + "\n").encode())

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
