"""`duban directory set-password`: a console password for an official of the directory, read
from standard input; the official then signs in with it, and nobody else does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bootstrap.services import Services
from entrypoints.cli import main
from infrastructure import credentials
from infrastructure.clock import SystemClock
from infrastructure.database import parse_database_url
from projections.directory_view import DirectoryView


def _set(monkeypatch: pytest.MonkeyPatch, url: str, name: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    argv = ["directory", "set-password", "--official", name, "--role", "supervisor"]
    return main([*argv, "--password-stdin", "--database-url", url])


def test_a_password_set_from_standard_input_signs_the_official_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    assert (
        main(
            [
                "init",
                "--government",
                "示范市人民政府",
                "--region",
                "510800",
                "--admin",
                "王管理",
                "--database-url",
                url,
            ]
        )
        == 0
    )
    assert _set(monkeypatch, url, "王管理", "a long enough password") == 0
    assert "console password set for 王管理" in capsys.readouterr().out
    services = Services.open(parse_database_url(url), SystemClock(), pool_size=2)
    try:
        with services.read() as tx:
            official = DirectoryView.official(tx, "王管理")
        assert official is not None
        found = credentials.check_password(
            services.views, str(official["id"]), "a long enough password"
        )
        wrong = credentials.check_password(services.views, str(official["id"]), "another one!")
    finally:
        services.close()
    assert (found, wrong) == ("supervisor", None)


def test_a_short_password_or_an_unknown_official_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    main(
        [
            "init",
            "--government",
            "示范市人民政府",
            "--region",
            "510800",
            "--admin",
            "王管理",
            "--database-url",
            url,
        ]
    )
    with pytest.raises(SystemExit, match="at least 8 characters"):
        _set(monkeypatch, url, "王管理", "short")
    with pytest.raises(SystemExit, match="no official '无此人'"):
        _set(monkeypatch, url, "无此人", "a long enough password")
