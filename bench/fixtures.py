"""Data for the benchmarks: back offices on a schema, issues in bulk, a long-lived aggregate."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from domain.calendar import explicit
from domain.issue import Issue
from domain.values import Channel, IssueCategory
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.time_limits import load_policy

CODE = "91110000600037341L"
START = datetime(2026, 9, 28, 2, tzinfo=UTC)
DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "bench")


def office(
    target: DatabaseTarget, *, chained: bool = True, clock: FrozenClock | None = None
) -> BackOffice:
    env = target.eventsourcing_env(pool_size=8)
    if not chained:
        env.pop("APPLICATION_RECORDER_TOPIC")
    return BackOffice(
        clock or FrozenClock(START),
        env=env,
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )


def new_issue(app: BackOffice, description: str = "用电报装慢") -> Issue:
    return Issue.raise_issue(
        app.envelope(DESK),
        id=uuid4(),
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.UTILITIES,
        enterprise_code=CODE,
        enterprise_name="利州食品股份有限公司",
        description=description,
    )


def assigned_issues(app: BackOffice, count: int, limit: date, batch: int = 500) -> None:
    """``count`` assigned issues due on ``limit``, saved ``batch`` aggregates per transaction."""
    for start in range(0, count, batch):
        issues = []
        for _ in range(min(batch, count - start)):
            issue = new_issue(app)
            issue.accept_and_assign(
                app.envelope(DESK),
                responsible_unit="国网示范供电公司",
                responsible_person="刘洋",
                time_limit=explicit(limit, app.envelope(DESK).today),
            )
            issues.append(issue)
        app.save(*issues)


def long_lived_issue(app: BackOffice, events: int, batch: int = 500) -> Issue:
    issue = new_issue(app)
    issue.accept_and_assign(
        app.envelope(DESK),
        responsible_unit="市自规局",
        responsible_person="赵丽",
        time_limit=explicit(date(2026, 12, 31), date(2026, 9, 28)),
    )
    app.save(issue)
    while issue.version < events:
        for _ in range(min(batch, events - issue.version)):
            issue.note_progress(app.envelope(DESK), note="已协调相关部门，正在推进")
        app.save(issue)
    return issue
