"""What every benchmark shares: a fresh PostgreSQL schema, repeated runs, medians, the table."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from uuid import uuid4

import psycopg

from infrastructure.database import DatabaseTarget, parse_database_url

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
RUNS = 3


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    aim: str
    met: bool
    baseline: str = ""  # what it was compared with, measured in the same run
    runs: tuple[float, ...] = ()

    def row(self) -> str:
        spread = ", ".join(_fmt(r) for r in self.runs)
        mark = "yes" if self.met else "**no**"
        cells = [
            self.name,
            f"{_fmt(self.value)} {self.unit}",
            self.aim,
            mark,
            self.baseline,
            spread,
        ]
        return "| " + " | ".join(cells) + " |"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def base_target() -> DatabaseTarget:
    return parse_database_url(os.environ.get("DUBAN_BENCH_DATABASE_URL", DEFAULT_URL))


@contextmanager
def fresh_schema() -> Iterator[DatabaseTarget]:
    base = base_target()
    schema = f"duban_bench_{uuid4().hex[:10]}"
    with psycopg.connect(base.conninfo(), autocommit=True) as pg:
        pg.execute(f'CREATE SCHEMA "{schema}"')
    target = DatabaseTarget(
        kind="postgres",
        host=base.host,
        port=base.port,
        user=base.user,
        password=base.password,
        dbname=base.dbname,
        schema=schema,
    )
    try:
        yield target
    finally:
        with psycopg.connect(base.conninfo(), autocommit=True) as pg:
            pg.execute(f'DROP SCHEMA "{schema}" CASCADE')


def settle() -> None:
    """Write out what the previous benchmark left dirty, so its flush is not timed in the
    next one (a million-event benchmark leaves gigabytes for the checkpointer)."""
    with psycopg.connect(base_target().conninfo(), autocommit=True) as pg:
        pg.execute("CHECKPOINT")


def median_of(measure: Callable[[], float], runs: int = RUNS) -> tuple[float, tuple[float, ...]]:
    values = tuple(measure() for _ in range(runs))
    return statistics.median(values), values


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def cpu_check() -> float:
    """Seconds for a fixed Python loop, the best of three: these machines have run the same
    code at half the speed on another day, and a figure is only comparable beside this."""
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        total = 0
        for n in range(5_000_000):
            total += n
        best = min(best, time.perf_counter() - began)
    return best


def machine() -> list[str]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "-"

    with psycopg.connect(base_target().conninfo()) as pg:
        server = pg.execute("SHOW server_version").fetchone()
        sync = pg.execute("SHOW synchronous_commit").fetchone()
    cpu = os.cpu_count()
    return [
        f"- machine: {platform.machine()}, {cpu} cores, Python {platform.python_version()}",
        f"- PostgreSQL {server[0] if server else '?'}, "
        f"synchronous_commit={sync[0] if sync else '?'}",
        "- packages: "
        + ", ".join(
            f"{p} {version(p)}" for p in ("eventsourcing", "litestar", "psycopg", "msgspec")
        ),
        f"- each figure is the median of {RUNS} runs (the runs are listed)",
    ]


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | median | aim | met | baseline in the same run | runs |",
        "|---|---:|---|---|---|---|",
        *(f.row() for f in figures),
    ]
    return "\n".join(lines)
