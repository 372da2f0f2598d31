"""A refused command says why in one line on standard error, exits non-zero, and shows a
traceback only with --debug."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from entrypoints.cli import main
from infrastructure.checkpoints import CheckpointKeyMissingError


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "duban.sqlite"
    sqlite3.connect(path).close()  # a store that exists; these commands fail before reading it
    return f"sqlite:///{path}"


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_a_checkpoint_without_a_key_is_one_line(
    store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DUBAN_CHECKPOINT_KEY", raising=False)
    monkeypatch.delenv("DUBAN_CHECKPOINT_KEY_FILE", raising=False)
    assert main(["checkpoint", "--database-url", store]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("duban: ")
    assert "DUBAN_CHECKPOINT_KEY" in line


def test_debug_shows_the_traceback(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUBAN_CHECKPOINT_KEY", raising=False)
    monkeypatch.delenv("DUBAN_CHECKPOINT_KEY_FILE", raising=False)
    with pytest.raises(CheckpointKeyMissingError):
        main(["--debug", "checkpoint", "--database-url", store])


def test_a_key_file_that_is_not_a_key_is_one_line(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "office.key"
    key.write_text("not hex at all\n", encoding="utf-8")
    monkeypatch.setenv("DUBAN_CHECKPOINT_KEY_FILE", str(key))
    assert main(["checkpoint", "--database-url", store]) == 1
    assert "64-digit hex seed" in _one_line(capsys.readouterr().err)


def test_verifying_a_file_that_is_not_an_export_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_text("this is not JSON\n", encoding="utf-8")
    assert main(["verify", "--file", str(junk)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "junk.jsonl, line 1: not an exported event" in line


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ({"position": 2, "topic": "x", "originator_id": "a", "version": 1}, "'state'"),
        ({"position": 2, "topic": "x", "originator_id": "a", "version": 1, "state": "*"}, ""),
        ({"position": 2, "chain": {"version": 1}}, "'originator_id'"),
        ({"position": 2}, "neither an event nor a chain link"),
        ([1, 2, 3], ""),
    ],
)
def test_a_malformed_line_of_an_export_is_one_line(
    line: object, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "log.jsonl"
    export.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main(["verify", "--file", str(export)]) == 1
    said = _one_line(capsys.readouterr().err)
    assert "log.jsonl, line 1: not an exported event" in said
    assert why in said


def test_verifying_a_missing_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--file", str(tmp_path / "nowhere.jsonl")]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "No such file or directory" in line
    assert "nowhere.jsonl" in line


def test_outside_the_project_a_reading_command_makes_no_new_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    for argv in (
        ["verify"],
        ["export"],
        ["token", "issue", "--official", "许晓燕", "--role", "supervisor"],
        ["projections", "status"],
        ["directory", "names"],
    ):
        assert main(argv) == 1, argv
        line = _one_line(capsys.readouterr().err)
        assert f"no store at {tmp_path / 'var' / 'duban.sqlite'}" in line
    assert not (tmp_path / "var").exists()


def test_a_database_url_duban_cannot_read_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--database-url", "mysql://somewhere/db"]) == 1
    assert "unsupported database URL" in _one_line(capsys.readouterr().err)


def test_an_enterprise_token_needs_its_credit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "issue", "--role", "enterprise"]) == 1
    assert "--enterprise CREDIT_CODE" in _one_line(capsys.readouterr().err)
