"""`duban token issue` / `duban token revoke`: signed bearer tokens for officials of the
directory (or for an enterprise), and taking them back. A token names the official, the role
and the unit it was issued for; what the role covers is read from the directory at each
request, so the token stays small and an official who moves loses the old unit's rights."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from typing import Any

from api.auth import TokenLifetimeError, issue_token, signing_secret
from domain.access import Role
from domain.errors import InvalidCreditCodeError
from domain.values import require_credit_code
from infrastructure import token_revocations
from infrastructure.settings import Settings
from projections.directory_view import DirectoryView
from projections.principals import Claims

_DURATION = re.compile(r"^(\d+)([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r}: give a duration like 30m, 8h or 7d")
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def claims_for(args: argparse.Namespace, services: Any) -> Claims:
    role = Role(args.role)
    if role is Role.ENTERPRISE:
        if not args.enterprise:
            raise SystemExit("an enterprise token needs --enterprise CREDIT_CODE")
        try:
            code = require_credit_code(args.enterprise)
        except InvalidCreditCodeError as error:
            raise SystemExit(error.detail) from None
        return Claims(code, role, None, name=args.name or "")
    official = _official(services, args.official)
    return Claims(official["id"], role, official["unit_id"])


def _official(services: Any, name_or_id: str | None) -> dict[str, Any]:
    with services.read() as tx:
        official = DirectoryView.official(tx, name_or_id or "")
    if official is None:
        raise SystemExit(f"no official {name_or_id!r} in the directory (duban init makes one)")
    return official


def issue(args: argparse.Namespace, open_services: Any) -> int:
    services = open_services(args)
    try:
        claims = claims_for(args, services)
    finally:
        services.close()
    try:
        token = issue_token(
            signing_secret(),
            claims,
            args.expires,
            max_lifetime=Settings.from_env().token_max_lifetime,
        )
    except TokenLifetimeError as error:
        raise SystemExit(str(error)) from None
    print(token)
    return 0


def revoke(args: argparse.Namespace, open_services: Any) -> int:
    """One token by its id (``--token-id``), or every token of an official or enterprise
    issued until now (``--official`` / ``--enterprise``)."""
    services = open_services(args)
    try:
        if args.enterprise:
            subject = args.enterprise
        elif args.official:
            subject = _official(services, args.official)["id"]
        else:
            raise SystemExit("name --official or --enterprise (and --token-id for one token)")
        token_revocations.revoke(
            services.views,
            subject=subject,
            token_id=args.token_id,
            by=args.by,
            reason=args.reason,
        )
    finally:
        services.close()
    what = f"token {args.token_id}" if args.token_id else "every token issued until now"
    print(f"revoked {what} of {subject}")
    return 0


def register(commands: Any, open_services: Any) -> None:
    token = commands.add_parser("token", help="bearer tokens")
    actions = token.add_subparsers(dest="action", required=True)
    parser = actions.add_parser("issue", help="issue a signed bearer token")
    parser.add_argument("--official", help="the official's id or name in the directory")
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--enterprise", help="credit code, for an enterprise token")
    parser.add_argument("--name", help="display name, for an enterprise token")
    parser.add_argument(
        "--expires",
        type=parse_duration,
        default=timedelta(hours=8),
        help="lifetime, e.g. 30m, 8h, 7d (default 8h; at most DUBAN_TOKEN_MAX_HOURS)",
    )
    parser.add_argument("--database-url", default=None)
    parser.set_defaults(run=lambda args: issue(args, open_services))
    gone = actions.add_parser("revoke", help="revoke one token, or all of a subject's")
    gone.add_argument("--official", help="the official's id or name in the directory")
    gone.add_argument("--enterprise", help="an enterprise's credit code")
    gone.add_argument("--token-id", help="one token's id (its jti); default: all of them")
    gone.add_argument("--reason", required=True, help="why, for the record")
    gone.add_argument("--by", default="admin", help="who revokes (default: admin)")
    gone.add_argument("--database-url", default=None)
    gone.set_defaults(run=lambda args: revoke(args, open_services))
