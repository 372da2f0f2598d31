"""`duban calendar check`: which years the working-day calendar covers and from which data,
and which recorded deadlines wait for which year."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from entrypoints.options import add_database_url


def check(args: argparse.Namespace, open_services: Any) -> int:
    from domain.access import Scope
    from projections.pending_deadlines import PendingDeadlines

    services = open_services(args)
    try:
        coverage = services.office.calendar.coverage()
        with services.read() as tx:
            waiting = PendingDeadlines.listing(tx, Scope.all(), limit=100_000)
    finally:
        services.close()
    first, last = min(coverage), max(coverage)
    by_source = Counter(coverage.values())
    print(f"calendar covers {first}–{last}:")
    for source, years in by_source.items():
        listed = sorted(y for y, s in coverage.items() if s == source)
        print(f"  {source}: {listed[0]}–{listed[-1]} ({years} years)")
    if not waiting:
        print("no deadline waits for a year's calendar")
        return 0
    for year, count in sorted(Counter(row.year for row in waiting).items()):
        print(f"{count} deadline(s) wait for {year}'s calendar (add it to the override file)")
    for row in waiting:
        print(f"  {row.aggregate_type} {row.aggregate_id} {row.key}: {row.working_days} working")
        print(f"    days from {row.start} ({row.what})")
    return 0


def register(commands: Any, open_services: Any) -> None:
    calendar = commands.add_parser("calendar", help="the working-day calendar")
    actions = calendar.add_subparsers(dest="action", required=True)
    parser = actions.add_parser(
        "check", help="years covered, by which data; deadlines waiting for a year's calendar"
    )
    add_database_url(parser)
    parser.set_defaults(run=lambda args: check(args, open_services))
