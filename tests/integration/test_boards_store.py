"""The overdue board's open issues: now from the ledger, at a moment from the audit log —
the two agree, on each store, through extensions, resolutions, close-outs and reopenings."""

from __future__ import annotations

from datetime import UTC, date, datetime

from application.back_office import BackOffice
from application.context import CommandContext
from bootstrap.services import read_models
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.boards import open_issue_limits
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import assign_directly, raise_many


def test_open_limits_now_agree_with_the_log_folded_to_now(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget, people
):
    ids = raise_many(office, officer, 5)
    for n, issue_id in enumerate(ids[:4]):
        assign_directly(office, officer, issue_id, f"单位{n % 2}", "赵丽", date(2026, 10, 20 + n))
    office.extend_issue_time_limit(
        officer,
        ids[0],
        approver_id=people.id("主任"),
        reason="需省级审批",
        new_limit=date(2026, 11, 30),
    )
    office.resolve_issue(officer, ids[1], resolution="已解决")
    office.resolve_issue(officer, ids[2], resolution="已解决")
    office.close_out_issue(officer, ids[2], confirmed_by="企业负责人")
    office.reopen_issue(officer, ids[2], reason="企业不满意", time_limit=date(2026, 12, 15))
    store = ViewStore(target, pool_size=2)
    ProjectionRunner(office, store, read_models(office.calendar)).catch_up()

    with store.transaction(write=False) as tx:
        now = open_issue_limits(tx, None)
        folded = open_issue_limits(tx, datetime(2100, 1, 1, tzinfo=UTC))
    store.close()

    assert now == folded
    assert now == {
        str(ids[0]): ("单位0", date(2026, 11, 30)),
        str(ids[2]): ("单位0", date(2026, 12, 15)),
        str(ids[3]): ("单位1", date(2026, 10, 23)),
    }


def test_the_board_of_the_present_counted_in_the_database_agrees_with_the_lights_one_by_one(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    from projections.boards import overdue_board

    limits = [date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 10), date(2026, 10, 12)]
    ids = raise_many(office, officer, 2 * len(limits) + 1)
    for n, (issue_id, limit) in enumerate(zip(ids, limits * 2, strict=False)):
        unit = f"单位{n // len(limits)}"
        assign_directly(office, officer, issue_id, unit, "赵丽", limit)
    store = ViewStore(target, pool_size=2)
    ProjectionRunner(office, store, read_models(office.calendar)).catch_up()
    today = date(2026, 9, 30)  # 3 working days on: the holiday, then 10-08, 10-09, 10-10

    with store.transaction(write=False) as tx:
        now = overdue_board(tx, office.calendar, today, 3, None)
        one_by_one = overdue_board(tx, office.calendar, today, 3, datetime(2100, 1, 1, tzinfo=UTC))
    store.close()

    assert now == one_by_one
    assert [(u.unit, u.red, u.yellow, u.green) for u in now] == [
        ("单位0", 1, 2, 1),
        ("单位1", 1, 2, 1),
    ]
