"""`duban report …` writes what offices hand on — the problem ledger, the monthly dispatch, the
overdue board, accountability per unit (Excel), an urging notice or a circular (Word) — as of
any moment, for the units asked for; `duban ledger import FILE.xlsx` takes over an office's
own ledger, with a progress bar and a copy of the file saying what became of each row."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from entrypoints.options import CommandError, add_database_url

OpenServices = Callable[[argparse.Namespace], Any]


def _scope(args: argparse.Namespace) -> Any:
    """Run on the server, a report covers every unit unless --unit-scope names some."""
    from domain.access import Scope
    from reports.scope import ReportScope

    access = Scope(units=frozenset(args.unit_scope)) if args.unit_scope else Scope.all()
    return ReportScope(access=access, enterprise_code=getattr(args, "enterprise", None))


def _write(args: argparse.Namespace, content: bytes) -> int:
    Path(args.out).write_bytes(content)
    print(f"written {args.out} ({len(content)} bytes)")
    return 0


def export(args: argparse.Namespace, services: Any) -> int:
    from reports.accountability import accountability_workbook
    from reports.dispatch import dispatch_workbook
    from reports.ledger import ledger_workbook
    from reports.overdue import overdue_workbook
    from reports.scope import Moment

    moment = Moment.of(services, args.as_of)
    scope = _scope(args)
    makers: dict[str, Callable[[], bytes]] = {
        "ledger": lambda: ledger_workbook(services, scope, moment),
        "dispatch": lambda: dispatch_workbook(services, scope, moment, args.month),
        "overdue": lambda: overdue_workbook(services, scope, moment),
        "accountability": lambda: accountability_workbook(services, scope, moment, args.period),
    }
    return _write(args, makers[args.report]())


def circular(args: argparse.Namespace, services: Any) -> int:
    from reports.circular import circular_document
    from reports.scope import Moment

    moment = Moment.of(services, args.as_of)
    content = circular_document(services, _scope(args), moment, args.period, args.number)
    return _write(args, content)


def urging_notice(args: argparse.Namespace, services: Any) -> int:
    """Issue the notice (recorded), unless --reprint: then render the recorded one again."""
    from application.context import Actor, CommandContext
    from reports.urging_notice import issue_notice, notice_document

    issue_id = UUID(args.issue)
    due = args.due
    if not args.reprint:
        if not (args.official and args.unit):
            raise CommandError("issuing a notice needs --official and --unit (or --reprint)", 2)
        ctx = CommandContext(Actor(args.official, args.unit), f"urging-notice-{uuid4()}")
        issued = issue_notice(
            services, ctx, issue_id, due=due, new_time_limit=args.new_limit,
            working_days=args.working_days,
        )  # fmt: skip
        print(f"督办通知 {issued.number} 已下发（{issued.key}，{issued.due} 到期）")
        due = issued.due
    return _write(args, notice_document(services, issue_id, due))


def import_ledger(args: argparse.Namespace, services: Any) -> int:
    from rich.progress import Progress

    from application.context import Actor, CommandContext
    from reports.ledger_import import import_ledger as run

    ctx = CommandContext(Actor(args.official, args.unit), f"ledger-import-{uuid4()}")
    with Progress() as bar:
        task = bar.add_task("导入问题台账", total=None)
        result = run(
            services,
            ctx,
            Path(args.file),
            report=Path(args.report) if args.report else None,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if result.header_error:
        print(result.header_error)
    print(
        f"{result.recorded} 件已导入，{result.already} 件已在台账中，{result.errors} 行有错误；"
        f"逐行结果见 {result.report}"
    )
    return 2 if result.errors else 0


def _common(parser: argparse.ArgumentParser, *, out: bool = True) -> None:
    add_database_url(parser)
    parser.add_argument(
        "--as-of",
        type=datetime.fromisoformat,
        default=None,
        help="as recorded at this moment, e.g. 2026-10-01T09:00+08:00 (default: now)",
    )
    parser.add_argument(
        "--unit-scope", action="append", help="only these units (repeat); all when none"
    )
    if out:
        parser.add_argument("--out", required=True, help="the file to write")


def register(commands: Any, open_services: OpenServices) -> None:
    report = commands.add_parser("report", help="Excel and Word reports")
    kinds = report.add_subparsers(dest="report", required=True)
    for name, help_text in (
        ("ledger", "问题台账 (.xlsx)"),
        ("overdue", "overdue board (.xlsx)"),
        ("dispatch", "月调度表 of major projects (.xlsx)"),
        ("accountability", "figures per unit with their evidence (.xlsx)"),
    ):
        parser = kinds.add_parser(name, help=help_text)
        _common(parser)
        if name in ("ledger", "overdue", "dispatch"):
            parser.add_argument("--enterprise", default=None, help="one credit code")
        if name == "dispatch":
            parser.add_argument("--month", required=True, help="YYYY-MM")
        if name == "accountability":
            parser.add_argument("--period", required=True, help="2026, 2026-Q3 or 2026-09")
        parser.set_defaults(run=_running(open_services, export))

    documents = kinds.add_parser("circular", help="通报 of a period (.docx)")
    _common(documents)
    documents.add_argument("--period", required=True, help="2026, 2026-Q3 or 2026-09")
    documents.add_argument("--number", default="", help="its 文号, if it has one")
    documents.set_defaults(run=_running(open_services, circular))

    notice = kinds.add_parser("urging-notice", help="督办通知 of an issue's missed limit (.docx)")
    notice.add_argument("issue")
    add_database_url(notice)
    notice.add_argument("--out", required=True, help="the .docx file to write")
    notice.add_argument("--official", help="who issues it (not with --reprint)")
    notice.add_argument("--unit", help="the unit it is issued for")
    notice.add_argument("--due", type=date.fromisoformat, default=None, help="the missed due date")
    notice.add_argument(
        "--new-limit", type=date.fromisoformat, default=None, help="the new time limit, YYYY-MM-DD"
    )
    notice.add_argument(
        "--working-days", type=int, default=None, help="or a new limit this many working days out"
    )
    notice.add_argument("--reprint", action="store_true", help="render the recorded notice again")
    notice.set_defaults(creates=True, run=_running(open_services, urging_notice))

    ledger = commands.add_parser("ledger", help="the problem ledger")
    actions = ledger.add_subparsers(dest="action", required=True)
    intake = actions.add_parser("import", help="raise and assign the rows of an office's ledger")
    intake.add_argument("file")
    add_database_url(intake)
    intake.add_argument("--official", required=True, help="who runs the import")
    intake.add_argument("--unit", required=True, help="the unit it is run for")
    intake.add_argument("--report", default=None, help="where the copy with results goes")
    intake.set_defaults(creates=True, run=_running(open_services, import_ledger))


def _running(
    open_services: OpenServices, act: Callable[[argparse.Namespace, Any], int]
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        services = open_services(args)
        try:
            return act(args, services)
        finally:
            services.close()

    return run
