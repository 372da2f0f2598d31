"""Session series (宣讲, 会商会, 恳谈会, 现场办公会, 银企对接会) over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page
from api.permissions import ACT, READ
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, CreditCode, Limit, Name, Offset, Text, text
from application.briefings import Question
from application.linked_issues import IssueRequest
from domain.briefing import SessionKind, SessionSeries
from domain.errors import SessionSeriesNotFoundError
from domain.values import IssueCategory
from projections.access_index import require_visible
from projections.session_register import SESSION_REGISTER, SessionSeriesSummary, summarise


class EstablishSeries(Body):
    unit_id: UUID  # a directory unit (GET /directory/units)
    kind: SessionKind
    title: Name
    start: date


class NameLeadLeader(Body):
    leader_id: UUID  # a directory official (GET /directory/officials)


class PlanSession(Body):
    planned_on: date
    topic: Name
    host: Name
    policy_area: Name = ""
    audience: Name = ""


class Reschedule(Body):
    planned_on: date
    reason: Text


class Cancel(Body):
    reason: Text


class RaiseFromQuestion(Body):
    category: IssueCategory
    description: Text
    enterprise_code: CreditCode
    enterprise_name: Name
    project_id: UUID | None = None


class AskedQuestion(Body):
    text: Text
    raise_issue: RaiseFromQuestion | None = None


class HoldSession(Body):
    attendance: Annotated[int, msgspec.Meta(ge=0, le=100_000)]
    questions: Annotated[list[AskedQuestion], msgspec.Meta(max_length=200)] = msgspec.field(
        default_factory=list
    )
    business_date: date | None = None


class ReportBriefingProgress(Body):
    period: Annotated[str, text(7, "2026-H1 or 2026-H2")]
    summary: Text


def _question(q: AskedQuestion) -> Question:
    r = q.raise_issue
    request = IssueRequest(**fields(r)) if r else None
    return Question(q.text, request)


class SessionSeriesController(Controller):
    path = "/session-series"
    tags = ("sessions",)

    @command("/", "EstablishSessionSeries", roles=ACT, creates=True)
    def establish(self, data: JSONBody[EstablishSeries], act: Act) -> SessionSeriesSummary:
        """Set up a unit's series of required sessions (briefings, consultation meetings…).

        Refused with unknown-unit, blank-text, invalid-cadence, out-of-scope (a unit outside
        the actor's)."""
        return summarise(act.office.establish_session_series(act.command, **fields(data)))

    @command("/{series_id:uuid}/lead-leader", "NameSeriesLeadLeader", roles=ACT)
    def lead_leader(
        self, series_id: FromPath[UUID], data: JSONBody[NameLeadLeader], act: Act
    ) -> SessionSeriesSummary:
        """Name the leader who leads the series (each 会商会 is led by a city leader).

        Refused with unknown-official, leader-unchanged, session-series-not-found."""
        office = act.office
        return summarise(office.name_series_lead_leader(act.command, series_id, **fields(data)))

    @command("/{series_id:uuid}/sessions", "PlanSession", roles=ACT, creates=True)
    def plan(
        self, series_id: FromPath[UUID], data: JSONBody[PlanSession], act: Act
    ) -> SessionSeriesSummary:
        """Plan a session of the series: its date, topic and host.

        Refused with blank-text, session-series-not-found."""
        return summarise(act.office.plan_session(act.command, series_id, **fields(data)))

    @command("/{series_id:uuid}/sessions/{number:int}/rescheduling", "RescheduleSession", roles=ACT)
    def reschedule(
        self, series_id: FromPath[UUID], number: FromPath[int], data: JSONBody[Reschedule], act: Act
    ) -> SessionSeriesSummary:
        """Move a planned session to another date, with a reason.

        Refused with session-not-planned, session-not-found, reason-required,
        session-series-not-found."""
        office = act.office
        return summarise(
            office.reschedule_session(act.command, series_id, number=number, **fields(data))
        )

    @command("/{series_id:uuid}/sessions/{number:int}/cancellation", "CancelSession", roles=ACT)
    def cancel(
        self, series_id: FromPath[UUID], number: FromPath[int], data: JSONBody[Cancel], act: Act
    ) -> SessionSeriesSummary:
        """Cancel a planned session, with a reason.

        Refused with session-not-planned, session-not-found, reason-required,
        session-series-not-found."""
        office = act.office
        return summarise(
            office.cancel_session(act.command, series_id, number=number, **fields(data))
        )

    @command("/{series_id:uuid}/sessions/{number:int}/holding", "HoldSession", roles=ACT)
    def hold(
        self,
        series_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[HoldSession],
        act: Act,
    ) -> SessionSeriesSummary:
        """Record that a session was held: attendance, and the questions asked (a question may
        raise a problem on the ledger, saved with the session).

        Refused with session-not-planned, session-not-found, business-date-in-future,
        invalid-credit-code, blank-text, session-series-not-found."""
        return summarise(
            act.office.hold_session(
                act.command,
                series_id,
                number=number,
                attendance=data.attendance,
                questions=[_question(q) for q in data.questions],
                business_date=data.business_date,
            )
        )

    @command(
        "/{series_id:uuid}/progress-reports", "ReportBriefingProgress", roles=ACT, creates=True
    )
    def report_progress(
        self, series_id: FromPath[UUID], data: JSONBody[ReportBriefingProgress], act: Act
    ) -> SessionSeriesSummary:
        """Report a policy-briefing series' progress for a half-year (due mid-June and
        mid-November).

        Refused with progress-reports-are-for-policy-briefings,
        briefing-progress-already-reported, invalid-period, session-series-not-found."""
        office = act.office
        return summarise(office.report_briefing_progress(act.command, series_id, **fields(data)))

    @query("/", "ListSessionSeries", roles=READ)
    def list_series(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        unit: FromQuery[str | None] = None,
        kind: FromQuery[SessionKind | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[SessionSeriesSummary]]:
        """The session series, filtered by unit or kind."""
        where = {"unit": unit, "kind": kind.value if kind else None}
        return register_page(
            request,
            services,
            SESSION_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{series_id:uuid}", "GetSessionSeries", roles=READ)
    def get_series(
        self, series_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> SessionSeriesSummary:
        """One session series with its sessions, as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, series_id, SessionSeries)
            found = SESSION_REGISTER.get(tx, series_id)
        if found is None:
            raise SessionSeriesNotFoundError(f"no session series {series_id}")
        return found
