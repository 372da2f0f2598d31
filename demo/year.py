"""A coherent year of a city's work (示范市, 2026), driven through the back office's commands.

Every act is scheduled on the day it happens and the acts run in time order, with the clock
set to each act's moment, so the recorded times read like a real year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from application.context import CommandContext
from bootstrap.services import Services
from demo.assessments import schedule_assessments, schedule_watcher
from demo.data import (
    ENTERPRISES,
    ISSUES,
    PROJECTS,
    SUPERVISION_OFFICE,
    UNITS,
    credit_code,
)
from demo.desk import schedule_desk
from demo.directory import schedule_directory, set_demo_passwords
from demo.enterprises import schedule_enterprises
from demo.financing import schedule_financing, schedule_reviews
from demo.mechanisms import schedule_pairings, schedule_sessions
from demo.projects import schedule_project
from demo.scenario import Scenario, SettableClock, ctx
from domain.issue import Issue
from domain.values import Channel, IssueCategory, ProjectStage
from projections.issue_ledger import IssueFilter, IssueLedger
from projections.summaries import IssueSummary

YEAR = 2026
STAGES = [s.value for s in ProjectStage][:6]


def _schedule_issue(s: Scenario, index: int) -> None:
    category, channel, ent, project, unit_key, description = ISSUES[index]
    unit, person = UNITS[unit_key]
    desk = ctx("许晓燕", SUPERVISION_OFFICE)
    worker = ctx(person, unit)
    raised = date(YEAR, 2, 2) + timedelta(days=index * 8)
    kind = index % 9

    def raise_it() -> None:
        ent_name, serial = ENTERPRISES[ent]
        s.issue_ids[index] = s.office.raise_issue(
            desk,
            channel=Channel(channel),
            category=IssueCategory(category),
            enterprise_code=credit_code(serial),
            enterprise_name=ent_name,
            description=description,
            project_id=s.project_ids.get(project) if project is not None else None,
        ).id

    s.at(raised, 9, raise_it)
    if kind == 0:
        return
    limit = date(YEAR, 12, 20) if kind == 1 else raised + timedelta(days=15)

    def iid() -> UUID:  # the id exists only once raised
        return s.issue_ids[index]

    s.at(
        raised + timedelta(days=1),
        10,
        lambda: s.office.accept_and_assign_issue(
            desk, iid(), responsible_person_id=s.people[person], time_limit=limit
        ),
    )
    s.at(
        raised + timedelta(days=3),
        11,
        lambda: s.office.reply_to_issue(
            worker, iid(), answer="已书面答复企业：问题已受理，正会同相关部门办理，将在时限内办结"
        ),
    )
    if category == "permits":  # 一次性告知: what the enterprise must supply, told once
        s.at(
            raised + timedelta(days=3),
            15,
            lambda: s.office.give_one_time_notice(
                worker, iid(), items=["营业执照副本", "项目备案证明", "建设工程规划许可证"]
            ),
        )
    s.at(
        raised + timedelta(days=4),
        14,
        lambda: s.office.note_issue_progress(
            worker, iid(), note="已赴企业现场核实情况，正在会同相关部门研究解决方案"
        ),
    )
    _schedule_outcome(s, kind, raised, iid, desk, worker)
    _schedule_late_outcome(s, index, kind, raised, iid, worker)


def _schedule_outcome(
    s: Scenario,
    kind: int,
    raised: date,
    iid: Callable[[], UUID],
    desk: CommandContext,
    worker: CommandContext,
) -> None:
    office = s.office
    if kind == 3:
        s.at(
            raised + timedelta(days=10),
            11,
            lambda: office.extend_issue_time_limit(
                worker,
                iid(),
                new_limit=raised + timedelta(days=45),
                approver_id=s.people["许晓燕"],
                reason="需省级部门会审，申请延期30天",
            ),
        )
    if kind == 4:
        s.at(
            raised + timedelta(days=9),
            11,
            lambda: office.escalate_issue(
                desk, iid(), to_level="市政府", reason="涉及多部门，提请市政府一事一议"
            ),
        )
    if kind in (5, 7, 8):
        s.at(
            raised + timedelta(days=6),
            10,
            lambda: office.make_commitment(
                worker,
                Issue,
                iid(),
                what="10个工作日内完成审批",
                to_whom="企业负责人",
                due_date=raised + timedelta(days=20),
            ),
        )
        s.at(
            raised + timedelta(days=12),
            16,
            lambda: office.resolve_issue(worker, iid(), resolution="已协调办结，相关手续全部完成"),
        )
        s.at(
            raised + timedelta(days=12),
            17,
            lambda: office.keep_commitment(worker, Issue, iid(), number=1),
        )
    if kind == 6:
        s.at(
            raised + timedelta(days=11),
            15,
            lambda: office.explain_issue(
                worker,
                iid(),
                explanation="该诉求不符合现行政策规定，已向企业当面解释并出具书面说明",
            ),
        )
    if kind in (7, 8):
        s.at(
            raised + timedelta(days=14),
            10,
            lambda: office.close_out_issue(
                desk, iid(), confirmed_by="企业负责人（电话回访确认满意）"
            ),
        )
    if kind == 8:
        s.at(
            raised + timedelta(days=40),
            10,
            lambda: office.reopen_issue(
                desk, iid(), time_limit=date(YEAR, 12, 31), reason="回头看发现问题反弹，企业不满意"
            ),
        )


def _schedule_late_outcome(
    s: Scenario,
    index: int,
    kind: int,
    raised: date,
    iid: Callable[[], UUID],
    worker: CommandContext,
) -> None:
    """Most problems left open above are resolved in the end, as in a real year (seed 004:
    88% resolved): one with the year-end limit on time, an extended one within its new
    limit, and the first two of the escalated and of the plain ones late; the rest stay open
    past their limits, on the overdue board."""
    after = {1: None, 3: 40, 2: 25, 4: 30}.get(kind, 0)
    if (kind in (2, 4) and index > 18) or after == 0:
        return
    day = date(YEAR, 12, 15) if after is None else raised + timedelta(days=after)
    s.at(
        day,
        16,
        lambda: s.office.resolve_issue(worker, iid(), resolution="经多方协调，问题已解决"),
    )


def run_demo(services: Services, clock: SettableClock) -> None:
    """The year's acts on ``services`` (whose clock is ``clock``): the assessment reads the
    views, and the deadline watcher looks each month."""
    scenario = Scenario(services.office, clock)
    schedule_directory(scenario)
    schedule_enterprises(scenario)
    for index in range(len(PROJECTS)):
        schedule_project(scenario, index)
    for index in range(len(ISSUES)):
        _schedule_issue(scenario, index)
    schedule_pairings(scenario)
    schedule_sessions(scenario)
    schedule_financing(scenario)
    schedule_reviews(scenario)
    schedule_assessments(scenario)
    schedule_desk(scenario, lambda: _raised(services))
    schedule_watcher(scenario, services.watcher.tick)
    scenario.run()
    set_demo_passwords(services)


def _raised(services: Services) -> list[IssueSummary]:
    with services.read() as tx:
        return IssueLedger.list(tx, IssueFilter(status="raised"), limit=1000, offset=0)
