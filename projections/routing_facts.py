"""What routing a problem counts for (转办, 退回, 协办, 答复, 一次性告知): a unit that hands a
problem on no longer answers for its outcome, and its time limit lapses; the unit that takes it
over receives it with its own limit (fact_rules); an assisting unit answers for its part."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.issue import Issue
from projections.fact import Fact

ROUTING_EVENTS = frozenset(
    {"Transferred", "Returned", "AssistanceRequested", "AssistingPartCompleted", "Replied",
     "OneTimeNoticeGiven"}
)  # fmt: skip


def routing_facts(name: str, event: Any, issue: Issue, day: date) -> Iterator[Fact]:
    if name in ("Transferred", "Returned"):
        yield Fact("issue_handed_on", event.from_unit, event.from_person, day, detail=name)
        before = event.previous_limit
        # handed on by its day, the old limit lapses; after it, its miss stands against the unit
        if before is not None and day <= before and before != getattr(event, "time_limit", None):
            where = f"time_limit@{before.isoformat()}"
            unit, person = event.from_unit, event.from_person
            yield Fact("deadline_superseded", unit, person, before, detail=where)
    elif name == "AssistanceRequested":
        where = f"assist:{event.number}@{event.due.isoformat()}"
        unit, person = event.assisting_unit, event.assisting_person
        yield Fact("assist_received", unit, person, day, detail=where)
    elif name == "AssistingPartCompleted":
        part = issue.part(event.number)
        late_by = float((day - part.due).days) if part.due is not None else None
        where = f"assist:{part.number}@{part.due.isoformat() if part.due else ''}"
        yield Fact("assist_completed", part.unit, part.person, day, value=late_by, detail=where)
    elif name == "Replied":
        unit, person = issue.responsible_unit or "", issue.responsible_person or ""
        yield Fact("issue_replied", unit, person, day, detail=issue.reply_rule)
    elif name == "OneTimeNoticeGiven":
        yield Fact("one_time_notice_given", event.unit, event.actor, day)
