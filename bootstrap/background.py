"""Background work inside `duban serve`: the read-model runner and the deadline watcher,
each a function called once per interval on its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

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
