"""Background work inside `duban serve`: the read-model runner and the deadline watcher,
each a function called once per interval on its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

from bootstrap.services import Services

log = structlog.get_logger("duban.background")


class Periodic:
    def __init__(self, name: str, tick: Callable[[], object], interval_seconds: float) -> None:
        self._name = name
        self._tick = tick
        self._interval = interval_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:  # a failed tick is logged and retried at the next one
                log.exception("background tick failed", task=self._name)
            self._stop.wait(self._interval)


def background_loops(services: Services) -> list[Periodic]:
    """Read models kept caught up, and the deadline watcher ticking, while the API serves."""
    loops = [Periodic("projections", services.runner.catch_up, 0.5)]
    interval = services.office.policy.watcher_interval_seconds
    if interval > 0:
        loops.append(Periodic("deadline-watcher", services.watcher.tick, interval))
    return loops
