"""A read model stopped at an event it cannot apply, on each store: it keeps the rows it made
before that event, it is not tried again at every catch-up, the other read models go on; once
it is fixed, a restart (a new runner) tries the event again and it resumes where it stopped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog

from application.back_office import BackOffice
from application.context import CommandContext
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx, ViewStore
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import raise_many


class Descriptions:
    """Keeps each issue's description; ``broken`` stands for a bug about the word 问题3."""

    def __init__(self, name: str, broken: bool) -> None:
        self.name = name
        self.tables = (name,)
        self.broken = broken
        self.calls = 0

    def create_tables(self, tx: Tx) -> None:
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.name} (position BIGINT, text TEXT)")

    def handle(self, tx: Tx, events: Sequence[Any], source: Any, positions: Sequence[int]) -> None:
        self.calls += 1
        rows = []
        for event, position in zip(events, positions, strict=True):
            if self.broken and getattr(event, "description", "") == "问题3":
                raise KeyError("问题3")
            rows.append((position, getattr(event, "description", "")))
        tx.append(self.name, ("position", "text"), rows)


def _texts(store: ViewStore, table: str) -> list[str]:
    with store.transaction(write=False) as tx:
        return [str(r[0]) for r in tx.fetchall(f"SELECT text FROM {table} ORDER BY position")]


def test_a_stopped_read_model_resumes_after_a_fix_and_a_restart(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 6)  # positions 1..6, descriptions 问题0..问题5
    store = ViewStore(target, pool_size=2)
    try:
        flaky, sound = Descriptions("flaky_view", broken=True), Descriptions("sound_view", False)
        runner = ProjectionRunner(office, store, [flaky, sound], batch_size=4)
        with structlog.testing.capture_logs() as logs:
            runner.catch_up()
            calls = flaky.calls
            raise_many(office, officer, 1)  # position 7
            for _ in range(3):
                runner.catch_up()

        assert runner.positions() == {"flaky_view": 3, "sound_view": 7}
        assert _texts(store, "flaky_view") == ["问题0", "问题1", "问题2"]
        assert flaky.calls == calls  # passed over since, not tried at every catch-up
        (failure,) = runner.failures().values()
        assert (failure.name, failure.position) == ("flaky_view", 4)
        assert failure.event.startswith("Issue.Raised of ")
        assert failure.error == "KeyError: '问题3'"
        assert [e["model"] for e in logs if e["log_level"] == "error"] == ["flaky_view"]

        flaky.broken = False  # the fix, deployed; the process starts again
        restarted = ProjectionRunner(office, store, [flaky, sound], batch_size=4)
        restarted.catch_up()

        assert restarted.positions() == {"flaky_view": 7, "sound_view": 7}
        assert restarted.failures() == {}
        assert _texts(store, "flaky_view") == [f"问题{n}" for n in range(6)] + ["问题0"]
    finally:
        store.close()


def test_a_model_still_broken_after_a_restart_stays_stopped_with_one_more_error(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 5)
    store = ViewStore(target, pool_size=2)
    try:
        runner = ProjectionRunner(office, store, [Descriptions("flaky_view", broken=True)])
        runner.catch_up()
        with structlog.testing.capture_logs() as logs:
            again = ProjectionRunner(office, store, [Descriptions("flaky_view", broken=True)])
            for _ in range(3):
                again.catch_up()
        assert again.positions() == {"flaky_view": 3}
        assert len([e for e in logs if e["log_level"] == "error"]) == 1
    finally:
        store.close()
