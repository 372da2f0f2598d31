"""What every `duban` subcommand shares: the store option, the help layout, and the one-line
errors a person reads instead of a traceback."""

from __future__ import annotations

import argparse
import sys
from typing import Any

DATABASE_URL_HELP = (
    "the store: sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DB[?schema=NAME] "
    "(default: DUBAN_DATABASE_URL, else sqlite:///var/duban.sqlite in the current folder)"
)


class CommandError(Exception):
    """A refusal the command explains in one line (exit status 1, or ``status``)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class HelpFormatter(argparse.HelpFormatter):
    """Each option's default after its help, when it has one worth saying."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        quiet = action.default in (None, False, argparse.SUPPRESS) or "default" in text
        if action.option_strings and not quiet:
            text += " (default: %(default)s)"
        return text


def add_database_url(parser: argparse.ArgumentParser, help_text: str = DATABASE_URL_HELP) -> None:
    parser.add_argument("--database-url", default=None, metavar="URL", help=help_text)


def database_url(args: argparse.Namespace, *, may_create: bool | None = None) -> str:
    """The URL the command works on. An SQLite file that does not exist yet is refused (run
    elsewhere than the project folder, a command would otherwise make a new empty store);
    the commands that record (``may_create``, or ``creates`` among their defaults) make it
    and say so."""
    if may_create is None:
        may_create = bool(getattr(args, "creates", False))
    from infrastructure.database import UnsupportedDatabaseURLError, parse_database_url
    from infrastructure.settings import Settings

    url: str = getattr(args, "database_url", None) or Settings.from_env().database_url
    try:
        target = parse_database_url(url)
    except UnsupportedDatabaseURLError as error:
        raise CommandError(str(error)) from None
    path = target.sqlite_path
    if path is None or path.exists():
        return url
    where = path.resolve()
    if not may_create:
        raise CommandError(
            f"no store at {where}: run in the project folder, or name the store with "
            "--database-url or DUBAN_DATABASE_URL (duban init or duban demo makes one)"
        )
    print(f"duban: making a new empty store at {where}", file=sys.stderr)
    return url


def one_line(error: BaseException) -> str:
    """The error as a person reads it: its own message's first line."""
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{where}"
    detail: Any = getattr(error, "detail", None)
    text = str(detail or error).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(error, CommandError | ValueError | LookupError) and message:
        return message
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
