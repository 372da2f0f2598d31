"""The limits the rules set on intake, from the deadline policy (time_limits.toml): the
acceptance time limit of a raised problem, and the written answer a rule owes — 7 working days
to a complaint, 3 days to a project in negotiation (seed 003) — as a cap the unit may beat."""

from __future__ import annotations

from datetime import date

from application.due_dates import CalendarNotConfigured
from application.policy import DeadlinePolicy
from domain.calendar import (
    DueDate,
    PendingCount,
    WorkingCalendar,
    add_calendar_days,
    count_or_pend,
    explicit,
)
from domain.issue_routing import ReplyRule
from domain.values import Channel, ProjectStage


def acceptance_limit(
    calendar: WorkingCalendar, policy: DeadlinePolicy, today: date
) -> DueDate | PendingCount | None:
    """None when the policy sets no acceptance limit, or no calendar is configured (a count
    in working days is never guessed Monday to Friday)."""
    days = policy.acceptance_working_days
    if days <= 0 or isinstance(calendar, CalendarNotConfigured):
        return None
    return count_or_pend(calendar, today, days)


def reply_rule(
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    today: date,
    *,
    channel: Channel,
    project_stage: ProjectStage | None,
    promised: date | None = None,
) -> ReplyRule | None:
    """The written answer the rules owe from ``today``, the earliest when two apply; a day
    the unit promises without a rule is owed as promised."""
    rules: list[ReplyRule] = []
    if project_stage is ProjectStage.NEGOTIATION:
        days = policy.negotiation_answer_days
        rules.append(ReplyRule("negotiation", add_calendar_days(today, days), promised))
    if channel.value in policy.complaint_channels:
        days = policy.complaint_answer_working_days
        rules.append(ReplyRule("complaint", count_or_pend(calendar, today, days), promised))
    if rules:
        return min(rules, key=_latest_day)
    if promised is not None:
        return ReplyRule("promised", explicit(promised, today), promised)
    return None


def _latest_day(rule: ReplyRule) -> date:
    # a count pending next year's calendar ends after any counted day
    return rule.cap.due if isinstance(rule.cap, DueDate) else date.max
