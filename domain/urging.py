"""Urging notices (督办通知): the document that carries out the escalation ladder's urging-notice
step after a missed deadline. It is numbered (文号), addressed to named officials by their
posts, and may set a new time limit (限期办结), which is then owed in its turn.

An urging notice documents a step the ladder took: it is refused for a miss that has no
urging-notice step yet, and a miss gets one notice, whose number stays its number (a lost file
is rendered again from the record, never renumbered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.calendar import DueDate
from domain.deadlines import MissedDeadline, miss_key
from domain.errors import (
    BlankTextError,
    DueDateInPastError,
    UrgingNoticeAlreadyIssuedError,
    UrgingNoticeNotDueError,
)
from domain.values import Envelope, require_text

URGING_NOTICE_STEP = "urging_notice"
URGED_LIMIT = "urged_limit"  # the deadline key of a time limit an urging notice set


@dataclass(frozen=True)
class Addressee:
    """An official a notice is sent to, as the directory names them."""

    name: str
    post: str  # the official's title, such as 局长; "" when the directory has none
    unit: str

    def as_fields(self) -> dict[str, str]:
        return {
            "name": require_text(self.name, "addressee"),
            "post": self.post.strip(),
            "unit": require_text(self.unit, "addressee's unit"),
        }


def require_urging_step(
    missed: dict[str, MissedDeadline], notices: dict[str, str], key: str, due: date
) -> str:
    """The miss key of a recorded miss whose urging-notice step was taken and which has no
    notice yet; refused otherwise."""
    found = miss_key(key, due)
    miss = missed.get(found)
    if miss is None or URGING_NOTICE_STEP not in miss.steps or miss.withdrawn:
        raise UrgingNoticeNotDueError(
            f"no urging-notice step stands for {key!r} due {due}: a notice documents a step "
            "the escalation ladder took on a miss that was not withdrawn"
        )
    if found in notices:
        raise UrgingNoticeAlreadyIssuedError(
            f"urging notice {notices[found]} was issued for {key!r} due {due}"
        )
    return found


def notice_fields(
    envelope: Envelope,
    missed: dict[str, MissedDeadline],
    notices: dict[str, str],
    number: str,
    key: str,
    due: date,
    addressees: list[Addressee],
    new_time_limit: DueDate | None,
) -> dict[str, object]:
    """The fields of an urging notice's event, once its rules hold."""
    require_urging_step(missed, notices, key, due)
    if not addressees:
        raise BlankTextError("an urging notice names at least one addressee")
    limit: dict[str, object] = {"new_time_limit": None, "counted_in": "", "day_count": 0}
    if new_time_limit is not None:
        if new_time_limit.due < envelope.today:
            raise DueDateInPastError(
                f"new time limit {new_time_limit.due} is before today {envelope.today}"
            )
        limit = {
            "new_time_limit": new_time_limit.due,
            "counted_in": new_time_limit.counted_in.value,
            "day_count": new_time_limit.count,
        }
    return {
        "number": require_text(number, "document number"),
        "key": key,
        "due": due,
        "addressees": [a.as_fields() for a in addressees],
        "calendar": new_time_limit.calendar if new_time_limit else "",
        **limit,
    }
