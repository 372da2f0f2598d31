"""`duban token issue`: a signed bearer token for an official of the directory (or for an
enterprise), with the role it acts in and the units that role reaches."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from typing import Any

from api.auth import Principal, Role, issue_token, signing_secret
from projections.directory_view import DirectoryView

_DURATION = re.compile(r"^(\d+)([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r}: give a duration like 30m, 8h or 7d")
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def principal_for(args: argparse.Namespace, services: Any) -> Principal:
    role = Role(args.role)
    if role is Role.ENTERPRISE:
        if not args.enterprise:
            raise SystemExit("an enterprise token needs --enterprise CREDIT_CODE")
        return Principal(
            args.enterprise,
            args.name or args.enterprise,
            "(enterprise)",
            role,
            (),
            enterprise_code=args.enterprise,
        )
    with services.read() as tx:
        official = DirectoryView.official(tx, args.official or "")
        if official is None:
            raise SystemExit(
                f"no official {args.official!r} in the directory (duban demo seeds one)"
            )
        # a supervision office watches over the government it belongs to: its parent's subtree
        parent = official["path"].rsplit("/", 1)[0] or official["path"]
        subtree = DirectoryView.subtree(tx, parent)
    scope: tuple[str, ...] | None = {
        Role.OFFICER: (official["unit"],),
        Role.SUPERVISOR: tuple(subtree),
        Role.INSPECTOR: None,
        Role.ADMIN: (official["unit"],),
    }[role]
    return Principal(official["id"], official["name"], official["unit"], role, scope)


def issue(args: argparse.Namespace, open_services: Any) -> int:
    services = open_services(args)
    try:
        principal = principal_for(args, services)
    finally:
        services.close()
    print(issue_token(signing_secret(), principal, args.expires))
    return 0


def register(commands: Any, open_services: Any) -> None:
    token = commands.add_parser("token", help="bearer tokens")
    actions = token.add_subparsers(dest="action", required=True)
    parser = actions.add_parser("issue", help="issue a signed bearer token")
    parser.add_argument("--official", help="the official's id or name in the directory")
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--enterprise", help="credit code, for an enterprise token")
    parser.add_argument("--name", help="display name, for an enterprise token")
    parser.add_argument("--expires", type=parse_duration, default=timedelta(hours=8))
    parser.add_argument("--database-url", default=None)
    parser.set_defaults(run=lambda args: issue(args, open_services))
