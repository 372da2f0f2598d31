"""Review (好差评): the one served rates a service on five levels; a bad review is followed up.

Lifecycle: submitted (subject — a unit, a service window, an official or a closed issue — and
the unit answerable for it, channel, level 1 very satisfied … 5 very dissatisfied, optional
comment and aspect scores 1–5 on the seven aspects). A good review (levels 1–3) ends there:
one small event. A bad review (4–5) must be verified, then rectified (fixed at once, put on the
ledger with a time limit — raising a linked Issue — or explained), then answered by a return
visit, all by its answer-by date. A review shown mistaken or malicious is appealed by the unit
and, if upheld, set aside: its events stay, its state says set aside.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum, StrEnum
from typing import Any
from uuid import UUID

from domain.access import Answerable
from domain.base import DubanAggregate
from domain.calendar import PendingCount
from domain.deadlines import Deadline
from domain.errors import IllegalReviewStepError, InvalidReviewError, ReviewNotFoundError
from domain.values import (
    Envelope,
    check_business_date,
    require_credit_code,
    require_reason,
    require_text,
)

MAX_COMMENT = 500
ANSWER = "verification, rectification and return visit of a bad review"
ASPECTS = (
    "promises",  # keeping investment promises 招商引资承诺兑现
    "policies",  # carrying out preferential policies 优惠政策落实
    "style",  # work style 工作作风
    "efficiency",  # 办事效率
    "openness",  # 政务公开
    "lawful",  # lawful administration 依法行政
    "integrity",  # 廉洁自律
)


class Level(IntEnum):
    VERY_SATISFIED = 1
    SATISFIED = 2
    BASICALLY_SATISFIED = 3
    DISSATISFIED = 4
    VERY_DISSATISFIED = 5


class SubjectKind(StrEnum):
    UNIT = "unit"
    WINDOW = "window"
    OFFICIAL = "official"
    ISSUE = "issue"


class Rectification(StrEnum):
    FIXED_AT_ONCE = "fixed_at_once"
    LEDGER = "ledger"
    EXPLAINED = "explained"


class ReviewStatus(StrEnum):
    GOOD = "good"
    SUBMITTED = "submitted"  # a bad review awaiting verification
    VERIFIED = "verified"
    RECTIFIED = "rectified"
    ANSWERED = "answered"  # the return visit closed it
    APPEALED = "appealed"
    SET_ASIDE = "set_aside"


class Review(DubanAggregate):
    not_found = ReviewNotFoundError

    class Submitted(DubanAggregate.Created):
        subject_kind: str
        subject_id: str
        subject_unit: str
        channel: str
        level: int
        comment: str
        aspects: dict[str, int]
        answer_by: date | None  # bad reviews only
        reviewer_code: str | None  # the reviewing enterprise's credit code, if one

    class Verified(DubanAggregate.Event):
        def apply(self, review: Review) -> None:
            review.status = ReviewStatus.VERIFIED

    class Rectified(DubanAggregate.Event):
        method: str
        issue_id: UUID | None

        def apply(self, review: Review) -> None:
            review.status, review.issue_id = ReviewStatus.RECTIFIED, self.issue_id

    class ReturnVisited(DubanAggregate.Event):
        satisfied: bool

        def apply(self, review: Review) -> None:
            review.status, review.return_satisfied = ReviewStatus.ANSWERED, self.satisfied

    class Appealed(DubanAggregate.Event):
        def apply(self, review: Review) -> None:
            review.status_before_appeal, review.status = review.status, ReviewStatus.APPEALED

    class AppealDecided(DubanAggregate.Event):
        upheld: bool

        def apply(self, review: Review) -> None:
            before = review.status_before_appeal or ReviewStatus.SUBMITTED
            review.status = ReviewStatus.SET_ASIDE if self.upheld else before

    def __init__(
        self,
        *,
        subject_kind: str,
        subject_id: str,
        subject_unit: str,
        channel: str,
        level: int,
        comment: str,
        aspects: dict[str, int],
        answer_by: date | None,
        reviewer_code: str | None,
    ) -> None:
        self.subject_kind = SubjectKind(subject_kind)
        self.subject_id = subject_id
        self.subject_unit = subject_unit
        self.channel = channel
        self.level = Level(level)
        self.comment = comment
        self.aspects = dict(aspects)
        self.answer_by = answer_by
        self.reviewer_code = reviewer_code
        self.status = ReviewStatus.SUBMITTED if self.is_bad else ReviewStatus.GOOD
        self.status_before_appeal: ReviewStatus | None = None
        self.issue_id: UUID | None = None
        self.return_satisfied: bool | None = None

    @property
    def is_bad(self) -> bool:
        return self.level >= Level.DISSATISFIED

    @classmethod
    def submit(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        subject_kind: SubjectKind,
        subject_id: str,
        subject_unit: str,
        channel: str,
        level: Level,
        comment: str = "",
        aspects: dict[str, int] | None = None,
        answer_by: date | PendingCount | None = None,
        reviewer_code: str | None = None,
    ) -> Review:
        """``answer_by`` is required for a bad review and ignored for a good one; a count of
        working days into a year the calendar does not cover yet is recorded as pending."""
        pending = answer_by if isinstance(answer_by, PendingCount) else None
        due = answer_by if isinstance(answer_by, date) else None
        fields = cls._submission(
            envelope, subject_kind, subject_id, subject_unit, channel, level, comment,
            aspects, due, reviewer_code, pending is not None,
        )  # fmt: skip
        review = cls._start(cls.Submitted, id=id, envelope=envelope, **fields)
        if pending is not None and review.is_bad:
            review.pend_deadline(envelope, key="answer", what=ANSWER, count=pending)
        return review

    @classmethod
    def submitted_event(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        subject_kind: SubjectKind,
        subject_id: str,
        subject_unit: str,
        channel: str,
        level: Level,
        comment: str = "",
        aspects: dict[str, int] | None = None,
        answer_by: date | None = None,
        reviewer_code: str | None = None,
    ) -> Review.Submitted:
        """The same submission, under the same rules, as its event alone (bulk intake)."""
        fields = cls._submission(
            envelope, subject_kind, subject_id, subject_unit, channel, level, comment,
            aspects, answer_by, reviewer_code,
        )  # fmt: skip
        event = cls._creation_event(cls.Submitted, id=id, envelope=envelope, **fields)
        assert isinstance(event, Review.Submitted)
        return event

    @classmethod
    def submission_events(
        cls, envelope: Envelope, *, answer_by: date | PendingCount | None, **fields: Any
    ) -> list[DubanAggregate.Event]:
        """A submission's events for bulk intake: the creation event alone (no aggregate is
        built), or, for a bad review whose answer-by count waits for next year's calendar,
        the submission and its pending deadline."""
        if isinstance(answer_by, PendingCount):
            events: Any = cls.submit(envelope, answer_by=answer_by, **fields).collect_events()
            return list(events)
        return [cls.submitted_event(envelope, answer_by=answer_by, **fields)]

    @staticmethod
    def _submission(
        envelope: Envelope,
        subject_kind: SubjectKind,
        subject_id: str,
        subject_unit: str,
        channel: str,
        level: Level,
        comment: str,
        aspects: dict[str, int] | None,
        answer_by: date | None,
        reviewer_code: str | None,
        answer_pending: bool = False,
    ) -> dict[str, object]:
        aspects = aspects or {}
        check_business_date(envelope)
        if len(comment) > MAX_COMMENT:
            raise InvalidReviewError(f"a comment is at most {MAX_COMMENT} characters")
        unknown = sorted(set(aspects) - set(ASPECTS))
        if unknown or any(not 1 <= score <= 5 for score in aspects.values()):
            raise InvalidReviewError(f"aspects are scored 1–5 on {ASPECTS}; got {aspects}")
        bad = level >= Level.DISSATISFIED
        if bad and answer_by is None and not answer_pending:
            raise InvalidReviewError("a bad review needs the date it must be answered by")
        return {
            "subject_kind": subject_kind.value,
            "subject_id": require_text(subject_id, "subject"),
            "subject_unit": require_text(subject_unit, "answerable unit"),
            "channel": require_text(channel, "channel"),
            "level": int(level),
            "comment": comment.strip(),
            "aspects": dict(aspects),
            "answer_by": answer_by if bad else None,
            "reviewer_code": require_credit_code(reviewer_code) if reviewer_code else None,
        }

    def _require(self, *allowed: ReviewStatus, doing: str) -> None:
        if self.status not in allowed:
            raise IllegalReviewStepError(f"{doing} is refused: the review is {self.status}")

    def verify(self, envelope: Envelope) -> None:
        self._require(ReviewStatus.SUBMITTED, doing="verifying")
        self._record(self.Verified, envelope)

    def rectify(self, envelope: Envelope, *, method: Rectification, issue_id: UUID | None) -> None:
        """Ledger rectification names the Issue it raised; the others name none."""
        self._require(ReviewStatus.VERIFIED, doing="rectifying")
        check_business_date(envelope)
        if (method is Rectification.LEDGER) != (issue_id is not None):
            raise InvalidReviewError("a ledger rectification, and only that, raises an issue")
        self._record(self.Rectified, envelope, method=method.value, issue_id=issue_id)

    def record_return_visit(self, envelope: Envelope, *, satisfied: bool) -> None:
        self._require(ReviewStatus.RECTIFIED, doing="a return visit")
        check_business_date(envelope)
        self.meet_deadline(envelope, key="answer")
        self._record(self.ReturnVisited, envelope, satisfied=satisfied)

    def appeal(self, envelope: Envelope) -> None:
        self._require(ReviewStatus.SUBMITTED, ReviewStatus.VERIFIED, doing="appealing")
        require_reason(envelope, "appealing a review as mistaken or malicious")
        self._record(self.Appealed, envelope)

    def decide_appeal(self, envelope: Envelope, *, upheld: bool) -> None:
        self._require(ReviewStatus.APPEALED, doing="deciding an appeal")
        require_reason(envelope, "deciding an appeal")
        self._record(self.AppealDecided, envelope, upheld=upheld)

    def answerable(self) -> Answerable:
        """The reviewed unit answers for a review; the reviewer sees its own."""
        return Answerable.of(units=[self.subject_unit], enterprise=self.reviewer_code)

    def open_deadlines(self) -> list[Deadline]:
        open_bad = (ReviewStatus.SUBMITTED, ReviewStatus.VERIFIED, ReviewStatus.RECTIFIED)
        if self.answer_by is None or self.status not in open_bad:
            return []
        return [Deadline("answer", ANSWER, self.answer_by, self.subject_unit)]

    def deadline_counted(self, key: str, due: date) -> None:
        if key == "answer":
            self.answer_by = due


def answerable_at_submission(submitted: Review.Submitted) -> Answerable:
    """Who answers for a review just submitted, from its event alone (``Review.answerable``
    of the review it starts): read models make a one-event review's rows without it."""
    return Answerable.of(units=[submitted.subject_unit], enterprise=submitted.reviewer_code)


def deadlines_at_submission(submitted: Review.Submitted) -> list[Deadline]:
    """The deadlines a review owes just after its submission, from its event alone
    (``Review.open_deadlines`` of the review it starts): a bad review's answer."""
    if submitted.answer_by is None or submitted.level < Level.DISSATISFIED:
        return []
    return [Deadline("answer", ANSWER, submitted.answer_by, submitted.subject_unit)]
