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
    from infrastructure.calendar import OfficialCalendar
    from infrastructure.clock import FrozenClock
    from infrastructure.database import parse_database_url
    from infrastructure.logging import configure_logging
    from infrastructure.time_limits import load_policy

    settings = _settings(args)
    configure_logging("WARNING", json=False)
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    office = BackOffice(
        clock,
        env=parse_database_url(settings.database_url).eventsourcing_env(),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )
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


def watch(args: argparse.Namespace) -> int:
    import time

    from api.services import Services
    from infrastructure.clock import SystemClock
    from infrastructure.database import parse_database_url
    from infrastructure.logging import configure_logging

    settings = _settings(args)
    configure_logging(settings.log_level, settings.log_json)
    services = Services.open(parse_database_url(settings.database_url), SystemClock(), 4)
    try:
        while True:
            report = services.watcher.tick()
            print(f"{report.today}: {report.misses} missed, {report.steps} escalation steps")
            if args.once:
                return 0
            time.sleep(args.interval or services.office.policy.watcher_interval_seconds)
    except KeyboardInterrupt:
        return 0
    finally:
        services.close()


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

    watch_parser = commands.add_parser("watch", help="record missed deadlines and escalate")
    watch_parser.add_argument("--database-url", default=None)
    watch_parser.add_argument("--once", action="store_true", help="one tick, then exit")
    watch_parser.add_argument("--interval", type=float, default=None, help="seconds per tick")
    watch_parser.set_defaults(run=watch)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
