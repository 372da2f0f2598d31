"""`duban --help` and the token commands load neither the web framework nor the whole
application: what they import is what makes them start in well under a second."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from entrypoints.cli import main

HEAVY = (
    "litestar",
    "uvicorn",
    "bootstrap.services",
    "application.back_office",
    "matplotlib",
    # the event-sourcing library and the domain: the directory's read model is read alone
    "eventsourcing",
    "domain.directory",
    # Argon2 (console passwords): importing it hashed a dummy password, a third of a second
    "argon2",
    "opentelemetry",
)
PROBE = """
import json, sys
from entrypoints.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
heavy = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps({{"status": status, "heavy": heavy}}))
"""


def _probe(*argv: str, cwd: Path | None = None) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_help_loads_nothing_heavy() -> None:
    assert _probe("--help") == {"status": 0, "heavy": []}
    assert _probe("token", "issue", "--help") == {"status": 0, "heavy": []}


def test_an_enterprise_token_loads_nothing_heavy(tmp_path: Path) -> None:
    found = _probe(
        "token", "issue", "--role", "enterprise", "--enterprise", "91110000600037341L", cwd=tmp_path
    )
    assert found == {"status": 0, "heavy": []}


def test_an_officials_token_reads_the_directory_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    init = ["init", "--database-url", url, "--government", "示范市人民政府", "--region", "510800"]
    assert main([*init, "--admin", "王管理"]) == 0
    issue = ["token", "issue", "--database-url", url, "--official", "王管理", "--role", "admin"]
    assert main(issue) == 0  # the first catches the directory up
    assert _probe(*issue, cwd=tmp_path) == {"status": 0, "heavy": []}
    revoke = ["token", "revoke", "--database-url", url, "--official", "王管理", "--reason", "test"]
    assert _probe(*revoke, cwd=tmp_path) == {"status": 0, "heavy": []}


def test_the_roles_the_commands_offer_are_the_domains_without_loading_it() -> None:
    from domain.access import Role
    from entrypoints.directory_cli import CONSOLE_ROLES
    from entrypoints.token_cli import ROLES

    assert set(ROLES) == {role.value for role in Role}
    assert CONSOLE_ROLES == ("officer", "supervisor", "inspector", "admin")
