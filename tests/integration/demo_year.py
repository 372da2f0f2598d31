"""The demo year recorded in a store, for tests that want every kind of event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from application.back_office import BackOffice
from demo.year import run_demo
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.time_limits import load_policy


@contextmanager
def demo_office(target: DatabaseTarget) -> Iterator[BackOffice]:
    """A back office on ``target`` with the demo year recorded, closed afterwards."""
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    office = BackOffice(
        clock,
        env=target.eventsourcing_env(pool_size=2),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )
    try:
        run_demo(office, clock)
        yield office
    finally:
        office.close()
