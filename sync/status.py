"""Poll the portal for submitted dossiers' status, gently: each at most every N minutes, a few per run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.store import DossierState, DossierSummary, Store
from sync.client import NotBefore, PortalClient, ProtocolProblem, Unreachable
from sync.clock import Clock
from sync.contract import is_dossier_code

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    polled: int = 0
    changed: int = 0
    stopped: str = "done"  # done | not_before | unreachable
    refused: int = 0  # answers that broke the contract (logged; nothing of them kept)


class StatusPoller:
    """Remembers when each dossier was last asked about (in memory; a restart polls each once more).

    A dossier last asked about "in the future" (under a clock that has since been put back) is due.

    Oldest-polled first, then oldest-updated first, so no dossier starves; dossiers with a final status
    (3, 7, 8, 10) are no longer polled.
    """

    def __init__(self, *, clock: Clock, every: timedelta = timedelta(minutes=15), batch: int = 10) -> None:
        self._clock = clock
        self.every = every
        self.batch = batch
        self._last: dict[str, datetime] = {}

    def due(self, store: Store) -> list[DossierSummary]:
        """The dossiers to ask about now (oldest-polled first), at most `batch`; no personal data read."""
        now = self._clock()
        epoch = datetime.min.replace(tzinfo=now.tzinfo)
        candidates = [
            s
            for s in store.list_dossiers([DossierState.SUBMITTED])
            if s.dossier_code
            # A code an older version stored unchecked (5 MB, a number) is never put in a URL.
            and is_dossier_code(s.dossier_code)
            and s.final_status_at is None
            and not timedelta(0) <= now - self._last.get(s.client_ref, epoch) < self.every
        ]
        candidates.sort(key=lambda s: (self._last.get(s.client_ref, epoch), s.updated_at))
        return candidates[: self.batch]

    def poll(self, store: Store, client: PortalClient) -> PollReport:
        report = PollReport()
        for summary in self.due(store):
            client_ref, code = summary.client_ref, str(summary.dossier_code)
            try:
                reply = client.get_dossier(code)
            except ProtocolProblem as problem:
                # Checked by the client (sync.contract.DossierView) and logged there: nothing is kept,
                # the dossier is asked about again at its next turn.
                self._last[client_ref] = self._clock()
                report.refused += 1
                log.info("status of %s: answer refused (%s)", code, problem.code)
                continue
            except Unreachable:
                report.stopped = "unreachable"
                break
            if isinstance(reply, NotBefore):
                report.stopped = "not_before"
                break
            self._last[client_ref] = self._clock()
            report.polled += 1
            if reply.status != 200:
                log.info("status of %s: portal answered %s %s", code, reply.status, reply.slug or "")
                continue
            body: dict[str, Any] = reply.json()  # checked: status 1-10, history of steps, bounded texts
            status = body.get("status")
            if not isinstance(status, int):
                continue
            before = summary.portal_status
            history = body.get("history")
            store.record_status(
                client_ref,
                status,
                history if isinstance(history, list) else [],
                body.get("supplement_request"),
                body.get("result"),
                now=self._clock(),
            )
            if before != status:
                report.changed += 1
                log.info("dossier %s moved to status %s", code, status)
        return report
