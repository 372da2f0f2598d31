"""DirectoryView: units with their place in the hierarchy, officials with their unit — what
token issuing and query scoping read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from infrastructure.view_store import Tx
from projections.tables import MadeByDDL

if TYPE_CHECKING:  # `duban token issue` reads the view without loading the domain
    from eventsourcing.application import Application

_DDL = (
    "CREATE TABLE IF NOT EXISTS directory_units (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " level INTEGER NOT NULL, parent_id TEXT, region_code TEXT, path TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS directory_units_path ON directory_units (path)",
    "CREATE TABLE IF NOT EXISTS directory_officials (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " unit_id TEXT NOT NULL, title TEXT NOT NULL, rank TEXT)",
)


class DirectoryView(MadeByDDL):
    name = "directory"
    version = 2  # 2: officials' ranks and post changes
    tables = ("directory_units", "directory_officials")
    ddl = _DDL

    @property
    def subscribes(self) -> tuple[type, ...]:
        """Looked up when events are read: the domain is loaded only to apply them."""
        from domain.directory import Official, Unit

        return (Unit.Registered, Official.Registered, Official.Moved, Official.PostChanged)

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        from domain.directory import Official, Unit

        for event in events:
            if isinstance(event, Unit.Registered):
                self._unit(tx, event)
            elif isinstance(event, Official.Registered):
                tx.execute(
                    "INSERT INTO directory_officials (id, name, unit_id, title, rank)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    [
                        str(event.originator_id),
                        event.name,
                        str(event.unit_id),
                        event.title,
                        event.rank,
                    ],
                )
            elif isinstance(event, Official.Moved):
                tx.execute(
                    "UPDATE directory_officials SET unit_id = ? WHERE id = ?",
                    [str(event.unit_id), str(event.originator_id)],
                )
            elif isinstance(event, Official.PostChanged):
                tx.execute(
                    "UPDATE directory_officials SET title = ?, rank = ? WHERE id = ?",
                    [event.title, event.rank, str(event.originator_id)],
                )

    @staticmethod
    def _unit(tx: Tx, event: Any) -> None:
        parent_path = ""
        if event.parent_id is not None:
            rows = tx.fetchall(
                "SELECT path FROM directory_units WHERE id = ?", [str(event.parent_id)]
            )
            parent_path = rows[0][0] if rows else ""
        tx.execute(
            "INSERT INTO directory_units (id, name, level, parent_id, region_code, path)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [
                str(event.originator_id),
                event.name,
                event.level,
                str(event.parent_id) if event.parent_id else None,
                event.region_code,
                f"{parent_path}/{event.originator_id}",
            ],
        )

    @staticmethod
    def official(tx: Tx, official_id: str) -> dict[str, Any] | None:
        rows = tx.fetchall(
            "SELECT o.id, o.name, o.title, u.id, u.name, u.path FROM directory_officials o"
            " JOIN directory_units u ON u.id = o.unit_id WHERE o.id = ? OR o.name = ?",
            [official_id, official_id],
        )
        if not rows:
            return None
        o_id, name, title, unit_id, unit_name, path = rows[0]
        return {
            "id": o_id,
            "name": name,
            "title": title,
            "unit_id": unit_id,
            "unit": unit_name,
            "path": path,
        }

    @staticmethod
    def officials_in(tx: Tx, unit_name: str) -> list[tuple[str, str]]:
        """The (name, title) of each official of the unit so named, by name."""
        rows = tx.fetchall(
            "SELECT o.name, o.title FROM directory_officials o"
            " JOIN directory_units u ON u.id = o.unit_id WHERE u.name = ? ORDER BY o.name",
            [unit_name],
        )
        return [(str(name), str(title)) for name, title in rows]

    @staticmethod
    def subtree(tx: Tx, path: str) -> list[str]:
        rows = tx.fetchall(
            "SELECT name FROM directory_units WHERE path = ? OR path LIKE ?", [path, f"{path}/%"]
        )
        return sorted(row[0] for row in rows)

    @staticmethod
    def units(tx: Tx) -> list[dict[str, Any]]:
        rows = tx.fetchall(
            "SELECT id, name, level, parent_id, region_code, path"
            " FROM directory_units ORDER BY path"
        )
        names = ("id", "name", "level", "parent_id", "region_code", "path")
        return [dict(zip(names, row, strict=True)) for row in rows]

    @staticmethod
    def units_of_official(tx: Tx, name: str) -> set[str]:
        """The units of the directory's officials of that name."""
        rows = tx.fetchall(
            "SELECT u.name FROM directory_officials o JOIN directory_units u ON u.id = o.unit_id"
            " WHERE o.name = ?",
            [name],
        )
        return {row[0] for row in rows}

    @staticmethod
    def officials(tx: Tx, units: frozenset[str] | None) -> list[dict[str, Any]]:
        """The directory's officials with their unit, of ``units`` (None: all of them)."""
        rows = tx.fetchall(
            "SELECT o.id, o.name, o.title, o.rank, u.id, u.name FROM directory_officials o"
            " JOIN directory_units u ON u.id = o.unit_id ORDER BY u.path, o.name"
        )
        names = ("id", "name", "title", "rank", "unit_id", "unit")
        found = [dict(zip(names, row, strict=True)) for row in rows]
        return [o for o in found if units is None or o["unit"] in units]

    @staticmethod
    def unit_name(tx: Tx, key: str) -> str | None:
        """A unit's name, given its id or its name; None for a unit the directory lacks."""
        rows = tx.fetchall("SELECT name FROM directory_units WHERE id = ? OR name = ?", [key, key])
        return str(rows[0][0]) if rows else None

    @staticmethod
    def official_name(tx: Tx, key: str) -> str | None:
        rows = tx.fetchall(
            "SELECT name FROM directory_officials WHERE id = ? OR name = ?", [key, key]
        )
        return str(rows[0][0]) if rows else None
