"""The read-model worker keeps the read models up as the log grows, woken by the saves of its
own process and, on PostgreSQL, by the event store's NOTIFY from any other; nothing else
moves them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from bootstrap.background import ReadModelWorker
from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.notifications import LogListener
from projections.runner import ReadModelsBehindError
from tests.directory import TestDirectory

# longer than any test waits: a worker that moves in time was woken, not on its round
NEVER = 600.0


def _positions(services: Services) -> set[int]:
    with services.views.transaction(write=False) as tx:
        return {int(r[0]) for r in tx.fetchall("SELECT position FROM projection_positions")}


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


def test_a_save_in_the_workers_process_wakes_it(services: Services) -> None:
    worker = ReadModelWorker(services, idle_seconds=NEVER)
    worker.start()
    try:
        TestDirectory(services.office)  # the test city's directory: saves in this process
        head = services.office.recorder.max_notification_id() or 0
        assert head > 0
        assert services.runner.wait_for(head, 30)
        assert _positions(services) == {head}
        assert services.reached() == head
    finally:
        worker.stop()


def test_nothing_but_the_worker_moves_the_read_models_in_a_server(services: Services) -> None:
    services.catch_up_on_read = False  # as `duban serve` sets it
    TestDirectory(services.office)
    with services.read() as tx:
        tx.fetchall("SELECT * FROM directory_officials")
    assert _positions(services) == {0}
    assert services.runner.reached_in_store() == 0


@pytest.mark.postgres
def test_a_save_by_another_process_wakes_the_worker_through_notify(
    postgres_target: DatabaseTarget, clock: FrozenClock
) -> None:
    serving = Services.open(postgres_target, clock, pool_size=2)
    other = Services.open(postgres_target, clock, pool_size=2)  # its saves reach no listener
    worker = ReadModelWorker(serving, idle_seconds=NEVER)
    worker.start()
    try:
        TestDirectory(other.office)
        head = other.office.recorder.max_notification_id() or 0
        assert serving.runner.wait_for(head, 30)
        assert _positions(serving) == {head}
    finally:
        worker.stop()
        other.close()
        serving.close()


@pytest.mark.postgres
def test_the_listener_hears_each_commit_on_the_stores_channel(
    postgres_target: DatabaseTarget, clock: FrozenClock
) -> None:
    services = Services.open(postgres_target, clock, pool_size=2)
    heard = threading.Semaphore(0)
    listener = LogListener(postgres_target, services.office.recorder.channel_name, heard.release)
    listener.start()
    try:
        assert heard.acquire(timeout=30)  # once on connecting
        TestDirectory(services.office)
        assert heard.acquire(timeout=30)
    finally:
        listener.stop()
        services.close()


def test_work_that_must_see_the_whole_log_waits_for_it_then_gives_up(services: Services) -> None:
    services.catch_up_on_read = False  # a server whose worker has fallen behind (none here)
    services.read_wait_seconds = 0.2
    TestDirectory(services.office)
    head = services.office.recorder.max_notification_id() or 0
    with pytest.raises(ReadModelsBehindError) as behind:
        services.settle()
    assert (behind.value.position, behind.value.reached) == (head, 0)
    services.runner.catch_up()  # the worker's round
    services.settle()
    assert _positions(services) == {head}
