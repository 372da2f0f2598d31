"""Good/bad reviews (好差评) over HTTP, and the invitations closing out an issue sends."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, paged, register_page
from api.permissions import ACT, ACT_OR_ENTERPRISE, OFFICE, READ_OR_ENTERPRISE
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, CreditCode, Days, Limit, Name, Offset, Reason, Text, text
from domain.access import Role
from domain.errors import ReviewNotFoundError
from domain.review import MAX_COMMENT, Level, Rectification, Review, ReviewStatus, SubjectKind
from domain.values import IssueCategory
from projections.access_index import require_visible
from projections.review_invitations import ReviewInvitation, ReviewInvitations
from projections.review_register import REVIEW_REGISTER, ReviewSummary, summarise


class SubmitReview(Body):
    subject_kind: SubjectKind
    subject_id: Name
    channel: Name
    level: Annotated[
        int, msgspec.Meta(ge=1, le=5, description="1 very satisfied … 5 very dissatisfied")
    ]
    subject_unit: Name | None = None  # taken from the issue when reviewing one
    comment: Annotated[str, text(MAX_COMMENT)] = ""
    aspects: dict[str, int] = msgspec.field(default_factory=dict)
    reviewer_code: CreditCode | None = None


class Rectify(Body):
    method: Rectification
    description: Text | None = None
    category: IssueCategory = IssueCategory.OTHER
    responsible_person_id: UUID | None = None  # a directory official of the reviewed unit
    time_limit: date | None = None
    working_days: Days | None = None
    enterprise_code: CreditCode | None = None
    enterprise_name: Name | None = None
    business_date: date | None = None


class ReturnVisit(Body):
    satisfied: bool
    business_date: date | None = None


class AppealDecision(Body):
    upheld: bool
    reason: Text


class ReviewController(Controller):
    path = "/reviews"
    tags = ("reviews",)

    @command("/", "SubmitReview", roles=ACT_OR_ENTERPRISE, creates=True)
    def submit(self, data: JSONBody[SubmitReview], act: Act) -> ReviewSummary:
        """Record a good or bad review (好差评) of a service, a window, an official or a
        closed-out problem.

        Refused with invalid-review, review-subject-not-reviewable, invalid-credit-code,
        blank-text; out-of-scope (403) when an enterprise reviews under another's code."""
        given = fields(data) | {"level": Level(data.level)}
        return summarise(act.office.submit_review(act.command, **given))

    @command("/{review_id:uuid}/verification", "VerifyReview", roles=ACT)
    def verify(self, review_id: FromPath[UUID], act: Act) -> ReviewSummary:
        """Confirm that a bad review is founded, so it must be rectified.

        Refused with illegal-review-step, review-not-found."""
        return summarise(act.office.verify_review(act.command, review_id))

    @command("/{review_id:uuid}/rectification", "RectifyReview", roles=ACT)
    def rectify(
        self, review_id: FromPath[UUID], data: JSONBody[Rectify], act: Act
    ) -> ReviewSummary:
        """Rectify a verified bad review, on the spot or by putting it on the ledger (which
        raises an assigned problem, saved with the review).

        Refused with illegal-review-step, invalid-review, due-date-in-past,
        invalid-credit-code, calendar-year-unknown, review-not-found."""
        return summarise(act.office.rectify_review(act.command, review_id, **fields(data)))

    @command("/{review_id:uuid}/return-visit", "RecordReturnVisit", roles=ACT)
    def return_visit(
        self, review_id: FromPath[UUID], data: JSONBody[ReturnVisit], act: Act
    ) -> ReviewSummary:
        """Record the return visit (回访) after a rectification, and whether the one served is
        satisfied.

        Refused with illegal-review-step, business-date-in-future, review-not-found."""
        return summarise(act.office.record_return_visit(act.command, review_id, **fields(data)))

    @command("/{review_id:uuid}/appeal", "AppealReview", roles=ACT)
    def appeal(self, review_id: FromPath[UUID], data: JSONBody[Reason], act: Act) -> ReviewSummary:
        """Appeal a bad review the unit holds to be unfounded, with the reason.

        Refused with illegal-review-step, reason-required, review-not-found."""
        return summarise(act.office.appeal_review(act.command, review_id, **fields(data)))

    @command("/{review_id:uuid}/appeal-decision", "DecideReviewAppeal", roles=OFFICE)
    def decide_appeal(
        self, review_id: FromPath[UUID], data: JSONBody[AppealDecision], act: Act
    ) -> ReviewSummary:
        """Decide an appeal: upheld sets the review aside (its events kept), or dismissed.

        Refused with illegal-review-step, reason-required, review-not-found."""
        office = act.office
        return summarise(office.decide_review_appeal(act.command, review_id, **fields(data)))

    @query("/", "ListReviews", roles=READ_OR_ENTERPRISE)
    def list_reviews(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        subject_kind: FromQuery[SubjectKind | None] = None,
        subject_id: FromQuery[str | None] = None,
        subject_unit: FromQuery[str | None] = None,
        level: FromQuery[Level | None] = None,
        bad: FromQuery[bool | None] = None,
        status: FromQuery[ReviewStatus | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[ReviewSummary]]:
        """The reviews, filtered by subject, unit, level, bad or not, and status."""
        where = {
            "subject_kind": subject_kind.value if subject_kind else None,
            "subject_id": subject_id,
            "subject_unit": subject_unit,
            "level": str(int(level)) if level else None,
            "bad": None if bad is None else ("1" if bad else "0"),
            "status": status.value if status else None,
        }
        return register_page(
            request,
            services,
            REVIEW_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/invitations", "ListReviewInvitations", roles=READ_OR_ENTERPRISE)
    def invitations(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        enterprise_code: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[ReviewInvitation]]:
        """Closed-out problems awaiting their enterprise's review (an enterprise sees its own;
        the credit code comes from its token)."""
        if principal.role is Role.ENTERPRISE:
            enterprise_code = principal.enterprise_code
        scope = principal.scope
        with services.read() as tx:
            found = ReviewInvitations.open_for(
                tx, enterprise_code, scope=scope, limit=limit, offset=offset
            )
            total = ReviewInvitations.count_open(tx, enterprise_code, scope=scope)
        return paged(request, found, total=total, offset=offset)

    @query("/{review_id:uuid}", "GetReview", roles=READ_OR_ENTERPRISE)
    def get_review(
        self, review_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> ReviewSummary:
        """One review as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, review_id, Review)
            found = REVIEW_REGISTER.get(tx, review_id)
        if found is None:
            raise ReviewNotFoundError(f"no review {review_id}")
        return found
