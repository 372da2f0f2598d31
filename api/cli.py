"""The ``duban`` command: serve the API, load demo data."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from infrastructure.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    if args.database_url:
        os.environ["DUBAN_DATABASE_URL"] = args.database_url
    return Settings.from_env()


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    app = create_app(_settings(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def demo(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from application.back_office import BackOffice
    from application.demo import run_demo
    from infrastructure.clock import FrozenClock
    from infrastructure.database import parse_database_url
    from infrastructure.logging import configure_logging

    settings = _settings(args)
    configure_logging("WARNING", json=False)
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    office = BackOffice(clock, env=parse_database_url(settings.database_url).eventsourcing_env())
    try:
        before = office.recorder.max_notification_id() or 0
        if before and not args.force:
            print(f"the store already holds {before} events; demo not loaded (--force adds it)")
            return 0
        run_demo(office, clock)
        after = office.recorder.max_notification_id() or 0
        print(f"demo data loaded: {after - before} events")
    finally:
        office.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="duban", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve_parser = commands.add_parser("serve", help="serve the API")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--database-url", default=None)
    serve_parser.set_defaults(run=serve)

    demo_parser = commands.add_parser("demo", help="load a year of demo data")
    demo_parser.add_argument("--database-url", default=None)
    demo_parser.add_argument("--force", action="store_true", help="load even into a used store")
    demo_parser.set_defaults(run=demo)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
