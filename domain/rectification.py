"""What a summons (约谈) is made of: its rectification items (限期整改), each with its due date,
and the officials who took part, as the directory named them on the day.

An item's due date is counted as the office chose it (a date, or working days from the day of
the proposal) and is never before the day it is set. A count the scheme sets (an automatic
proposal's working days) into a year the calendar does not cover yet waits for it: the item
is recorded without its due date and the deadline pending, counted once the calendar covers
the year. The principal leader (主要负责人) of the
summoned unit is an official of that unit whose post is one of the head posts the documents
settings list (局长, 主任, 县长 …), a deputy's (副…) not included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.calendar import DueDate, PendingCount
from domain.errors import (
    DueDateInPastError,
    PrincipalLeaderHoldsNoHeadPostError,
    PrincipalLeaderNotOfUnitError,
    RectificationListEmptyError,
)
from domain.values import Envelope, require_text


@dataclass
class RectificationEntry:
    number: int
    what: str
    due: date | None  # None while its count waits for the calendar (DeadlinePending)
    completed_on: date | None = None
    done: str | None = None

    @property
    def key(self) -> str:
        """The key of the deadline the item owes."""
        return f"rectification:{self.number}"

    @classmethod
    def from_fields(cls, fields: dict[str, object]) -> RectificationEntry:
        due = fields["due"]
        if due is not None and not isinstance(due, date):
            due = date.fromisoformat(str(due))
        return cls(int(str(fields["number"])), str(fields["what"]), due)


def item_fields(
    envelope: Envelope, items: list[tuple[str, DueDate | PendingCount]]
) -> list[dict[str, object]]:
    """The proposal's rectification list as stored, numbered from 1; refused when empty, when
    an item is blank or due before today. A pending count is stored without its due date."""
    if not items:
        raise RectificationListEmptyError("a summons sets at least one rectification item")
    fields: list[dict[str, object]] = []
    for number, (what, due) in enumerate(items, start=1):
        if isinstance(due, PendingCount):
            fields.append(
                {
                    "number": number,
                    "what": require_text(what, f"rectification item {number}"),
                    "due": None,
                    "counted_in": "working_days",
                    "day_count": due.working_days,
                    "calendar": "",
                }
            )
            continue
        if due.due < envelope.today:
            raise DueDateInPastError(
                f"rectification item {number} is due {due.due}, before today {envelope.today}"
            )
        fields.append(
            {
                "number": number,
                "what": require_text(what, f"rectification item {number}"),
                "due": due.due,
                "counted_in": due.counted_in.value,
                "day_count": due.count,
                "calendar": due.calendar,
            }
        )
    return fields


@dataclass(frozen=True)
class Participant:
    """An official who took part in a summons, as the directory named them then."""

    id: UUID
    name: str
    post: str  # the official's title; "" when the directory has none
    unit_id: UUID
    unit: str

    def as_fields(self) -> dict[str, str]:
        return {
            "id": str(self.id),
            "name": self.name,
            "post": self.post,
            "unit_id": str(self.unit_id),
            "unit": self.unit,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> Participant:
        return cls(
            UUID(fields["id"]),
            fields["name"],
            fields["post"],
            UUID(fields["unit_id"]),
            fields["unit"],
        )


def holds_head_post(post: str, head_posts: tuple[str, ...]) -> bool:
    post = post.strip()
    return bool(post) and post.endswith(head_posts) and not post.startswith("副")


def check_principal_leader(
    leader: Participant, unit_id: UUID, unit: str, head_posts: tuple[str, ...]
) -> None:
    if leader.unit_id != unit_id:
        raise PrincipalLeaderNotOfUnitError(
            f"{leader.name} belongs to {leader.unit}, not to the summoned unit {unit}"
        )
    if not holds_head_post(leader.post, head_posts):
        post = leader.post or "no post"
        raise PrincipalLeaderHoldsNoHeadPostError(
            f"{leader.name} ({post}) is not the principal leader of {unit}: "
            f"a principal leader holds one of {', '.join(head_posts)}"
        )


def present(leader: Participant, attendees: list[Participant]) -> list[dict[str, str]]:
    """Who attended, the principal leader first, each official once."""
    seen: dict[UUID, Participant] = {leader.id: leader}
    for attendee in attendees:
        seen.setdefault(attendee.id, attendee)
    return [p.as_fields() for p in seen.values()]
