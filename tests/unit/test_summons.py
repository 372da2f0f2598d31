"""Summons (约谈): proposed → scheduled → held → items completed → rectification accepted, or
withdrawn before it is held; every refusal by its rule."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.calendar import DayCount, DueDate, explicit
from domain.rectification import Participant
from domain.summons import Summons, SummonsGrounds, SummonsStatus
from tests.unit.builders import MONDAY, names, on

TAX = uuid4()  # the summoned unit, 市税务局
HEAD_POSTS = ("局长", "主任", "县长", "区长", "市长")
CHIEF = Participant(uuid4(), "钱卫东", "局长", TAX, "市税务局")
DEPUTY = Participant(uuid4(), "孙立", "副局长", TAX, "市税务局")
CLERK = Participant(uuid4(), "吴涛", "", TAX, "市税务局")
MAYOR = Participant(uuid4(), "王建国", "副市长", uuid4(), "示范市人民政府")
OTHER_CHIEF = Participant(uuid4(), "郑华", "局长", uuid4(), "市人社局")
BASIS = ["1f0c5a4e-0000-4000-8000-000000000025@v1", "1f0c5a4e-0000-4000-8000-000000000026@v2"]


def due(day: date) -> DueDate:
    return explicit(day, MONDAY)


def proposed(*, items: int = 2) -> Summons:
    s = Summons.propose(
        on(),
        id=uuid4(),
        unit_id=TAX,
        unit_name="市税务局",
        grounds=SummonsGrounds.BOTTOM_TWO_YEARS,
        basis=BASIS,
        items=[
            ("出口退税办理时限压缩至5个工作日", due(date(2026, 10, 30))),
            ("建立问题清单周调度制度", due(date(2026, 11, 13))),
        ][:items],
    )
    s.collect_events()
    return s


def scheduled() -> Summons:
    s = proposed()
    s.schedule(on(), on=date(2026, 10, 9), place="市政府第三会议室")
    s.collect_events()
    return s


def held() -> Summons:
    s = scheduled()
    s.hold(
        on(date(2026, 10, 9)), held_on=date(2026, 10, 9), principal_leader=CHIEF,
        head_posts=HEAD_POSTS, conducted_by=MAYOR, attendees=[DEPUTY, CHIEF],
    )  # fmt: skip
    s.collect_events()
    return s


def test_a_proposal_numbers_its_items_and_owes_each_by_its_due_date():
    s = proposed()
    assert s.status is SummonsStatus.PROPOSED
    assert s.grounds is SummonsGrounds.BOTTOM_TWO_YEARS
    assert s.basis == BASIS
    assert [(d.key, d.due, d.responsible) for d in s.open_deadlines()] == [
        ("rectification:1", date(2026, 10, 30), "市税务局"),
        ("rectification:2", date(2026, 11, 13), "市税务局"),
    ]
    assert s.answerable().units == frozenset({"市税务局"})


def test_the_proposed_event_keeps_how_each_due_date_was_counted():
    counted = DueDate(date(2026, 10, 16), DayCount.WORKING_DAYS, 5, MONDAY, "chinesecalendar")
    s = Summons.propose(
        on(reason="营商环境投诉集中"), id=uuid4(), unit_id=TAX, unit_name="市税务局",
        grounds=SummonsGrounds.SUPERVISOR, basis=[], items=[("整改", counted)],
    )  # fmt: skip
    (event,) = s.collect_events()
    assert event.items == [
        {
            "number": 1,
            "what": "整改",
            "due": date(2026, 10, 16),
            "counted_in": "working_days",
            "day_count": 5,
            "calendar": "chinesecalendar",
        }
    ]
    assert s.proposal_reason == "营商环境投诉集中"


def test_a_supervisors_proposal_needs_a_reason():
    with pytest.raises(errors.ReasonRequiredError):
        Summons.propose(
            on(), id=uuid4(), unit_id=TAX, unit_name="市税务局",
            grounds=SummonsGrounds.SUPERVISOR, basis=[], items=[("整改", due(MONDAY))],
        )  # fmt: skip


@pytest.mark.parametrize(
    "basis",
    [[], [BASIS[0]], [BASIS[0], BASIS[0].replace("@v1", "@v2")]],
    ids=["none", "one year", "two versions of one assessment"],
)
def test_a_proposal_for_being_last_two_years_running_cites_two_assessments(basis):
    with pytest.raises(errors.SummonsBasisRequiredError):
        Summons.propose(
            on(), id=uuid4(), unit_id=TAX, unit_name="市税务局",
            grounds=SummonsGrounds.BOTTOM_TWO_YEARS, basis=basis, items=[("整改", due(MONDAY))],
        )  # fmt: skip


def test_a_proposal_needs_a_rectification_item_not_blank_and_not_due_in_the_past():
    def propose(items: list[tuple[str, DueDate]]) -> None:
        Summons.propose(
            on(), id=uuid4(), unit_id=TAX, unit_name="市税务局",
            grounds=SummonsGrounds.BOTTOM_TWO_YEARS, basis=BASIS, items=items,
        )  # fmt: skip

    with pytest.raises(errors.RectificationListEmptyError):
        propose([])
    with pytest.raises(errors.BlankTextError):
        propose([("  ", due(date(2026, 10, 30)))])
    with pytest.raises(errors.DueDateInPastError):
        propose([("整改", due(date(2026, 9, 27)))])
    propose([("整改", due(MONDAY))])  # due today: accepted


def test_scheduling_then_rescheduling_with_a_reason():
    s = proposed()
    s.schedule(on(), on=date(2026, 10, 9), place="市政府第三会议室")
    assert s.status is SummonsStatus.SCHEDULED
    with pytest.raises(errors.ReasonRequiredError):
        s.schedule(on(), on=date(2026, 10, 12), place="市政府第三会议室")
    s.schedule(on(reason="市长出差"), on=date(2026, 10, 12), place="市政府第一会议室")
    first, second = s.collect_events()
    assert (first.on, first.previous_on) == (date(2026, 10, 9), None)
    assert (second.on, second.previous_on, second.place) == (
        date(2026, 10, 12),
        date(2026, 10, 9),
        "市政府第一会议室",
    )
    assert (s.scheduled_on, s.place) == (date(2026, 10, 12), "市政府第一会议室")


def test_a_summons_is_not_scheduled_in_the_past_nor_without_a_place():
    s = proposed()
    with pytest.raises(errors.SummonsDateInPastError):
        s.schedule(on(), on=date(2026, 9, 25), place="会议室")
    with pytest.raises(errors.BlankTextError):
        s.schedule(on(), on=date(2026, 10, 9), place=" ")
    assert s.collect_events() == []


def test_holding_names_the_principal_leader_first_among_those_present():
    s = held()
    assert s.status is SummonsStatus.HELD
    assert s.held_on == date(2026, 10, 9)
    assert s.principal_leader == CHIEF
    assert s.conducted_by == MAYOR
    assert [p.name for p in s.attendees] == ["钱卫东", "孙立"]
    assert s.answerable().officials == frozenset({"钱卫东"})


def test_a_summons_is_held_only_once_scheduled_and_not_in_the_future():
    s = proposed()
    with pytest.raises(errors.SummonsNotScheduledError):
        s.hold(
            on(), held_on=MONDAY, principal_leader=CHIEF, head_posts=HEAD_POSTS,
            conducted_by=MAYOR, attendees=[],
        )  # fmt: skip
    s = scheduled()
    with pytest.raises(errors.BusinessDateInFutureError):
        s.hold(
            on(), held_on=date(2026, 9, 29), principal_leader=CHIEF, head_posts=HEAD_POSTS,
            conducted_by=MAYOR, attendees=[],
        )  # fmt: skip


@pytest.mark.parametrize(
    ("leader", "refusal"),
    [
        (OTHER_CHIEF, errors.PrincipalLeaderNotOfUnitError),
        (DEPUTY, errors.PrincipalLeaderHoldsNoHeadPostError),
        (CLERK, errors.PrincipalLeaderHoldsNoHeadPostError),
    ],
    ids=["another unit's head", "a deputy", "no post"],
)
def test_the_principal_leader_is_the_head_of_the_summoned_unit(leader, refusal):
    s = scheduled()
    with pytest.raises(refusal):
        s.hold(
            on(), held_on=MONDAY, principal_leader=leader, head_posts=HEAD_POSTS,
            conducted_by=MAYOR, attendees=[],
        )  # fmt: skip
    assert s.collect_events() == []


def test_a_county_head_leads_a_county_government():
    county = uuid4()
    s = Summons.propose(
        on(), id=uuid4(), unit_id=county, unit_name="示范县人民政府",
        grounds=SummonsGrounds.BOTTOM_TWO_YEARS, basis=BASIS, items=[("整改", due(MONDAY))],
    )  # fmt: skip
    s.schedule(on(), on=MONDAY, place="市政府")
    head = Participant(uuid4(), "冯涛", "县长", county, "示范县人民政府")
    s.hold(
        on(), held_on=MONDAY, principal_leader=head, head_posts=HEAD_POSTS, conducted_by=MAYOR,
        attendees=[],
    )  # fmt: skip
    assert s.principal_leader == head


def test_completing_items_in_time_records_no_miss_and_leaves_the_rest_owed():
    s = held()
    s.complete_item(on(date(2026, 10, 20)), number=1, done="已压缩至4个工作日")
    assert names(s.collect_events()) == ["ItemCompleted"]
    assert [d.key for d in s.open_deadlines()] == ["rectification:2"]
    assert s.items[1].completed_on == date(2026, 10, 20)
    assert s.items[1].done == "已压缩至4个工作日"


def test_a_late_completion_records_the_miss_in_the_same_save():
    s = held()
    s.complete_item(on(date(2026, 11, 2)), number=1, done="已压缩")
    missed, completed = s.collect_events()
    assert names([missed, completed]) == ["DeadlineMissed", "ItemCompleted"]
    assert (missed.key, missed.due, missed.responsible) == (
        "rectification:1",
        date(2026, 10, 30),
        "市税务局",
    )


def test_a_completion_recorded_late_with_a_business_day_in_time_is_no_miss():
    s = held()
    s.complete_item(on(date(2026, 11, 2), business=date(2026, 10, 29)), number=1, done="已压缩")
    assert names(s.collect_events()) == ["ItemCompleted"]
    assert s.items[1].completed_on == date(2026, 10, 29)


def test_items_can_be_completed_before_the_summons_is_held():
    s = proposed()
    s.complete_item(on(), number=2, done="已建立")
    assert [d.key for d in s.open_deadlines()] == ["rectification:1"]


def test_completion_refusals():
    s = held()
    with pytest.raises(errors.RectificationItemNotFoundError):
        s.complete_item(on(), number=3, done="x")
    with pytest.raises(errors.BusinessDateInFutureError):
        s.complete_item(on(business=date(2026, 9, 29)), number=1, done="x")
    with pytest.raises(errors.BlankTextError):
        s.complete_item(on(), number=1, done=" ")
    s.complete_item(on(), number=1, done="已压缩")
    with pytest.raises(errors.RectificationItemAlreadyCompletedError):
        s.complete_item(on(), number=1, done="再次")


def test_accepting_the_rectification_closes_the_summons_and_its_deadlines():
    s = held()
    s.complete_item(on(), number=1, done="已压缩")
    with pytest.raises(errors.RectificationIncompleteError, match="item\\(s\\) 2 "):
        s.accept_rectification(on(reason="整改到位"))
    s.complete_item(on(), number=2, done="已建立")
    with pytest.raises(errors.ReasonRequiredError):
        s.accept_rectification(on())
    s.accept_rectification(on(reason="经核查整改到位"))
    assert s.status is SummonsStatus.CLOSED
    assert s.closing_reason == "经核查整改到位"
    assert s.open_deadlines() == []
    with pytest.raises(errors.SummonsClosedError):
        s.accept_rectification(on(reason="again"))
    with pytest.raises(errors.SummonsClosedError):
        s.withdraw(on(reason="x"))


def test_the_rectification_is_accepted_only_after_the_summons_is_held():
    s = proposed(items=1)
    s.complete_item(on(), number=1, done="已压缩")
    with pytest.raises(errors.SummonsNotHeldError):
        s.accept_rectification(on(reason="整改到位"))
    s.schedule(on(), on=date(2026, 10, 9), place="会议室")
    with pytest.raises(errors.SummonsNotHeldError):
        s.accept_rectification(on(reason="整改到位"))


def test_withdrawing_a_proposal_needs_a_reason_and_ends_its_deadlines():
    s = scheduled()
    with pytest.raises(errors.ReasonRequiredError):
        s.withdraw(on())
    s.withdraw(on(reason="考核结果更正后不再末位"))
    assert s.status is SummonsStatus.WITHDRAWN
    assert s.open_deadlines() == []
    for act in (
        lambda: s.schedule(on(), on=date(2026, 10, 9), place="会议室"),
        lambda: s.complete_item(on(), number=1, done="x"),
        lambda: s.withdraw(on(reason="again")),
    ):
        with pytest.raises(errors.SummonsWithdrawnError):
            act()


def test_a_held_summons_is_neither_withdrawn_nor_rescheduled_nor_held_again():
    s = held()
    with pytest.raises(errors.SummonsAlreadyHeldError):
        s.withdraw(on(reason="x"))
    with pytest.raises(errors.SummonsAlreadyHeldError):
        s.schedule(on(reason="x"), on=date(2026, 10, 20), place="会议室")
    with pytest.raises(errors.SummonsAlreadyHeldError):
        s.hold(
            on(), held_on=MONDAY, principal_leader=CHIEF, head_posts=HEAD_POSTS,
            conducted_by=MAYOR, attendees=[],
        )  # fmt: skip


def test_the_watcher_records_an_item_left_undone_once_and_the_ladder_follows():
    s = held()
    watcher = on(date(2026, 10, 31))
    with pytest.raises(errors.DeadlineNotPassedError):
        s.record_missed_deadline(on(date(2026, 10, 30)), key="rectification:1")
    s.record_missed_deadline(watcher, key="rectification:1")
    with pytest.raises(errors.DeadlineAlreadyMissedError):
        s.record_missed_deadline(watcher, key="rectification:1")
    s.take_escalation_step(
        watcher, key="rectification:1", due=date(2026, 10, 30), step="urging_notice",
        addressed_to=["市税务局"],
    )  # fmt: skip
    assert names(s.collect_events()) == ["DeadlineMissed", "EscalationStepTaken"]
    # completed afterwards: the miss stands once, the completion records no second one
    s.complete_item(on(date(2026, 11, 3)), number=1, done="已压缩")
    assert names(s.collect_events()) == ["ItemCompleted"]


def test_replaying_the_events_gives_the_same_state():
    s = Summons.propose(
        on(), id=uuid4(), unit_id=TAX, unit_name="市税务局",
        grounds=SummonsGrounds.BOTTOM_TWO_YEARS, basis=BASIS,
        items=[("出口退税办理时限压缩", due(date(2026, 10, 30)))],
    )  # fmt: skip
    s.schedule(on(), on=date(2026, 10, 9), place="市政府第三会议室")
    s.hold(
        on(date(2026, 10, 9)), held_on=date(2026, 10, 9), principal_leader=CHIEF,
        head_posts=HEAD_POSTS, conducted_by=MAYOR, attendees=[DEPUTY],
    )  # fmt: skip
    s.complete_item(on(date(2026, 11, 2)), number=1, done="已压缩")
    replayed = None
    for event in s.collect_events():
        replayed = event.mutate(replayed)
    assert isinstance(replayed, Summons)
    assert vars(replayed) == vars(s)
    assert replayed.items[1].completed_on == date(2026, 11, 2)
    assert [p.name for p in replayed.attendees] == ["钱卫东", "孙立"]
    assert list(replayed.missed_deadlines) == ["rectification:1@2026-10-30"]
