"""Every command explains itself: each option has help, defaults are shown, no markup."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from entrypoints.cli import build_parser, main


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(build_parser()))


def test_the_commands_are_all_walked() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"token issue", "verify", "reviews import", "projections rebuild", "db init"} <= names


@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_option_says_what_it_does(path: tuple[str, ...], parser) -> None:
    silent = [
        action.option_strings[0]
        for action in parser._actions
        if action.option_strings and not (action.help or "").strip()
    ]
    assert silent == []


@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_shows_no_markup(path: tuple[str, ...], parser) -> None:
    text = parser.format_help()
    assert "``" not in text
    assert "`" not in text


def test_a_default_is_shown_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["project", "--help"])
    out = capsys.readouterr().out
    assert "at least 5) (default: 0.5)" in " ".join(out.split())


def test_database_url_sits_on_every_command_that_opens_a_store() -> None:
    # the one place: on the command that does the work, never on a group of commands
    for path, parser in COMMANDS:
        options = {o for action in parser._actions for o in action.option_strings}
        groups = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
        if groups:
            assert "--database-url" not in options, path
    leaves = {" ".join(p) for p, parser in COMMANDS if _has_url(parser)}
    assert {"verify", "token issue", "reviews import", "projections status", "serve"} <= leaves


def _has_url(parser: argparse.ArgumentParser) -> bool:
    return any("--database-url" in a.option_strings for a in parser._actions)
