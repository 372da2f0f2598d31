"""`duban directory names`: the names recorded before people and units were named by their
directory ids, each with the directory's id where it knows the name — and the ones it cannot
place, for an admin to register or to leave as history."""

from __future__ import annotations

import argparse
from typing import Any

from projections.identity import resolve, unidentified


def names(args: argparse.Namespace, open_services: Any) -> int:
    services = open_services(args)
    try:
        found = unidentified(services.office)
        with services.read() as tx:
            placed = {key: resolve(tx, *key) for key in found}
    finally:
        services.close()
    unknown = [key for key, value in placed.items() if value is None]
    placed_count = len(found) - len(unknown)
    print(f"{len(found)} names recorded without an id; the directory places {placed_count}")
    for (what, name), count in sorted(found.items()):
        where = placed[(what, name)] or "NOT IN THE DIRECTORY"
        print(f"  {what} {name} ({count} events): {where}")
    return 1 if unknown else 0


def register(commands: Any, open_services: Any) -> None:
    directory = commands.add_parser("directory", help="the directory of units and officials")
    actions = directory.add_subparsers(dest="action", required=True)
    parser = actions.add_parser(
        "names", help="names recorded before ids, and the directory's id for each it knows"
    )
    parser.add_argument("--database-url", default=None)
    parser.set_defaults(run=lambda args: names(args, open_services))
