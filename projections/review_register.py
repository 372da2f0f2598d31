"""ReviewRegister: every review, filterable by subject, unit, level and follow-up status."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from domain.review import Review
from projections.register import Register


class ReviewSummary(msgspec.Struct, kw_only=True):
    id: str
    subject_kind: str
    subject_id: str
    subject_unit: str
    channel: str
    level: int
    bad: bool
    comment: str
    aspects: dict[str, int]
    status: str
    answer_by: date | None
    issue_id: str | None
    return_satisfied: bool | None
    submitted_at: datetime
    updated_at: datetime
    version: int


def summarise(review: Review) -> ReviewSummary:
    return ReviewSummary(
        id=str(review.id),
        subject_kind=review.subject_kind.value,
        subject_id=review.subject_id,
        subject_unit=review.subject_unit,
        channel=review.channel,
        level=int(review.level),
        bad=review.is_bad,
        comment=review.comment,
        aspects=dict(review.aspects),
        status=review.status.value,
        answer_by=review.answer_by,
        issue_id=str(review.issue_id) if review.issue_id else None,
        return_satisfied=review.return_satisfied,
        submitted_at=review.created_on,
        updated_at=review.modified_on,
        version=review.version,
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
        "bad": lambda r: "1" if r.is_bad else "0",
        "status": lambda r: r.status.value,
    },
    sort_key=lambda r: r.created_on.isoformat(),
    unindexed=("subject_kind", "level", "bad"),  # three, five and two values in a million rows
)
