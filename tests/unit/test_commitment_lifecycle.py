"""Commitments on any holder: numbered, kept or broken once, never promised in the past."""

from __future__ import annotations

from datetime import date

import pytest

from domain import errors
from tests.unit.builders import issue, names, on, project


@pytest.mark.parametrize("holder", [project, issue])
def test_commitments_are_numbered_from_one_and_kept_once(holder):
    h = holder()
    assert (
        h.make_commitment(on(), what="供电接入", to_whom="企业", due_date=date(2026, 10, 31)) == 1
    )
    assert h.make_commitment(on(), what="环评", to_whom="企业", due_date=date(2026, 11, 30)) == 2
    h.keep_commitment(on(business=date(2026, 9, 27)), number=1)
    assert h.commitments[1].kept_on == date(2026, 9, 27)
    assert h.commitments[1].made_by == "张三"
    with pytest.raises(errors.CommitmentAlreadyKeptError):
        h.keep_commitment(on(), number=1)
    with pytest.raises(errors.CommitmentNotFoundError):
        h.keep_commitment(on(), number=3)
    assert names(h.collect_events()) == ["CommitmentMade", "CommitmentMade", "CommitmentKept"]
    assert [d.key for d in h.open_deadlines() if d.key.startswith("commitment")] == ["commitment:2"]


def test_a_broken_commitment_needs_a_reason_and_is_then_settled():
    h = project()
    h.make_commitment(on(), what="供电接入", to_whom="企业", due_date=date(2026, 10, 31))
    with pytest.raises(errors.ReasonRequiredError):
        h.break_commitment(on(), number=1)
    h.break_commitment(on(reason="电网改造推迟"), number=1)
    assert (h.commitments[1].status, h.commitments[1].broken_reason) == ("broken", "电网改造推迟")
    with pytest.raises(errors.CommitmentAlreadyKeptError):
        h.keep_commitment(on(), number=1)
    assert names(h.collect_events()) == ["CommitmentMade", "CommitmentBroken"]


def test_a_commitment_due_before_the_day_it_is_made_is_refused():
    h = issue()
    with pytest.raises(errors.DueDateInPastError):
        h.make_commitment(on(), what="w", to_whom="t", due_date=date(2026, 9, 27))
    with pytest.raises(errors.BlankTextError):
        h.make_commitment(on(), what=" ", to_whom="t", due_date=date(2026, 9, 30))
    assert h.pending_events == []
