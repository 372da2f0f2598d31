"""Accountability views, one-vote-veto checks, review rankings and boards over HTTP; every one
answers ?as_of= with what the office could have seen at that moment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from litestar import Controller
from litestar.params import FromPath, FromQuery, QueryParameter

from api.permissions import actor_guard
from api.routing import Svc, query
from api.schemas import AsOf, Period
from bootstrap.services import Services
from domain.errors import InvalidPeriodError
from domain.values import shanghai_date
from projections.accountability import Accountability, evidence, figures
from projections.audit_index import AuditIndex
from projections.boards import ProjectAgainstPlan, UnitLights, against_plan, overdue_board
from projections.periods_query import Scope, bounds
from projections.project_register import ProjectRegister, summarise
from projections.rankings import FORMULA, Ranking, rank
from projections.veto_checks import VetoCheck, veto_check


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

    @query("/accountability/units/{unit:str}", "GetUnitAccountability")
    def unit_view(
        self, unit: FromPath[str], services: Svc, period: Period, as_of: AsOf = None
    ) -> Accountability:
        """A unit's figures for a period: problems received, resolved, on time and missed;
        commitments; visits; sessions — each linked to its evidence."""
        return _accountability(services, _scope(unit, None, period, as_of), period, as_of)

    @query("/accountability/officials/{official:str}", "GetOfficialAccountability")
    def official_view(
        self, official: FromPath[str], services: Svc, period: Period, as_of: AsOf = None
    ) -> Accountability:
        """An official's figures for a period, as for a unit."""
        return _accountability(services, _scope(None, official, period, as_of), period, as_of)

    @query("/accountability/evidence", "ListAccountabilityEvidence")
    def evidence_of(
        self,
        services: Svc,
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

    @query("/veto-checks/{unit:str}", "GetVetoCheck")
    def veto(
        self,
        unit: FromPath[str],
        services: Svc,
        year: Annotated[int, QueryParameter(ge=2000, le=2100)],
        as_of: AsOf = None,
    ) -> VetoCheck:
        """Pass or veto (一票否决) for a unit's year, rule by rule, each failure with its
        period and evidence, or the days searched where nothing happened."""
        with services.read() as tx:
            return veto_check(tx, services.veto_rules, unit, year, _today(services, as_of), as_of)

    @query("/rankings", "GetReviewRankings")
    def rankings(
        self,
        services: Svc,
        period: Period,
        subjects: FromQuery[str] = "units",
        n: Annotated[int, QueryParameter(ge=1, le=50)] = 3,
        as_of: AsOf = None,
    ) -> Ranking:
        """Review rankings for a period: counts by level, satisfaction and rectification
        rates, the good and bad lists, and units due a summons."""
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

    @query("/boards/overdue", "GetOverdueBoard")
    def overdue(self, services: Svc, as_of: AsOf = None) -> list[UnitLights]:
        """Open problems by responsible unit and traffic light."""
        office = services.office
        with services.read() as tx:
            return overdue_board(
                tx,
                office.calendar,
                _today(services, as_of),
                office.policy.yellow_working_days,
                as_of,
            )

    @query("/boards/projects", "GetProjectsBoard")
    def projects(self, services: Svc, as_of: AsOf = None) -> list[ProjectAgainstPlan]:
        """Major projects against their plans: milestones met, late or missed; investment."""
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
            versions = {p.id: AuditIndex.version_at(tx, p.id, as_of) for p in current}
        return [
            against_plan(summarise(services.office.repository.get(pid, version=v)), today)
            for pid, v in versions.items()
            if v is not None
        ]


def _summons(tx: Any, period: str, n: int, as_of: datetime | None) -> list[str]:
    """Units in the bottom N two years running (the period's year and the one before)."""
    year = int(period[:4])
    bottoms = []
    for y in (year, year - 1):
        ranking = rank(tx, _scope(None, None, str(y), as_of), "units")
        bottoms.append({r.subject for r in ranking[-n:]})
    return sorted(bottoms[0] & bottoms[1])
