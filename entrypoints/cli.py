"""The ``duban`` command: serve the API, load demo data."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from entrypoints import (
    assessment_cli,
    audit_cli,
    calendar_cli,
    db_cli,
    directory_cli,
    import_cli,
    init_cli,
    report_cli,
    token_cli,
)
from infrastructure.settings import Settings

if TYPE_CHECKING:
    from bootstrap.services import Services


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

    from bootstrap.services import Services
    from demo.year import run_demo
    from infrastructure.clock import FrozenClock
    from infrastructure.database import parse_database_url
    from infrastructure.logging import configure_logging

    settings = _settings(args)
    configure_logging("WARNING", json=False)
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    services = Services.open(parse_database_url(settings.database_url), clock, pool_size=4)
    office = services.office
    try:
        before = office.recorder.max_notification_id() or 0
        if before and not args.force:
            print(f"the store already holds {before} events; demo not loaded (--force adds it)")
            return 0
        run_demo(services, clock)
        after = office.recorder.max_notification_id() or 0
        print(f"demo data loaded: {after - before} events")
    finally:
        services.close()
    return 0


def watch(args: argparse.Namespace) -> int:
    import time

    services = _services(args)
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


def project(args: argparse.Namespace) -> int:
    """The read-model worker: keeps every read model caught up, outside the API process."""
    from entrypoints.worker import keep_up

    services = _services(args)  # every read model's tables, made before any process starts
    if args.processes > 1:
        names = list(services.runner.positions())
        services.close()
        return _project_in_processes(args, names)
    try:
        target = services.target
        applied = keep_up(
            services.runner, once=args.once, interval=args.interval, until=None, target=target
        )
        print(f"applied {applied} events")
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        services.close()


def _project_in_processes(args: argparse.Namespace, names: list[str]) -> int:
    from entrypoints.worker import Share, Workers
    from infrastructure.database import parse_database_url

    settings = _settings(args)
    share = Share(
        parse_database_url(settings.database_url),
        (),
        once=args.once,
        interval=args.interval,
        log_level=settings.log_level,
        log_json=settings.log_json,
    )
    workers = Workers(share, args.processes, names)
    try:
        workers.wait_ready()
        workers.start.set()
        if args.once:
            print(f"applied {sum(done.applied for done in workers.results())} events")
            return 0
        return workers.run()
    except KeyboardInterrupt:
        return 0
    finally:
        workers.stop()


def projections(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from projections.rebuild import rebuild

    services = _services(args)
    try:
        if args.action == "status":
            head = services.office.recorder.max_notification_id() or 0
            stopped = services.runner.failures()
            for name, position in services.runner.positions().items():
                print(f"{name}: position {position} of {head}, lag {head - position}")
                if name in stopped:
                    failure = stopped[name]
                    print(f"  stopped at {failure.position} ({failure.event}): {failure.error}")
            return 0
        try:
            model = services.runner.model(args.name)
        except KeyError:
            print(f"no read model {args.name!r}; known: {sorted(services.runner.positions())}")
            return 2
        with Progress() as bar:
            task = bar.add_task(f"rebuilding {args.name}", total=None)
            position = rebuild(
                services.office,
                services.views,
                model,
                services.runner.tables_of(args.name),
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        print(f"{args.name} rebuilt and swapped in at position {position}")
        return 0
    finally:
        services.close()


def _services(args: argparse.Namespace) -> Services:
    from bootstrap.services import open_services

    return open_services(_settings(args).database_url)


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

    project_parser = commands.add_parser("project", help="keep the read models caught up")
    project_parser.add_argument("--database-url", default=None)
    project_parser.add_argument("--once", action="store_true", help="catch up, then exit")
    project_parser.add_argument(
        "--interval",
        type=float,
        default=0.5,
        help="idle poll seconds (PostgreSQL: woken by NOTIFY; at least 5)",
    )
    project_parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="share the read models out over this many processes (PostgreSQL; one core each)",
    )
    project_parser.set_defaults(run=project)

    projections_parser = commands.add_parser("projections", help="read model status, rebuild")
    projections_parser.add_argument("--database-url", default=None)
    actions = projections_parser.add_subparsers(dest="action", required=True)
    actions.add_parser("status", help="each read model's position and lag")
    rebuild_parser = actions.add_parser("rebuild", help="rebuild one into a shadow, swap it in")
    rebuild_parser.add_argument("name")
    projections_parser.set_defaults(run=projections)

    audit_cli.register(commands)
    db_cli.register(commands)
    token_cli.register(commands, _services)
    init_cli.register(commands, _services)
    calendar_cli.register(commands, _services)
    assessment_cli.register(commands, _services)
    directory_cli.register(commands, _services)
    import_cli.register(commands, _services)
    report_cli.register(commands, _services)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
