"""The demo year recorded in a store, for tests that want every kind of event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from application.back_office import BackOffice
from bootstrap.services import Services
from demo.year import run_demo
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget


@contextmanager
def demo_office(target: DatabaseTarget) -> Iterator[BackOffice]:
    """A back office on ``target`` with the demo year recorded, closed afterwards."""
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    services = Services.open(target, clock, pool_size=2)
    try:
        run_demo(services, clock)
        yield services.office
    finally:
        services.close()
