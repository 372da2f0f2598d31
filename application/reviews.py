"""Review commands (好差评): submit; for a bad review verify, rectify (a ledger rectification
raises and assigns a linked issue in the same save), return visit, appeal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from application.due_dates import chosen_limit
from domain.calendar import DueDate, PendingCount, count_or_pend
from domain.errors import (
    InvalidReviewError,
    ReviewSubjectNotReviewableError,
)
from domain.issue import Issue
from domain.review import Level, Rectification, Review, SubjectKind
from domain.values import Channel, IssueCategory, IssueStatus


def answer_by_for(office: BackOfficeBase, submitted: date) -> date | PendingCount:
    """A bad review's answer-by date, or its count pending next year's calendar: a fact is
    recorded whatever the calendar knows."""
    days = office.policy.bad_review_answer_working_days
    counted = count_or_pend(office.calendar, submitted, days)
    return counted.due if isinstance(counted, DueDate) else counted


class ReviewCommands(BackOfficeBase):
    def submit_review(
        self,
        ctx: CommandContext,
        *,
        subject_kind: SubjectKind,
        subject_id: str,
        subject_unit: str | None,
        channel: str,
        level: Level,
        comment: str = "",
        aspects: dict[str, int] | None = None,
        reviewer_code: str | None = None,
    ) -> Review:
        env = self.envelope(ctx)
        if subject_kind is SubjectKind.ISSUE:
            subject_unit = self._reviewable_issue_unit(subject_id, reviewer_code)
        if not subject_unit:
            raise InvalidReviewError("a review names the unit answerable for the service")
        answer_by = None
        if level >= Level.DISSATISFIED:
            answer_by = answer_by_for(self, env.today)
        review = Review.submit(
            env,
            id=uuid4(),
            subject_kind=subject_kind,
            subject_id=subject_id,
            subject_unit=subject_unit,
            channel=channel,
            level=level,
            comment=comment,
            aspects=aspects,
            answer_by=answer_by,
            reviewer_code=reviewer_code,
        )
        self.store(ctx, review, "submit_review")
        return review

    def _reviewable_issue_unit(self, subject_id: str, reviewer_code: str | None) -> str:
        """Closing out an issue invites its enterprise's review, and only that enterprise's."""
        try:
            issue = self.load(Issue, UUID(subject_id))
        except ValueError:
            raise InvalidReviewError(f"{subject_id!r} is not an issue id") from None
        if issue.status is not IssueStatus.CLOSED:
            raise ReviewSubjectNotReviewableError(f"issue {subject_id} is not closed out yet")
        if reviewer_code is None or reviewer_code.upper() != issue.enterprise_code:
            raise ReviewSubjectNotReviewableError(
                f"only the issue's enterprise {issue.enterprise_code} reviews its handling"
            )
        return issue.responsible_unit or ""

    def get_review(self, review_id: UUID) -> Review:
        return self.load(Review, review_id)

    def _review(
        self, ctx: CommandContext, review_id: UUID, command: str, act: Callable[[Review], object]
    ) -> Review:
        return self.change(ctx, Review, review_id, command, act)

    def verify_review(self, ctx: CommandContext, review_id: UUID) -> Review:
        env = self.envelope(ctx)
        return self._review(ctx, review_id, "verify_review", lambda r: r.verify(env))

    def rectify_review(
        self,
        ctx: CommandContext,
        review_id: UUID,
        *,
        method: Rectification,
        description: str | None = None,
        category: IssueCategory = IssueCategory.OTHER,
        responsible_person_id: UUID | None = None,
        time_limit: date | None = None,
        working_days: int | None = None,
        enterprise_code: str | None = None,
        enterprise_name: str | None = None,
        business_date: date | None = None,
    ) -> Review:
        env = self.envelope(ctx, business_date=business_date)
        review = self.load_for(ctx, Review, review_id)
        issue = None
        if method is Rectification.LEDGER:
            code = enterprise_code or review.reviewer_code
            if not (code and enterprise_name and description and responsible_person_id):
                raise InvalidReviewError(
                    "a ledger rectification needs the enterprise (code and name), a description "
                    "and the responsible person"
                )
            person = self.person(responsible_person_id, "responsible_person_id")
            if person.unit != review.subject_unit:
                raise InvalidReviewError(
                    f"the responsible person belongs to {person.unit}, not to the reviewed "
                    f"unit {review.subject_unit}"
                )
            issue = Issue.raise_issue(
                env,
                id=uuid4(),
                channel=Channel.ONLINE_PLATFORM,
                category=category,
                enterprise_code=code,
                enterprise_name=enterprise_name,
                description=description,
                source_kind="review",
                source_ref=f"reviews/{review_id}",
            )
            limit = chosen_limit(self.calendar, env.today, on=time_limit, working_days=working_days)
            issue.accept_and_assign(
                env,
                **person.responsible(),
                time_limit=limit,
            )
        review.rectify(env, method=method, issue_id=issue.id if issue else None)
        self.store(ctx, review, "rectify_review", *([issue] if issue else []))
        return review

    def record_return_visit(
        self,
        ctx: CommandContext,
        review_id: UUID,
        *,
        satisfied: bool,
        business_date: date | None = None,
    ) -> Review:
        env = self.envelope(ctx, business_date=business_date)
        return self._review(
            ctx,
            review_id,
            "record_return_visit",
            lambda r: r.record_return_visit(env, satisfied=satisfied),
        )

    def appeal_review(self, ctx: CommandContext, review_id: UUID, *, reason: str) -> Review:
        env = self.envelope(ctx, reason=reason)
        return self._review(ctx, review_id, "appeal_review", lambda r: r.appeal(env))

    def decide_review_appeal(
        self, ctx: CommandContext, review_id: UUID, *, upheld: bool, reason: str
    ) -> Review:
        env = self.envelope(ctx, reason=reason)
        return self._review(
            ctx, review_id, "decide_review_appeal", lambda r: r.decide_appeal(env, upheld=upheld)
        )
