"""The back office end to end on each store: commands save events, refusals save nothing."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from domain.errors import (
    CloseOutRequiresResolutionError,
    ConcurrentWriteError,
    IssueNotFoundError,
    ProjectNotFoundError,
    UnknownProjectError,
)
from domain.issue import Issue
from domain.values import Channel, IssueCategory, IssueStatus, ProjectStage

CODE = "91110000600037341L"


def raise_one(office: BackOffice, ctx: CommandContext, **overrides: object) -> Issue:
    fields: dict[str, object] = {
        "channel": Channel.VISIT,
        "category": IssueCategory.LAND,
        "enterprise_code": CODE,
        "enterprise_name": "示范新能源科技有限公司",
        "description": "二期用地指标尚未落实",
    }
    fields.update(overrides)
    return office.raise_issue(ctx, **fields)  # type: ignore[arg-type]


def test_an_issue_runs_from_raised_to_closed_out_and_its_history_keeps_every_envelope(
    office: BackOffice, officer: CommandContext, clock, people
):
    issue = raise_one(office, officer)
    office.accept_and_assign_issue(
        officer,
        issue.id,
        responsible_person_id=people.id("赵丽"),
        time_limit=date(2026, 10, 10),
    )
    office.resolve_issue(
        officer, issue.id, resolution="用地指标已下达", business_date=date(2026, 9, 27)
    )
    office.close_out_issue(officer, issue.id, confirmed_by="企业负责人")

    events = list(office.events.get(issue.id))
    assert [type(e).__name__ for e in events] == ["Raised", "Assigned", "Resolved", "ClosedOut"]
    assert all(e.actor == "张三" and e.unit == "市发展改革委" for e in events)
    assert all(e.command_id == "cmd-1" and e.timestamp == clock.now() for e in events)
    assert events[2].business_date == date(2026, 9, 27)
    assert office.get_issue(issue.id).status is IssueStatus.CLOSED


def test_closing_out_an_unresolved_issue_is_refused_and_saves_nothing(
    office: BackOffice, officer: CommandContext
):
    issue = raise_one(office, officer)
    before = office.recorder.max_notification_id()
    with pytest.raises(CloseOutRequiresResolutionError):
        office.close_out_issue(officer, issue.id, confirmed_by="企业负责人")
    assert office.recorder.max_notification_id() == before
    assert len(list(office.events.get(issue.id))) == 1


def test_an_issue_naming_an_unknown_project_is_refused(office: BackOffice, officer):
    from uuid import uuid4

    with pytest.raises(UnknownProjectError):
        raise_one(office, officer, project_id=uuid4())
    assert office.recorder.max_notification_id() is None


def test_commands_on_unknown_aggregates_answer_not_found(office: BackOffice, officer):
    from uuid import uuid4

    with pytest.raises(IssueNotFoundError):
        office.resolve_issue(officer, uuid4(), resolution="x")
    project = office.register_project(
        officer,
        name="冷链物流园",
        enterprise_name="蜀道冷链物流有限公司",
        enterprise_code=CODE,
        region_code="510802",
        sector="物流",
        total_investment=600_000_000,
    )
    with pytest.raises(ProjectNotFoundError):
        office.advance_stage(officer, uuid4(), to=ProjectStage.NEGOTIATION)
    with pytest.raises(IssueNotFoundError):  # a project's id is not an issue's
        office.resolve_issue(officer, project.id, resolution="x")


def test_a_project_with_its_plan_and_progress_survives_a_reload(
    office: BackOffice, officer, people
):
    project = office.register_project(
        officer,
        name="锂电池正极材料产业园",
        enterprise_name="示范新能源科技有限公司",
        enterprise_code=CODE,
        region_code="510802",
        sector="新能源",
        total_investment=3_500_000_000,
    )
    office.assign_lead_leader(officer, project.id, leader_id=people.id("王建国"))
    office.adopt_plan(
        officer,
        project.id,
        start=date(2026, 10, 1),
        completion=date(2027, 6, 30),
        commissioning=date(2027, 9, 30),
    )
    office.advance_stage(officer, project.id, to=ProjectStage.NEGOTIATION)
    office.report_progress(officer, project.id, month="2026-09", investment_to_date=12_000_000)
    number = office.make_commitment(
        officer,
        type(office.get_project(project.id)),
        project.id,
        what="十月底前完成供电接入",
        to_whom="企业",
        due_date=date(2026, 10, 31),
    )
    reloaded = office.get_project(project.id)
    assert reloaded.lead_leader == "王建国"
    assert reloaded.stage is ProjectStage.NEGOTIATION
    assert reloaded.progress == {"2026-09": 12_000_000}
    assert reloaded.commitments[number].due_date == date(2026, 10, 31)
    assert reloaded.version == 6


def test_two_racing_commands_on_one_issue_one_wins_and_the_other_is_a_concurrent_write(
    office: BackOffice, officer: CommandContext, people
):
    issue = raise_one(office, officer)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    real_load = office.load

    def load_then_wait(*args, **kwargs):
        aggregate = real_load(*args, **kwargs)
        barrier.wait(timeout=10)  # both commands hold version 1 before either saves
        return aggregate

    office.load = load_then_wait  # type: ignore[method-assign]

    def assign(person: str) -> None:
        ctx = CommandContext(Actor("李四", "市政府督查室"), command_id=f"cmd-{person}")
        try:
            office.accept_and_assign_issue(
                ctx,
                issue.id,
                responsible_person_id=people.id(person),
                time_limit=date(2026, 10, 9),
            )
            outcomes.append("saved")
        except ConcurrentWriteError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=assign, args=(p,)) for p in ("吴涛", "郑华")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"]
    events = list(office.events.get(issue.id))
    assert [type(e).__name__ for e in events] == ["Raised", "Assigned"]
