"""`duban reviews import`: a JSON Lines export in, batches recorded, refusals named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entrypoints.cli import main


def _line(n: int, **changes: object) -> str:
    row: dict[str, object] = {
        "source_id": f"HCP-{n}",
        "submitted_on": "2026-09-25",
        "subject_kind": "unit",
        "subject_id": "市税务局",
        "subject_unit": "市税务局",
        "channel": "national-platform",
        "level": 2,
        "comment": "退税很快",
    }
    row.update(changes)
    return json.dumps(row, ensure_ascii=False)


def test_import_records_batches_and_names_each_refused_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "reviews.jsonl"
    lines = [_line(n) for n in range(7)]
    lines[2] = _line(2, level=9)  # malformed: no such level
    lines[4] = _line(4, aspects={"speed": 5})  # refused by the review rule
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    argv = ["reviews", "import", str(export), "--database-url", url, "--batch", "3"]

    first = main([*argv, "--official", "系统对接", "--unit", "市政务服务管理局"])
    out, err = capsys.readouterr()
    again = main([*argv, "--official", "系统对接", "--unit", "市政务服务管理局"])
    out_again, _ = capsys.readouterr()

    assert first == 2
    assert "5 reviews recorded, 0 already recorded, 2 refused" in out
    assert "line 3: malformed" in err
    assert "line 5: refused (invalid-review)" in err
    assert again == 2
    assert "0 reviews recorded, 5 already recorded, 2 refused" in out_again


def test_a_line_that_is_not_json_is_refused_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "reviews.jsonl"
    lines = [_line(n).encode() for n in range(5)]
    lines[1] = b"HCP-1,2026-09-25,unit"  # a CSV row in the JSON export
    lines[3] = b'{"source_id": "HCP-3", "comment": "\xff\xfe"}'  # not UTF-8
    export.write_bytes(b"\n".join(lines) + b"\n")
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    argv = ["reviews", "import", str(export), "--database-url", url, "--batch", "2"]

    status = main([*argv, "--official", "系统对接", "--unit", "市政务服务管理局"])
    out, err = capsys.readouterr()

    assert status == 2, err
    assert "3 reviews recorded, 0 already recorded, 2 refused" in out
    assert "line 2: malformed" in err
    assert "line 4: malformed" in err
    assert "Traceback" not in err
    assert "making a new empty store" in err
