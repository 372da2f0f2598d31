"""Audit descriptions of intake and routing, as an office would write them."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.calendar import explicit
from domain.issue import Issue
from domain.values import Channel, IssueCategory
from projections.descriptions import describe
from tests.unit.builders import CODE, MONDAY, issue, on

TITLE = "二期用地指标尚未落实"


def test_a_leaders_assignment_names_the_leader_and_the_instruction():
    raised = Issue.raise_issue(
        on(), id=uuid4(), channel=Channel.LEADER_ASSIGNED, category=IssueCategory.LAND,
        enterprise_code=CODE, enterprise_name="示范新能源科技有限公司", description=TITLE,
        first_contact_unit="市商务局", leader=("王建国", None), instruction="请尽快协调",
    )  # fmt: skip
    (event,) = raised.collect_events()
    assert describe(event) == (
        "市发改委 张三 通过领导交办登记问题「二期用地指标尚未落实」"
        "（示范新能源科技有限公司，用地类，首问单位 市商务局，王建国批示：请尽快协调）"
    )


def test_a_rectification_item_names_cause_and_measures():
    raised = Issue.raise_issue(
        on(), id=uuid4(), channel=Channel.SELF_RECTIFICATION, category=IssueCategory.PERMITS,
        enterprise_code="", enterprise_name="", description="窗口办件超时",
        cause="人员不足", measures="增设综合窗口",
    )  # fmt: skip
    (event,) = raised.collect_events()
    assert describe(event) == (
        "市发改委 张三 通过自查整改登记问题「窗口办件超时」"
        "（行政审批类，原因：人员不足；措施：增设综合窗口）"
    )


def test_transfer_return_assistance_and_notice():
    target = issue("assigned", limit=date(2026, 10, 20))
    target.request_assistance(
        on(), assisting_unit="市住建局", assisting_person="孙磊", part="出具规划条件",
        due=explicit(date(2026, 10, 15), MONDAY),
    )  # fmt: skip
    target.complete_assisting_part(on(), number=1, answer="已出具")
    target.transfer(
        on(reason="属住建部门职责"), responsible_unit="市住建局", responsible_person="孙磊",
        time_limit=explicit(date(2026, 10, 30), MONDAY),
    )  # fmt: skip
    target.give_one_time_notice(on(), items=["营业执照", "规划许可证"])
    target.return_to_office(on(reason="不属本单位职责"), acceptance_limit=None)
    lines = [describe(e, TITLE) for e in target.collect_events()]
    it = "问题「二期用地指标尚未落实」"
    assert lines == [
        f"市发改委 张三 明确 市住建局 孙磊 协办{it}：出具规划条件，时限 2026-10-15",
        f"市发改委 张三 办结{it}第1项协办事项：已出具",
        f"市发改委 张三 将{it}由 市自规局 转办给 市住建局 孙磊，办理时限 2026-10-30"
        "（理由：属住建部门职责）",
        f"市发改委 张三 就{it}一次性告知企业须补齐：营业执照、规划许可证",
        f"市发改委 张三 将{it}退回 市发改委 重新交办（理由：不属本单位职责）",
    ]


def test_the_acceptance_limit_reads_as_such_when_missed():
    raised = Issue.raise_issue(
        on(), id=uuid4(), channel=Channel.VISIT, category=IssueCategory.LAND,
        enterprise_code=CODE, enterprise_name="企业", description=TITLE,
        acceptance_limit=explicit(date(2026, 9, 30), MONDAY),
    )  # fmt: skip
    raised.collect_events()
    raised.record_missed_deadline(on(date(2026, 10, 8)), key="acceptance")
    (missed,) = raised.collect_events()
    assert describe(missed, TITLE) == (
        "市发改委 张三 记录问题「二期用地指标尚未落实」的受理时限（2026-09-30 到期）逾期未办，"
        "责任人 市发改委"
    )
