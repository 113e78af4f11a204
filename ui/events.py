"""App-level signals: after a change others may show, one signal announces it; screens refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """One instance per app, built by the composition root and handed to whoever needs it."""

    dossier_did_change = Signal(str)  # client_ref: saved, queued, sent, status moved, deleted
    queue_did_change = Signal(int)  # items waiting to be sent
    connection_did_change = Signal(object)  # True online, False offline, None not known yet
    portal_unreachable = Signal()  # a screen could not reach the portal: sync checks the connection now
    sync_did_finish = Signal(object)  # the sync summary (counts, when)
    storage_did_fill = Signal()  # a save or a sync met a full disk (kiosk.diskspace.DiskFullError)
    send_now_requested = Signal()  # "Gửi ngay" (agents, volunteers): the sync runner starts a round at once
    send_now_did_start = Signal()  # that round is asked for (screens say "Đang gửi…")
    send_now_did_finish = Signal(object)  # its SyncSummary (None: it failed): screens say what it did
    session_did_end = Signal()  # "Người tiếp theo": forget the last citizen everywhere
