"""Rebuilding a read model gives the same rows as the live one, and swaps atomically."""

from __future__ import annotations

from datetime import date

from application.back_office import BackOffice
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.issue_ledger import IssueLedger
from projections.open_deadlines import OpenDeadlines
from projections.project_register import ProjectRegister
from projections.rebuild import rebuild
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import assign_directly, raise_many


def rows(store: ViewStore, table: str) -> list[tuple]:
    with store.transaction(write=False) as tx:
        return sorted(tuple(r) for r in tx.fetchall(f"SELECT * FROM {table}"))


def test_a_rebuilt_read_model_has_the_same_rows_and_position_as_the_live_one(
    office: BackOffice, officer, target: DatabaseTarget
):
    raise_many(office, officer, 25)
    store = ViewStore(target, pool_size=2)
    try:
        runner = ProjectionRunner(
            office, store, [IssueLedger(), ProjectRegister(), OpenDeadlines()]
        )
        runner.catch_up()
        live = rows(store, "issue_ledger")
        seen: list[tuple[int, int]] = []
        position = rebuild(
            office,
            store,
            runner.model("issue_ledger"),
            runner.tables_of("issue_ledger"),
            batch_size=7,
            progress=lambda done, total: seen.append((done, total)),
        )
        assert position == 25
        assert rows(store, "issue_ledger") == live
        assert runner.positions()["issue_ledger"] == 25
        assert seen[-1] == (25, 25)
        assert len(seen) > 1  # it reported progress along the way
        raise_many(office, officer, 2)  # the live runner carries on from the swapped position
        assert runner.catch_up() == 2 * 3
        assert len(rows(store, "issue_ledger")) == 27
    finally:
        store.close()


def test_rebuilt_accountability_facts_and_audit_index_match_the_live_ones(
    office: BackOffice, officer, target: DatabaseTarget
):
    from infrastructure.calendar import OfficialCalendar
    from projections.accountability_facts import AccountabilityFacts
    from projections.audit_index import AuditIndex

    ids = raise_many(office, officer, 6)
    for issue_id in ids[:3]:
        assign_directly(office, officer, issue_id, "市税务局", "吴涛", date(2026, 10, 9))
    office.resolve_issue(officer, ids[0], resolution="已办")
    store = ViewStore(target, pool_size=2)
    try:
        models = [AuditIndex(), AccountabilityFacts(OfficialCalendar.from_file())]
        runner = ProjectionRunner(office, store, models, batch_size=4)
        runner.catch_up()
        for model in models:
            live = rows(store, model.name)
            assert live  # something to compare
            rebuild(office, store, model, model.tables, batch_size=5)
            assert rows(store, model.name) == live
    finally:
        store.close()


def test_rebuilt_review_tallies_match_the_live_ones(
    office: BackOffice, officer, target: DatabaseTarget
):
    from domain.review import Level, Rectification, SubjectKind
    from projections.review_tallies import ReviewTallies

    def review(level: int) -> object:
        return office.submit_review(
            officer, subject_kind=SubjectKind.WINDOW, subject_id="政务中心 1号窗口",
            subject_unit="市行政审批局", channel="pad", level=Level(level),
        ).id  # fmt: skip

    for level in (1, 2, 4, 5, 5):
        review(level)
    fixed, set_aside = review(4), review(5)
    office.verify_review(officer, fixed)
    office.rectify_review(officer, fixed, method=Rectification.FIXED_AT_ONCE)
    office.appeal_review(officer, set_aside, reason="恶意差评")
    office.decide_review_appeal(officer, set_aside, upheld=True, reason="核实为恶意")
    store = ViewStore(target, pool_size=2)
    try:
        model = ReviewTallies()
        ProjectionRunner(office, store, [model], batch_size=2).catch_up()
        live = [rows(store, table) for table in model.tables]
        assert all(live)  # something to compare
        rebuild(office, store, model, model.tables, batch_size=3)
        assert [rows(store, table) for table in model.tables] == live
    finally:
        store.close()


def test_a_read_model_whose_rules_changed_is_made_again_from_the_start(
    office: BackOffice, officer, target: DatabaseTarget
):
    raise_many(office, officer, 4)
    store = ViewStore(target, pool_size=2)
    try:
        ProjectionRunner(office, store, [IssueLedger()]).catch_up()
        made = rows(store, "issue_ledger")
        with store.transaction() as tx:  # a row the old rules made and the new ones would not
            tx.execute("UPDATE issue_ledger SET status = 'made by old rules'")
        ProjectionRunner(office, store, [IssueLedger()]).catch_up()
        assert {r[1] for r in rows(store, "issue_ledger")} == {"made by old rules"}  # same rules

        changed = IssueLedger()
        changed.version = IssueLedger.version + 1
        runner = ProjectionRunner(office, store, [changed])
        assert runner.positions() == {"issue_ledger": 0}
        assert rows(store, "issue_ledger") == []
        runner.catch_up()
        assert rows(store, "issue_ledger") == made
        ProjectionRunner(office, store, [changed])  # the version is kept: no second start
        assert rows(store, "issue_ledger") == made
    finally:
        store.close()
