"""`duban assessment`: the schemes (checked whole, a folder of one's own included), the
assessments recorded, one assessment's published table and its good list and bad circular,
and a unit's one-vote-veto verdict — read from the record, as of any moment."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.labels import label


def schemes(args: argparse.Namespace) -> int:
    from infrastructure.assessment_schemes import load_schemes

    found = load_schemes(Path(args.check) if args.check else None)
    for year, scheme in sorted(found.items()):
        main = [i for i in scheme.indicators if not i.separate]
        print(f"{year}  {scheme.version}  {scheme.title}")
        print(f"      {len(main)} indicators ({scheme.total:g} points), separate "
              f"{scheme.separate_total:g} points, {len(scheme.bonuses)} bonus items, "
              f"{len(scheme.requirements)} required mechanisms")  # fmt: skip
    print(f"{len(found)} scheme(s) checked: sound")
    return 0


def listing(args: argparse.Namespace, open_services: Any) -> int:
    from domain.access import Scope
    from projections.assessment_views import ASSESSMENT_REGISTER

    services = open_services(args)
    try:
        with services.read() as tx:
            rows = ASSESSMENT_REGISTER.list(tx, {}, scope=Scope.all(), limit=1000, offset=0)
    finally:
        services.close()
    for row in rows:
        versions = ", ".join(f"v{v.version} {v.document}".strip() for v in row.published)
        print(f"{row.id}  {row.period:8s} {row.kind_label}  {row.status:10s} {row.title}")
        print(f"      scheme {row.scheme_version}; published: {versions or 'none'}")
    return 0


def show(args: argparse.Namespace, open_services: Any) -> int:
    from projections.assessment_views import lists_of

    services = open_services(args)
    try:
        assessment = services.office.get_assessment(UUID(args.id))
        published = assessment.published_as_of(args.as_of)
        chosen = [v for v in published if args.version in (None, v.version)]
        if not chosen:
            print(f"{assessment.period}: nothing published by then")
            return 1
        version = chosen[-1]
        then = services.office.repository.get(assessment.id, version=version.at_version)
        print(f"{assessment.title}  第{version.version}版 {version.document}  "
              f"{version.published_at:%Y-%m-%d}  scheme {assessment.scheme.version}")  # fmt: skip
        flag = "  一票否决" if assessment.kind.value == "annual" else "  机制运行未达要求"
        for s in version.table:
            veto = flag if s.vetoed else ""
            print(f"  {s.rank:3d}  {s.unit:14s} {s.total:7.2f}  {label(s.grade)}{veto}")
        lists = lists_of(then, version)
        print("好评榜：" + ("、".join(e.place.unit for e in lists.good_list) or "无"))
        print("差评通报：" + ("、".join(e.place.unit for e in lists.bad_circular) or "无"))
        for unit_id in then.summonses:
            print(f"拟约谈：{then.units[unit_id]}")
    finally:
        services.close()
    return 0


def register(commands: Any, open_services: Any) -> None:
    assessment = commands.add_parser("assessment", help="assessment schemes and results")
    actions = assessment.add_subparsers(dest="action", required=True)
    check = actions.add_parser("schemes", help="check the schemes (or a folder's) and list them")
    check.add_argument("--check", default=None, help="a folder of scheme files to check")
    check.set_defaults(run=schemes)
    found = actions.add_parser("list", help="the assessments recorded")
    found.add_argument("--database-url", default=None)
    found.set_defaults(run=lambda args: listing(args, open_services))
    one = actions.add_parser("show", help="an assessment's published table and lists")
    one.add_argument("id", help="the assessment's id (duban assessment list)")
    one.add_argument("--version", type=int, default=None, help="a published version")
    one.add_argument("--as-of", type=datetime.fromisoformat, default=None, dest="as_of")
    one.add_argument("--database-url", default=None)
    one.set_defaults(run=lambda args: show(args, open_services))
