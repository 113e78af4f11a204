"""Drain the outbox oldest-first: one result per item; stop on an auth error, cancellation or a portal pause.

Each item is taken with a lease (store.lease_next): two senders never hold the same item, and an item
whose sender died is free again once its lease runs out, so nothing stays stuck "sending".
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.store import Store
from sync.client import AuthError, PortalClient
from sync.clock import Clock
from sync.retry import RetryPolicy
from sync.send import CHUNK_SIZE, Cancelled, Outcome, SendContext, SendResult, local_problem, send_item

log = logging.getLogger(__name__)

# Longer than any single send (20 MiB at a slow link within the client's timeouts), so a live sender
# keeps its item; short enough that a crashed sender's item is picked up again the same morning.
LEASE_FOR = timedelta(minutes=15)


@dataclass
class DrainReport:
    results: list[SendResult] = field(default_factory=list)
    stopped: str = "empty"  # empty | auth | cancelled | max_items | not_before
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
    while True:
        if cancel():
            report.stopped = "cancelled"
            break
        if max_items is not None and len(report.results) >= max_items:
            report.stopped = "max_items"
            break
        item = store.lease_next(owner, clock(), lease_for)
        if item is None:
            report.stopped = "empty"
            break
        try:
            result = send_item(ctx, item)
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
            store.fail(item.id, retry_at=retry_at, problem=local_problem("client-error"))
            continue
        report.results.append(result)
        if on_result is not None:
            on_result(result)
        if result.outcome is Outcome.SKIPPED_NOT_DUE and result.code == "not-before":
            # The portal asked for a pause: every further item would only be skipped too.
            report.stopped, report.not_before = "not_before", result.retry_at
            break
    report.patch_bytes = ctx.patch_bytes
    return report
