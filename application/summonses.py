"""Summons commands (约谈): propose — automatically from the assessments, or by the supervision
office — schedule, record held, complete rectification items, accept the rectification,
withdraw. Units and officials are named by their directory ids; the rectification items' due
dates are counted on the working-day calendar.

An automatic proposal (grounds ``bottom_two_years``) has an id made from the unit and the
assessments it cites, versions aside: proposing it again, or after an assessment was
republished, is refused as already proposed rather than summoning the unit twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4, uuid5

from application.base import BackOfficeBase
from application.context import CommandContext
from application.due_dates import chosen_limit
from domain.calendar import DueDate, PendingCount, count_or_pend
from domain.directory import Official
from domain.errors import SummonsAlreadyProposedError
from domain.rectification import Participant
from domain.summons import Summons, SummonsGrounds

# names the ids of automatic proposals; stored data, never change it
AUTOMATIC_PROPOSALS = UUID("6f0d2f4e-5b7a-4c1e-9d3a-2a9e8c7b1f50")


@dataclass(frozen=True)
class RectificationItem:
    """An item of a summons' rectification list as the office gives it: what is to be done,
    and by when — a date, or a number of working days from the day of the proposal."""

    what: str
    due: date | None = None
    working_days: int | None = None
    # the scheme's count (an automatic proposal): into a year the calendar does not cover yet
    # it waits for the calendar instead of being refused
    by_rule: bool = False


@dataclass(frozen=True)
class SummonsProposal:
    """What a proposal names: the unit, the grounds, the reason (required on grounds
    ``supervisor``), the published assessments it rests on (on grounds ``bottom_two_years``,
    "<assessment id>@v<version>") and the rectification list."""

    unit_id: UUID
    grounds: SummonsGrounds
    items: Sequence[RectificationItem]
    reason: str | None = None
    basis: Sequence[str] = ()


class SummonsCommands(BackOfficeBase):
    def propose_summons(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        grounds: SummonsGrounds,
        reason: str | None = None,
        basis: Sequence[str] = (),
        items: Sequence[RectificationItem],
    ) -> Summons:
        """Propose summoning the unit's principal leader, with the rectification list."""
        proposal = SummonsProposal(unit_id, grounds, items, reason, basis)
        summons = self.summons_proposal(ctx, proposal)
        self.store(ctx, summons, "propose_summons")
        return summons

    def summons_proposal(self, ctx: CommandContext, proposal: SummonsProposal) -> Summons:
        """The summons ``propose_summons`` records, checked but not saved: for a command that
        saves it with its own events in one transaction (``store(ctx, aggregate, command,
        *summonses)``)."""
        env = self.envelope(ctx, reason=proposal.reason)
        unit = self.unit_named(proposal.unit_id, "unit_id")
        self.require_unit(ctx, unit.name, "summoned unit")
        summons_id = proposal_id(unit.id, proposal.grounds, proposal.basis)
        if self.recorder.select_events(summons_id, limit=1):
            raise SummonsAlreadyProposedError(
                f"summons {summons_id} of {unit.name} was proposed on the same assessments"
            )
        limits: list[tuple[str, DueDate | PendingCount]] = [
            (item.what, self._item_due(env.today, item)) for item in proposal.items
        ]
        return Summons.propose(
            env,
            id=summons_id,
            unit_id=unit.id,
            unit_name=unit.name,
            grounds=proposal.grounds,
            basis=list(proposal.basis),
            items=limits,
        )

    def _item_due(self, today: date, item: RectificationItem) -> DueDate | PendingCount:
        if item.by_rule and item.working_days is not None and item.due is None:
            return count_or_pend(self.calendar, today, item.working_days)
        return chosen_limit(self.calendar, today, on=item.due, working_days=item.working_days)

    def get_summons(self, summons_id: UUID) -> Summons:
        return self.load(Summons, summons_id)

    def _summons(
        self, ctx: CommandContext, summons_id: UUID, command: str, act: Callable[[Summons], object]
    ) -> Summons:
        return self.change(ctx, Summons, summons_id, command, act)

    def schedule_summons(
        self,
        ctx: CommandContext,
        summons_id: UUID,
        *,
        on: date,
        place: str,
        reason: str | None = None,
    ) -> Summons:
        """Schedule the summons, or reschedule it (with a reason) while it is not held."""
        env = self.envelope(ctx, reason=reason)
        return self._summons(
            ctx, summons_id, "schedule_summons", lambda s: s.schedule(env, on=on, place=place)
        )

    def record_summons_held(
        self,
        ctx: CommandContext,
        summons_id: UUID,
        *,
        held_on: date,
        principal_leader_id: UUID,
        conducted_by_id: UUID,
        attendee_ids: Sequence[UUID] = (),
        head_posts: Sequence[str],
        notes: str = "",
    ) -> Summons:
        """``head_posts``: the posts that make an official the leader of a unit (the documents
        settings' list)."""
        env = self.envelope(ctx, business_date=held_on)
        leader = self.participant(principal_leader_id, "principal_leader_id")
        conductor = self.participant(conducted_by_id, "conducted_by_id")
        present = [self.participant(i, "attendee_ids") for i in attendee_ids]
        return self._summons(
            ctx,
            summons_id,
            "record_summons_held",
            lambda s: s.hold(
                env,
                held_on=held_on,
                principal_leader=leader,
                head_posts=tuple(head_posts),
                conducted_by=conductor,
                attendees=present,
                notes=notes,
            ),
        )

    def complete_rectification_item(
        self,
        ctx: CommandContext,
        summons_id: UUID,
        *,
        number: int,
        what_was_done: str,
        business_date: date | None = None,
    ) -> Summons:
        env = self.envelope(ctx, business_date=business_date)
        return self._summons(
            ctx,
            summons_id,
            "complete_rectification_item",
            lambda s: s.complete_item(env, number=number, done=what_was_done),
        )

    def accept_rectification(
        self, ctx: CommandContext, summons_id: UUID, *, reason: str
    ) -> Summons:
        env = self.envelope(ctx, reason=reason)
        return self._summons(
            ctx, summons_id, "accept_rectification", lambda s: s.accept_rectification(env)
        )

    def withdraw_summons(self, ctx: CommandContext, summons_id: UUID, *, reason: str) -> Summons:
        env = self.envelope(ctx, reason=reason)
        return self._summons(ctx, summons_id, "withdraw_summons", lambda s: s.withdraw(env))

    def participant(self, official_id: UUID, field: str) -> Participant:
        """An official of the directory as a summons names them: with their post and unit."""
        person = self.person(official_id, field)
        post = self.load(Official, official_id).title
        return Participant(person.id, person.name, post, person.unit_id, person.unit)


def proposal_id(unit_id: UUID, grounds: SummonsGrounds, basis: Sequence[str]) -> UUID:
    """An automatic proposal's id follows from the unit and the assessments it cites (one
    assessment's versions count once); the office's own proposals are each new."""
    if grounds is SummonsGrounds.SUPERVISOR:
        return uuid4()
    cited = sorted({entry.strip().partition("@")[0] for entry in basis})
    return uuid5(AUTOMATIC_PROPOSALS, f"summons:{unit_id}:{'|'.join(cited)}")
