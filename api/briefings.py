"""Session series (宣讲, 会商会, 恳谈会, 现场办公会, 银企对接会) over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from api.actor import actor_guard
from api.commitments import (
    BreakCommitment,
    CommitmentMade,
    KeepCommitment,
    MakeCommitment,
    break_,
    keep,
    make,
)
from api.history import EventRecord, history
from api.issues import Limit, Name, Offset, Text
from application.briefings import Question
from application.context import CommandContext
from application.linked_issues import IssueRequest
from bootstrap.services import Services
from domain.briefing import SessionKind, SessionSeries
from domain.errors import SessionSeriesNotFoundError
from domain.values import IssueCategory
from projections.session_register import SESSION_REGISTER, SessionSeriesSummary, summarise

NotFound = SessionSeriesNotFoundError


class EstablishSeries(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    unit: Name
    kind: SessionKind
    title: Name
    start: date


class PlanSession(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    planned_on: date
    topic: Name
    host: Name
    policy_area: Name = ""
    audience: Name = ""


class Reschedule(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    planned_on: date
    reason: Text


class Cancel(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text


class RaiseFromQuestion(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    category: IssueCategory
    description: Text
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)]
    enterprise_name: Name
    project_id: UUID | None = None


class AskedQuestion(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    text: Text
    raise_issue: RaiseFromQuestion | None = None


class HoldSession(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    attendance: Annotated[int, msgspec.Meta(ge=0, le=100_000)]
    questions: Annotated[list[AskedQuestion], msgspec.Meta(max_length=200)] = []
    business_date: date | None = None


class ReportProgress(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    period: Annotated[str, msgspec.Meta(max_length=7, description="2026-H1 or 2026-H2")]
    summary: Text


def _question(q: AskedQuestion) -> Question:
    r = q.raise_issue
    request = (
        IssueRequest(r.category, r.description, r.enterprise_code, r.enterprise_name, r.project_id)
        if r
        else None
    )
    return Question(q.text, request)


class SessionSeriesController(Controller):
    path = "/session-series"
    tags = ("sessions",)
    guards = (actor_guard,)

    @post("/", operation_id="EstablishSessionSeries", sync_to_thread=True)
    def establish(
        self,
        data: JSONBody[EstablishSeries],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.establish_session_series(
                command, unit=data.unit, kind=data.kind, title=data.title, start=data.start
            )
        )

    @post("/{series_id:uuid}/sessions", operation_id="PlanSession", sync_to_thread=True)
    def plan(
        self,
        series_id: FromPath[UUID],
        data: JSONBody[PlanSession],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.plan_session(
                command,
                series_id,
                planned_on=data.planned_on,
                topic=data.topic,
                policy_area=data.policy_area,
                host=data.host,
                audience=data.audience,
            )
        )

    @post(
        "/{series_id:uuid}/sessions/{number:int}/rescheduling",
        operation_id="RescheduleSession",
        sync_to_thread=True,
        status_code=200,
    )
    def reschedule(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[Reschedule],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.reschedule_session(
                command, series_id, number=number, planned_on=data.planned_on, reason=data.reason
            )
        )

    @post(
        "/{series_id:uuid}/sessions/{number:int}/cancellation",
        operation_id="CancelSession",
        sync_to_thread=True,
        status_code=200,
    )
    def cancel(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[Cancel],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.cancel_session(command, series_id, number=number, reason=data.reason)
        )

    @post(
        "/{series_id:uuid}/sessions/{number:int}/holding",
        operation_id="HoldSession",
        sync_to_thread=True,
        status_code=200,
    )
    def hold(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[HoldSession],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.hold_session(
                command,
                series_id,
                number=number,
                attendance=data.attendance,
                questions=[_question(q) for q in data.questions],
                business_date=data.business_date,
            )
        )

    @post(
        "/{series_id:uuid}/progress-reports",
        operation_id="ReportBriefingProgress",
        sync_to_thread=True,
    )
    def report_progress(
        self,
        series_id: FromPath[UUID],
        data: JSONBody[ReportProgress],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            services.office.report_briefing_progress(
                command, series_id, period=data.period, summary=data.summary
            )
        )

    @post(
        "/{series_id:uuid}/commitments", operation_id="MakeSessionCommitment", sync_to_thread=True
    )
    def make_commitment(
        self,
        series_id: FromPath[UUID],
        data: JSONBody[MakeCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> CommitmentMade:
        """An on-site decision recorded as a commitment to an enterprise."""
        return make(services, command, SessionSeries, series_id, NotFound, data)

    @post(
        "/{series_id:uuid}/commitments/{number:int}/kept",
        operation_id="KeepSessionCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def keep_commitment(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[KeepCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(keep(services, command, SessionSeries, series_id, NotFound, number, data))

    @post(
        "/{series_id:uuid}/commitments/{number:int}/broken",
        operation_id="BreakSessionCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def break_commitment(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[BreakCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> SessionSeriesSummary:
        return summarise(
            break_(services, command, SessionSeries, series_id, NotFound, number, data)
        )

    @get("/", operation_id="ListSessionSeries", sync_to_thread=True)
    def list_series(
        self,
        services: NamedDependency[Services],
        unit: FromQuery[str | None] = None,
        kind: FromQuery[SessionKind | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[SessionSeriesSummary]:
        where = {"unit": unit, "kind": kind.value if kind else None}
        with services.read() as tx:
            return SESSION_REGISTER.list(tx, where, limit=limit, offset=offset)

    @get("/{series_id:uuid}", operation_id="GetSessionSeries", sync_to_thread=True)
    def get_series(
        self, series_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> SessionSeriesSummary:
        with services.read() as tx:
            found = SESSION_REGISTER.get(tx, series_id)
        if found is None:
            raise NotFound(f"no session series {series_id}")
        return found

    @get("/{series_id:uuid}/events", operation_id="GetSessionSeriesEvents", sync_to_thread=True)
    def get_events(
        self, series_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, series_id, SessionSeries.Event, NotFound)
