"""Read models that subscribe to some events only, on each store: they are handed those
alone, their positions still move to the end of what was read, and an event none of a
runner's read models subscribes to is never decoded (a broken one stops only those that
want it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import StoredEvent

from application.back_office import BackOffice
from application.context import CommandContext
from application.review_import import ReviewRow
from domain.issue import Issue
from domain.review import Level, Review, SubjectKind
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx, ViewStore
from projections.rebuild import rebuild
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import raise_many


class Seen:
    """Writes down the type of every event it is handed."""

    def __init__(self, name: str, subscribes: tuple[type, ...] | None) -> None:
        self.name = name
        self.tables = (name,)
        self.subscribes = subscribes
        self.seen: list[str] = []

    def create_tables(self, tx: Tx) -> None:
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.name} (position BIGINT)")

    def handle(self, tx: Tx, events: Sequence[Any], source: Any, positions: Sequence[int]) -> None:
        self.seen += [type(event).__qualname__ for event in events]


def _review(office: BackOffice, officer: CommandContext) -> None:
    row = ReviewRow(
        source_id="HCP-1",
        submitted_on=date(2026, 3, 2),
        subject_kind=SubjectKind.WINDOW,
        subject_id="市税务局 1号窗口",
        subject_unit="市税务局",
        channel="app",
        level=Level.VERY_SATISFIED,
    )
    assert office.import_reviews(officer, [row]).recorded == 1


def test_each_read_model_is_handed_only_what_it_subscribes_to(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 2)  # positions 1, 2
    _review(office, officer)  # 3
    raise_many(office, officer, 1)  # 4
    store = ViewStore(target, pool_size=2)
    try:
        reviews, everything = Seen("reviews_seen", (Review.Submitted,)), Seen("all_seen", None)
        runner = ProjectionRunner(office, store, [reviews, everything], batch_size=3)

        assert runner.catch_up() == 8  # 4 events passed, for each of two read models

        assert reviews.seen == ["Review.Submitted"]
        assert everything.seen == ["Issue.Raised"] * 2 + ["Review.Submitted", "Issue.Raised"]
        assert runner.positions() == {"reviews_seen": 4, "all_seen": 4}
    finally:
        store.close()


def test_a_runner_whose_read_models_all_subscribe_reads_their_topics_to_the_head(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    _review(office, officer)  # 1
    raise_many(office, officer, 3)  # 2..4: none of them wanted
    store = ViewStore(target, pool_size=2)
    try:
        reviews = Seen("reviews_seen", (Review.Submitted,))
        runner = ProjectionRunner(office, store, [reviews], batch_size=2)

        assert runner.catch_up() == 4
        assert runner.catch_up() == 0

        assert reviews.seen == ["Review.Submitted"]
        assert runner.positions() == {"reviews_seen": 4}
    finally:
        store.close()


def test_a_broken_event_stops_only_the_read_models_that_subscribe_to_it(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 1)  # 1
    broken = StoredEvent(uuid4(), 1, "domain.issue:Issue.Raised", b"{not json")
    office.recorder.insert_events([broken])  # 2
    _review(office, officer)  # 3
    store = ViewStore(target, pool_size=2)
    try:
        reviews, issues = (
            Seen("reviews_seen", (Review.Submitted,)),
            Seen("issues_seen", (Issue.Event,)),
        )
        runner = ProjectionRunner(office, store, [reviews, issues])
        runner.catch_up()

        assert reviews.seen == ["Review.Submitted"]
        assert issues.seen == ["Issue.Raised"]
        assert runner.positions() == {"reviews_seen": 3, "issues_seen": 1}
        assert [(f.name, f.position) for f in runner.failures().values()] == [("issues_seen", 2)]
    finally:
        store.close()


def test_a_rebuild_reads_its_read_models_topics_and_swaps_in_at_the_head(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 2)  # 1, 2
    _review(office, officer)  # 3
    raise_many(office, officer, 4)  # 4..7: none of them wanted
    store = ViewStore(target, pool_size=2)
    try:
        reviews = Seen("reviews_seen", (Review.Submitted,))
        runner = ProjectionRunner(office, store, [reviews])
        runner.catch_up()
        reviews.seen.clear()

        position = rebuild(office, store, reviews, reviews.tables, batch_size=2)

        assert position == 7
        assert reviews.seen == ["Review.Submitted"]
        assert runner.positions() == {"reviews_seen": 7}
    finally:
        store.close()
