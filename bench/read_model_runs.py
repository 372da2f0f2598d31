"""Read-model catch-up and rebuild on the cached year, for comparing two versions of the code
run one after the other on the same machine (``PYTHONPATH`` chooses which):

    python -m bench.read_model_runs catch-up:2:100000 catch-up:1:100000 rebuild:accountability_facts

and an older version's read models on the year this one cached, from its own worktree:

    PYTHONPATH=../main python bench/read_model_runs.py --schema duban_bench_year_… catch-up:2:100000

``catch-up:P:N``: fresh read models, all of them, caught up over the log's first N events by
the worker in P processes, timed from the start signal (events per second, counting every
event of the N, read or passed over). ``rebuild:NAME``: that read model rebuilt from the start
of the whole year, as ``duban project rebuild NAME`` does it. Each in a schema of its own,
dropped afterwards; the year itself is generated once and kept (bench/dataset.py)."""

from __future__ import annotations

import dataclasses
import sys
import time
from datetime import UTC, datetime

from bench.harness import base_target, fresh_schema
from bootstrap.services import Services, read_models
from entrypoints.worker import Share, Workers
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.logging import configure_logging
from projections.rebuild import rebuild

CLOCK = datetime(2026, 12, 1, tzinfo=UTC)


def catch_up(events: DatabaseTarget, processes: int, until: int) -> float:
    names = [m.name for m in read_models(OfficialCalendar.from_file())]
    with fresh_schema() as views:
        Services.open(events, FrozenClock(CLOCK), 2, views_target=views).close()
        share = Share(
            events, (), once=True, interval=0, until=until, log_level="WARNING", views=views
        )
        workers = Workers(share, processes, names)
        workers.wait_ready()
        began = time.perf_counter()
        workers.start.set()
        workers.results()
        return until / (time.perf_counter() - began)


def rebuilt(events: DatabaseTarget, name: str) -> tuple[float, int]:
    with fresh_schema() as views:
        services = Services.open(events, FrozenClock(CLOCK), 2, views_target=views, only=[name])
        try:
            model = services.runner.model(name)
            began = time.perf_counter()
            position = rebuild(
                services.office, services.views, model, services.runner.tables_of(name)
            )
            return time.perf_counter() - began, position
        finally:
            services.close()


def main(argv: list[str]) -> int:
    configure_logging("WARNING", json=False)
    if argv[:1] == ["--schema"] and len(argv) > 1:  # a year already made, by name
        events, argv = dataclasses.replace(base_target(), schema=argv[1]), argv[2:]
    else:
        from bench.dataset import cached_year
        from bench.projection_figures import SCALE

        events, _ = cached_year(base_target(), SCALE, lambda m: print(m, file=sys.stderr))
    print(f"the year: schema {events.schema}", file=sys.stderr)
    for what in argv:
        kind, _, rest = what.partition(":")
        if kind == "catch-up":
            processes, until = (int(n) for n in rest.split(":"))
            rate = catch_up(events, processes, until)
            print(f"catch-up, {processes} processes, {until:,} events: {rate:,.0f} events/s")
        elif kind == "rebuild":
            seconds, position = rebuilt(events, rest)
            print(f"rebuild {rest}, {position:,} events: {seconds:.1f} s")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
