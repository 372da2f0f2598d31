"""Good/bad reviews (好差评) over HTTP, and the invitations closing out an issue sends."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery, JSONBody

from api.actor import actor_guard
from api.auth import Principal, Role
from api.history import EventRecord, history
from api.issues import Limit, Name, Offset, Text
from application.context import CommandContext
from bootstrap.services import Services
from domain.errors import ReviewNotFoundError
from domain.review import MAX_COMMENT, Level, Rectification, Review, ReviewStatus, SubjectKind
from domain.values import IssueCategory
from projections.review_invitations import ReviewInvitation, ReviewInvitations
from projections.review_register import REVIEW_REGISTER, ReviewSummary, summarise


class SubmitReview(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    subject_kind: SubjectKind
    subject_id: Name
    channel: Name
    level: Annotated[
        int, msgspec.Meta(ge=1, le=5, description="1 very satisfied … 5 very dissatisfied")
    ]
    subject_unit: Name | None = None  # taken from the issue when reviewing one
    comment: Annotated[str, msgspec.Meta(max_length=MAX_COMMENT)] = ""
    aspects: dict[str, int] = {}
    reviewer_code: Annotated[str, msgspec.Meta(max_length=18)] | None = None


class Rectify(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    method: Rectification
    description: Text | None = None
    category: IssueCategory = IssueCategory.OTHER
    responsible_person: Name | None = None
    time_limit: date | None = None
    working_days: Annotated[int, msgspec.Meta(ge=1, le=3660)] | None = None
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)] | None = None
    enterprise_name: Name | None = None
    business_date: date | None = None


class ReturnVisit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    satisfied: bool
    business_date: date | None = None


class Appeal(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text


class AppealDecision(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    upheld: bool
    reason: Text


class ReviewController(Controller):
    path = "/reviews"
    tags = ("reviews",)
    guards = (actor_guard,)

    @post("/", operation_id="SubmitReview", sync_to_thread=True)
    def submit(
        self,
        data: JSONBody[SubmitReview],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
        principal: NamedDependency[Principal],
    ) -> ReviewSummary:
        if principal.role is Role.ENTERPRISE and data.reviewer_code != principal.enterprise_code:
            raise PermissionDeniedException(detail="an enterprise reviews under its own code only")
        return summarise(
            services.office.submit_review(
                command,
                subject_kind=data.subject_kind,
                subject_id=data.subject_id,
                subject_unit=data.subject_unit,
                channel=data.channel,
                level=Level(data.level),
                comment=data.comment,
                aspects=data.aspects,
                reviewer_code=data.reviewer_code,
            )
        )

    @post(
        "/{review_id:uuid}/verification",
        operation_id="VerifyReview",
        sync_to_thread=True,
        status_code=200,
    )
    def verify(
        self,
        review_id: FromPath[UUID],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ReviewSummary:
        return summarise(services.office.verify_review(command, review_id))

    @post(
        "/{review_id:uuid}/rectification",
        operation_id="RectifyReview",
        sync_to_thread=True,
        status_code=200,
    )
    def rectify(
        self,
        review_id: FromPath[UUID],
        data: JSONBody[Rectify],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ReviewSummary:
        return summarise(
            services.office.rectify_review(
                command,
                review_id,
                method=data.method,
                description=data.description,
                category=data.category,
                responsible_person=data.responsible_person,
                time_limit=data.time_limit,
                working_days=data.working_days,
                enterprise_code=data.enterprise_code,
                enterprise_name=data.enterprise_name,
                business_date=data.business_date,
            )
        )

    @post(
        "/{review_id:uuid}/return-visit",
        operation_id="RecordReturnVisit",
        sync_to_thread=True,
        status_code=200,
    )
    def return_visit(
        self,
        review_id: FromPath[UUID],
        data: JSONBody[ReturnVisit],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ReviewSummary:
        return summarise(
            services.office.record_return_visit(
                command, review_id, satisfied=data.satisfied, business_date=data.business_date
            )
        )

    @post(
        "/{review_id:uuid}/appeal",
        operation_id="AppealReview",
        sync_to_thread=True,
        status_code=200,
    )
    def appeal(
        self,
        review_id: FromPath[UUID],
        data: JSONBody[Appeal],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ReviewSummary:
        return summarise(services.office.appeal_review(command, review_id, reason=data.reason))

    @post(
        "/{review_id:uuid}/appeal-decision",
        operation_id="DecideReviewAppeal",
        sync_to_thread=True,
        status_code=200,
    )
    def decide_appeal(
        self,
        review_id: FromPath[UUID],
        data: JSONBody[AppealDecision],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ReviewSummary:
        return summarise(
            services.office.decide_review_appeal(
                command, review_id, upheld=data.upheld, reason=data.reason
            )
        )

    @get("/", operation_id="ListReviews", sync_to_thread=True)
    def list_reviews(
        self,
        services: NamedDependency[Services],
        subject_kind: FromQuery[SubjectKind | None] = None,
        subject_id: FromQuery[str | None] = None,
        subject_unit: FromQuery[str | None] = None,
        level: FromQuery[Level | None] = None,
        bad: FromQuery[bool | None] = None,
        status: FromQuery[ReviewStatus | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[ReviewSummary]:
        where = {
            "subject_kind": subject_kind.value if subject_kind else None,
            "subject_id": subject_id,
            "subject_unit": subject_unit,
            "level": str(int(level)) if level else None,
            "bad": None if bad is None else ("1" if bad else "0"),
            "status": status.value if status else None,
        }
        with services.read() as tx:
            return REVIEW_REGISTER.list(tx, where, limit=limit, offset=offset)

    @get("/invitations", operation_id="ListReviewInvitations", sync_to_thread=True)
    def invitations(
        self,
        services: NamedDependency[Services],
        enterprise_code: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[ReviewInvitation]:
        with services.read() as tx:
            return ReviewInvitations.open_for(tx, enterprise_code, limit=limit, offset=offset)

    @get("/{review_id:uuid}", operation_id="GetReview", sync_to_thread=True)
    def get_review(
        self, review_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> ReviewSummary:
        with services.read() as tx:
            found = REVIEW_REGISTER.get(tx, review_id)
        if found is None:
            raise ReviewNotFoundError(f"no review {review_id}")
        return found

    @get("/{review_id:uuid}/events", operation_id="GetReviewEvents", sync_to_thread=True)
    def get_events(
        self, review_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, review_id, Review.Event, ReviewNotFoundError)
