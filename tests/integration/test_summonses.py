"""Summonses and referrals through the back office, on each store: the automatic proposal the
assessment makes, the office's own, the summons held with its principal leader from the
directory, rectification met or missed, and a referral with its evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from application.due_dates import AmbiguousTimeLimitError
from application.summonses import RectificationItem, SummonsProposal
from bootstrap.services import Services
from domain import errors
from domain.access import Scope
from domain.referral import ReferralStatus
from domain.summons import SummonsGrounds, SummonsStatus
from infrastructure.clock import FrozenClock
from projections.open_deadlines import OpenDeadlines
from tests.directory import ADMIN_CTX, TestDirectory
from tests.integration.test_watcher import at

DESK = CommandContext(Actor("张三", "市政府督查室"), "cmd-summons")
SYSTEM = CommandContext(Actor("assessment", "system"), "assessment-2026")
HEAD_POSTS = ("局长", "主任", "县长", "区长", "市长")
BASIS = [f"{uuid4()}@v1", f"{uuid4()}@v1"]  # the 2025 and 2026 annual assessments
ITEMS = [
    RectificationItem("出口退税办理时限压缩至5个工作日", working_days=5),
    RectificationItem("建立问题清单周调度制度", due=date(2026, 11, 13)),
]


def names(office: BackOffice, aggregate_id) -> list[str]:
    return [type(e).__name__ for e in office.events.get(aggregate_id)]


def heads(office: BackOffice, people: TestDirectory) -> dict[str, object]:
    """The tax bureau's chief and deputy, with their posts in the directory."""
    tax = people.units["市税务局"]
    chief = office.register_official(ADMIN_CTX, name="钱卫东", unit_id=tax, title="局长")
    deputy = office.register_official(ADMIN_CTX, name="孙立", unit_id=tax, title="副局长")
    return {"chief": chief.id, "deputy": deputy.id}


def propose(office: BackOffice, people: TestDirectory, basis: list[str] = BASIS):
    return office.propose_summons(
        SYSTEM,
        unit_id=people.units["市税务局"],
        grounds=SummonsGrounds.BOTTOM_TWO_YEARS,
        reason=None,
        basis=basis,
        items=ITEMS,
    )


def test_an_automatic_proposal_counts_its_due_dates_and_is_made_once(
    office: BackOffice, people: TestDirectory
):
    summons = propose(office, people)
    (event,) = office.events.get(summons.id)
    # five working days from Monday 28 September: 29, 30 September, 8, 9 and (调休) 10 October
    assert [(i["number"], i["due"], i["counted_in"]) for i in event.items] == [
        (1, date(2026, 10, 10), "working_days"),
        (2, date(2026, 11, 13), "explicit"),
    ]
    assert (event.unit_name, event.grounds, event.basis) == ("市税务局", "bottom_two_years", BASIS)
    assert (event.actor, event.unit) == ("assessment", "system")
    republished = [BASIS[0], BASIS[1].replace("@v1", "@v2")]
    with pytest.raises(errors.SummonsAlreadyProposedError):
        propose(office, people, republished)
    assert names(office, summons.id) == ["Proposed"]


def test_the_offices_proposal_needs_its_reason_and_its_own_jurisdiction(
    office: BackOffice, people: TestDirectory
):
    tax = people.units["市税务局"]
    with pytest.raises(errors.ReasonRequiredError):
        office.propose_summons(DESK, unit_id=tax, grounds=SummonsGrounds.SUPERVISOR, items=ITEMS)
    neighbour = CommandContext(
        Actor("邻市督查员", "邻市督查室"), "cmd-n", scope=Scope(units=frozenset({"邻市税务局"}))
    )
    with pytest.raises(errors.OutOfScopeError):
        office.propose_summons(
            neighbour, unit_id=tax, grounds=SummonsGrounds.SUPERVISOR, reason="投诉多", items=ITEMS
        )
    with pytest.raises(errors.UnknownUnitError):
        office.propose_summons(
            DESK, unit_id=uuid4(), grounds=SummonsGrounds.SUPERVISOR, reason="x", items=ITEMS
        )
    with pytest.raises(AmbiguousTimeLimitError):
        office.propose_summons(
            DESK, unit_id=tax, grounds=SummonsGrounds.SUPERVISOR, reason="投诉多",
            items=[RectificationItem("整改", due=date(2026, 10, 30), working_days=3)],
        )  # fmt: skip
    one = office.propose_summons(
        DESK, unit_id=tax, grounds=SummonsGrounds.SUPERVISOR, reason="投诉多", items=ITEMS
    )
    two = office.propose_summons(
        DESK, unit_id=tax, grounds=SummonsGrounds.SUPERVISOR, reason="投诉多", items=ITEMS
    )
    assert one.id != two.id
    assert office.get_summons(one.id).proposal_reason == "投诉多"


def test_a_summons_runs_from_proposal_to_accepted_rectification(
    office: BackOffice, people: TestDirectory, clock: FrozenClock
):
    who = heads(office, people)
    summons = propose(office, people)
    office.schedule_summons(DESK, summons.id, on=date(2026, 10, 9), place="市政府第三会议室")
    clock.set(at(date(2026, 10, 9), 16))
    office.record_summons_held(
        DESK, summons.id, held_on=date(2026, 10, 9), principal_leader_id=who["chief"],
        conducted_by_id=people.id("王建国"), attendee_ids=[who["deputy"]], head_posts=HEAD_POSTS,
        notes="主要负责人作表态发言",
    )  # fmt: skip
    office.complete_rectification_item(DESK, summons.id, number=1, what_was_done="已压缩至4日")
    office.complete_rectification_item(DESK, summons.id, number=2, what_was_done="已建立")
    office.accept_rectification(DESK, summons.id, reason="经核查整改到位")
    reloaded = office.get_summons(summons.id)
    assert reloaded.status is SummonsStatus.CLOSED
    assert reloaded.principal_leader is not None
    assert (reloaded.principal_leader.name, reloaded.principal_leader.post) == ("钱卫东", "局长")
    assert [(p.name, p.unit) for p in reloaded.attendees] == [
        ("钱卫东", "市税务局"),
        ("孙立", "市税务局"),
    ]
    assert reloaded.conducted_by is not None
    assert reloaded.conducted_by.unit == "示范市人民政府"
    assert names(office, summons.id) == [
        "Proposed", "Scheduled", "Held", "ItemCompleted", "ItemCompleted", "RectificationAccepted",
    ]  # fmt: skip
    held = list(office.events.get(summons.id))[2]
    assert held.business_date == date(2026, 10, 9)


@pytest.mark.parametrize(
    ("leader", "refusal"),
    [
        ("deputy", errors.PrincipalLeaderHoldsNoHeadPostError),
        ("吴涛", errors.PrincipalLeaderHoldsNoHeadPostError),  # of the bureau, with no post
        ("郑华", errors.PrincipalLeaderNotOfUnitError),  # of another bureau
    ],
)
def test_the_principal_leader_named_is_the_summoned_units_head(
    office: BackOffice, people: TestDirectory, leader: str, refusal: type[Exception]
):
    who = heads(office, people)
    summons = propose(office, people)
    office.schedule_summons(DESK, summons.id, on=date(2026, 9, 28), place="市政府第三会议室")
    official = who.get(leader) or people.id(leader)
    with pytest.raises(refusal):
        office.record_summons_held(
            DESK, summons.id, held_on=date(2026, 9, 28), principal_leader_id=official,
            conducted_by_id=people.id("王建国"), head_posts=HEAD_POSTS,
        )  # fmt: skip
    with pytest.raises(errors.UnknownOfficialError):
        office.record_summons_held(
            DESK, summons.id, held_on=date(2026, 9, 28), principal_leader_id=uuid4(),
            conducted_by_id=people.id("王建国"), head_posts=HEAD_POSTS,
        )  # fmt: skip
    assert names(office, summons.id) == ["Proposed", "Scheduled"]


def test_a_late_completion_records_the_miss_in_the_same_save(
    office: BackOffice, people: TestDirectory, clock: FrozenClock
):
    summons = propose(office, people)
    clock.set(at(date(2026, 10, 12)))  # item 1 was due Saturday 10 October
    before = office.recorder.max_notification_id()
    office.complete_rectification_item(DESK, summons.id, number=1, what_was_done="已压缩")
    events = list(office.events.get(summons.id))
    assert [type(e).__name__ for e in events] == ["Proposed", "DeadlineMissed", "ItemCompleted"]
    missed = events[1]
    assert (missed.key, missed.due, missed.responsible) == (
        "rectification:1",
        date(2026, 10, 10),
        "市税务局",
    )
    assert missed.command_id == events[2].command_id == "cmd-summons"
    assert office.recorder.max_notification_id() == (before or 0) + 2


def test_a_referral_follows_a_summons_with_its_evidence_and_its_disposition(
    office: BackOffice, people: TestDirectory
):
    summons = propose(office, people)
    head = office.recorder.max_notification_id() or 0
    referral = office.refer_to_discipline_inspection(
        DESK, facts="整改敷衍塞责，逾期未完成", organ="市纪委监委",
        unit_id=people.units["市税务局"], official_id=people.id("吴涛"), evidence=[head],
        summons_id=summons.id,
    )  # fmt: skip
    (event,) = office.events.get(referral.id)
    assert (event.unit_name, event.official_name, event.evidence) == ("市税务局", "吴涛", [head])
    assert event.summons_id == summons.id
    with pytest.raises(errors.EvidenceNotInLogError):
        office.refer_to_discipline_inspection(
            DESK, facts="x", organ="市纪委监委", unit_id=people.units["市税务局"],
            evidence=[head + 5],
        )  # fmt: skip
    with pytest.raises(errors.UnknownSummonsError):
        office.refer_to_discipline_inspection(
            DESK, facts="x", organ="市纪委监委", unit_id=people.units["市税务局"],
            summons_id=uuid4(),
        )  # fmt: skip
    with pytest.raises(errors.ReferralPartyRequiredError):
        office.refer_to_discipline_inspection(DESK, facts="x", organ="市纪委监委")
    office.record_referral_outcome(
        DESK, referral.id, disposition="给予诫勉谈话", business_date=date(2026, 9, 27)
    )
    concluded = office.get_referral(referral.id)
    assert (concluded.status, concluded.concluded_on) == (
        ReferralStatus.CONCLUDED,
        date(2026, 9, 27),
    )
    with pytest.raises(errors.ReferralOutcomeAlreadyRecordedError):
        office.record_referral_outcome(DESK, referral.id, disposition="再次")


def test_an_item_left_undone_is_missed_by_the_watcher_and_the_ladder_urges_the_unit(
    target, clock: FrozenClock
):
    services = Services.open(target, clock, pool_size=4)
    try:
        people = TestDirectory(services.office)
        summons = propose(services.office, people)  # item 1 due Saturday 10 October (调休)
        clock.set(at(date(2026, 10, 10), 23))
        assert services.watcher.tick().misses == 0
        clock.set(at(date(2026, 10, 11)))  # Sunday: missed, nothing to urge yet
        report = services.watcher.tick()
        assert (report.misses, report.steps) == (1, 0)
        clock.set(at(date(2026, 10, 12)))  # Monday, the working day after: the urging notice
        assert services.watcher.tick().steps == 1
        assert services.watcher.tick().steps == 0
        events = list(services.office.events.get(summons.id))
        assert [type(e).__name__ for e in events] == [
            "Proposed",
            "DeadlineMissed",
            "EscalationStepTaken",
        ]
        missed, step = events[1], events[2]
        assert (missed.key, missed.due, missed.business_date) == (
            "rectification:1",
            date(2026, 10, 10),
            date(2026, 10, 11),
        )
        assert (step.step, step.business_date, step.addressed_to) == (
            "urging_notice",
            date(2026, 10, 12),
            ["市税务局", "leader (市税务局)"],
        )
        with services.read() as tx:
            open_rows = OpenDeadlines.passed_unmet(tx, date(2026, 12, 1))
        assert [(r.aggregate_type, r.key, r.due) for r in open_rows] == [
            ("Summons", "rectification:2", date(2026, 11, 13))
        ]
    finally:
        services.close()


def test_a_held_summons_survives_a_snapshot(office: BackOffice, people: TestDirectory):
    who = heads(office, people)
    summons = propose(office, people)
    office.schedule_summons(DESK, summons.id, on=date(2026, 9, 28), place="市政府第三会议室")
    office.record_summons_held(
        DESK, summons.id, held_on=date(2026, 9, 28), principal_leader_id=who["chief"],
        conducted_by_id=people.id("王建国"), attendee_ids=[who["deputy"]], head_posts=HEAD_POSTS,
    )  # fmt: skip
    office.complete_rectification_item(DESK, summons.id, number=2, what_was_done="已建立")
    replayed = office.get_summons(summons.id)
    office.take_snapshot(summons.id)
    assert len(list(office.snapshots.get(summons.id))) == 1
    restored = office.get_summons(summons.id)
    assert vars(restored) == vars(replayed)
    assert restored.open_deadlines() == replayed.open_deadlines()
    assert [d.key for d in restored.open_deadlines()] == ["rectification:1"]


def test_a_proposal_can_be_prepared_to_be_saved_with_another_commands_events(
    office: BackOffice, people: TestDirectory
):
    tax = people.units["市税务局"]
    automatic = SummonsProposal(tax, SummonsGrounds.BOTTOM_TWO_YEARS, ITEMS, basis=BASIS)
    prepared = office.summons_proposal(SYSTEM, automatic)
    assert [type(e).__name__ for e in prepared.pending_events] == ["Proposed"]
    assert list(office.events.get(prepared.id)) == []  # not saved
    with pytest.raises(errors.SummonsBasisRequiredError):
        office.summons_proposal(SYSTEM, replace(automatic, basis=[]))
    office.store(SYSTEM, prepared, "publish_assessment")
    with pytest.raises(errors.SummonsAlreadyProposedError):
        propose(office, people)
