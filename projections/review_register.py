"""ReviewRegister: every review, filterable by subject, unit, level and follow-up status."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.review import Level, Review, ReviewStatus, SubjectKind
from projections.register import Register


class ReviewSummary(msgspec.Struct, kw_only=True):
    id: UUID
    subject_kind: SubjectKind
    subject_id: str  # free text: a unit's, window's or official's name, or an issue's id
    subject_unit: str
    channel: str
    level: Level
    bad: bool
    comment: str
    aspects: dict[str, int]
    status: ReviewStatus
    answer_by: date | None
    issue_id: UUID | None
    return_satisfied: bool | None
    submitted_at: datetime
    updated_at: datetime
    version: int


def summarise(review: Review) -> ReviewSummary:
    return ReviewSummary(
        id=review.id,
        subject_kind=review.subject_kind,
        subject_id=review.subject_id,
        subject_unit=review.subject_unit,
        channel=review.channel,
        level=review.level,
        bad=review.is_bad,
        comment=review.comment,
        aspects=dict(review.aspects),
        status=review.status,
        answer_by=review.answer_by,
        issue_id=review.issue_id,
        return_satisfied=review.return_satisfied,
        submitted_at=review.created_on,
        updated_at=review.modified_on,
        version=review.version,
    )


def submitted(event: Review.Submitted) -> ReviewSummary:
    """A review just submitted, from its event alone: what ``summarise`` makes of the review
    its submission starts."""
    level = Level(event.level)
    bad = level >= Level.DISSATISFIED
    return ReviewSummary(
        id=event.originator_id,
        subject_kind=SubjectKind(event.subject_kind),
        subject_id=event.subject_id,
        subject_unit=event.subject_unit,
        channel=event.channel,
        level=level,
        bad=bad,
        comment=event.comment,
        aspects=dict(event.aspects),
        status=ReviewStatus.SUBMITTED if bad else ReviewStatus.GOOD,
        answer_by=event.answer_by,
        issue_id=None,
        return_satisfied=None,
        submitted_at=event.timestamp,
        updated_at=event.timestamp,
        version=1,
    )


REVIEW_REGISTER = Register(
    "review_register",
    Review,
    ReviewSummary,
    summarise,
    {
        "subject_kind": lambda r: r.subject_kind.value,
        "subject_id": lambda r: r.subject_id,
        "subject_unit": lambda r: r.subject_unit,
        "level": lambda r: str(int(r.level)),
        "bad": lambda r: "1" if r.bad else "0",
        "status": lambda r: r.status.value,
    },
    sort_key=lambda r: r.submitted_at.isoformat(),
    unindexed=("subject_kind", "level", "bad"),  # three, five and two values in a million rows
    born=(Review.Submitted, submitted),
)
