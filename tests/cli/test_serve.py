"""`duban serve` says where it serves before it starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn

from entrypoints.cli import main


def test_serve_says_where_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(options))
    monkeypatch.setenv("DUBAN_JWT_SECRET", "serve-test-secret-0123456789abcdef")
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    assert main(["serve", "--database-url", url, "--host", "127.0.0.1", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "making a new empty store" in err
    assert "serving on http://127.0.0.1:8123 (API docs at http://127.0.0.1:8123/schema)" in err
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
