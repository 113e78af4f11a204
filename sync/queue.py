"""Drain the outbox oldest-first: one result per item; stop on an auth error, cancellation, a portal pause
or a full disk (nothing is sent whose answer could not be recorded).

Each item is taken with a lease (store.lease_next): two senders never hold the same item. An item whose
sender died is free again at once when that sender was a process of this machine (its owner id, from
kiosk.owner, says so), else once its lease runs out; a lease or retry time written under a clock that was
ahead is not honoured past LEASE_FOR or the backoff cap from now. Nothing stays stuck "sending".
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.diskspace import DiskFullError
from kiosk.store import Store
from kiosk.store.outbox import DamagedItem
from sync.client import AuthError, PortalClient
from sync.clock import Clock
from sync.retry import RetryPolicy
from sync.send import (
    CHUNK_SIZE,
    Cancelled,
    Damaged,
    Outcome,
    SendContext,
    SendResult,
    local_problem,
    send_item,
)

log = logging.getLogger(__name__)

# Longer than any single send (20 MiB at a slow link within the client's timeouts), so a live sender
# keeps its item; short enough that an item of a sender on another machine that died is picked up again
# the same morning (one of this machine that died is picked up at once). Every sender uses this one value:
# a lease further than LEASE_FOR from now is not honoured (see store.lease_next).
LEASE_FOR = timedelta(minutes=15)


@dataclass
class DrainReport:
    results: list[SendResult] = field(default_factory=list)
    stopped: str = "empty"  # empty | auth | cancelled | max_items | not_before | disk_full
    not_before: datetime | None = None
    errors: int = 0  # items that raised something unexpected (logged, retried later)
    patch_bytes: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def counts(self) -> Counter[str]:
        return Counter(r.outcome.value for r in self.results)


def drain(
    store: Store,
    client: PortalClient,
    *,
    owner: str,
    clock: Clock,
    cancel: Callable[[], bool] = lambda: False,
    max_items: int | None = None,
    policy: RetryPolicy | None = None,
    lease_for: timedelta = LEASE_FOR,
    chunk_size: int = CHUNK_SIZE,
    on_result: Callable[[SendResult], None] | None = None,
) -> DrainReport:
    """Send due items oldest first until none is due, or the batch must stop; `on_result` sees each
    item's outcome as soon as the store holds it (`kiosk sync` shows progress with it)."""
    report = DrainReport()
    ctx = SendContext(store, client, clock, policy or RetryPolicy(), cancel, chunk_size)
    retry_cap = timedelta(seconds=ctx.policy.cap)
    while True:
        if cancel():
            report.stopped = "cancelled"
            break
        if max_items is not None and len(report.results) >= max_items:
            report.stopped = "max_items"
            break
        if store.space_low():
            # Nothing is sent that could not be recorded: a portal's acceptance must find room.
            report.stopped = "disk_full"
            break
        damaged: Damaged | None = None
        try:
            item = store.lease_next(owner, clock(), lease_for, retry_cap)
        except DiskFullError:
            report.stopped = "disk_full"
            break
        except DamagedItem as found:
            item, damaged = found.item, Damaged("answers")
        if item is None:
            report.stopped = "empty"
            break
        paused = client.not_before
        if paused is not None:
            # The portal asked every request to wait (this process or another one was told, maybe before
            # a restart): give the item back untried and stop.
            store.release(item.id)
            report.stopped, report.not_before = "not_before", paused
            break
        try:
            result = send_item(ctx, item, damaged)
        except DiskFullError:
            # A write failed for want of space (an acceptance had the reserve and is recorded): stop
            # here; the item is given back if even that fits, else its lease runs out.
            with contextlib.suppress(DiskFullError):
                store.release(item.id)
            report.stopped = "disk_full"
            break
        except AuthError:
            store.release(item.id)
            report.stopped = "auth"
            break
        except Cancelled:
            store.release(item.id)
            report.stopped = "cancelled"
            break
        except Exception:
            # A defect or a local failure (disk, tampered file): keep the item, try it later.
            log.exception("sending outbox %s %s failed unexpectedly", item.kind, item.client_ref)
            report.errors += 1
            retry_at = ctx.policy.next_attempt(clock(), item.attempts)
            try:
                store.fail(item.id, retry_at=retry_at, problem=local_problem("client-error"))
            except DiskFullError:
                report.stopped = "disk_full"
                break
            continue
        report.results.append(result)
        if on_result is not None:
            on_result(result)
        if store.space_tight():
            with contextlib.suppress(DiskFullError):
                store.checkpoint()
        if result.outcome is Outcome.SKIPPED_NOT_DUE and result.code == "not-before":
            # The portal asked for a pause: every further item would only be skipped too.
            report.stopped, report.not_before = "not_before", result.retry_at
            break
    report.patch_bytes = ctx.patch_bytes
    return report
