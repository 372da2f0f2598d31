"""Word from PostgreSQL that the event log grew: the event store's insert sends ``NOTIFY`` on
its channel (the library's recorder does, in the insert's own transaction, so the word
arrives once the events are committed), and a listener on its own connection wakes whoever
waits, in this process or another."""

from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
import structlog
from psycopg import sql

from infrastructure.database import DatabaseTarget

log = structlog.get_logger("duban.notifications")


class LogListener:
    """``LISTEN`` on ``channel`` on a connection of its own; ``wake()`` on every notification
    (and once on each reconnection, in case one was missed while the connection was down)."""

    def __init__(self, target: DatabaseTarget, channel: str, wake: Callable[[], None]) -> None:
        self._target = target
        self._channel = channel
        self._wake = wake
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="log-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except psycopg.Error:
                log.warning("listening for new events failed; retrying", exc_info=True)
                self._stop.wait(1.0)

    def _listen(self) -> None:
        with psycopg.connect(self._target.conninfo(), autocommit=True) as connection:
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            self._wake()
            while not self._stop.is_set():
                # at most half a second between looks at the stop flag
                for _ in connection.notifies(timeout=0.5, stop_after=1):
                    self._wake()
