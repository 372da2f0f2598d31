"""Accountability views, one-vote-veto checks, review rankings and boards over HTTP; every one
answers ?as_of= with what the office could have seen at that moment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, QueryParameter

from api.paging import Page, paged, whole
from api.permissions import READ, SUPERVISION
from api.routing import Caller, Svc, query
from api.schemas import AsOf, Offset, Period
from bootstrap.services import Services
from domain.access import Principal, Role
from domain.assessment import assessment_period
from domain.errors import (
    InvalidPeriodError,
    OfficialNotFoundError,
    UnitNotFoundError,
    UnknownFilterValueError,
)
from domain.values import shanghai_date
from infrastructure.view_store import Tx
from projections.accountability import EVIDENCE_KINDS, Accountability, evidence_page, figures
from projections.audit_index import AuditIndex
from projections.boards import ProjectAgainstPlan, UnitLights, against_plan, overdue_board
from projections.directory_view import DirectoryView
from projections.periods_query import Scope, bounds
from projections.project_register import ProjectFilter, ProjectRegister, summarise
from projections.rankings import FORMULA, Ranking, good_and_bad, rank
from projections.veto_checks import VetoCheck, veto_check


def _today(services: Services, as_of: datetime | None) -> date:
    return shanghai_date(as_of) if as_of else services.today()


def _scope(
    unit: str | None,
    official: str | None,
    period: str,
    as_of: datetime | None,
    units: frozenset[str] | None = None,
) -> Scope:
    first, last = bounds(period)
    return Scope(unit, official, first, last, as_of, units)


def _jurisdiction(principal: Principal) -> frozenset[str] | None:
    """The units a reader's views range over: None for all of them."""
    return None if principal.scope.everything else principal.scope.units


def _require_subject(
    tx: Tx, principal: Principal, unit: str | None, official: str | None
) -> tuple[str | None, str | None]:
    """The unit's and the official's directory names (each given by name or id), for a reader
    who covers them; unknown, or out of the reader's scope: not found. Officers see their own
    unit's figures and their own."""
    if unit is None and official is None:
        raise UnitNotFoundError("name a unit or an official")
    unit_name = DirectoryView.unit_name(tx, unit) if unit is not None else None
    if unit is not None and (unit_name is None or not principal.scope.covers_unit(unit_name)):
        raise UnitNotFoundError(f"no unit {unit} in the directory within your scope")
    name = DirectoryView.official_name(tx, official) if official is not None else None
    if official is not None and (name is None or not _covers_official(tx, principal, name)):
        raise OfficialNotFoundError(f"no official {official} in the directory within your scope")
    return unit_name, name


def _covers_official(tx: Tx, principal: Principal, name: str) -> bool:
    if principal.scope.everything or name in principal.scope.officials:
        return True
    units = DirectoryView.units_of_official(tx, name)
    return principal.role is Role.SUPERVISOR and bool(units & principal.scope.units)


def _accountability(
    services: Services, principal: Principal, scope: Scope, period: str, as_of: datetime | None
) -> Accountability:
    with services.read() as tx:
        unit, official = _require_subject(tx, principal, scope.unit, scope.official)
        scope = Scope(unit, official, scope.first, scope.last, scope.as_of, scope.units)
        found = figures(tx, scope, _today(services, as_of))
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

    @query("/accountability/units/{unit:str}", "GetUnitAccountability", roles=READ)
    def unit_view(
        self,
        unit: FromPath[str],
        services: Svc,
        principal: Caller,
        period: Period,
        as_of: AsOf = None,
    ) -> Accountability:
        """A unit's figures for a period: problems received, resolved, on time and missed;
        commitments; visits; sessions — each linked to its evidence.

        An officer sees its own unit's; unknown or out of scope: unit-not-found."""
        scope = _scope(unit, None, period, as_of)
        return _accountability(services, principal, scope, period, as_of)

    @query("/accountability/officials/{official:str}", "GetOfficialAccountability", roles=READ)
    def official_view(
        self,
        official: FromPath[str],
        services: Svc,
        principal: Caller,
        period: Period,
        as_of: AsOf = None,
    ) -> Accountability:
        """An official's figures for a period, as for a unit.

        An officer sees its own; unknown or out of scope: official-not-found."""
        scope = _scope(None, official, period, as_of)
        return _accountability(services, principal, scope, period, as_of)

    @query("/accountability/evidence", "ListAccountabilityEvidence", roles=READ)
    def evidence_of(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        kind: FromQuery[str],
        period: Period,
        unit: FromQuery[str | None] = None,
        official: FromQuery[str | None] = None,
        as_of: AsOf = None,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 200,
        offset: Offset = 0,
    ) -> Response[Page[dict[str, Any]]]:
        """The facts behind a figure; each names the position of its event in /audit/events.

        Refused with unknown-filter-value (a kind no fact has)."""
        if kind not in EVIDENCE_KINDS:
            known = ", ".join(sorted(EVIDENCE_KINDS))
            raise UnknownFilterValueError(f"kind: {kind!r} is none of the facts' kinds ({known})")
        with services.read() as tx:
            unit, official = _require_subject(tx, principal, unit, official)
            scope = _scope(unit, official, period, as_of)
            today = _today(services, as_of)
            found, total = evidence_page(tx, scope, kind, today, limit=limit, offset=offset)
        return paged(request, found, total=total, offset=offset)

    @query("/veto-checks/{unit:str}", "GetVetoCheck", roles=SUPERVISION)
    def veto(
        self,
        unit: FromPath[str],
        services: Svc,
        principal: Caller,
        year: Annotated[int | None, QueryParameter(ge=2000, le=2100)] = None,
        period: Annotated[str | None, QueryParameter(description="2026, 2026-H1, 2026-Q3")] = None,
        as_of: AsOf = None,
    ) -> VetoCheck:
        """Pass or veto (一票否决) for a unit over a year (or a half-year or quarter of it),
        requirement by requirement as the year's assessment scheme states them: each failure
        with its period and evidence, or the days searched where nothing happened; each
        exempted period with its exemption.

        Refused with invalid-period (neither year nor period given), assessment-scheme-not-found,
        unit-not-found."""
        if period is None and year is None:
            raise InvalidPeriodError("name the year (year=2026) or the period (period=2026-H1)")
        _, first, last = assessment_period(period or str(year))
        scheme = services.office.scheme_for(first.year)
        moment = as_of or services.clock.now()
        with services.read() as tx:
            name, _ = _require_subject(tx, principal, unit, None)
            assert name is not None  # a unit was named
            return veto_check(tx, scheme, name, period or str(year), first, last, moment)

    @query("/rankings", "GetReviewRankings", roles=SUPERVISION)
    def rankings(
        self,
        services: Svc,
        principal: Caller,
        period: Period,
        subjects: FromQuery[str] = "units",
        n: Annotated[int, QueryParameter(ge=1, le=50)] = 3,
        min_reviews: Annotated[int | None, QueryParameter(ge=1, le=100_000)] = None,
        as_of: AsOf = None,
    ) -> Ranking:
        """Review rankings for a period: counts by level, satisfaction and rectification
        rates, shared ranks for ties, and the best and worst rated (the assessment's good list,
        bad circular and summons come from its published results: /assessments).

        Subjects with fewer reviews than min_reviews (default: the rankings setting of the
        time-limit file) are listed as too few reviews, not ranked."""
        if subjects not in ("units", "windows", "officials"):
            raise UnknownFilterValueError(
                f"subjects: {subjects!r} is not one of units, windows, officials"
            )
        units = _jurisdiction(principal)
        least = min_reviews or services.office.policy.min_reviews_to_rank
        with services.read() as tx:
            ranking = rank(tx, _scope(None, None, period, as_of, units), subjects, least)
        good, bad = good_and_bad(ranking, n)
        return Ranking(
            period=period,
            subjects=subjects,
            as_of=as_of.isoformat() if as_of else None,
            formula=FORMULA,
            min_reviews=least,
            ranking=[r for r in ranking if r.rank is not None],
            too_few_reviews=[r for r in ranking if r.rank is None],
            good_list=good,
            bad_list=bad,
        )

    @query("/boards/overdue", "GetOverdueBoard", roles=SUPERVISION)
    def overdue(self, services: Svc, principal: Caller, as_of: AsOf = None) -> Page[UnitLights]:
        """Open problems by responsible unit and traffic light."""
        office = services.office
        with services.read() as tx:
            board = overdue_board(
                tx,
                office.calendar,
                _today(services, as_of),
                office.policy.yellow_working_days,
                as_of,
            )
        return whole([row for row in board if principal.scope.covers_unit(row.unit)])

    @query("/boards/projects", "GetProjectsBoard", roles=SUPERVISION)
    def projects(
        self, services: Svc, principal: Caller, as_of: AsOf = None
    ) -> Page[ProjectAgainstPlan]:
        """Major projects against their plans: milestones met, late or missed; investment."""
        today = _today(services, as_of)
        with services.read() as tx:
            current = ProjectRegister.list(
                tx, ProjectFilter(scope=principal.scope), limit=10_000, offset=0
            )
            if as_of is None:
                return whole([against_plan(p, today) for p in current])
            versions = {p.id: AuditIndex.version_at(tx, p.id, as_of) for p in current}
        return whole(
            [
                against_plan(summarise(services.office.repository.get(pid, version=v)), today)
                for pid, v in versions.items()
                if v is not None
            ]
        )
