"""`duban token issue` / `duban token revoke`: signed bearer tokens for officials of the
directory (or for an enterprise), and taking them back. A token names the official, the role
and the unit it was issued for; what the role covers is read from the directory at each
request, so the token stays small and an official who moves loses the old unit's rights."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from typing import Any

from entrypoints.options import CommandError, add_database_url, database_url

ROLES = ("officer", "supervisor", "inspector", "enterprise", "admin")  # domain.access.Role
_DURATION = re.compile(r"^(\d+)([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r}: give a duration like 30m, 8h or 7d")
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def claims_for(args: argparse.Namespace) -> tuple[str, str | None, str]:
    """(subject, unit id, display name) the token names."""
    if args.role == "enterprise":
        from domain.errors import InvalidCreditCodeError
        from domain.values import require_credit_code

        if not args.enterprise:
            raise CommandError("an enterprise token needs --enterprise CREDIT_CODE")
        try:
            return require_credit_code(args.enterprise), None, args.name or ""
        except InvalidCreditCodeError as error:
            raise CommandError(error.detail) from None
    official = _official(args, args.official)
    return official["id"], official["unit_id"], ""


def _official(args: argparse.Namespace, name_or_id: str | None) -> dict[str, Any]:
    """The official as the directory's read model has them; when it does not (yet), the read
    models are caught up first (a store just made by `duban init`)."""
    from infrastructure.database import parse_database_url
    from infrastructure.view_store import ViewStore
    from projections.directory_view import DirectoryView

    views = ViewStore(parse_database_url(database_url(args)), pool_size=1)
    try:
        with views.transaction(write=False) as tx:
            official = DirectoryView.official(tx, name_or_id or "")
    except Exception:  # the directory's table is not made yet
        official = None
    finally:
        views.close()
    if official is None:
        official = _caught_up_official(args, name_or_id)
    return official


def _caught_up_official(args: argparse.Namespace, name_or_id: str | None) -> dict[str, Any]:
    from bootstrap.services import open_services
    from projections.directory_view import DirectoryView

    services = open_services(database_url(args))
    try:
        with services.read() as tx:
            official = DirectoryView.official(tx, name_or_id or "")
    finally:
        services.close()
    if official is None:
        raise CommandError(f"no official {name_or_id!r} in the directory (duban init makes one)")
    return official


def issue(args: argparse.Namespace) -> int:
    from infrastructure.settings import Settings
    from infrastructure.tokens import TokenLifetimeError, issue_token, signing_secret

    subject, unit_id, name = claims_for(args)
    try:
        token = issue_token(
            signing_secret(),
            subject=subject,
            role=args.role,
            unit_id=unit_id,
            name=name,
            expires_in=args.expires,
            max_lifetime=Settings.from_env().token_max_lifetime,
        )
    except TokenLifetimeError as error:
        raise CommandError(str(error)) from None
    print(token)
    return 0


def revoke(args: argparse.Namespace) -> int:
    """One token by its id (``--token-id``), or every token of an official or enterprise
    issued until now (``--official`` / ``--enterprise``)."""
    from infrastructure import token_revocations
    from infrastructure.database import parse_database_url
    from infrastructure.view_store import ViewStore

    if args.enterprise:
        subject = args.enterprise
    elif args.official:
        subject = _official(args, args.official)["id"]
    else:
        raise CommandError("name --official or --enterprise (and --token-id for one token)")
    views = ViewStore(parse_database_url(database_url(args)), pool_size=1)
    try:
        with views.transaction() as tx:
            tx.lock_ddl()
            tx.execute(token_revocations.DDL)
            tx.execute(token_revocations.INDEX)
        token_revocations.revoke(
            views,
            subject=subject,
            token_id=args.token_id,
            by=args.by,
            reason=args.reason,
        )
    finally:
        views.close()
    what = f"token {args.token_id}" if args.token_id else "every token issued until now"
    print(f"revoked {what} of {subject}")
    return 0


def register(commands: Any) -> None:
    token = commands.add_parser("token", help="bearer tokens")
    actions = token.add_subparsers(dest="action", required=True)
    parser = actions.add_parser("issue", help="issue a signed bearer token")
    parser.add_argument("--official", help="the official's id or name in the directory")
    parser.add_argument("--role", required=True, choices=ROLES, help="what the token may do")
    parser.add_argument("--enterprise", help="credit code, for an enterprise token")
    parser.add_argument("--name", help="display name, for an enterprise token")
    parser.add_argument(
        "--expires",
        type=parse_duration,
        default=timedelta(hours=8),
        help="lifetime, e.g. 30m, 8h, 7d (default 8h; at most DUBAN_TOKEN_MAX_HOURS)",
    )
    add_database_url(parser)
    parser.set_defaults(run=issue)
    gone = actions.add_parser("revoke", help="revoke one token, or all of a subject's")
    gone.add_argument("--official", help="the official's id or name in the directory")
    gone.add_argument("--enterprise", help="an enterprise's credit code")
    gone.add_argument("--token-id", help="one token's id (its jti); default: all of them")
    gone.add_argument("--reason", required=True, help="why, for the record")
    gone.add_argument("--by", default="admin", help="who revokes (default: admin)")
    add_database_url(gone)
    gone.set_defaults(run=revoke)
