"""Processes starting together on a new store (the API, the worker's processes, the watcher)
make the tables, functions and triggers one at a time instead of colliding or deadlocking."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget

STARTS = 6


def test_services_opened_together_on_a_new_store_all_start(target: DatabaseTarget) -> None:
    barrier = threading.Barrier(STARTS)
    errors: list[BaseException] = []
    opened: list[Services] = []

    def start() -> None:
        barrier.wait()
        try:
            opened.append(Services.open(target, FrozenClock(datetime.now(UTC)), 2))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(STARTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for services in opened:
        services.close()
    assert errors == []
    assert len(opened) == STARTS
