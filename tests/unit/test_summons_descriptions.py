"""Audit descriptions of summonses and referrals: one Chinese sentence each, written by hand."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.calendar import explicit
from domain.directory import Person
from domain.referral import Referral
from domain.summons import Summons, SummonsGrounds
from projections.descriptions import describe, title_of
from tests.unit.builders import MONDAY, on
from tests.unit.test_summons import BASIS, CHIEF, DEPUTY, HEAD_POSTS, MAYOR, proposed


def test_a_summons_reads_from_proposal_to_acceptance():
    s = proposed()
    s.schedule(on(), on=date(2026, 10, 9), place="市政府第三会议室")
    s.schedule(on(reason="市长出差"), on=date(2026, 10, 12), place="市政府第三会议室")
    s.hold(
        on(date(2026, 10, 12)), held_on=date(2026, 10, 12), principal_leader=CHIEF,
        head_posts=HEAD_POSTS, conducted_by=MAYOR, attendees=[DEPUTY],
    )  # fmt: skip
    s.complete_item(on(date(2026, 11, 2)), number=1, done="已压缩至4个工作日")
    s.complete_item(on(date(2026, 11, 2)), number=2, done="已建立")
    s.accept_rectification(on(date(2026, 11, 3), reason="经核查整改到位"))
    events = s.collect_events()
    title = "市税务局"
    assert [describe(e, title) for e in events] == [
        "市发改委 张三 安排约谈「市税务局」于 2026-10-09 在市政府第三会议室进行",
        "市发改委 张三 安排约谈「市税务局」于 2026-10-12 在市政府第三会议室进行"
        "（原定 2026-10-09）（理由：市长出差）",
        "市发改委 张三 于 2026-10-12 进行约谈「市税务局」，约谈 钱卫东（局长），"
        "由 示范市人民政府 王建国（副市长） 主持，到会 2 人",
        "市发改委 张三 记录约谈「市税务局」的第1项整改事项（2026-10-30 到期）逾期未办，"
        "责任人 市税务局",
        "市发改委 张三 记录约谈「市税务局」第1项整改事项于 2026-11-02 完成：已压缩至4个工作日",
        "市发改委 张三 记录约谈「市税务局」第2项整改事项于 2026-11-02 完成：已建立",
        "市发改委 张三 验收约谈「市税务局」的整改情况，约谈事项办结（理由：经核查整改到位）",
    ]


def test_a_proposal_names_its_grounds_and_its_items_and_a_withdrawal_its_reason():
    s = Summons.propose(
        on(), id=uuid4(), unit_id=uuid4(), unit_name="市税务局",
        grounds=SummonsGrounds.BOTTOM_TWO_YEARS, basis=BASIS,
        items=[("整改", explicit(date(2026, 10, 30), MONDAY))],
    )  # fmt: skip
    s.withdraw(on(reason="考核结果更正"))
    proposal, withdrawn = s.collect_events()
    assert describe(proposal) == (
        "市发改委 张三 因连续两年考核排名末位提出约谈「市税务局」的建议，限期整改事项 1 项"
    )
    assert describe(withdrawn, "市税务局") == (
        "市发改委 张三 撤销约谈「市税务局」（理由：考核结果更正）"
    )


def test_a_referral_names_the_unit_the_official_and_the_organ():
    tax = uuid4()
    r = Referral.refer(
        on(), id=uuid4(), unit=(tax, "市税务局"), official=Person(uuid4(), "吴涛", tax, "市税务局"),
        facts="推诿扯皮", evidence=[3, 7], log_head=10, organ="市纪委监委",
    )  # fmt: skip
    r.record_outcome(on(business=date(2026, 9, 25)), disposition="给予诫勉谈话")
    referred, outcome = r.collect_events()
    assert title_of("Referral", vars(referred)) == "市税务局 吴涛"
    assert describe(referred) == (
        "市发改委 张三 将问题线索「市税务局 吴涛」移交市纪委监委调查处理，附证据 2 条"
    )
    assert describe(outcome, "市税务局 吴涛") == (
        "市发改委 张三 记录问题线索「市税务局 吴涛」的调查处理结果（2026-09-25）：给予诫勉谈话"
    )
