"""A review submitted alone in a batch makes its accountability facts and its register row
from its event, without the review being built; its later events go the aggregate's way and
find the same row. On each store."""

from __future__ import annotations

from application.back_office import BackOffice
from application.context import CommandContext
from domain.access import Scope
from domain.review import Level, ReviewStatus, SubjectKind
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.access_index import AccessIndex
from projections.accountability_facts import AccountabilityFacts
from projections.open_deadlines import OpenDeadlines
from projections.review_register import REVIEW_REGISTER
from projections.runner import ProjectionRunner


def test_a_review_alone_in_its_batch_is_read_from_its_event(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget, clock: FrozenClock
):
    good = office.submit_review(
        officer,
        subject_kind=SubjectKind.WINDOW,
        subject_id="市税务局 1号窗口",
        subject_unit="市税务局",
        channel="app",
        level=Level.SATISFIED,
    )
    bad = office.submit_review(
        officer,
        subject_kind=SubjectKind.OFFICIAL,
        subject_id="吴涛",
        subject_unit="市税务局",
        channel="sms",
        level=Level.DISSATISFIED,
        comment="等候时间太长",
    )
    store = ViewStore(target, pool_size=2)
    try:
        models = [
            AccountabilityFacts(office.calendar),
            REVIEW_REGISTER,
            AccessIndex(),
            OpenDeadlines(),
        ]
        runner = ProjectionRunner(office, store, models)
        runner.catch_up()
        with store.transaction(write=False) as tx:
            facts = tx.fetchall(
                "SELECT aggregate_id, kind, unit, official, value, detail, aggregate_type"
                " FROM accountability_facts ORDER BY position, kind"
            )
            good_row = REVIEW_REGISTER.get(tx, good.id)
            bad_row = REVIEW_REGISTER.get(tx, bad.id)
            access = tx.fetchall("SELECT item_id, facet, value FROM item_access ORDER BY item_id")
            deadlines = tx.fetchall(
                "SELECT aggregate_id, aggregate_type, key, due, responsible, missed, steps"
                " FROM open_deadlines"
            )
            waiting = REVIEW_REGISTER.list(
                tx, {"status": "submitted", "bad": "1"}, scope=Scope.all(), limit=10, offset=0
            )

        assert [tuple(row) for row in facts] == [
            (
                str(good.id),
                "review_submitted",
                "市税务局",
                "",
                2.0,
                "window:市税务局 1号窗口",
                "Review",
            ),
            (
                str(bad.id),
                "bad_review_submitted",
                "市税务局",
                "吴涛",
                4.0,
                "official:吴涛",
                "Review",
            ),
            (str(bad.id), "review_submitted", "市税务局", "吴涛", 4.0, "official:吴涛", "Review"),
        ]
        assert good_row is not None
        assert bad_row is not None
        assert (good_row.status, good_row.bad, good_row.version) == (ReviewStatus.GOOD, False, 1)
        assert (bad_row.status, bad_row.bad, bad_row.level) == (ReviewStatus.SUBMITTED, True, 4)
        assert bad_row.comment == "等候时间太长"
        assert bad_row.answer_by is not None
        assert bad_row.submitted_at == bad_row.updated_at == clock.now()
        assert [r.id for r in waiting] == [bad.id]
        assert sorted(tuple(r) for r in access) == sorted(
            [(str(good.id), "unit", "市税务局"), (str(bad.id), "unit", "市税务局")]
        )
        assert [tuple(r) for r in deadlines] == [
            (str(bad.id), "Review", "answer", str(bad_row.answer_by), "市税务局", 0, "{}")
        ]

        office.verify_review(officer, bad.id)
        runner.catch_up()
        with store.transaction(write=False) as tx:
            verified = REVIEW_REGISTER.get(tx, bad.id)
        assert verified is not None
        assert (verified.status, verified.version) == (ReviewStatus.VERIFIED, 2)
        assert verified.submitted_at == bad_row.submitted_at
    finally:
        store.close()
