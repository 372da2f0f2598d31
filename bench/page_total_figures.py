"""What a list page's total costs on a large log: the audit log's COUNT over a million events,
for the whole log (an inspector), an officer's unit and a city desk's scope, beside the page
of 100 itself, on each store. The rows are written straight into the read model's tables:
100,000 items with a million events among them, each item answering to one of 40 units and
to a region (nine in ten the city's)."""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import psycopg

from bench.harness import RUNS, Figure, fresh_schema
from domain.access import Scope
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx, ViewStore
from projections.access_index import _DDL as ACCESS_DDL
from projections.audit_index import _COLUMN_NAMES, _DDL, AuditFilter, AuditIndex

EVENTS = 1_000_000
UNITS = [f"单位{n}" for n in range(40)]
BATCH = 20_000
SAMPLES = RUNS  # as the table header says


def _fill(store: ViewStore, target: DatabaseTarget) -> None:
    with store.transaction() as tx:
        for ddl in (*_DDL, *ACCESS_DDL):
            tx.execute(ddl)
    items = [str(uuid.uuid4()) for _ in range(EVENTS // 10)]
    access = [
        (item, facet, value)
        for n, item in enumerate(items)
        for facet, value in (("unit", UNITS[n % 40]), ("region", "510802" if n % 10 else "110101"))
    ]
    for start in range(0, len(access), BATCH):
        with store.transaction() as tx:
            tx.append("item_access", ("item_id", "facet", "value"), access[start : start + BATCH])
    for start in range(0, EVENTS, BATCH):
        rows = [_event(p, items) for p in range(start + 1, min(EVENTS, start + BATCH) + 1)]
        with store.transaction() as tx:
            tx.append("audit_index", _COLUMN_NAMES, rows)
    if target.kind == "postgres":  # as autovacuum leaves the tables: visibility map set
        with psycopg.connect(target.conninfo(), autocommit=True) as pg:
            pg.execute(f'SET search_path TO "{target.schema}"')
            pg.execute("VACUUM ANALYZE audit_index")
            pg.execute("VACUUM ANALYZE item_access")


def _event(position: int, items: list[str]) -> tuple[Any, ...]:
    month = 1 + position % 12
    return (
        position, "Issue", items[position % len(items)], 1, "Raised", "张三",
        UNITS[position % 40], "c", f"2026-{month:02d}-01T00:00:00+00:00", None, None,
        "描述" * 20, "{}",
    )  # fmt: skip


def _median_ms(store: ViewStore, query: Callable[[Tx], object]) -> tuple[float, tuple[float, ...]]:
    runs = []
    for _ in range(SAMPLES):
        with store.transaction(write=False) as tx:
            began = time.perf_counter()
            query(tx)
            runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs), tuple(runs)


def _page(tx: Tx, where: AuditFilter) -> object:
    return AuditIndex.page(tx, where, after=0, limit=101)  # a page, and whether one follows


def _figures(kind: str, store: ViewStore) -> list[Figure]:
    wheres = {
        "the whole log (an inspector)": AuditFilter(scope=Scope.all()),
        "an officer's unit": AuditFilter(scope=Scope(units=frozenset({UNITS[3]}))),
        "a city desk's scope": AuditFilter(
            scope=Scope(units=frozenset({UNITS[0]}), regions=("5108",))
        ),
    }
    found = []
    for name, where in wheres.items():
        page, _ = _median_ms(store, partial(_page, where=where))
        total, runs = _median_ms(store, partial(AuditIndex.count, where=where))
        found.append(
            Figure(
                f"audit log total over {EVENTS:,} events, {name}, {kind}",
                total,
                "ms",
                "< 500 ms",
                total < 500,
                f"the page of 100 itself: {page:.1f} ms",
                runs,
            )
        )
    return found


def audit_totals() -> list[Figure]:
    found = []
    with fresh_schema() as target:
        store = ViewStore(target, 2)
        _fill(store, target)
        found += _figures("PostgreSQL", store)
        store.close()
    with tempfile.TemporaryDirectory() as folder:
        target = DatabaseTarget(kind="sqlite", sqlite_path=Path(folder) / "totals.sqlite")
        store = ViewStore(target, 2)
        _fill(store, target)
        found += _figures("SQLite", store)
        store.close()
    return found
