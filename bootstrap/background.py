"""Background work inside `duban serve`: the read-model worker, woken whenever the log grows,
and the deadline watcher, called once per interval; each on its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

from bootstrap.services import Services
from infrastructure.notifications import LogListener

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


class LogGrew:
    """Set when the log may have grown: by a save in this process, or (PostgreSQL) by the
    store's ``NOTIFY`` from any process. A waiter clears it before it looks, so a save made
    while it looks wakes it again."""

    def __init__(self, services: Services) -> None:
        self._event = threading.Event()
        services.office.on_recorded.append(self._on_recorded)
        target = services.target or services.views.target
        channel: str | None = getattr(services.office.recorder, "channel_name", None)
        self._listener = (
            LogListener(target, channel, self._event.set)
            if target.is_postgres and channel
            else None
        )

    def _on_recorded(self, position: int) -> None:
        self._event.set()

    def start(self) -> None:
        if self._listener is not None:
            self._listener.start()

    def stop(self) -> None:
        self._event.set()
        if self._listener is not None:
            self._listener.stop()

    def clear(self) -> None:
        self._event.clear()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)


class ReadModelWorker:
    """Keeps this process's read models caught up: one catch-up each time the log grows.
    ``idle_seconds`` is only a safety net for growth no word arrives about (a bulk import
    by another process on the embedded store)."""

    def __init__(self, services: Services, idle_seconds: float = 2.0) -> None:
        self._services = services
        self._idle = idle_seconds
        self._grew = LogGrew(services)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="read-models", daemon=True)

    def start(self) -> None:
        self._services.worker_in_process = True
        self._grew.start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._grew.stop()
        self._thread.join(timeout=30)
        self._services.worker_in_process = False

    def _run(self) -> None:
        while not self._stop.is_set():
            self._grew.clear()
            try:
                self._services.runner.catch_up()
            except Exception:  # a failed catch-up is logged and tried again
                log.exception("background tick failed", task="read-models")
                self._stop.wait(1.0)
            self._grew.wait(self._idle)


def background_loops(
    services: Services, *, read_models: bool = True, watcher: bool = True
) -> list[Periodic | ReadModelWorker]:
    """Read models kept caught up, and the deadline watcher ticking, while the API serves."""
    loops: list[Periodic | ReadModelWorker] = []
    if read_models:
        loops.append(ReadModelWorker(services))
    else:  # another process keeps them: look at how far it has gone, for the answers' header
        loops.append(Periodic("read-model-status", services.runner.observe, 1.0))
    interval = services.office.policy.watcher_interval_seconds
    if watcher and interval > 0:
        loops.append(Periodic("deadline-watcher", services.watch_once, interval))
    return loops
