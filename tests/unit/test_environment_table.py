"""Every DUBAN_* name the code, the build files and the test configuration read is in the
README's table of environment variables, and the table names no variable nothing reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
NAME = re.compile(r"\bDUBAN_[A-Z0-9_]*[A-Z0-9]\b")
CODE = [
    "domain", "application", "infrastructure", "projections", "bootstrap", "api",
    "entrypoints", "demo", "reports", "bench",
]  # fmt: skip
FILES = ["Makefile", "Dockerfile", "docker-compose.yml", "tests/conftest.py", "tests/fuzz"]
# named in the code as examples of settings refused at start-up, or in tests of that refusal
REFUSED = re.compile(r"DUBAN_(APPLICATION_RECORDER_TOPIC|COMPRESSOR_TOPIC|POSTGRES_\w+|CIPHER_\w+)")


def _read_by_the_code() -> set[str]:
    found: set[str] = set()
    for place in [*CODE, *FILES]:
        path = ROOT / place
        files = [path] if path.is_file() else path.rglob("*")
        for file in files:
            if file.is_file() and file.suffix in ("", ".py", ".toml", ".yml"):
                found |= set(NAME.findall(file.read_text(encoding="utf-8", errors="replace")))
    return {name for name in found if not REFUSED.fullmatch(name)}


def _in_the_table() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `DUBAN_")]
    return {NAME.findall(row)[0] for row in rows}


def test_every_environment_variable_is_in_the_readme_table() -> None:
    read = _read_by_the_code()
    assert {"DUBAN_DATABASE_URL", "DUBAN_JWT_SECRET_FILE", "DUBAN_READY_MAX_LAG"} <= read
    assert read - _in_the_table() == set()


def test_the_table_names_nothing_the_code_does_not_read() -> None:
    assert _in_the_table() - _read_by_the_code() == set()
