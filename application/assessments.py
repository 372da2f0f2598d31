"""The assessment's commands: opening a period's assessment under the scheme of its year,
scoring it from the views (through the scorer the composition root provides) or entering
results from a paper record, adjustments and bonus points with their approvers, publication
and corrections; and the veto exemptions (情况说明) the office grants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from application.assessment_summonses import bottom_two_years, year_before
from application.context import CommandContext
from application.summonses import SummonsCommands
from domain.assessment import Approval, Assessment, assessment_period
from domain.assessment_results import UnitResult
from domain.assessment_scheme import Scheme
from domain.errors import (
    AssessmentAlreadyOpenError,
    AssessmentSchemeNotFoundError,
    SummonsAlreadyProposedError,
    UnknownRequirementError,
)
from domain.veto_exemption import VetoExemption


class Scorer(Protocol):
    """Computes the units' results from the views as recorded at the cut-off."""

    def score(
        self, scheme: Scheme, units: Mapping[UUID, str], period: str, cutoff: datetime
    ) -> list[UnitResult]: ...


@dataclass(frozen=True)
class EnteredResult:
    """A unit's result as a paper record gives it."""

    unit_id: UUID
    total: float
    vetoed: bool = False


class AssessmentCommands(SummonsCommands):
    schemes: Mapping[int, Scheme] = {}
    scorer: Scorer | None = None

    def scheme_for(self, year: int) -> Scheme:
        scheme = self.schemes.get(year)
        if scheme is None:
            known = ", ".join(str(y) for y in sorted(self.schemes)) or "none"
            raise AssessmentSchemeNotFoundError(
                f"no assessment scheme for {year} is loaded (schemes for: {known})"
            )
        return scheme

    def approval(self, approver_id: UUID) -> Approval:
        person = self.person(approver_id, "approver_id")
        return Approval(person.id, person.name)

    def open_assessment(
        self,
        ctx: CommandContext,
        *,
        period: str,
        title: str,
        unit_ids: list[UUID],
        cutoff: datetime | None = None,
    ) -> Assessment:
        assessment_period(period)
        scheme = self.scheme_for(int(period[:4]))
        units = {u: self.unit_named(u, "unit_ids").name for u in dict.fromkeys(unit_ids)}
        for name in units.values():
            self.require_unit(ctx, name, "unit_ids")
        assessment_id = Assessment.id_for(ctx.actor.unit, period)
        if self.recorder.select_events(assessment_id, limit=1):
            raise AssessmentAlreadyOpenError(
                f"{ctx.actor.unit} has opened its assessment of {period}: {assessment_id}"
            )
        assessment = Assessment.open(
            self.envelope(ctx),
            office=ctx.actor.unit,
            title=title,
            period=period,
            units=units,
            scheme=scheme,
            cutoff=cutoff,
        )
        self.store(ctx, assessment, "open_assessment")
        return assessment

    def get_assessment(self, assessment_id: UUID) -> Assessment:
        return self.load(Assessment, assessment_id)

    def compute_scores(self, ctx: CommandContext, assessment_id: UUID) -> Assessment:
        """Score every unit from the views as recorded at the assessment's cut-off."""
        assert self.scorer is not None, "the composition root provides the scorer"
        scorer = self.scorer
        env = self.envelope(ctx)

        def record(a: Assessment) -> None:
            if env.recorded_at >= a.cutoff:  # otherwise refused below, before any reading
                results = scorer.score(a.scheme, a.units, a.period, a.cutoff)
            else:
                results = []
            a.record_scores(env, results=results, source="computed")

        return self.change(ctx, Assessment, assessment_id, "compute_scores", record)

    def enter_results(
        self,
        ctx: CommandContext,
        assessment_id: UUID,
        *,
        document: str,
        results: list[EnteredResult],
    ) -> Assessment:
        """Record results from a paper record (a year assessed before Duban kept it)."""
        env = self.envelope(ctx)

        def record(a: Assessment) -> None:
            entered = [
                UnitResult(
                    unit_id=r.unit_id,
                    unit=a.units.get(r.unit_id, ""),
                    vetoed=r.vetoed,
                    entered_total=float(r.total),
                )
                for r in results
            ]
            a.record_scores(env, results=entered, source="entered", document=document)

        return self.change(ctx, Assessment, assessment_id, "enter_results", record)

    def adjust_score(
        self,
        ctx: CommandContext,
        assessment_id: UUID,
        *,
        unit_id: UUID,
        indicator: str,
        points: float,
        approver_id: UUID,
        reason: str,
    ) -> Assessment:
        env, approver = self.envelope(ctx, reason=reason), self.approval(approver_id)
        return self.change(
            ctx,
            Assessment,
            assessment_id,
            "adjust_score",
            lambda a: a.adjust_score(
                env, unit_id=unit_id, indicator=indicator, points=points, approver=approver
            ),
        )

    def award_bonus(
        self,
        ctx: CommandContext,
        assessment_id: UUID,
        *,
        unit_id: UUID,
        bonus: str,
        points: float,
        evidence: str,
        approver_id: UUID,
        reason: str,
    ) -> Assessment:
        env, approver = self.envelope(ctx, reason=reason), self.approval(approver_id)
        return self.change(
            ctx,
            Assessment,
            assessment_id,
            "award_bonus",
            lambda a: a.award_bonus(
                env,
                unit_id=unit_id,
                bonus=bonus,
                points=points,
                evidence=evidence,
                approver=approver,
            ),
        )

    def publish_assessment(
        self, ctx: CommandContext, assessment_id: UUID, *, document: str = ""
    ) -> Assessment:
        """Publish the draft as the next version; a year-end result proposes, in the same
        transaction, a summons of each unit at the bottom of it and of last year's."""
        env = self.envelope(ctx)
        assessment = self.load_for(ctx, Assessment, assessment_id)
        summonses = []
        before_id = year_before(assessment)
        before = None
        if before_id is not None and self.recorder.select_events(before_id, limit=1):
            before = self.load(Assessment, before_id)
        for proposal in bottom_two_years(assessment, before):
            try:
                summons = self.summons_proposal(ctx, proposal)
            except SummonsAlreadyProposedError:
                continue  # proposed on an earlier version of the same two results
            assessment.note_summons(env, unit_id=proposal.unit_id, summons_id=summons.id)
            summonses.append(summons)
        assessment.publish(env, document=document)
        self.store(ctx, assessment, "publish_assessment", *summonses)
        return assessment

    def open_correction(
        self, ctx: CommandContext, assessment_id: UUID, *, reason: str
    ) -> Assessment:
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx, Assessment, assessment_id, "open_correction", lambda a: a.open_correction(env)
        )

    def grant_veto_exemption(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        requirement: str,
        period: str,
        document: str,
        approver_id: UUID,
        reason: str,
    ) -> VetoExemption:
        """Excuse a unit's failure of a requirement in one period, with the written
        explanation, a reason and an approver; granted again after a revocation."""
        env, approver = self.envelope(ctx, reason=reason), self.approval(approver_id)
        unit = self.unit_named(unit_id, "unit_id")
        self.require_unit(ctx, unit.name, "unit_id")
        scheme = self.scheme_for(int(period[:4]) if period[:4].isdigit() else 0)
        rule = scheme.requirement(requirement)
        if rule is None:
            raise UnknownRequirementError(
                f"scheme {scheme.version} has no requirement {requirement!r}"
            )
        exemption_id = VetoExemption.id_for(unit.id, rule.id, period)
        if self.recorder.select_events(exemption_id, limit=1):
            exemption = self.load_for(ctx, VetoExemption, exemption_id)
            exemption.grant_again(env, document=document, approver=approver)
        else:
            exemption = VetoExemption.grant(
                env,
                unit_id=unit.id,
                unit=unit.name,
                requirement=rule,
                year=scheme.year,
                period=period,
                document=document,
                approver=approver,
            )
        self.store(ctx, exemption, "grant_veto_exemption")
        return exemption

    def revoke_veto_exemption(
        self, ctx: CommandContext, exemption_id: UUID, *, reason: str
    ) -> VetoExemption:
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx, VetoExemption, exemption_id, "revoke_veto_exemption", lambda e: e.revoke(env)
        )
