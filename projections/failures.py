"""Read models stopped at an event they cannot apply: which event, and why.

A read model that fails on an event stops there, its rows and position as they were before
it, and the event is written down here — in the same transaction, so every process keeping
read models sees it and passes that model over, while the other read models, the deadline
watcher and every query go on. The log is append-only, so the event stays: the cure is a
change to the read model, after which the model tries the event again (each process does
once when it starts; a rebuild or a new ``version`` starts it afresh).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from domain.values import UNSTORABLE
from infrastructure.view_store import Tx

DDL = (
    "CREATE TABLE IF NOT EXISTS projection_failures (name TEXT PRIMARY KEY,"
    " position BIGINT NOT NULL, event TEXT NOT NULL, error TEXT NOT NULL)"
)
_UNSTORABLE = re.compile(f"[{UNSTORABLE}]")
_MAX_ERROR = 1000


@dataclass(frozen=True)
class Failure:
    name: str
    position: int  # the event it cannot apply; its rows stand at the position before
    event: str  # the event's type, aggregate id and version
    error: str  # the exception's type and message


def describe_event(event: Any, topic: str = "") -> str:
    kind = type(event).__qualname__ if event is not None else topic
    originator = getattr(event, "originator_id", "?")
    return f"{kind} of {originator} v{getattr(event, 'originator_version', '?')}"


def describe_error(error: BaseException) -> str:
    """The error as text the stores hold: the message may quote the value that broke it."""
    text = f"{type(error).__name__}: {error}"[:_MAX_ERROR]
    return _UNSTORABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def stopped(tx: Tx) -> dict[str, Failure]:
    rows = tx.fetchall("SELECT name, position, event, error FROM projection_failures")
    return {str(r[0]): Failure(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows}


def record(tx: Tx, failure: Failure) -> None:
    tx.execute(
        "INSERT INTO projection_failures (name, position, event, error) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET position = excluded.position,"
        " event = excluded.event, error = excluded.error",
        [failure.name, failure.position, failure.event, failure.error],
    )


def clear(tx: Tx, name: str) -> None:
    tx.execute("DELETE FROM projection_failures WHERE name = ?", [name])
