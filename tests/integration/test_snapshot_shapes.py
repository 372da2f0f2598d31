"""A snapshot records the shape of the state it holds: once an aggregate's state changes shape,
its old snapshots are passed over and the aggregate is rebuilt from its events."""

from __future__ import annotations

import pytest

from application.back_office import BackOffice
from domain.issue import Issue
from domain.values import Channel, IssueCategory


def test_a_snapshot_of_another_state_shape_is_passed_over(
    office: BackOffice, officer, monkeypatch: pytest.MonkeyPatch
):
    issue = office.raise_issue(
        officer,
        channel=Channel.VISIT,
        category=IssueCategory.LAND,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="用地",
    )
    office.take_snapshot(issue.id)
    assert office.repository.get(issue.id).description == "用地"
    assert len(list(office.snapshots.get(issue.id))) == 1  # current: offered

    monkeypatch.setattr(Issue, "state_version", Issue.state_version + 1)
    assert list(office.snapshots.get(issue.id)) == []  # another shape: passed over
    rebuilt = office.repository.get(issue.id)
    assert (rebuilt.description, rebuilt.version) == ("用地", 1)
