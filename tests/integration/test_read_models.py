"""Read models catch up exactly once, in batches, on each store."""

from __future__ import annotations

import contextlib
from datetime import date

from application.back_office import BackOffice
from application.context import CommandContext
from domain.calendar import explicit
from domain.values import Channel, IssueCategory
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.issue_ledger import IssueFilter, IssueLedger
from projections.project_register import ProjectRegister
from projections.runner import ProjectionRunner

CODE = "91110000600037341L"


def raise_many(office: BackOffice, ctx: CommandContext, count: int) -> list:
    ids = []
    for n in range(count):
        issue = office.raise_issue(
            ctx,
            channel=Channel.HOTLINE_12345,
            category=IssueCategory.UTILITIES,
            enterprise_code=CODE,
            enterprise_name="企业",
            description=f"问题{n}",
        )
        ids.append(issue.id)
    return ids


def assign_directly(
    office: BackOffice, ctx: CommandContext, issue_id, unit: str, person: str, limit: date
) -> None:
    """An assignment by names, straight through the domain: for tests of what read models and
    the chain do with events, which need no directory behind them."""
    issue = office.get_issue(issue_id)
    issue.accept_and_assign(
        office.envelope(ctx),
        responsible_unit=unit,
        responsible_person=person,
        time_limit=explicit(limit, office.envelope(ctx).today),
    )
    office.save(issue)


def test_a_runner_applies_each_event_once_across_batches_and_restarts(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    ids = raise_many(office, officer, 7)
    assign_directly(office, officer, ids[0], "市税务局", "吴涛", date(2026, 10, 9))
    store = ViewStore(target, pool_size=2)
    try:
        runner = ProjectionRunner(office, store, [IssueLedger(), ProjectRegister()], batch_size=3)
        assert runner.catch_up() == 16  # 8 events, for each of two read models
        assert runner.catch_up() == 0
        restarted = ProjectionRunner(office, store, [IssueLedger(), ProjectRegister()])
        assert restarted.catch_up() == 0
        assert restarted.positions() == {"issue_ledger": 8, "project_register": 8}
        with store.transaction(write=False) as tx:
            everything = IssueLedger.list(tx, IssueFilter(), limit=50, offset=0)
            assigned = IssueLedger.list(tx, IssueFilter(status="assigned"), limit=50, offset=0)
        assert len(everything) == 7
        assert [i.id for i in assigned] == [ids[0]]
        assert assigned[0].version == 2
    finally:
        store.close()


def test_a_failed_batch_leaves_rows_and_position_untouched(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 2)
    store = ViewStore(target, pool_size=2)

    class Exploding(IssueLedger):
        def handle(self, tx, events, source, positions):
            super().handle(tx, events, source, positions)
            raise RuntimeError("crash mid-batch")

    try:
        runner = ProjectionRunner(office, store, [Exploding()])
        with contextlib.suppress(RuntimeError):
            runner.catch_up()
        with store.transaction(write=False) as tx:
            assert IssueLedger.list(tx, IssueFilter(), limit=50, offset=0) == []
        assert runner.positions() == {"issue_ledger": 0}
        assert ProjectionRunner(office, store, [IssueLedger()]).catch_up() == 2
    finally:
        store.close()


def test_text_with_tabs_newlines_and_backslashes_survives_the_bulk_writes(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    """Read models stream rows in (COPY on PostgreSQL), where tabs, newlines and backslashes
    are the format's own separators and escapes: they must come back exactly as written."""
    from projections.audit_index import AuditFilter, AuditIndex

    awkward = "第一行\t制表符\n第二行 C:\\路径\\N \\. 结束"
    issue = office.raise_issue(
        officer, channel=Channel.HOTLINE_12345, category=IssueCategory.UTILITIES,
        enterprise_code=CODE, enterprise_name="企业\t名称", description=awkward,
    )  # fmt: skip
    store = ViewStore(target, pool_size=2)
    try:
        ProjectionRunner(office, store, [AuditIndex(), IssueLedger()]).catch_up()
        with store.transaction(write=False) as tx:
            [entry] = AuditIndex.page(tx, AuditFilter(), after=0, limit=10)
            summary = IssueLedger.get(tx, issue.id)
    finally:
        store.close()
    assert entry.data["description"] == awkward
    assert summary is not None
    assert summary.description == awkward
    assert summary.enterprise_name == "企业\t名称"
