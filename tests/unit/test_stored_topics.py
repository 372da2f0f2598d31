"""Event topics are stored data: renaming or moving an event class must fail this test."""

from __future__ import annotations

from eventsourcing.utils import get_topic

from domain.directory import Official
from domain.documents import DocumentNumbers
from domain.enterprise import Enterprise
from domain.issue import Issue
from domain.project import Project

DEADLINES = {
    "DeadlineMissed",
    "MissWithdrawn",
    "DeadlinePending",
    "DeadlineCounted",
    "EscalationStepTaken",
}
SHARED = {"CommitmentMade", "CommitmentKept", "CommitmentBroken", *DEADLINES}
EXPECTED = {
    Issue: {
        "Raised",
        "Assigned",
        "ProgressNoted",
        "TimeLimitExtended",
        "Escalated",
        "Resolved",
        "Explained",
        "ClosedOut",
        "Reopened",
        "UrgingNoticeIssued",
        "Transferred",
        "Returned",
        "AssistanceRequested",
        "AssistingPartCompleted",
        "ReplyOwed",
        "Replied",
        "OneTimeNoticeGiven",
        *SHARED,
    },
    Project: {
        "Registered",
        "LeadLeaderAssigned",
        "TeamMemberAdded",
        "TeamMemberRemoved",
        "PlanAdopted",
        "MilestoneReached",
        "StageAdvanced",
        "Suspended",
        "Resumed",
        "Cancelled",
        "ProgressReported",
        "AnnualInvestmentPlanned",
        "Listed",
        "LiaisonAssigned",
        "WeeklyUpdateSubmitted",
        "QuarterReportSubmitted",
        "ServiceCarriedOver",
        *SHARED,
    },
    DocumentNumbers: {"Opened", "NumberTaken", *DEADLINES},
    Official: {"Registered", "Moved", "PostChanged", *DEADLINES},
    Enterprise: {
        "Registered",
        "Reclassified",
        "LeaderLinked",
        "LeaderUnlinked",
        *DEADLINES,
    },
}


def event_topics(aggregate: type) -> set[str]:
    return {
        get_topic(value)
        for name, value in _inherited(aggregate)
        if isinstance(value, type)
        and issubclass(value, aggregate.Event)
        and value is not aggregate.Event
        and name not in ("Created",)
    }


def _inherited(aggregate: type) -> list[tuple[str, object]]:
    return [(name, getattr(aggregate, name)) for name in dir(aggregate) if name[0].isupper()]


def test_every_event_topic_is_the_one_stored_data_expects():
    for aggregate, names in EXPECTED.items():
        module = aggregate.__module__
        expected = {f"{module}:{aggregate.__name__}.{name}" for name in names}
        assert event_topics(aggregate) == expected
