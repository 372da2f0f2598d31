"""Routing commands on the problem ledger: 转办, 退回, 协办, 答复, 一次性告知, and a unit's own
rectification item (自查整改). The rules are the Issue's (domain/issue_routing.py); here the
directory names the people and units, and the policy counts the limits."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from application.answer_limits import acceptance_limit
from application.context import CommandContext
from application.due_dates import chosen_limit, due_date
from application.issues import IssueCommands
from domain.access import Answerable
from domain.errors import OutOfScopeError
from domain.issue import Issue
from domain.values import Channel, IssueCategory


class IssueRoutingCommands(IssueCommands):
    def transfer_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        responsible_person_id: UUID,
        reason: str,
        time_limit: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
        reply_by: date | None = None,
    ) -> Issue:
        """转办 to another unit's official, with a reason: the new unit gets its own time limit
        (a complaint without one gets the written-answer limit) and its own reply limit."""
        env = self.envelope(ctx, reason=reason)
        issue = self.lead_issue(ctx, issue_id)
        person = self.person(responsible_person_id, "responsible_person_id")
        limit = self.assignment_limit(
            issue.channel,
            env.today,
            on=time_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        issue.transfer(
            env,
            **person.responsible(),
            time_limit=limit,
            reply=self.reply_owed(issue, env.today, reply_by),
        )
        self.store(ctx, issue, "transfer_issue")
        return issue

    def return_issue(self, ctx: CommandContext, issue_id: UUID, *, reason: str) -> Issue:
        """退回: the unit hands a misrouted problem back to the unit that routed it, which
        owes the routing anew under a new acceptance limit."""
        env = self.envelope(ctx, reason=reason)
        limit = acceptance_limit(self.calendar, self.policy, env.today)
        return self._issue(
            ctx,
            issue_id,
            "return_issue",
            lambda i: i.return_to_office(env, acceptance_limit=limit),
        )

    def request_assistance(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        assisting_person_id: UUID,
        part: str,
        due: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
    ) -> Issue:
        """协办: another unit's official answers for a part, due no later than the lead's limit
        (the lead's limit when none is given)."""
        env = self.envelope(ctx)
        issue = self.lead_issue(ctx, issue_id)
        person = self.person(assisting_person_id, "assisting_person_id")
        given = any(v is not None for v in (due, working_days, calendar_days))
        limit = chosen_limit(
            self.calendar,
            env.today,
            on=due if given else issue.time_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        issue.request_assistance(
            env,
            assisting_unit=person.unit,
            assisting_person=person.name,
            assisting_unit_id=person.unit_id,
            assisting_person_id=person.id,
            part=part,
            due=limit,
        )
        self.store(ctx, issue, "request_assistance")
        return issue

    def complete_assisting_part(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        number: int,
        *,
        answer: str,
        business_date: date | None = None,
    ) -> Issue:
        """The assisting unit (or the office over it) reports its part done."""
        env = self.envelope(ctx, business_date=business_date)
        issue = self.load_for(ctx, Issue, issue_id)
        part = issue.part(number)
        if not ctx.scope.covers(Answerable.of(units=[part.unit], officials=[part.person])):
            raise OutOfScopeError(
                f"assisting part {number} is {part.unit}'s; {ctx.actor.official} "
                f"({ctx.actor.unit}) does not answer for it"
            )
        issue.complete_assisting_part(env, number=number, answer=answer)
        self.store(ctx, issue, "complete_assisting_part")
        return issue

    def reply_to_issue(
        self, ctx: CommandContext, issue_id: UUID, *, answer: str, business_date: date | None = None
    ) -> Issue:
        """书面答复: the written answer to the enterprise."""
        env = self.envelope(ctx, business_date=business_date)
        return self._issue(ctx, issue_id, "reply_to_issue", lambda i: i.reply(env, answer=answer))

    def give_one_time_notice(
        self, ctx: CommandContext, issue_id: UUID, *, items: list[str]
    ) -> Issue:
        """一次性告知, by any unit that answers for the problem (the unit first contacted too)."""
        env = self.envelope(ctx)
        return self.change(
            ctx,
            Issue,
            issue_id,
            "give_one_time_notice",
            lambda i: i.give_one_time_notice(env, items=items),
        )

    def list_rectification_item(
        self,
        ctx: CommandContext,
        *,
        category: IssueCategory,
        problem: str,
        cause: str,
        measures: str,
        responsible_person_id: UUID,
        time_limit: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
    ) -> Issue:
        """A unit's own rectification item (seed 001: 问题, 原因, 措施, 责任人, 时限): raised
        without an enterprise and assigned to an official of the unit at once."""
        env = self.envelope(ctx)
        person = self.person(responsible_person_id, "responsible_person_id")
        self.require_unit(ctx, person.unit, "responsible unit")
        limit = due_date(
            self.calendar,
            env.today,
            on=time_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        issue = Issue.raise_issue(
            env,
            id=uuid4(),
            channel=Channel.SELF_RECTIFICATION,
            category=category,
            enterprise_code="",
            enterprise_name="",
            description=problem,
            cause=cause,
            measures=measures,
        )
        issue.accept_and_assign(
            env,
            **person.responsible(),
            time_limit=limit,
        )
        self.store(ctx, issue, "list_rectification_item")
        return issue
