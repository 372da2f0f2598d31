"""``as_of`` as people type it into a URL: a date, a date-time with offset or Z, one without
(Shanghai time), and the "+08:00" an unencoded query turns into " 08:00"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from litestar.testing import TestClient

from tests.api.test_issues_api import assign, raise_issue


@pytest.fixture
def issue_id(client: TestClient, clock) -> str:
    # raised at the clock's start, 2026-09-28T02:00Z (10:00 in Shanghai); assigned two days on
    assert clock.now() == datetime(2026, 9, 28, 2, 0, tzinfo=UTC)
    raised = raise_issue(client)
    clock.advance(timedelta(days=2))
    assign(client, raised)
    return raised


def _version(client: TestClient, issue_id: str, query: str) -> int | None:
    answer = client.get(f"/issues/{issue_id}/timeline?{query}")
    if answer.status_code == 404:
        return None
    assert answer.status_code == 200, answer.text
    return int(answer.json()["version"])


# hand-computed: the 28th starts in Shanghai at 2026-09-27T16:00Z, before the issue was raised
FORMS = [
    ("as_of=2026-09-28", None),
    ("as_of=2026-09-29", 1),
    ("as_of=2026-10-01", 2),
    ("as_of=2026-09-29T00:00:00%2B08:00", 1),
    ("as_of=2026-09-29T00:00:00+08:00", 1),  # pasted unencoded: "+" arrives as " "
    ("as_of=2026-09-28T09:59:00+08:00", None),
    ("as_of=2026-09-28T02:01:00Z", 1),
    ("as_of=2026-09-28T01:59:00Z", None),
    ("as_of=2026-09-28T10:01", 1),  # no offset: Shanghai time
    ("as_of=2026-09-28%2009:59", None),
    ("as_of=2026-09-29T20:00:00-05:00", 1),  # 2026-09-30T01:00Z: an hour before assigning
    ("as_of=2026-09-29T22:00:00-05:00", 2),
]


def test_as_of_takes_a_date_a_moment_with_offset_or_z(client: TestClient, issue_id: str) -> None:
    found = [(query, _version(client, issue_id, query)) for query, _ in FORMS]
    assert found == FORMS


def test_what_is_not_a_moment_answers_problem_details_naming_as_of(
    client: TestClient, issue_id: str
) -> None:
    for value in ["yesterday", "2026-13-01", "2026-09-29T25:00:00Z", "0001-01-01"]:
        answer = client.get(f"/issues/{issue_id}/timeline", params={"as_of": value})
        assert answer.status_code == 400, value
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["rule"] == "malformed-request"
        assert "as_of" in answer.text


def test_other_parameters_pass_byte_for_byte_whatever_their_names() -> None:
    from api.moments import with_moments

    odd = b"%F3%AD%AD%A6s=1&\xff\xfe=2&%C2%94O=%C2%B9&as_of=2026-10-01"
    assert (
        with_moments(odd)
        == b"%F3%AD%AD%A6s=1&\xff\xfe=2&%C2%94O=%C2%B9&as_of=2026-10-01T00:00:00%2B08:00"
    )
