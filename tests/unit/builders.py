"""Builders for domain tests: envelopes on a given Shanghai day, and aggregates in a state."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from domain.calendar import explicit
from domain.issue import Issue
from domain.project import Project
from domain.values import SHANGHAI, Channel, Envelope, IssueCategory

CODE = "91110000600037341L"
MONDAY = date(2026, 9, 28)


def on(day: date = MONDAY, *, reason: str | None = None, business: date | None = None) -> Envelope:
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI).astimezone(UTC)
    return Envelope("张三", "市发改委", "cmd-1", moment, business, reason)


def project(investment: int = 3_500_000_000) -> Project:
    registered = Project.register(
        on(),
        id=uuid4(),
        name="锂电池正极材料产业园",
        enterprise_name="示范新能源科技有限公司",
        enterprise_code=CODE,
        region_code="510802",
        sector="新能源",
        total_investment=investment,
    )
    registered.collect_events()
    return registered


def raised_issue(envelope: Envelope | None = None, **changes: str) -> Issue:
    fields = {
        "enterprise_code": CODE,
        "enterprise_name": "示范新能源科技有限公司",
        "description": "二期用地指标尚未落实",
        **changes,
    }
    return Issue.raise_issue(
        envelope or on(),
        id=uuid4(),
        channel=Channel.VISIT,
        category=IssueCategory.LAND,
        **fields,
    )


def issue(status: str = "raised", limit: date = date(2026, 10, 20)) -> Issue:
    raised = raised_issue()
    if status != "raised":
        raised.accept_and_assign(
            on(),
            responsible_unit="市自规局",
            responsible_person="赵丽",
            time_limit=explicit(limit, MONDAY),
        )
    if status in ("resolved", "closed"):
        raised.resolve(on(), resolution="已解决")
    if status == "explained":
        raised.explain(on(), explanation="依法不能办理，已解释")
    if status == "closed":
        raised.close_out(on(), confirmed_by="企业负责人")
    raised.collect_events()
    return raised


def names(events: list) -> list[str]:
    return [type(e).__name__ for e in events]
