"""Names recorded before commands named people and units by their directory ids: the events
keep the text they were recorded with (their upcasters give the ids as unknown); this finds
each such name, and the directory's id for it where the directory knows the name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from infrastructure.view_store import Tx

# event type → (name field, id field, what the name is)
NAMED = {
    "Assigned": [
        ("responsible_person", "responsible_person_id", "official"),
        ("responsible_unit", "responsible_unit_id", "unit"),
    ],
    "TimeLimitExtended": [("approver", "approver_id", "official")],
    "LeadLeaderAssigned": [("leader", "leader_id", "official")],
    "TeamMemberAdded": [("member", "member_id", "official")],
    "TeamMemberRemoved": [("member", "member_id", "official")],
    "Established": [
        ("official", "official_id", "official"),
        ("official_unit", "official_unit_id", "unit"),
        ("owner_unit", "owner_unit_id", "unit"),
    ],
    "OfficialReassigned": [
        ("official", "official_id", "official"),
        ("official_unit", "official_unit_id", "unit"),
    ],
}


def unidentified(source: Application[UUID], page: int = 1000) -> dict[tuple[str, str], int]:
    """(what, name) of every name recorded without an id, with how many events name it."""
    found: dict[tuple[str, str], int] = defaultdict(int)
    for event in _events(source, page):
        for name_field, id_field, what in NAMED.get(type(event).__name__, ()):
            name = getattr(event, name_field, None)
            if name and getattr(event, id_field, None) is None:
                found[(what, name)] += 1
    return dict(found)


def _events(source: Application[UUID], page: int) -> Iterator[Any]:
    start = 1
    while notifications := source.recorder.select_notifications(start=start, limit=page):
        yield from (source.mapper.to_domain_event(n) for n in notifications)
        start = notifications[-1].id + 1


def resolve(tx: Tx, what: str, name: str) -> str | None:
    """The directory's id for a recorded name, or None where the directory does not know it."""
    table = "directory_units" if what == "unit" else "directory_officials"
    rows = tx.fetchall(f"SELECT id FROM {table} WHERE name = ?", [name])  # noqa: S608
    return str(rows[0][0]) if len(rows) == 1 else None
