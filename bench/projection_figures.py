"""Issue 6's figures on a generated year of about a million events: projection catch-up,
lag behind a sustained command load, p99 of each view query, and an as-of query; and issue
21's: one read model rebuilt from the start of the year. The year is generated once and kept
between runs (bench/dataset.py, ``cached_year``)."""

from __future__ import annotations

import gc
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from bench.dataset import cached_year
from bench.fixtures import DESK
from bench.harness import RUNS, Figure, base_target, fresh_schema, timed
from bootstrap.services import Services, read_models
from domain.calendar import WorkingCalendar
from domain.directory import UnitLevel
from domain.values import Channel, IssueCategory
from entrypoints.worker import Share, Workers
from infrastructure.assessment_schemes import load_schemes
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx, ViewStore
from projections.accountability import figures
from projections.audit_index import AuditFilter, AuditIndex
from projections.boards import overdue_board
from projections.issue_ledger import IssueFilter, IssueLedger
from projections.periods_query import Scope
from projections.rankings import rank
from projections.rebuild import rebuild
from projections.veto_checks import veto_check

SCALE = 0.85  # about a million events
SLICE = 100_000  # events each catch-up run applies; the last run goes on to the head
QUERIES = 200  # samples per view query
PROCESSES = 2  # the worker's processes, one a core
NAMES = [model.name for model in read_models(OfficialCalendar.from_file())]
UNIT = "市税务局"
REBUILT = "accountability_facts"  # the read model whose rebuild from the start is timed


def _catch_up_slice(events: DatabaseTarget, processes: int) -> tuple[float, Any, DatabaseTarget]:
    """Fresh read models in a schema of their own, caught up over the log's first SLICE
    events by the worker in ``processes`` processes, timed from the start signal (the
    processes have opened their stores by then): (events per second, schema, its target)."""
    schema = fresh_schema()
    views = schema.__enter__()
    clock = FrozenClock(datetime(2026, 12, 1, tzinfo=UTC))
    Services.open(events, clock, 2, views_target=views).close()  # the tables, not timed
    _, rate = _timed_catch_up(events, views, processes, until=SLICE)
    return rate, schema, views


def _timed_catch_up(
    events: DatabaseTarget, views: DatabaseTarget, processes: int, until: int | None
) -> tuple[float, float]:
    """The worker's processes catching up to ``until`` (or the head), timed from the start
    signal, once they have opened their stores: (events applied, events per second)."""
    share = Share(events, (), once=True, interval=0, until=until, log_level="WARNING", views=views)
    workers = Workers(share, processes, NAMES)
    workers.wait_ready()
    began = time.perf_counter()
    workers.start.set()
    applied = sum(done.applied for done in workers.results()) / len(NAMES)
    return applied, applied / (time.perf_counter() - began)


def _p99_ms(query: Callable[[Tx], object], store: ViewStore) -> tuple[float, float]:
    samples = []
    for _ in range(QUERIES):
        with store.transaction(write=False) as tx:
            samples.append(timed(partial(query, tx)) * 1000)
    samples.sort()
    return samples[int(len(samples) * 0.99) - 1], statistics.median(samples)


def _view_queries(store: ViewStore, calendar: WorkingCalendar) -> list[Figure]:
    year = Scope(UNIT, None, date(2026, 1, 1), date(2026, 12, 31), None)
    scheme = load_schemes()[2026]
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    queries: dict[str, Callable[[Tx], object]] = {
        "issue ledger, a unit's open issues, page of 50": lambda tx: IssueLedger.list(
            tx, IssueFilter(responsible_unit=UNIT), limit=50, offset=0
        ),
        "issue ledger, a unit's open issues counted (a page's total)": lambda tx: IssueLedger.count(
            tx, IssueFilter(responsible_unit=UNIT)
        ),
        "audit log, the whole log counted (an inspector's page total)": lambda tx: AuditIndex.count(
            tx, AuditFilter()
        ),
        "accountability view, a unit's year": lambda tx: figures(tx, year, date(2026, 3, 1)),
        "one-vote-veto check, a unit's year": lambda tx: veto_check(
            tx, scheme, UNIT, "2026", date(2026, 1, 1), date(2026, 12, 31), moment
        ),
        "review rankings of units, a year": lambda tx: rank(
            tx, Scope(None, None, date(2026, 1, 1), date(2026, 12, 31), None), "units"
        ),
        "overdue board": lambda tx: overdue_board(tx, calendar, date(2026, 3, 1), 3, None),
    }
    found = []
    for name, query in queries.items():
        p99, median = _p99_ms(query, store)
        found.append(
            Figure(
                f"view query p99: {name}", p99, "ms", "< 50 ms", p99 < 50, f"median {median:.1f} ms"
            )
        )
    as_of = datetime(2026, 1, 20, 8, tzinfo=UTC)
    past = Scope(UNIT, None, date(2026, 1, 1), date(2026, 12, 31), as_of)
    p99, median = _p99_ms(lambda tx: figures(tx, past, as_of.date()), store)
    found.append(
        Figure(
            "as-of query: a unit's accountability view as recorded on 2026-01-20",
            p99,
            "ms (p99)",
            "< 1 s",
            p99 < 1000,
            f"median {median:.1f} ms",
        )
    )
    return found


def _rebuild_seconds(events: DatabaseTarget, name: str) -> tuple[float, int]:
    """One read model rebuilt from the start of the log in a schema of its own (the way
    ``duban project rebuild NAME`` does it): (seconds, events in the log)."""
    with fresh_schema() as views:
        clock = FrozenClock(datetime(2026, 12, 1, tzinfo=UTC))
        services = Services.open(events, clock, 2, views_target=views, only=[name])
        try:
            head = services.office.recorder.max_notification_id() or 0
            model = services.runner.model(name)
            tables = services.runner.tables_of(name)
            seconds = timed(partial(rebuild, services.office, services.views, model, tables))
        finally:
            services.close()
    return seconds, head


def catch_up_and_queries() -> list[Figure]:
    began = time.perf_counter()
    target, events = cached_year(base_target(), SCALE, lambda m: print(f"  {m}", file=sys.stderr))
    print(f"  the year: {events:,} events ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    calendar = OfficialCalendar.from_file()
    alone, schema, views = _catch_up_slice(target, 1)
    schema.__exit__(None, None, None)
    print(f"  catch-up in one process: {alone:,.0f} events/s", file=sys.stderr)
    rates = []
    for run in range(RUNS):
        if run:
            schema.__exit__(None, None, None)
        rate, schema, views = _catch_up_slice(target, PROCESSES)
        rates.append(rate)
        print(f"  catch-up run: {rate:,.0f} events/s", file=sys.stderr)
    rest, whole = _timed_catch_up(target, views, PROCESSES, until=None)
    print(f"  the rest of the log: {whole:,.0f} events/s", file=sys.stderr)
    # this process may have made the million events: it holds what a query server never
    # would, and a server settles its heap after a large catch-up (projections/runner.py)
    gc.collect()
    gc.freeze()
    store = ViewStore(views, pool_size=2)
    queries = _view_queries(store, calendar)
    gc.unfreeze()
    store.close()
    schema.__exit__(None, None, None)
    rebuilt, head = _rebuild_seconds(target, REBUILT)
    print(f"  {REBUILT} rebuilt in {rebuilt:.0f} s", file=sys.stderr)
    rate = statistics.median(rates)
    return [
        Figure(
            f"projection catch-up, all {len(NAMES)} read models in {PROCESSES} processes,"
            f" over {SLICE:,} of {events:,} events",
            rate,
            "events/s",
            "≥ 15,000 events/s",
            rate >= 15_000,
            f"one process: {alone:,.0f} events/s; each event read once a process, decoded"
            " if a read model there subscribes to it, one transaction per batch",
            tuple(rates),
        ),
        Figure(
            f"projection catch-up, the same read models over the other {rest:,.0f} events",
            whole,
            "events/s",
            "≥ 15,000 events/s",
            whole >= 15_000,
            "once, so that the view queries below read the whole year",
        ),
        Figure(
            f"rebuild of one read model ({REBUILT}) from the start, {head:,} events",
            rebuilt,
            "s",
            "< 60 s",
            rebuilt < 60,
            f"{head / rebuilt:,.0f} events/s, into shadow tables swapped in at the end",
        ),
        *queries,
    ]


def lag_under_load() -> list[Figure]:
    runs = [_lag_run() for _ in range(RUNS)]
    p99s = tuple(p99 for p99, _, _ in runs)
    p99 = statistics.median(p99s)
    rate = statistics.median(r for _, _, r in runs)
    median = statistics.median(m for _, m, _ in runs)
    return [
        Figure(
            f"projection lag under load, p99 (4 writers, {rate:,.0f} commands/s)",
            p99,
            "ms",
            "< 1,000 ms",
            p99 < 1000,
            f"median lag {median:,.0f} ms",
            p99s,
        )
    ]


def _lag_run(seconds: float = 10, writers: int = 4) -> tuple[float, float, float]:
    """(p99 ms, median ms, commands/s)"""
    """Writers raise and assign issues as fast as they can while the serve loop's runner
    (polling every 0.5 s when idle) keeps the read models caught up; lag is the time from a
    command's answer until every read model has applied its events."""
    lags: list[float] = []
    commands = 0
    with fresh_schema() as target:
        clock = FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC))
        services = Services.open(target, clock, pool_size=8)
        app, runner = services.office, services.runner
        city = app.register_unit(DESK, name="示范市人民政府", level=UnitLevel.CITY)
        tax = app.register_unit(DESK, name=UNIT, level=UnitLevel.DEPARTMENT, parent_id=city.id)
        wu_tao = app.register_official(DESK, name="吴涛", unit_id=tax.id).id
        seen: list[tuple[float, int]] = []
        stop = threading.Event()

        def follow() -> None:
            while not stop.is_set():
                runner.catch_up()
                seen.append((time.perf_counter(), min(runner.positions().values())))
                stop.wait(0.5 if seen[-1][1] >= (app.recorder.max_notification_id() or 0) else 0)

        written: list[tuple[float, int]] = []
        lock = threading.Lock()

        def write() -> None:
            nonlocal commands
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                issue = app.raise_issue(
                    DESK,
                    channel=Channel.HOTLINE_12345,
                    category=IssueCategory.PERMITS,
                    enterprise_code="91110000600037341L",
                    enterprise_name="利州食品股份有限公司",
                    description="施工许可办理慢",
                )
                app.accept_and_assign_issue(
                    DESK, issue.id, responsible_person_id=wu_tao, working_days=5
                )
                done = (time.perf_counter(), app.recorder.max_notification_id() or 0)
                with lock:
                    written.append(done)
                    commands += 2

        follower = threading.Thread(target=follow)
        follower.start()
        threads = [threading.Thread(target=write) for _ in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        while seen[-1][1] < written[-1][1]:
            time.sleep(0.05)
        stop.set()
        follower.join()
        services.close()
    for at, position in written:
        caught = next(t for t, p in seen if p >= position and t >= at)
        lags.append(caught - at)
    lags.sort()
    p99 = lags[int(len(lags) * 0.99) - 1]
    return p99 * 1000, statistics.median(lags) * 1000, commands / seconds
