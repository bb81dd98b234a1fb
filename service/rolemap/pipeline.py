"""The service layer: read a workbook through the storage port, run the core, apply the plan.

The CLI (xlsx or Google) and the Flask service call `run`; only the storage differs, and the
spreadsheet's identity comes from what storage read (`Snapshot.source`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rolemap.core import RunInfo, RunResult, WritePlan, build_plan, recalculate_snapshot
from rolemap.notify import Delivery, Notifier
from rolemap.ports import Storage


@dataclass(frozen=True)
class Outcome:
    result: RunResult
    plan: WritePlan
    json: dict[str, Any]


def _zone(name: str) -> dt.tzinfo:
    """The sheet's time zone: "today" and the run log's clock are the team's, not the server's."""
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def run(
    storage: Storage,
    *,
    dry_run: bool = False,
    as_of: dt.date | None = None,
    who: str = "",
    now: dt.datetime | None = None,
    notifier: Notifier | None = None,
    while_writing: Callable[[RunResult], object] | None = None,
) -> Outcome:
    """Read, recalculate, notify, write. `while_writing` is the caller's own work on the result
    to do while the write travels (the CLI renders its summary then); it runs on a dry run too,
    and a failed write still fails the run."""
    started = time.perf_counter()
    now = now or dt.datetime.now(dt.UTC)
    snapshot = storage.read()
    result = recalculate_snapshot(
        snapshot, today=now.astimezone(_zone(snapshot.time_zone)).date(), as_of=as_of
    )
    # Delivered before the one write so its `Run log` row can count what was sent and what
    # failed; if that write then fails, the next run finds the same flags new and sends again:
    # at least once, never silently lost. A dry run notifies nobody.
    delivery = notifier.deliver(result.digests) if notifier and not dry_run else None
    info = RunInfo(
        when=now.astimezone(_zone(snapshot.time_zone)),
        who=who,
        duration_ms=int((time.perf_counter() - started) * 1000),
        mode="dry run" if dry_run else "write",
        notified=(delivery.sent, delivery.failed) if delivery else None,
    )
    plan = build_plan(result, info)
    meanwhile = (lambda: while_writing(result)) if while_writing else None
    _apply(storage, plan, dry_run=dry_run, meanwhile=meanwhile)
    duration_ms = int((time.perf_counter() - started) * 1000)
    payload = result.to_json(
        spreadsheet_id=snapshot.source,
        api_requests=storage.requests_made,
        duration_ms=duration_ms,
        dry_run=dry_run,
    )
    delivery = delivery or Delivery()
    payload |= {"notifications_sent": delivery.sent, "notifications_failed": delivery.failed}
    return Outcome(result, plan, payload)


def _apply(
    storage: Storage, plan: WritePlan, *, dry_run: bool, meanwhile: Callable[[], object] | None
) -> None:
    """The one write, with the caller's `meanwhile` work done as it travels: a write spends
    most of its time waiting on the network, where the main thread has nothing to do."""
    if meanwhile is None:
        if not dry_run:
            storage.apply(plan)
        return
    if dry_run:
        meanwhile()
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolemap-write") as pool:
        written = pool.submit(storage.apply, plan)
        meanwhile()
        written.result()
