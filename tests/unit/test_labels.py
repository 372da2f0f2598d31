"""Every enum member and event type has its Chinese label; a few written out by hand."""

from __future__ import annotations

import inspect
from enum import Enum

import pytest

from domain import (
    assessment_scheme,
    briefing,
    calendar,
    directory,
    financing_match,
    pairing,
    periods,
    posts,
    referral,
    review,
    summons,
    values,
)
from domain.assessment import Assessment
from domain.base import DubanAggregate
from domain.briefing import SessionKind
from domain.calendar import Light
from domain.directory import Official, Unit, UnitLevel
from domain.documents import DocumentNumbers
from domain.enterprise import Enterprise
from domain.financing_match import Feedback, FinancingMatch
from domain.issue import Issue
from domain.labels import (
    AGGREGATE_LABELS,
    EVENT_LABELS,
    event_label,
    label,
    label_of,
    member_for,
    rule_label,
)
from domain.pairing import Pairing
from domain.project import Project
from domain.review import Level, Review
from domain.values import Channel, IssueStatus, ProjectStage
from domain.veto_exemption import VetoExemption

MODULES = (values, review, pairing, briefing, financing_match, directory, calendar, periods)
MODULES += (assessment_scheme,)
AGGREGATES = (Issue, Project, Pairing, briefing.SessionSeries, FinancingMatch, Review, Unit)
AGGREGATES += (Official, DocumentNumbers, Assessment, VetoExemption)
MODULES += (summons, referral)
AGGREGATES += (summons.Summons, referral.Referral)
MODULES += (posts,)
AGGREGATES += (Enterprise,)


def enums() -> list[type[Enum]]:
    return [
        value
        for module in MODULES
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, Enum)
        and value.__module__ == module.__name__
    ]


def event_classes(aggregate: type) -> list[tuple[str, str]]:
    found = []
    for name in dir(aggregate):
        value = getattr(aggregate, name)
        if (
            inspect.isclass(value)
            and issubclass(value, DubanAggregate.Event)
            and name not in ("Event", "Created")
        ):
            found.append((aggregate.__name__, name))
    return found


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_enum_member_of_the_domain_has_a_chinese_label():
    found = enums()
    assert len(found) >= 15  # the discovery itself must find the enums
    for enum in found:
        for member in enum:
            assert has_han(label(member)), f"{enum.__name__}.{member.name}"


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (IssueStatus.RAISED, "已受理"),
        (IssueStatus.ASSIGNED, "已交办"),
        (IssueStatus.RESOLVED, "已办结"),
        (IssueStatus.EXPLAINED, "已解释"),
        (IssueStatus.CLOSED, "已销号"),
        (Channel.HOTLINE_12345, "12345热线"),
        (Channel.MAYORS_MAILBOX, "书记市长信箱"),
        (Channel.SUPERVISOR, "营商环境监督员"),
        (ProjectStage.RESERVE, "储备"),
        (ProjectStage.OPERATING, "投产运营"),
        (SessionKind.ON_SITE_OFFICE_MEETING, "现场办公会"),
        (Level.BASICALLY_SATISFIED, "基本满意"),
        (Light.RED, "红灯"),
        (UnitLevel.CITY, "市级"),
        (summons.SummonsGrounds.BOTTOM_TWO_YEARS, "连续两年考核排名末位"),
        (summons.SummonsStatus.CLOSED, "整改已验收"),
        (referral.ReferralStatus.REFERRED, "已移交，待反馈"),
        (posts.Rank.DIVISION_PRINCIPAL, "县处级正职"),
        (posts.Rank.SECTION_PRINCIPAL, "乡科级正职"),
    ],
)
def test_the_labels_offices_write(member: Enum, expected: str):
    assert label(member) == expected


def test_equal_values_of_different_enums_keep_their_own_labels():
    assert label(Feedback.DECLINED) == "不予支持"
    assert label(financing_match.FinancingStatus.DECLINED) == "银行未采纳"


def test_a_spreadsheet_may_give_the_label_or_the_identifier():
    assert member_for(Channel, "12345热线") is Channel.HOTLINE_12345
    assert member_for(Channel, " hotline_12345 ") is Channel.HOTLINE_12345
    with pytest.raises(ValueError, match="热线电话"):
        member_for(Channel, "热线电话")


def test_a_value_no_enum_knows_reads_as_itself():
    assert label_of(Channel, "fax") == "fax"


def test_every_event_type_has_a_chinese_label_and_no_label_is_stale():
    named = {pair for aggregate in AGGREGATES for pair in event_classes(aggregate)}
    assert ("Issue", "Raised") in named
    for aggregate, event in named:
        assert has_han(event_label(aggregate, event)), f"{aggregate}.{event}"
        assert aggregate in AGGREGATE_LABELS
    known = {f"{a}.{e}" for a, e in named} | {e for _, e in named}
    assert set(EVENT_LABELS) <= known


def test_hand_checked_event_labels():
    assert event_label("Summons", "Held") == "进行约谈"
    assert event_label("Referral", "Referred") == "移交纪检监察机关"
    assert event_label("Issue", "ClosedOut") == "销号"
    assert event_label("Issue", "Assigned") == "受理交办"
    assert event_label("Project", "DeadlineMissed") == "逾期未办"


def test_every_rule_a_command_can_be_refused_with_reads_in_chinese():
    from application.due_dates import AmbiguousTimeLimitError
    from domain import errors

    refusals = [
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, errors.DomainError)
    ]
    assert len(refusals) > 60
    for refusal in [*refusals, AmbiguousTimeLimitError]:
        assert has_han(rule_label(refusal.rule)), refusal.rule
    assert rule_label("invalid-credit-code") == "统一社会信用代码校验不通过"
    assert rule_label("due-date-in-past") == "时限早于今天"
    assert rule_label("rectification-incomplete") == "尚有整改事项未完成，不能验收"
