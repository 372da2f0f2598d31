"""A filter given a value nothing can have answers 422 naming the parameter, not an empty
list that reads as "none found"."""

from __future__ import annotations

from litestar.testing import TestClient

UNIT = "市自然资源和规划局"


def test_unknown_values_of_evidence_kind_and_ranking_subjects_are_named(client: TestClient):
    known = client.get(
        "/accountability/evidence", params={"unit": UNIT, "period": "2026", "kind": "issue_closed"}
    )
    assert known.status_code == 200, known.text
    unknown = client.get(
        "/accountability/evidence", params={"unit": UNIT, "period": "2026", "kind": "issue_clsoed"}
    )
    assert unknown.status_code == 422
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["rule"] == "unknown-filter-value"
    assert unknown.json()["detail"].startswith("kind: 'issue_clsoed'")

    ranked = client.get("/rankings", params={"period": "2026", "subjects": "departments"})
    assert ranked.status_code == 422
    assert ranked.json()["rule"] == "unknown-filter-value"
    assert ranked.json()["detail"].startswith("subjects: 'departments'")
