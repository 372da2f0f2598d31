"""AccessIndex: who answers for each item — the units, officials, enterprise and region its
aggregate names (``answerable()``) — so every list, history and view can be held to a
principal's scope in the database, before paging."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.access import Answerable, Scope
from domain.base import DubanAggregate
from domain.directory import Official, Unit
from domain.review import Review, answerable_at_submission
from infrastructure.view_store import Tx
from projections.latest import born_alone, born_in, states_at
from projections.tables import MadeByDDL

_DDL = (
    "CREATE TABLE IF NOT EXISTS item_access (item_id TEXT NOT NULL, facet TEXT NOT NULL,"
    " value TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS item_access_item ON item_access (item_id)",
    "CREATE INDEX IF NOT EXISTS item_access_facet ON item_access (facet, value, item_id)",
)
_DIRECTORY = (Unit, Official)  # the directory is the admin's, not an item of anyone's scope


def facets(item: Answerable) -> list[tuple[str, str]]:
    found = [("unit", u) for u in sorted(item.units)]
    found += [("official", o) for o in sorted(item.officials)]
    if item.enterprise:
        found.append(("enterprise", item.enterprise))
    if item.region:
        found.append(("region", item.region))
    return found


class AccessIndex(MadeByDDL):
    name = "access_index"
    tables = ("item_access",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        born = born_in(events)
        rows: list[tuple[str, ...]] = []
        submitted, events = born_alone(events, (Review.Submitted,))
        for event in submitted:  # a one-event review: from its event, no review built
            item = str(event.originator_id)
            rows += [(item, f, v) for f, v in facets(answerable_at_submission(event))]
        for state in states_at(source, events, DubanAggregate.Event):
            if isinstance(state, _DIRECTORY):
                continue
            item = str(state.id)
            if state.id not in born:
                tx.execute("DELETE FROM item_access WHERE item_id = ?", [item])
            rows += [(item, facet, value) for facet, value in facets(state.answerable())]
        if rows:
            tx.append("item_access", ["item_id", "facet", "value"], rows)


def visible(scope: Scope, column: str = "id") -> tuple[str, list[Any]]:
    """A SQL condition on ``column`` (an item id) that holds for the items ``scope`` covers,
    with its parameters; ``1 = 1`` when it covers everything."""
    if scope.everything:
        return "1 = 1", []
    terms, params = [], []
    for facet, values in (("unit", scope.units), ("official", scope.officials)):
        if values:
            marks = ", ".join("?" * len(values))
            terms.append(f"(facet = '{facet}' AND value IN ({marks}))")
            params += sorted(values)
    if scope.enterprise:
        terms.append("(facet = 'enterprise' AND value = ?)")
        params.append(scope.enterprise)
    for prefix in scope.regions:
        terms.append("(facet = 'region' AND value LIKE ?)")
        params.append(f"{prefix}%")
    if not terms:
        return "1 = 0", []
    return (
        f"{column} IN (SELECT item_id FROM item_access WHERE {' OR '.join(terms)})",  # noqa: S608
        params,
    )


def may_see(tx: Tx, scope: Scope, item_id: UUID | str) -> bool:
    """Whether ``scope`` covers one item (an item the index does not know: no)."""
    clause, params = visible(scope, "?")
    if scope.everything:
        return True
    rows = tx.fetchall(f"SELECT 1 WHERE {clause}", [str(item_id), *params])
    return bool(rows)


def require_visible(tx: Tx, scope: Scope, item_id: UUID | str, kind: type[DubanAggregate]) -> None:
    """An item outside the reader's scope answers as if it did not exist."""
    if not may_see(tx, scope, item_id):
        raise kind.not_found(f"no {kind.__name__.lower()} {item_id}")
