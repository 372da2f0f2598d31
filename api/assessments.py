"""The annual assessment (考核) over HTTP: schemes, assessments and their scores with evidence,
adjustments, bonus points, publication and corrections, the good list and the bad circular,
and veto exemptions. Commands belong to the supervision office; reads to supervisors and
inspectors, each held to the reader's scope; every read answers ?as_of= with what had been
recorded (and published) by then."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from api.paging import Page, register_page
from api.permissions import OFFICE, SUPERVISION
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import AsOf, Body, Limit, Name, Offset, Text
from application.assessments import EnteredResult
from bootstrap.services import Services
from domain.access import Principal
from domain.assessment import Assessment
from domain.errors import AssessmentNotPublishedError, UnitNotAssessedError
from projections.access_index import require_visible
from projections.assessment_views import (
    ASSESSMENT_REGISTER,
    AssessmentSummary,
    Lists,
    UnitScores,
    lists_of,
    summarise,
    unit_scores,
)
from projections.audit_index import AuditIndex

Points = Annotated[float, msgspec.Meta(ge=0, le=1000)]
AssessmentPeriod = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^(20\d\d|2100)(-(H[12]|Q[1-4]))?$", description="2026, 2026-H1 or 2026-Q3"
    ),
]
Version = Annotated[int | None, QueryParameter(ge=1, le=1000, description="a published version")]


class OpenAssessment(Body):
    period: AssessmentPeriod
    title: Name
    unit_ids: Annotated[list[UUID], msgspec.Meta(min_length=1, max_length=2000)]
    cutoff: datetime | None = None  # default: the period's end plus the scheme's cut-off days


class EnteredLine(Body):
    unit_id: UUID
    total: Points
    vetoed: bool = False


class EnterResults(Body):
    document: Name  # the paper record the results come from (文号)
    results: Annotated[list[EnteredLine], msgspec.Meta(min_length=1, max_length=2000)]


class Adjust(Body):
    unit_id: UUID
    indicator: Name
    points: Points
    approver_id: UUID
    reason: Text


class Award(Body):
    unit_id: UUID
    bonus: Name
    points: Points
    evidence: Text
    approver_id: UUID
    reason: Text


class Publish(Body):
    document: Name = ""  # the number of the document that publishes it, if any


class Correction(Body):
    reason: Text


def _at(
    services: Services, principal: Principal, assessment_id: UUID, as_of: datetime | None
) -> Assessment:
    """The assessment as recorded at ``as_of`` (now if none), for a reader who covers it."""
    with services.read() as tx:
        require_visible(tx, principal.scope, assessment_id, Assessment)
        version = AuditIndex.version_at(tx, assessment_id, as_of) if as_of else None
    if as_of is not None and version is None:
        raise Assessment.not_found(f"no assessment {assessment_id} was recorded by {as_of}")
    found: Assessment = services.office.repository.get(assessment_id, version=version)
    return found


def _published(a: Assessment, version: int | None) -> Any:
    published = a.published if version is None else [v for v in a.published if v.version == version]
    if not published:
        raise AssessmentNotPublishedError(
            f"version {version} of {a.period} is not published"
            if version
            else f"nothing of {a.period} was published by then"
        )
    return published[-1]


class AssessmentController(Controller):
    path = "/assessments"
    tags = ("assessment",)

    @command("/", "OpenAssessment", roles=OFFICE, creates=True)
    def open(self, data: JSONBody[OpenAssessment], act: Act) -> AssessmentSummary:
        """Open the office's assessment of a period (2026, 2026-H1, 2026-Q3) for its units,
        under the scheme of the period's year.

        Refused with assessment-already-open, assessment-scheme-not-found, unknown-unit,
        invalid-cutoff, invalid-period, out-of-scope (a unit outside the office's)."""
        return summarise(act.office.open_assessment(act.command, **fields(data)))

    @command("/{assessment_id:uuid}/scores", "ComputeAssessmentScores", roles=OFFICE)
    def compute(self, assessment_id: FromPath[UUID], act: Act) -> AssessmentSummary:
        """Score every unit from the views as recorded at the cut-off: each indicator's figure,
        points and evidence, and the one-vote-veto verdict. Adjustments and bonuses stay.

        Refused with cutoff-not-reached, assessment-published, assessment-not-found."""
        return summarise(act.office.compute_scores(act.command, assessment_id))

    @command("/{assessment_id:uuid}/entered-results", "EnterAssessmentResults", roles=OFFICE)
    def enter(
        self, assessment_id: FromPath[UUID], data: JSONBody[EnterResults], act: Act
    ) -> AssessmentSummary:
        """Record results from a paper record (a year assessed before it was kept here).

        Refused with entered-results-incomplete, assessment-published, assessment-not-found."""
        results = [EnteredResult(**fields(line)) for line in data.results]
        office = act.office
        return summarise(
            office.enter_results(
                act.command, assessment_id, document=data.document, results=results
            )
        )

    @command("/{assessment_id:uuid}/adjustments", "AdjustAssessmentScore", roles=OFFICE)
    def adjust(
        self, assessment_id: FromPath[UUID], data: JSONBody[Adjust], act: Act
    ) -> AssessmentSummary:
        """Set an indicator's points for a unit, with a reason and an approver.

        Refused with approver-is-actor, unknown-indicator (or one that does not apply to the
        unit), points-out-of-range, unit-not-assessed, assessment-not-scored,
        assessment-published, unknown-official."""
        office = act.office
        return summarise(office.adjust_score(act.command, assessment_id, **fields(data)))

    @command("/{assessment_id:uuid}/bonuses", "AwardAssessmentBonus", roles=OFFICE)
    def award(
        self, assessment_id: FromPath[UUID], data: JSONBody[Award], act: Act
    ) -> AssessmentSummary:
        """Award bonus points (such as 省重点项目加分), with the evidence, a reason and an
        approver, up to the item's cap.

        Refused with unknown-bonus, points-out-of-range (0 or less), bonus-cap-exceeded,
        approver-is-actor, unit-not-assessed, assessment-not-scored, assessment-published,
        unknown-official."""
        office = act.office
        return summarise(office.award_bonus(act.command, assessment_id, **fields(data)))

    @command("/{assessment_id:uuid}/publication", "PublishAssessment", roles=OFFICE)
    def publish(
        self, assessment_id: FromPath[UUID], data: JSONBody[Publish], act: Act
    ) -> AssessmentSummary:
        """Publish the draft as the next version: its table never changes afterwards. A
        year-end result proposes a summons for each unit at the bottom two years running.

        Refused with assessment-not-scored, assessment-published, assessment-not-found."""
        office = act.office
        return summarise(office.publish_assessment(act.command, assessment_id, **fields(data)))

    @command("/{assessment_id:uuid}/correction", "OpenAssessmentCorrection", roles=OFFICE)
    def correct(
        self, assessment_id: FromPath[UUID], data: JSONBody[Correction], act: Act
    ) -> AssessmentSummary:
        """Open a correction of a published assessment, with a reason: the next version is a
        draft until published; the published versions stay as they were.

        Refused with assessment-not-published, reason-required, assessment-not-found."""
        office = act.office
        return summarise(office.open_correction(act.command, assessment_id, **fields(data)))

    @query("/", "ListAssessments", roles=SUPERVISION)
    def list_assessments(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        period: FromQuery[str | None] = None,
        kind: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[AssessmentSummary]]:
        """The assessments the reader covers, by period and kind (annual, half_year,
        quarter)."""
        where = {"period": period, "kind": kind}
        return register_page(
            request,
            services,
            ASSESSMENT_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{assessment_id:uuid}", "GetAssessment", roles=SUPERVISION)
    def get_assessment(
        self, assessment_id: FromPath[UUID], services: Svc, principal: Caller, as_of: AsOf = None
    ) -> AssessmentSummary:
        """An assessment: its published versions (each table as published) and its draft.

        As of a moment: the versions published by then. Unknown or out of scope:
        assessment-not-found."""
        return summarise(_at(services, principal, assessment_id, as_of))

    @query(
        "/{assessment_id:uuid}/units/{unit_id:uuid}", "GetAssessmentUnitScores", roles=SUPERVISION
    )
    def unit(
        self,
        assessment_id: FromPath[UUID],
        unit_id: FromPath[UUID],
        services: Svc,
        principal: Caller,
        version: Version = None,
        as_of: AsOf = None,
    ) -> UnitScores:
        """A unit's scores: each indicator's figure, formula, points (as computed and as
        adjusted) and evidence; bonuses; adjustments with reasons and approvers; and the
        one-vote-veto verdict with the events behind it.

        Of a published version if one is named, else of the draft (or the last version
        published, when no draft is open)."""
        a = _at(services, principal, assessment_id, as_of)
        shown = a.draft_version
        if version is not None or not a.draft or not a.results:
            published = _published(a, version)
            a, shown = (
                services.office.repository.get(a.id, version=published.at_version),
                published.version,
            )
        result = a.results.get(unit_id)
        if result is None:
            raise UnitNotAssessedError(f"unit {unit_id} has no scores in {a.period}")
        return unit_scores(a, result, shown)

    @query("/{assessment_id:uuid}/lists", "GetAssessmentLists", roles=SUPERVISION)
    def lists(
        self,
        assessment_id: FromPath[UUID],
        services: Svc,
        principal: Caller,
        version: Version = None,
        as_of: AsOf = None,
    ) -> Lists:
        """The good list (好评榜) and the bad circular (差评通报) of a published version (the
        latest published by the moment asked, unless one is named), by the scheme's rule,
        with shared ranks for ties and the facts behind each place."""
        a = _at(services, principal, assessment_id, as_of)
        published = _published(a, version)
        return lists_of(
            services.office.repository.get(a.id, version=published.at_version), published
        )
