"""Urging notices (督办通知): issued for a miss whose urging-notice step was taken, once."""

from __future__ import annotations

from datetime import date

import pytest

from domain.calendar import explicit
from domain.deadlines import miss_key
from domain.errors import (
    BlankTextError,
    DueDateInPastError,
    IssueNotOpenError,
    UrgingNoticeAlreadyIssuedError,
    UrgingNoticeNotDueError,
)
from domain.issue import Issue
from domain.urging import Addressee
from tests.unit.builders import issue, names, on

LIMIT = date(2026, 10, 20)
MISSED_ON = date(2026, 10, 22)
TO = [Addressee("赵丽", "科长", "市自规局"), Addressee("钱进", "局长", "市自规局")]


def missed(step: bool = True) -> Issue:
    late = issue("assigned", limit=LIMIT)
    late.record_missed_deadline(on(MISSED_ON), key="time_limit")
    if step:
        late.take_escalation_step(
            on(MISSED_ON), key="time_limit", due=LIMIT, step="urging_notice", addressed_to=["赵丽"]
        )
    late.collect_events()
    return late


def notice(target: Issue, new_limit: date | None = date(2026, 10, 30), **changes) -> None:
    fields = {
        "number": "示范督〔2026〕1号",
        "key": "time_limit",
        "due": LIMIT,
        "addressees": TO,
        "new_time_limit": explicit(new_limit, MISSED_ON) if new_limit else None,
        **changes,
    }
    target.issue_urging_notice(on(MISSED_ON), **fields)


def test_an_urging_notice_records_its_number_addressees_and_new_time_limit():
    late = missed()
    notice(late)
    (event,) = late.collect_events()
    assert names([event]) == ["UrgingNoticeIssued"]
    assert event.number == "示范督〔2026〕1号"
    assert event.addressees == [
        {"name": "赵丽", "post": "科长", "unit": "市自规局"},
        {"name": "钱进", "post": "局长", "unit": "市自规局"},
    ]
    assert (event.new_time_limit, event.counted_in) == (date(2026, 10, 30), "explicit")
    assert late.urging_notices == {miss_key("time_limit", LIMIT): "示范督〔2026〕1号"}


def test_the_new_time_limit_of_a_notice_is_owed_in_its_turn():
    late = missed()
    notice(late)
    owed = {d.key: d.due for d in late.open_deadlines()}
    assert owed == {"time_limit": LIMIT, "urged_limit": date(2026, 10, 30)}
    late.record_missed_deadline(on(date(2026, 10, 31)), key="urged_limit")
    event = late.collect_events()[-1]
    assert (event.key, event.due) == ("urged_limit", date(2026, 10, 30))


def test_a_notice_without_a_new_time_limit_owes_nothing_new():
    late = missed()
    notice(late, new_limit=None)
    (event,) = late.collect_events()
    assert (event.new_time_limit, event.counted_in, event.calendar) == (None, "", "")
    assert [d.key for d in late.open_deadlines()] == ["time_limit"]


def test_a_notice_before_the_ladder_took_its_urging_step_is_refused():
    late = missed(step=False)
    with pytest.raises(UrgingNoticeNotDueError):
        notice(late)
    with pytest.raises(UrgingNoticeNotDueError):
        notice(missed(), due=date(2026, 10, 19))  # no miss of that due date
    assert late.collect_events() == []


def test_a_miss_gets_one_notice():
    late = missed()
    notice(late)
    late.collect_events()
    with pytest.raises(UrgingNoticeAlreadyIssuedError, match="示范督〔2026〕1号"):
        notice(late, number="示范督〔2026〕2号")


def test_a_notice_for_an_issue_no_longer_open_is_refused():
    late = missed()
    late.resolve(on(MISSED_ON), resolution="已办结")
    with pytest.raises(IssueNotOpenError):
        notice(late)


def test_a_notice_needs_an_addressee_and_a_new_limit_not_in_the_past():
    with pytest.raises(BlankTextError):
        notice(missed(), addressees=[])
    with pytest.raises(DueDateInPastError):
        notice(missed(), new_limit=date(2026, 10, 21))
    with pytest.raises(BlankTextError):
        notice(missed(), addressees=[Addressee(" ", "科长", "市自规局")])


def test_reopening_replaces_the_urged_time_limit():
    late = missed()
    notice(late)
    late.resolve(on(MISSED_ON), resolution="已办结")
    late.reopen(
        on(MISSED_ON, reason="企业不满意"), time_limit=explicit(date(2026, 11, 5), MISSED_ON)
    )
    assert late.urged_limit is None
    assert {d.key: d.due for d in late.open_deadlines()} == {"time_limit": date(2026, 11, 5)}


def test_a_withdrawn_miss_gets_no_notice():
    late = missed()
    late.withdraw_miss(
        on(MISSED_ON, reason="办结记录补录，实际按时办结"), key="time_limit", due=LIMIT
    )
    with pytest.raises(UrgingNoticeNotDueError, match="not withdrawn"):
        notice(late)
