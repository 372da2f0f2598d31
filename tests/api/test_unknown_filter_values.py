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


def test_a_ranking_of_unknown_subjects_names_subjects_whatever_the_period(client: TestClient):
    for period in ("2026", "2026-Q3", "2026-13"):
        ranked = client.get("/rankings", params={"period": period, "subjects": "departments"})
        assert ranked.status_code == 422, ranked.text
        assert ranked.json()["rule"] == "unknown-filter-value"
        assert ranked.json()["detail"].startswith("subjects: 'departments' is not one of")
    assert client.get("/rankings", params={"period": "2026"}).status_code == 200
