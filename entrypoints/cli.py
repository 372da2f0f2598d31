"""duban: serve the API, keep the read models, audit the log, write reports.

Every subcommand imports what it needs when it runs, so ``duban --help`` and the token commands
start quickly; an error is one line on standard error and a non-zero exit status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from entrypoints import (
    assessment_cli,
    audit_cli,
    backup_cli,
    calendar_cli,
    db_cli,
    directory_cli,
    import_cli,
    init_cli,
    report_cli,
    token_cli,
)
from entrypoints.options import (
    CommandError,
    HelpFormatter,
    add_database_url,
    database_url,
    one_line,
)

if TYPE_CHECKING:
    from bootstrap.services import Services
    from infrastructure.settings import Settings


def _settings(args: argparse.Namespace, *, may_create: bool = False) -> Settings:
    from infrastructure.settings import Settings

    os.environ["DUBAN_DATABASE_URL"] = database_url(args, may_create=may_create)
    return Settings.from_env()


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.server import ProblemHttpToolsProtocol

    app = create_app(_settings(args, may_create=True))
    base = f"http://{args.host}:{args.port}"
    print(f"duban: serving on {base} (API docs at {base}/schema)", file=sys.stderr, flush=True)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
        http=ProblemHttpToolsProtocol,
    )
    return 0


def demo(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from bootstrap.services import Services
    from demo.year import run_demo
    from infrastructure.clock import FrozenClock
    from infrastructure.database import parse_database_url
    from infrastructure.logging import configure_logging

    settings = _settings(args, may_create=True)
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
    if not args.once:  # a one-off tick has no one to scrape it
        _serve_metrics(services)
    try:
        while True:
            report = services.watch_once()
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
    if not args.once:
        _serve_metrics(services)
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
            known = ", ".join(sorted(services.runner.positions()))
            raise CommandError(f"no read model {args.name!r}; known: {known}", 2) from None
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


def _serve_metrics(services: Services) -> None:
    """The worker's and the watcher's metrics, on DUBAN_METRICS_PORT when it is set."""
    from infrastructure.metrics import LAGS, serve_metrics
    from infrastructure.settings import Settings

    port = Settings.from_env().metrics_port
    if port is not None:
        LAGS.source = services.lags
        serve_metrics(port)
        print(f"duban: metrics on http://0.0.0.0:{port}/metrics", file=sys.stderr, flush=True)


def _services(args: argparse.Namespace) -> Services:
    from bootstrap.services import open_services

    return open_services(database_url(args))


class Parser(argparse.ArgumentParser):
    """Every (sub)command's help in the same layout, defaults shown."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="duban", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--debug", action="store_true", help="on an error, print the traceback as well"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve_parser = commands.add_parser("serve", help="serve the API")
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve_parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    add_database_url(serve_parser)
    serve_parser.set_defaults(run=serve)

    demo_parser = commands.add_parser("demo", help="load a year of demo data")
    add_database_url(demo_parser)
    demo_parser.add_argument("--force", action="store_true", help="load even into a used store")
    demo_parser.set_defaults(run=demo)

    watch_parser = commands.add_parser("watch", help="record missed deadlines and escalate")
    add_database_url(watch_parser)
    watch_parser.add_argument("--once", action="store_true", help="one tick, then exit")
    watch_parser.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between ticks (default: watcher.interval_seconds of the time limits)",
    )
    watch_parser.set_defaults(run=watch)

    project_parser = commands.add_parser("project", help="keep the read models caught up")
    add_database_url(project_parser)
    project_parser.add_argument("--once", action="store_true", help="catch up, then exit")
    project_parser.add_argument(
        "--interval",
        type=float,
        default=0.5,
        help="seconds to wait when idle (PostgreSQL: woken by NOTIFY; at least 5)",
    )
    project_parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="share the read models out over this many processes (PostgreSQL; one core each)",
    )
    project_parser.set_defaults(run=project)

    projections_parser = commands.add_parser("projections", help="read model status, rebuild")
    actions = projections_parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    status_parser = actions.add_parser("status", help="each read model's position and lag")
    add_database_url(status_parser)
    rebuild_parser = actions.add_parser("rebuild", help="rebuild one into a shadow, swap it in")
    rebuild_parser.add_argument("name", help="the read model (duban projections status)")
    add_database_url(rebuild_parser)
    projections_parser.set_defaults(run=projections)

    audit_cli.register(commands)
    backup_cli.register(commands)
    db_cli.register(commands)
    token_cli.register(commands)
    init_cli.register(commands, _services)
    calendar_cli.register(commands, _services)
    assessment_cli.register(commands, _services)
    directory_cli.register(commands, _services)
    import_cli.register(commands, _services)
    report_cli.register(commands, _services)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except CommandError as error:
        if args.debug:
            raise
        print(f"duban: {error}", file=sys.stderr)
        return error.status
    except Exception as error:
        if args.debug:
            raise
        print(f"duban: {one_line(error)} (duban --debug … shows where)", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
