"""The read-model worker in several processes (``duban project --processes N``).

Catching up is Python work, so one process uses one core however many the machine has. Each
read model keeps its own position, in the same transaction as its rows, and reads only its
own tables, so the read models can be shared out: each process keeps a share of them, reads
the log itself and locks only its own position rows. Exactly once still holds per read model.
The shares are balanced by what each read model costs per event.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.synchronize import Event

from infrastructure.database import DatabaseTarget
from infrastructure.notifications import LogListener
from projections.runner import ProjectionRunner

# microseconds per event each read model adds to reading and decoding the log, alone in one
# process over the first 60,000 events of the benchmark's year (python -m bench.dataset
# --scale 0.85), less review_invitations alone (which decodes the reviews and does little
# else); the best of three, on a shared machine (runs differ by a third). A read model not
# listed counts 1. Only the proportions matter.
COST = {
    "review_register": 45,
    "audit_index": 27,
    "review_tallies": 27,
    "access_index": 15,
    "accountability_facts": 7,
    "open_deadlines": 4,
    "pairing_register": 3,
    "issue_ledger": 2,
}


def shares(names: Sequence[str], processes: int) -> list[tuple[str, ...]]:
    """The read models split into ``processes`` shares of about equal cost (the costliest
    first, each to the share that costs least so far), each share in the runner's order."""
    totals = [0] * processes
    taken: list[set[str]] = [set() for _ in range(processes)]
    for name in sorted(names, key=lambda n: -COST.get(n, 1)):
        least = totals.index(min(totals))
        totals[least] += COST.get(name, 1)
        taken[least].add(name)
    return [tuple(n for n in names if n in share) for share in taken if share]


@dataclass(frozen=True)
class Share:
    target: DatabaseTarget
    names: tuple[str, ...]
    once: bool
    interval: float
    until: int | None = None  # catch up to this position at most
    log_level: str = "INFO"
    log_json: bool = True
    views: DatabaseTarget | None = None  # the read models' store, if not beside the events


@dataclass(frozen=True)
class Done:
    names: tuple[str, ...]
    applied: int  # events applied, summed over the share's read models


def keep_up(
    runner: ProjectionRunner,
    *,
    once: bool,
    interval: float,
    until: int | None,
    target: DatabaseTarget | None = None,
) -> int:
    """Catch up, then (unless ``once``) catch up again each time the log grows: on
    PostgreSQL (``target``) woken by the store's ``NOTIFY``, with ``interval`` seconds as a
    safety net; on the embedded store, polling every ``interval`` seconds. Returns what the
    one catch-up applied when ``once``."""
    if once:
        return runner.catch_up(until=until)
    grew = threading.Event()
    channel: str | None = getattr(runner.source.recorder, "channel_name", None)
    listener = None
    if target is not None and target.is_postgres and channel:
        listener = LogListener(target, channel, grew.set)
        listener.start()
        interval = max(interval, 5.0)
    try:
        while True:
            grew.clear()
            applied = runner.catch_up(until=until)
            if not applied:
                grew.wait(interval)
    finally:
        if listener is not None:
            listener.stop()


def _keep(share: Share, ready: Event, start: Event, done: multiprocessing.Queue[Done]) -> None:
    from bootstrap.services import Services
    from infrastructure.clock import SystemClock
    from infrastructure.logging import configure_logging

    configure_logging(share.log_level, share.log_json)
    services = Services.open(
        share.target, SystemClock(), 2, only=share.names, views_target=share.views
    )
    try:
        ready.set()
        start.wait()
        applied = keep_up(
            services.runner,
            once=share.once,
            interval=share.interval,
            until=share.until,
            target=share.target,
        )
        done.put(Done(share.names, applied))
    except KeyboardInterrupt:
        return
    finally:
        services.close()


class Workers:
    """Processes keeping shares of the read models caught up. The tables must exist first
    (``Services.open`` in the parent), so the processes never race to create them."""

    def __init__(self, template: Share, processes: int, names: Sequence[str]) -> None:
        context = multiprocessing.get_context("spawn")
        self.done: multiprocessing.Queue[Done] = context.Queue()
        self.start = context.Event()
        self._ready: list[Event] = []
        self.processes = []
        for share in shares(names, processes):
            ready = context.Event()
            mine = dataclasses.replace(template, names=share)
            self.processes.append(
                context.Process(target=_keep, args=(mine, ready, self.start, self.done))
            )
            self._ready.append(ready)
        for process in self.processes:
            process.start()

    def wait_ready(self, timeout: float = 120) -> None:
        """Until every process has opened its stores: starting up is not catching up."""
        for ready, process in zip(self._ready, self.processes, strict=True):
            while not ready.wait(0.2):
                if not process.is_alive():
                    raise RuntimeError(f"read-model process exited with {process.exitcode}")
                timeout -= 0.2
                if timeout <= 0:
                    raise TimeoutError("read-model processes did not start")

    def results(self) -> list[Done]:
        """Each share's result, once every process has caught up (``once`` only)."""
        found: list[Done] = []
        while len(found) < len(self.processes):
            try:
                found.append(self.done.get(timeout=0.5))
            except queue.Empty:
                if any(process.exitcode not in (None, 0) for process in self.processes) or all(
                    process.exitcode is not None for process in self.processes
                ):
                    self.stop()
                    raise RuntimeError("a read-model process failed") from None
        self.stop()
        return found

    def run(self) -> int:
        """Until the first process ends (an error, or an interrupt): the others are stopped
        too, and its exit code returned, so a supervisor restarts the whole worker."""
        wait([process.sentinel for process in self.processes])
        code = next((p.exitcode for p in self.processes if p.exitcode is not None), 0)
        self.stop()
        return code or 0

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()
