"""Pairing commands: establish, log visits (findings raise linked issues), reassign, end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from application.answer_limits import acceptance_limit
from application.base import BackOfficeBase
from application.context import CommandContext
from application.linked_issues import IssueRequest, raise_linked
from domain.pairing import Pairing, PairingMechanism
from domain.values import Channel


class PairingCommands(BackOfficeBase):
    def establish_pairing(
        self,
        ctx: CommandContext,
        *,
        mechanism: PairingMechanism,
        official_id: UUID,
        enterprise_code: str,
        enterprise_name: str,
        start: date,
        visits_per_month: int = 1,
    ) -> Pairing:
        """The paired official is a directory official, who answers with their unit."""
        official = self.person(official_id, "official_id")
        self.require_unit(ctx, official.unit, "official unit")
        pairing = Pairing.establish(
            self.envelope(ctx),
            id=uuid4(),
            mechanism=mechanism,
            official=official.name,
            official_unit=official.unit,
            official_id=official.id,
            official_unit_id=official.unit_id,
            enterprise_code=enterprise_code,
            enterprise_name=enterprise_name,
            start=start,
            visits_per_month=visits_per_month,
        )
        self.store(ctx, pairing, "establish_pairing")
        return pairing

    def get_pairing(self, pairing_id: UUID) -> Pairing:
        return self.load(Pairing, pairing_id)

    def log_visit(
        self,
        ctx: CommandContext,
        pairing_id: UUID,
        *,
        form: str,
        people_met: list[str],
        findings: list[tuple[str, IssueRequest | None]],
        business_date: date | None = None,
    ) -> Pairing:
        """Each finding may carry an issue to raise; the issues and the visit save together."""
        env = self.envelope(ctx, business_date=business_date)
        pairing = self.load_for(ctx, Pairing, pairing_id)
        number = len(pairing.visits) + 1
        issues = [
            raise_linked(
                env,
                request,
                channel=Channel.VISIT,
                source_kind="pairing_visit",
                source_ref=f"pairings/{pairing_id}/visits/{number}/findings/{index}",
                enterprise_code=pairing.enterprise_code,
                enterprise_name=pairing.enterprise_name,
                acceptance_limit=acceptance_limit(self.calendar, self.policy, env.today),
            )
            if request
            else None
            for index, (_, request) in enumerate(findings, start=1)
        ]
        pairing.log_visit(
            env,
            form=form,
            people_met=people_met,
            findings=[text for text, _ in findings],
            raised_issues=[str(i.id) if i else "" for i in issues],
        )
        self.store(ctx, pairing, "log_visit", *[i for i in issues if i is not None])
        return pairing

    def _pairing(
        self, ctx: CommandContext, pairing_id: UUID, command: str, act: Callable[[Pairing], object]
    ) -> Pairing:
        return self.change(ctx, Pairing, pairing_id, command, act)

    def reassign_pairing_official(
        self,
        ctx: CommandContext,
        pairing_id: UUID,
        *,
        official_id: UUID,
        reason: str,
    ) -> Pairing:
        env = self.envelope(ctx, reason=reason)
        official = self.person(official_id, "official_id")
        self.require_unit(ctx, official.unit, "official unit")
        return self._pairing(
            ctx,
            pairing_id,
            "reassign_pairing_official",
            lambda p: p.reassign_official(
                env,
                official=official.name,
                official_unit=official.unit,
                official_id=official.id,
                official_unit_id=official.unit_id,
            ),
        )

    def end_pairing(
        self,
        ctx: CommandContext,
        pairing_id: UUID,
        *,
        reason: str,
        business_date: date | None = None,
    ) -> Pairing:
        env = self.envelope(ctx, business_date=business_date, reason=reason)
        return self._pairing(ctx, pairing_id, "end_pairing", lambda p: p.end(env))
