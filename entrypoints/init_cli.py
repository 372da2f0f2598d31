"""`duban init`: the first start of a real office, without the demo year — the root government,
its supervision office and a first admin, on an empty store."""

from __future__ import annotations

import argparse
from typing import Any

from entrypoints.options import add_database_url

LEVELS = ("province", "city", "county")  # domain.directory.UnitLevel


def init(args: argparse.Namespace, open_services: Any) -> int:
    from application.context import Actor, CommandContext
    from domain.directory import UnitLevel
    from domain.errors import DomainError

    services = open_services(args)
    try:
        office = services.office
        if office.recorder.max_notification_id():
            raise SystemExit("the store holds events already: duban init starts an empty one")
        ctx = CommandContext(Actor(args.admin, args.office), "init")
        try:
            government = office.register_unit(
                ctx,
                name=args.government,
                level=UnitLevel[args.level.upper()],
                region_code=args.region,
            )
            unit = office.register_unit(
                ctx, name=args.office, level=UnitLevel.DEPARTMENT, parent_id=government.id
            )
            office.register_official(ctx, name=args.admin, unit_id=unit.id, title="系统管理员")
        except DomainError as error:
            raise SystemExit(f"{error.rule}: {error.detail}") from None
    finally:
        services.close()
    print(f"{args.government} ({args.region}) with {args.office}; first admin {args.admin}")
    print(f"next: duban token issue --official {args.admin} --role admin")
    return 0


def register(commands: Any, open_services: Any) -> None:
    parser = commands.add_parser(
        "init", help="first start: the root government, its supervision office, an admin"
    )
    parser.add_argument("--government", required=True, help="e.g. 示范市人民政府")
    parser.add_argument(
        "--level", choices=sorted(LEVELS), default="city", help="the government's level"
    )
    parser.add_argument("--region", required=True, help="its GB/T 2260 region code, e.g. 510800")
    parser.add_argument("--office", default="市委督查室", help="default: 市委督查室")
    parser.add_argument("--admin", required=True, help="the first admin's name")
    add_database_url(parser)
    parser.set_defaults(creates=True, run=lambda args: init(args, open_services))
