"""`duban directory set-password`: an official's console password and the role it signs in
with (read from standard input or asked without echo, never from the command line, where it
would stay in the shell's history). `duban directory names`: the names recorded before
people and units were named by their directory ids, each with the directory's id where it
knows the name — and the ones it cannot place, for an admin to register or to leave as
history."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from entrypoints.options import add_database_url
from entrypoints.token_cli import ROLES

# what a console password may sign in as: every role but an enterprise's (domain.access.Role)
CONSOLE_ROLES = tuple(role for role in ROLES if role != "enterprise")


def names(args: argparse.Namespace, open_services: Any) -> int:
    from projections.identity import resolve, unidentified

    services = open_services(args)
    try:
        found = unidentified(services.office)
        with services.read() as tx:
            placed = {key: resolve(tx, *key) for key in found}
    finally:
        services.close()
    unknown = [key for key, value in placed.items() if value is None]
    placed_count = len(found) - len(unknown)
    print(f"{len(found)} names recorded without an id; the directory places {placed_count}")
    for (what, name), count in sorted(found.items()):
        where = placed[(what, name)] or "NOT IN THE DIRECTORY"
        print(f"  {what} {name} ({count} events): {where}")
    return 1 if unknown else 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("the two passwords differ; nothing set")
    return first


def set_password(args: argparse.Namespace, open_services: Any) -> int:
    from infrastructure import credentials
    from projections.directory_view import DirectoryView

    password = _read_password(args.password_stdin)
    services = open_services(args)
    try:
        with services.read() as tx:
            official = DirectoryView.official(tx, args.official)
        if official is None:
            raise SystemExit(f"no official {args.official!r} in the directory")
        try:
            credentials.set_password(
                services.views, str(official["id"]), args.role, password, by=args.by
            )
        except credentials.WeakPasswordError as error:
            raise SystemExit(str(error)) from None
    finally:
        services.close()
    print(f"console password set for {official['name']} ({official['unit']}) as {args.role}")
    return 0


def register(commands: Any, open_services: Any) -> None:
    directory = commands.add_parser("directory", help="the directory of units and officials")
    actions = directory.add_subparsers(dest="action", required=True)
    parser = actions.add_parser(
        "names", help="names recorded before ids, and the directory's id for each it knows"
    )
    add_database_url(parser)
    parser.set_defaults(run=lambda args: names(args, open_services))
    setting = actions.add_parser(
        "set-password", help="set an official's console password and the role it signs in with"
    )
    setting.add_argument("--official", required=True, help="the official's id or name")
    setting.add_argument(
        "--role", required=True, choices=CONSOLE_ROLES, help="the role it signs in as"
    )
    setting.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    setting.add_argument("--by", default="admin", help="who sets it (default: admin)")
    add_database_url(setting)
    setting.set_defaults(run=lambda args: set_password(args, open_services))
