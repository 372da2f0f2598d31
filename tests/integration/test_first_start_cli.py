"""`duban init` on an empty store, then tokens for its first admin: issued, bounded, revoked."""

from __future__ import annotations

from pathlib import Path

import pytest

from entrypoints.cli import main


def test_init_makes_the_root_government_its_office_and_a_first_admin_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUBAN_JWT_SECRET", "cli-test-secret-0123456789abcdef0123456789")
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    init = ["init", "--database-url", url, "--government", "示范市人民政府", "--region", "510800"]
    assert main([*init, "--admin", "王管理"]) == 0
    assert "示范市人民政府" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="holds events already"):
        main([*init, "--admin", "另一人"])

    issue = ["token", "issue", "--database-url", url, "--official", "王管理", "--role", "admin"]
    assert main(issue) == 0
    token = capsys.readouterr().out.strip()
    assert token.count(".") == 2
    assert len(token) < 1024
    assert main([*issue, "--expires", "3650d"]) == 1
    assert "at most" in capsys.readouterr().err
    assert (
        main(["token", "issue", "--database-url", url, "--official", "无此人", "--role", "admin"])
        == 1
    )
    assert "no official" in capsys.readouterr().err
    enterprise = ["token", "issue", "--database-url", url, "--role", "enterprise"]
    assert main([*enterprise, "--enterprise", "x"]) == 1
    assert "not a valid unified social credit code" in capsys.readouterr().err

    revoke = ["token", "revoke", "--database-url", url, "--official", "王管理", "--reason", "离任"]
    assert main(revoke) == 0
    assert "every token issued until now" in capsys.readouterr().out
