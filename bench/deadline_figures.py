"""Issue 5's figures: a watcher tick over 100,000 open deadlines with nothing due, and the
time to record 10,000 misses."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from bench.fixtures import START, assigned_issues, office
from bench.harness import Figure, fresh_schema, median_of, timed
from bootstrap.services import Services
from infrastructure.clock import FrozenClock


def watcher_tick(deadlines: int = 100_000) -> list[Figure]:
    """The index is seeded directly — the tick reads only the index when nothing is due."""
    with fresh_schema() as target:
        services = Services.open(target, FrozenClock(START), pool_size=4)
        rows = [
            (
                str(uuid4()),
                "Issue",
                "time_limit",
                (date(2026, 12, 1) + timedelta(days=n % 300)).isoformat(),
                "time limit",
                "市自规局 赵丽",
                0,
                "{}",
            )
            for n in range(deadlines)
        ]
        with services.views.transaction() as tx:
            tx.executemany(
                "INSERT INTO open_deadlines (aggregate_id, aggregate_type, key, due, what,"
                " responsible, missed, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        seconds, runs = median_of(lambda: timed(services.watcher.tick))
        services.close()
    return [
        Figure(
            f"watcher tick over {deadlines:,} open deadlines, none due",
            seconds * 1000,
            "ms",
            "< 1,000 ms",
            seconds < 1,
            "-",
            tuple(r * 1000 for r in runs),
        )
    ]


def _record(misses: int) -> float:
    with fresh_schema() as target:
        clock = FrozenClock(START)
        app = office(target, clock=clock)
        assigned_issues(app, misses, date(2026, 9, 30))
        app.close()
        services = Services.open(target, clock, pool_size=4)
        services.runner.catch_up()
        clock.advance(timedelta(days=3))
        report = None

        def tick() -> None:
            nonlocal report
            report = services.watcher.tick()

        seconds = timed(tick)
        services.close()
    assert report is not None
    assert report.misses == misses, report
    return seconds


def record_misses(misses: int = 10_000) -> list[Figure]:
    seconds, runs = median_of(lambda: _record(misses))
    return [
        Figure(
            f"record {misses:,} missed deadlines in one tick",
            seconds,
            "s",
            "(no aim set)",
            True,
            f"{misses / seconds:,.0f} misses/s",
            runs,
        )
    ]
