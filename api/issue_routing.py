"""Routing a problem over HTTP (seeds 001–004): 转办, 退回, 协办, 书面答复, 一次性告知, and a
unit's own rectification item (自查整改). Commands are POSTs under /issues."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller
from litestar.params import FromPath, JSONBody

from api.permissions import ACT
from api.routing import Act, command, fields
from api.schemas import Body, Days, Name, Text
from domain.values import IssueCategory
from projections.issue_ledger import summarise
from projections.summaries import IssueSummary

NoticeItems = Annotated[list[Name], msgspec.Meta(min_length=1, max_length=100)]


class TransferIssue(Body):
    """The new unit's official (GET /directory/officials) and its own time limit: a date, or
    working or calendar days from today (a complaint without one: 7 working days)."""

    responsible_person_id: UUID
    reason: Text
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None
    reply_by: date | None = None


class ReturnIssue(Body):
    reason: Text


class RequestAssistance(Body):
    """The assisting unit's official and their part, due by a date or in days (the lead's
    time limit when none is given), no later than the lead's limit."""

    assisting_person_id: UUID
    part: Text
    due: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


class CompletePart(Body):
    answer: Text
    business_date: date | None = None


class Reply(Body):
    answer: Text
    business_date: date | None = None


class OneTimeNotice(Body):
    items: NoticeItems


class RectificationItem(Body):
    """问题, 原因, 措施, 责任人 (an official of the caller's unit) and 时限."""

    category: IssueCategory
    problem: Text
    cause: Text
    measures: Text
    responsible_person_id: UUID
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


class IssueRoutingController(Controller):
    path = "/issues"
    tags = ("issues",)

    @command("/rectification-items", "ListRectificationItem", roles=ACT, creates=True)
    def list_rectification_item(self, data: JSONBody[RectificationItem], act: Act) -> IssueSummary:
        """Put one of the unit's own rectification items (自查整改) on the ledger, assigned.

        No enterprise; the responsible person is an official of the caller's unit. Refused
        with blank-text, unknown-official, out-of-scope (another unit's official),
        time-limit-required, due-date-in-past, calendar-year-unknown."""
        office = act.office
        return summarise(office.list_rectification_item(act.command, **fields(data)))

    @command("/{issue_id:uuid}/transfer", "TransferIssue", roles=ACT)
    def transfer(
        self, issue_id: FromPath[UUID], data: JSONBody[TransferIssue], act: Act
    ) -> IssueSummary:
        """Transfer (转办) an assigned problem to another unit, with a reason.

        The new unit gets its own time limit and, for a complaint or a project in
        negotiation, its own written-answer limit. Refused with transfer-to-same-unit,
        reason-required, issue-not-assigned, issue-not-open, due-date-in-past, reply-after-cap,
        unknown-official, out-of-scope (an assisting unit), issue-not-found."""
        return summarise(act.office.transfer_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/return", "ReturnIssue", roles=ACT)
    def return_issue(
        self, issue_id: FromPath[UUID], data: JSONBody[ReturnIssue], act: Act
    ) -> IssueSummary:
        """Return (退回) a misrouted problem, with a reason, to the unit that routed it.

        The problem is raised again; that unit owes the routing anew within the acceptance
        limit. Refused with reason-required, issue-not-assigned, issue-not-open,
        out-of-scope, issue-not-found."""
        return summarise(act.office.return_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/assisting-parts", "RequestAssistance", roles=ACT)
    def request_assistance(
        self, issue_id: FromPath[UUID], data: JSONBody[RequestAssistance], act: Act
    ) -> IssueSummary:
        """Name an assisting unit (协办) and the part it answers for.

        Refused with assisting-unit-is-lead, already-assisting, assisting-part-after-time-limit,
        due-date-in-past, time-limit-required, issue-not-assigned, unknown-official,
        out-of-scope, issue-not-found."""
        office = act.office
        return summarise(office.request_assistance(act.command, issue_id, **fields(data)))

    @command(
        "/{issue_id:uuid}/assisting-parts/{number:int}/completion",
        "CompleteAssistingPart",
        roles=ACT,
    )
    def complete_part(
        self,
        issue_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[CompletePart],
        act: Act,
    ) -> IssueSummary:
        """The assisting unit reports its part done.

        Refused with assisting-part-not-found, assisting-part-not-open, issue-not-assigned,
        business-date-in-future, out-of-scope (a unit other than the assisting one),
        issue-not-found."""
        office = act.office
        done = office.complete_assisting_part(act.command, issue_id, number, **fields(data))
        return summarise(done)

    @command("/{issue_id:uuid}/reply", "ReplyToIssue", roles=ACT)
    def reply(self, issue_id: FromPath[UUID], data: JSONBody[Reply], act: Act) -> IssueSummary:
        """Record the written answer (书面答复) to the enterprise.

        Refused with already-replied, issue-not-assigned, issue-not-open, blank-text,
        business-date-in-future, out-of-scope, issue-not-found."""
        return summarise(act.office.reply_to_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/one-time-notice", "GiveOneTimeNotice", roles=ACT)
    def one_time_notice(
        self, issue_id: FromPath[UUID], data: JSONBody[OneTimeNotice], act: Act
    ) -> IssueSummary:
        """Tell the enterprise once (一次性告知) everything it must supply.

        Refused with one-time-notice-already-given, no-enterprise-to-notify, issue-not-open,
        blank-text, out-of-scope, issue-not-found."""
        office = act.office
        return summarise(office.give_one_time_notice(act.command, issue_id, **fields(data)))
