"""Accountability views, one-vote-veto checks, review rankings and boards over HTTP; every one
answers ?as_of= with what the office could have seen at that moment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, QueryParameter

from api.actor import actor_guard
from bootstrap.services import Services
from domain.errors import InvalidPeriodError
from domain.values import shanghai_date
from projections.accountability import Accountability, evidence, figures
from projections.boards import ProjectAgainstPlan, UnitLights, against_plan, overdue_board
from projections.periods_query import Scope, bounds
from projections.project_register import ProjectRegister, summarise
from projections.rankings import FORMULA, Ranking, rank
from projections.veto_checks import VetoCheck, veto_check

Period = Annotated[
    str, QueryParameter(description="a year 2026, a quarter 2026-Q3, a month 2026-09")
]
AsOf = Annotated[datetime | None, QueryParameter(description="answer as recorded at this moment")]


def _today(services: Services, as_of: datetime | None) -> date:
    return shanghai_date(as_of) if as_of else services.today()


def _scope(unit: str | None, official: str | None, period: str, as_of: datetime | None) -> Scope:
    first, last = bounds(period)
    return Scope(unit, official, first, last, as_of)


def _accountability(
    services: Services, scope: Scope, period: str, as_of: datetime | None
) -> Accountability:
    with services.read() as tx:
        found = figures(tx, scope)
    who = f"unit={scope.unit}" if scope.unit else f"official={scope.official}"
    stamp = f"&as_of={as_of.isoformat()}" if as_of else ""
    return Accountability(
        unit=scope.unit,
        official=scope.official,
        period=period,
        as_of=as_of.isoformat() if as_of else None,
        figures=found,
        evidence=f"/accountability/evidence?{who}&period={period}&kind=<fact>{stamp}",
    )


class JudgementController(Controller):
    path = "/"
    tags = ("accountability",)
    guards = (actor_guard,)

    @get(
        "/accountability/units/{unit:str}",
        operation_id="GetUnitAccountability",
        sync_to_thread=True,
    )
    def unit_view(
        self,
        unit: FromPath[str],
        services: NamedDependency[Services],
        period: Period,
        as_of: AsOf = None,
    ) -> Accountability:
        return _accountability(services, _scope(unit, None, period, as_of), period, as_of)

    @get(
        "/accountability/officials/{official:str}",
        operation_id="GetOfficialAccountability",
        sync_to_thread=True,
    )
    def official_view(
        self,
        official: FromPath[str],
        services: NamedDependency[Services],
        period: Period,
        as_of: AsOf = None,
    ) -> Accountability:
        return _accountability(services, _scope(None, official, period, as_of), period, as_of)

    @get("/accountability/evidence", operation_id="ListAccountabilityEvidence", sync_to_thread=True)
    def evidence_of(
        self,
        services: NamedDependency[Services],
        kind: FromQuery[str],
        period: Period,
        unit: FromQuery[str | None] = None,
        official: FromQuery[str | None] = None,
        as_of: AsOf = None,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 200,
    ) -> list[dict[str, Any]]:
        """The facts behind a figure; each names the position of its event in /audit/events."""
        with services.read() as tx:
            return evidence(tx, _scope(unit, official, period, as_of), kind, limit)

    @get("/veto-checks/{unit:str}", operation_id="GetVetoCheck", sync_to_thread=True)
    def veto(
        self,
        unit: FromPath[str],
        services: NamedDependency[Services],
        year: Annotated[int, QueryParameter(ge=2000, le=2100)],
        as_of: AsOf = None,
    ) -> VetoCheck:
        with services.read() as tx:
            return veto_check(tx, services.veto_rules, unit, year, _today(services, as_of), as_of)

    @get("/rankings", operation_id="GetReviewRankings", sync_to_thread=True)
    def rankings(
        self,
        services: NamedDependency[Services],
        period: Period,
        subjects: FromQuery[str] = "units",
        n: Annotated[int, QueryParameter(ge=1, le=50)] = 3,
        as_of: AsOf = None,
    ) -> Ranking:
        if subjects not in ("units", "windows", "officials"):
            raise InvalidPeriodError("subjects is units, windows or officials")
        with services.read() as tx:
            ranking = rank(tx, _scope(None, None, period, as_of), subjects)
            summons = _summons(tx, period, n, as_of) if subjects == "units" else []
        return Ranking(
            period=period,
            subjects=subjects,
            as_of=as_of.isoformat() if as_of else None,
            formula=FORMULA,
            ranking=ranking,
            good_list=[r.subject for r in ranking[:n]],
            bad_list=[r.subject for r in ranking[-n:][::-1]] if ranking else [],
            summons=summons,
        )

    @get("/boards/overdue", operation_id="GetOverdueBoard", sync_to_thread=True)
    def overdue(self, services: NamedDependency[Services], as_of: AsOf = None) -> list[UnitLights]:
        office = services.office
        with services.read() as tx:
            return overdue_board(
                tx,
                office.calendar,
                _today(services, as_of),
                office.policy.yellow_working_days,
                as_of,
            )

    @get("/boards/projects", operation_id="GetProjectsBoard", sync_to_thread=True)
    def projects(
        self, services: NamedDependency[Services], as_of: AsOf = None
    ) -> list[ProjectAgainstPlan]:
        today = _today(services, as_of)
        with services.read() as tx:
            current = ProjectRegister.list(
                tx,
                stage=None,
                tier=None,
                region_code=None,
                lead_leader=None,
                limit=10_000,
                offset=0,
            )
            if as_of is None:
                return [against_plan(p, today) for p in current]
            from projections.audit_index import AuditIndex

            versions = {p.id: AuditIndex.version_at(tx, p.id, as_of) for p in current}
        return [
            against_plan(summarise(services.office.repository.get(_uuid(pid), version=v)), today)
            for pid, v in versions.items()
            if v is not None
        ]


def _uuid(text: str) -> Any:
    from uuid import UUID

    return UUID(text)


def _summons(tx: Any, period: str, n: int, as_of: datetime | None) -> list[str]:
    """Units in the bottom N two years running (the period's year and the one before)."""
    year = int(period[:4])
    bottoms = []
    for y in (year, year - 1):
        ranking = rank(tx, _scope(None, None, str(y), as_of), "units")
        bottoms.append({r.subject for r in ranking[-n:]})
    return sorted(bottoms[0] & bottoms[1])
