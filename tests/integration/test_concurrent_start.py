"""Processes starting together on a new store (the API, the worker's processes, the watcher)
make the tables, functions and triggers one at a time instead of colliding or deadlocking."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import psycopg
import pytest

from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx
from projections.runner import ProjectionRunner, ReadModel

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


ROUNDS = 5


def test_a_worker_and_a_watcher_started_together_on_a_new_schema_both_start(
    postgres_target: DatabaseTarget,
) -> None:
    """The read-model worker catches up without pause (each batch locks every read model's
    position and writes) while the watcher starts beside it, making the tables it finds made
    (indexes, positions, one read model at a time) and then ticking, which catches up too:
    they once deadlocked. Several rounds, each on a schema of its own, new."""
    for _ in range(ROUNDS):
        schema = f"{postgres_target.schema}_{uuid4().hex[:6]}"
        with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
            pg.execute(f'CREATE SCHEMA "{schema}"')
        try:
            _start_both(replace(postgres_target, schema=schema))
        finally:
            with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
                pg.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _start_both(target: DatabaseTarget) -> None:
    """The worker catches up, the watcher ticks (and catches up): each without pause until
    the other has started too, so whichever starts second starts while the first works."""
    barrier = threading.Barrier(2)
    started: list[str] = []
    errors: list[BaseException] = []

    def run(name: str, work: Callable[[Services], object]) -> None:
        try:
            barrier.wait()
            services = Services.open(target, FrozenClock(datetime.now(UTC)), 2)
        except BaseException as error:
            errors.append(error)
            return
        started.append(name)
        try:
            while len(started) + len(errors) < 2:
                work(services)
            work(services)
        except BaseException as error:
            errors.append(error)
        finally:
            services.close()

    threads = [
        threading.Thread(target=run, args=("worker", lambda s: s.runner.catch_up())),
        threading.Thread(target=run, args=("watcher", lambda s: s.watch_once())),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "still starting after two minutes"
    assert errors == []
    assert sorted(started) == ["watcher", "worker"]


def test_a_worker_batch_waits_while_a_process_starting_beside_it_makes_the_tables(
    postgres_target: DatabaseTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadlock, made to happen rather than waited for. A process starting (the watcher)
    settles the read models' positions one at a time, in their list's order; a worker's batch
    locks every position at once, in name order. Held just after the first (which is not the
    first by name), the starting process lets the batch in: without the shared DDL lock the
    batch takes the first by name and waits for the second, which the starting process wants
    next — PostgreSQL broke the cycle by failing one of them."""
    worker = Services.open(postgres_target, FrozenClock(datetime.now(UTC)), 2)
    settled_first, go_on = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    original = ProjectionRunner._settle_version

    def settle_then_pause(runner: ProjectionRunner, tx: Tx, model: ReadModel) -> None:
        original(runner, tx, model)
        if not settled_first.is_set():
            settled_first.set()
            go_on.wait(30)

    monkeypatch.setattr(ProjectionRunner, "_settle_version", settle_then_pause)

    def guarded(work: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            try:
                work()
            except BaseException as error:
                errors.append(error)

        return run

    def start_watcher() -> None:
        Services.open(postgres_target, FrozenClock(datetime.now(UTC)), 2).close()

    starting = threading.Thread(target=guarded(start_watcher))
    batch = threading.Thread(target=guarded(worker.runner.catch_up))
    try:
        starting.start()
        assert settled_first.wait(30)
        batch.start()
        _until_waiting(postgres_target)  # the batch waits for the starting process
        go_on.set()
        starting.join(60)
        batch.join(60)
    finally:
        go_on.set()
        worker.close()
    assert errors == []


def _until_waiting(target: DatabaseTarget) -> None:
    """Until a backend waits on a lock: the batch's shared DDL lock of this schema (or, without
    it, the positions' rows)."""
    deadline = time.monotonic() + 30
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        while time.monotonic() < deadline:
            row = pg.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND (query LIKE %s OR query LIKE 'SELECT name, position FROM projection%%')",
                [f"%{target.schema}%"],
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the batch never waited for the starting process")
