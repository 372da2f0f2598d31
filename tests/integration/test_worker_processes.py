"""The read-model worker in several processes: every read model in exactly one share, and the
rows it makes are the rows one process makes."""

from __future__ import annotations

import pytest

from bootstrap.services import Services, read_models
from entrypoints.worker import Share, Workers, shares
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import SystemClock
from infrastructure.database import DatabaseTarget
from tests.integration.demo_year import demo_office

NAMES = [model.name for model in read_models(OfficialCalendar.from_file())]


@pytest.mark.parametrize("processes", [1, 2, 3, 12, 20])
def test_every_read_model_is_in_exactly_one_share(processes: int) -> None:
    found = shares(NAMES, processes)
    assert sorted(name for share in found for name in share) == sorted(NAMES)
    assert len(found) == min(processes, len(NAMES))
    for share in found:  # each keeps the runner's order: the facts before the registers
        assert list(share) == [name for name in NAMES if name in share]


def test_the_costliest_read_models_go_to_different_shares() -> None:
    first, second = shares(NAMES, 2)
    assert "review_register" in first  # the costliest, against the next two
    assert "audit_index" in second
    assert "review_tallies" in second


def _snapshot(services: Services) -> dict[str, list[tuple[object, ...]]]:
    found = {}
    with services.views.transaction(write=False) as tx:
        for name in services.runner.positions():
            for table in services.runner.tables_of(name):
                found[table] = sorted(tuple(r) for r in tx.fetchall(f"SELECT * FROM {table}"))
        found["positions"] = sorted(
            tuple(r) for r in tx.fetchall("SELECT * FROM projection_positions")
        )
    return found


def _drop_read_models(services: Services) -> None:
    with services.views.transaction() as tx:
        for name in services.runner.positions():
            for table in services.runner.tables_of(name):
                tx.execute(f"DROP TABLE {table}")
        tx.execute("DROP TABLE projection_positions")
        tx.execute("DROP TABLE projection_versions")


def _fresh(target: DatabaseTarget) -> None:
    """No read model yet: the demo keeps them as it runs (its assessment reads them)."""
    services = Services.open(target, SystemClock(), 2)
    _drop_read_models(services)
    services.close()


@pytest.mark.postgres
def test_two_processes_make_the_rows_one_process_makes(postgres_target: DatabaseTarget) -> None:
    with demo_office(postgres_target) as office:
        head = office.recorder.max_notification_id() or 0
    _fresh(postgres_target)

    services = Services.open(postgres_target, SystemClock(), 2)
    assert services.runner.catch_up() == head * len(NAMES)
    one = _snapshot(services)
    _drop_read_models(services)
    services.close()

    services = Services.open(postgres_target, SystemClock(), 2)  # the tables, made again
    workers = Workers(Share(postgres_target, (), once=True, interval=0.1), 2, NAMES)
    workers.wait_ready()
    workers.start.set()
    done = workers.results()
    assert sorted(len(d.names) for d in done) != [0, len(NAMES)]  # shared out, not all in one
    assert sum(d.applied for d in done) == head * len(NAMES)
    assert _snapshot(services) == one
    assert services.runner.catch_up() == 0  # nothing left for the API's own runner
    services.close()


@pytest.mark.postgres
def test_a_share_stops_at_its_until(postgres_target: DatabaseTarget) -> None:
    with demo_office(postgres_target):
        pass
    _fresh(postgres_target)
    services = Services.open(postgres_target, SystemClock(), 2)
    workers = Workers(Share(postgres_target, (), once=True, interval=0.1, until=100), 2, NAMES)
    workers.wait_ready()
    workers.start.set()
    assert sum(d.applied for d in workers.results()) == 100 * len(NAMES)
    assert set(services.runner.positions().values()) == {100}
    services.close()
