"""`duban assessment`: the schemes (checked whole, a folder of one's own included), the
assessments recorded, one assessment's published table and its good list and bad circular,
and a unit's one-vote-veto verdict — read from the record, as of any moment."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from entrypoints.options import add_database_url


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
    from domain.labels import label
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


def veto(args: argparse.Namespace, open_services: Any) -> int:
    from domain.assessment import assessment_period
    from projections.directory_view import DirectoryView
    from projections.veto_checks import veto_check

    services = open_services(args)
    try:
        _, first, last = assessment_period(args.period)
        scheme = services.office.scheme_for(first.year)
        with services.read() as tx:
            unit = DirectoryView.unit_name(tx, args.unit) or args.unit
            check = veto_check(
                tx, scheme, unit, args.period, first, last, args.as_of or services.clock.now()
            )
    finally:
        services.close()
    verdict = "一票否决" if check.verdict == "veto" else "通过"
    print(f"{unit} {args.period}: {verdict} (scheme {check.scheme_version})")
    for requirement in check.requirements:
        mark = "通过" if requirement.passed else "未达要求"
        print(f"  {requirement.name}: {mark}")
        for failure in requirement.failures:
            print(f"    {failure.period} {failure.reason} {failure.searched}".rstrip())
        for excused in requirement.exempted:
            print(f"    {excused.period} {excused.reason}（已同意情况说明）")
    return 0


def summonses(args: argparse.Namespace, open_services: Any) -> int:
    from domain.access import Scope
    from domain.labels import label
    from projections.referral_register import REFERRAL_REGISTER
    from projections.summons_register import SUMMONS_REGISTER

    services = open_services(args)
    try:
        with services.read() as tx:
            found = SUMMONS_REGISTER.list(tx, {}, scope=Scope.all(), limit=1000, offset=0)
            referred = REFERRAL_REGISTER.list(tx, {}, scope=Scope.all(), limit=1000, offset=0)
    finally:
        services.close()
    for s in found:
        print(f"约谈 {s.id}  {s.unit}  {label(s.status)}  {label(s.grounds)}")
        for item in s.items:
            done = (
                f"已完成 {item.completed_on}"
                if item.completed_on
                else f"限{item.due or '待工作日历公布后计算'}"
            )
            print(f"    {item.number}. {item.what}（{done}）")
    for r in referred:
        print(f"移交 {r.id}  {r.unit or ''} {r.official or ''}  → {r.organ}（{label(r.status)}）")
    return 0


def register(commands: Any, open_services: Any) -> None:
    assessment = commands.add_parser("assessment", help="assessment schemes and results")
    actions = assessment.add_subparsers(dest="action", required=True)
    check = actions.add_parser("schemes", help="check the schemes (or a folder's) and list them")
    check.add_argument("--check", default=None, help="a folder of scheme files to check")
    check.set_defaults(run=schemes)
    found = actions.add_parser("list", help="the assessments recorded")
    add_database_url(found)
    found.set_defaults(run=lambda args: listing(args, open_services))
    one = actions.add_parser("show", help="an assessment's published table and lists")
    one.add_argument("id", help="the assessment's id (duban assessment list)")
    one.add_argument("--version", type=int, default=None, help="a published version")
    one.add_argument(
        "--as-of",
        type=datetime.fromisoformat,
        default=None,
        dest="as_of",
        help="as recorded at this moment, e.g. 2026-10-01T09:00+08:00 (default: now)",
    )
    add_database_url(one)
    one.set_defaults(run=lambda args: show(args, open_services))
    check = actions.add_parser("veto", help="a unit's one-vote-veto verdict")
    check.add_argument("unit", help="the unit's name or directory id")
    check.add_argument("period", help="2026, 2026-H1 or 2026-Q3")
    check.add_argument(
        "--as-of",
        type=datetime.fromisoformat,
        default=None,
        dest="as_of",
        help="as recorded at this moment, e.g. 2026-10-01T09:00+08:00 (default: now)",
    )
    add_database_url(check)
    check.set_defaults(run=lambda args: veto(args, open_services))
    summoned = actions.add_parser("summonses", help="summonses and referrals")
    add_database_url(summoned)
    summoned.set_defaults(run=lambda args: summonses(args, open_services))
