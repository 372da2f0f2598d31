"""Session series commands: establish, plan, reschedule, cancel, hold (questions raise linked
issues), report policy-briefing progress. Commitments go through CommitmentCommands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from application.answer_limits import acceptance_limit
from application.base import BackOfficeBase
from application.context import CommandContext
from application.linked_issues import IssueRequest, raise_linked
from domain.briefing import SessionKind, SessionSeries
from domain.values import Channel


@dataclass(frozen=True)
class Question:
    text: str
    raise_issue: IssueRequest | None = None  # needs enterprise_code and enterprise_name


class BriefingCommands(BackOfficeBase):
    def establish_session_series(
        self, ctx: CommandContext, *, unit_id: UUID, kind: SessionKind, title: str, start: date
    ) -> SessionSeries:
        unit = self.unit_named(unit_id, "unit_id")
        self.require_unit(ctx, unit.name, "unit")
        series = SessionSeries.establish(
            self.envelope(ctx),
            id=uuid4(),
            unit=unit.name,
            unit_id=unit.id,
            kind=kind,
            title=title,
            start=start,
        )
        self.store(ctx, series, "establish_session_series")
        return series

    def get_session_series(self, series_id: UUID) -> SessionSeries:
        return self.load(SessionSeries, series_id)

    def _series(
        self,
        ctx: CommandContext,
        series_id: UUID,
        command: str,
        act: Callable[[SessionSeries], object],
    ) -> SessionSeries:
        return self.change(ctx, SessionSeries, series_id, command, act)

    def name_series_lead_leader(
        self, ctx: CommandContext, series_id: UUID, *, leader_id: UUID
    ) -> SessionSeries:
        env = self.envelope(ctx)
        leader = self.person(leader_id, "leader_id")
        return self._series(
            ctx,
            series_id,
            "name_series_lead_leader",
            lambda s: s.name_lead_leader(env, leader=leader.name, leader_id=leader.id),
        )

    def plan_session(
        self,
        ctx: CommandContext,
        series_id: UUID,
        *,
        planned_on: date,
        topic: str,
        policy_area: str,
        host: str,
        audience: str,
    ) -> SessionSeries:
        env = self.envelope(ctx)
        return self._series(
            ctx,
            series_id,
            "plan_session",
            lambda s: s.plan_session(
                env,
                planned_on=planned_on,
                topic=topic,
                policy_area=policy_area,
                host=host,
                audience=audience,
            ),
        )

    def reschedule_session(
        self, ctx: CommandContext, series_id: UUID, *, number: int, planned_on: date, reason: str
    ) -> SessionSeries:
        env = self.envelope(ctx, reason=reason)
        return self._series(
            ctx,
            series_id,
            "reschedule_session",
            lambda s: s.reschedule_session(env, number=number, planned_on=planned_on),
        )

    def cancel_session(
        self, ctx: CommandContext, series_id: UUID, *, number: int, reason: str
    ) -> SessionSeries:
        env = self.envelope(ctx, reason=reason)
        return self._series(
            ctx, series_id, "cancel_session", lambda s: s.cancel_session(env, number=number)
        )

    def hold_session(
        self,
        ctx: CommandContext,
        series_id: UUID,
        *,
        number: int,
        attendance: int,
        questions: list[Question],
        business_date: date | None = None,
    ) -> SessionSeries:
        env = self.envelope(ctx, business_date=business_date)
        series = self.load_for(ctx, SessionSeries, series_id)
        issues = [
            raise_linked(
                env,
                q.raise_issue,
                channel=Channel.MEETING,
                source_kind="session_question",
                source_ref=f"session-series/{series_id}/sessions/{number}/questions/{index}",
                enterprise_code=q.raise_issue.enterprise_code or "",
                enterprise_name=q.raise_issue.enterprise_name or "",
                acceptance_limit=acceptance_limit(self.calendar, self.policy, env.today),
            )
            if q.raise_issue
            else None
            for index, q in enumerate(questions, start=1)
        ]
        series.hold_session(
            env,
            number=number,
            attendance=attendance,
            questions=[q.text for q in questions],
            raised_issues=[str(i.id) if i else "" for i in issues],
        )
        self.store(ctx, series, "hold_session", *[i for i in issues if i is not None])
        return series

    def report_briefing_progress(
        self, ctx: CommandContext, series_id: UUID, *, period: str, summary: str
    ) -> SessionSeries:
        env = self.envelope(ctx)
        return self._series(
            ctx,
            series_id,
            "report_briefing_progress",
            lambda s: s.report_progress(env, period=period, summary=summary),
        )
