"""Audit descriptions: one Chinese sentence — who, for which unit, did what, to which item."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.calendar import explicit
from domain.issue import Issue
from domain.urging import Addressee
from domain.values import Channel, IssueCategory
from projections.descriptions import describe, title_of
from tests.unit.builders import CODE, MONDAY, issue, on, project

TITLE = "二期用地指标尚未落实"


def test_raising_an_issue_names_channel_enterprise_and_category():
    raised = Issue.raise_issue(
        on(), id=uuid4(), channel=Channel.HOTLINE_12345, category=IssueCategory.LAND,
        enterprise_code=CODE, enterprise_name="示范新能源科技有限公司", description=TITLE,
    )  # fmt: skip
    (event,) = raised.collect_events()
    assert describe(event) == (
        "市发改委 张三 通过12345热线登记问题「二期用地指标尚未落实」"
        "（示范新能源科技有限公司，用地类）"
    )


def test_the_lead_example_sentence():
    target = issue("raised")
    target.accept_and_assign(
        on(), responsible_unit="市自然资源和规划局", responsible_person="赵丽",
        time_limit=explicit(date(2026, 10, 12), MONDAY),
    )  # fmt: skip
    (assigned,) = target.collect_events()
    assert describe(assigned, TITLE) == (
        "市发改委 张三 将问题「二期用地指标尚未落实」交办给 市自然资源和规划局 赵丽，"
        "办理时限 2026-10-12"
    )


def test_a_creation_event_names_its_own_item():
    p = project()
    p.plan_annual_investment(on(), year=2026, amount=800_000_000)
    (planned,) = p.collect_events()
    assert describe(planned, "锂电池正极材料产业园") == (
        "市发改委 张三 下达项目「锂电池正极材料产业园」 2026 年度计划投资 8亿元"
    )


def test_the_watcher_and_the_ladder_read_as_the_system():
    late = issue("assigned", limit=date(2026, 10, 20))
    watcher = on(date(2026, 10, 22))
    watcher = type(watcher)("deadline-watcher", "system", "w", watcher.recorded_at)
    late.record_missed_deadline(watcher, key="time_limit")
    late.take_escalation_step(
        watcher, key="time_limit", due=date(2026, 10, 20), step="urging_notice",
        addressed_to=["市自规局 赵丽"],
    )  # fmt: skip
    late.issue_urging_notice(
        on(date(2026, 10, 22)), number="示范督〔2026〕3号", key="time_limit",
        due=date(2026, 10, 20), addressees=[Addressee("赵丽", "科长", "市自规局"),
        Addressee("钱进", "", "市自规局")], new_time_limit=explicit(date(2026, 10, 30), MONDAY),
    )  # fmt: skip
    missed, step, notice = late.collect_events()
    assert describe(missed, TITLE) == (
        "系统时限监测 记录问题「二期用地指标尚未落实」的办理时限（2026-10-20 到期）逾期未办，"
        "责任人 市自规局 赵丽"
    )
    assert describe(step, TITLE) == (
        "系统时限监测 就问题「二期用地指标尚未落实」的办理时限（2026-10-20 到期）逾期启动"
        "督办通知，送 市自规局 赵丽"
    )
    assert describe(notice, TITLE) == (
        "市发改委 张三 就问题「二期用地指标尚未落实」下发督办通知 示范督〔2026〕3号，"
        "送 赵丽（科长）、钱进，限期 2026-10-30 前办结"
    )


def test_long_titles_are_cut_and_unknown_kinds_have_none():
    assert title_of("Issue", {"description": "问" * 60}) == "问" * 39 + "…"
    assert title_of("Spaceship", {"name": "x"}) == ""
    assert title_of("FinancingMatch", {"enterprise_name": "某公司", "amount": 50_000_000}) == (
        "某公司 5000万元"
    )
