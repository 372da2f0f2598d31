"""The supervision office's desk in the demo year: problems raised by the mechanisms (a visit's
finding, a session's question, a bad review put on the ledger) are accepted and assigned the
next morning to the unit their kind of problem goes to, within the acceptance limit; most are
resolved about two weeks later, one in six only after its time limit has passed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from uuid import UUID

from demo.data import ISSUES, SUPERVISION_OFFICE, UNITS
from demo.scenario import Scenario, ctx
from domain.values import shanghai_date
from projections.summaries import IssueSummary

# where each kind of problem goes, as the scheduled problems of the year send it
ROUTE = {category: unit_key for category, _, _, _, unit_key, _ in ISSUES}
LATE_EVERY = 6
RESOLVED_AFTER = timedelta(days=14)


def schedule_desk(s: Scenario, raised: Callable[[], Sequence[IssueSummary]]) -> None:
    """Each working day at 09:30 from February to mid-December; ``raised`` lists the problems
    raised and not yet accepted, as the ledger shows them."""
    desk = ctx("许晓燕", SUPERVISION_OFFICE)
    owed: list[tuple[date, UUID, str, str]] = []  # resolved on that day, by that unit's person

    def sweep() -> None:
        today = shanghai_date(s.clock.now())
        for due, issue_id, unit, person in [o for o in owed if o[0] <= today]:
            owed.remove((due, issue_id, unit, person))
            s.office.resolve_issue(
                ctx(person, unit), issue_id, resolution="已协调相关部门解决，企业表示认可"
            )
        for issue in raised():
            if issue.source_kind is None:
                continue  # the year's own problems are routed where they are scheduled
            unit, person = UNITS[ROUTE.get(issue.category, "发改")]
            s.office.accept_and_assign_issue(
                desk, issue.id, responsible_person_id=s.people[person], working_days=10
            )
            late = (len(owed) + 1) % LATE_EVERY == 0
            wait = RESOLVED_AFTER + (timedelta(days=14) if late else timedelta())
            owed.append((today + wait, issue.id, unit, person))

    day = date(2026, 2, 2)
    while day <= date(2026, 12, 15):
        if s.workday(day) == day:
            s.at(day, 9, sweep)
        day += timedelta(days=1)
