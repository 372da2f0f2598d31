"""Runs the deadline watcher in the background of `duban serve`, one tick per interval."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

log = structlog.get_logger("duban.watcher")


class WatchLoop:
    def __init__(self, tick: Callable[[], object], interval_seconds: float) -> None:
        self._tick = tick
        self._interval = interval_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deadline-watcher", daemon=True)

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
                log.exception("deadline watcher tick failed")
            self._stop.wait(self._interval)
