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


def test_a_snapshot_carries_the_routing_state(office: BackOffice, officer, people):
    """Assisting parts, the reply owed and the notice come back from a snapshot as recorded."""
    from datetime import date

    issue = office.raise_issue(
        officer,
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.LAND,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="用地",
    )
    office.accept_and_assign_issue(
        officer, issue.id, responsible_person_id=people.id("李明"), time_limit=date(2026, 11, 30)
    )
    office.request_assistance(
        officer, issue.id, assisting_person_id=people.id("周敏"), part="出具意见",
        due=date(2026, 10, 30),
    )  # fmt: skip
    office.give_one_time_notice(officer, issue.id, items=["营业执照"])
    office.take_snapshot(issue.id)
    assert len(list(office.snapshots.get(issue.id))) == 1
    restored = office.repository.get(issue.id)
    assert restored.assisting[1].unit == "市住建局"
    # 7 working days from Monday 28 September 2026: 29, 30 September, 8, 9, 10, 12, 13 October
    assert (restored.reply_rule, restored.reply_by) == ("complaint", date(2026, 10, 13))
    assert restored.one_time_notice == ["营业执照"]
    assert restored.routing_unit == "市发展改革委"
