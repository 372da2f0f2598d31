"""Issuing an urging notice (督办通知): the issue records the notice, and the year's register of
urging-notice numbers records the number it took, in one transaction. Two notices issued at
once clash on the register's version; the loser takes the next number on fresh state."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.base import BackOfficeBase
from application.context import CommandContext
from application.due_dates import chosen_limit
from domain.documents import DocumentNumbers
from domain.errors import ConcurrentWriteError
from domain.issue import Issue
from domain.urging import Addressee
from domain.values import Envelope

SERIES = "urging_notice"
ATTEMPTS = 10  # each clash means another notice was recorded: ten writers at once all get through


class UrgingNotices(BackOfficeBase):
    def issue_urging_notice(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        key: str,
        due: date,
        addressees: list[Addressee],
        number_pattern: str,
        new_time_limit: date | None = None,
        working_days: int | None = None,
    ) -> Issue:
        """Number and record the notice of the miss of ``key`` due ``due``; the new time
        limit is a date or working days from today, or none."""
        env = self.envelope(ctx)
        limit = None
        if new_time_limit is not None or working_days is not None:
            limit = chosen_limit(
                self.calendar, env.today, on=new_time_limit, working_days=working_days
            )
        for _ in range(ATTEMPTS):
            issue = self.load_for(ctx, Issue, issue_id)
            register = self._register(env)
            number = register.take(env, pattern=number_pattern, item=f"issue:{issue_id}")
            issue.issue_urging_notice(
                env, number=number, key=key, due=due, addressees=addressees, new_time_limit=limit
            )
            try:
                self.store(ctx, issue, "issue_urging_notice", register)
            except ConcurrentWriteError:
                continue  # another notice took this number, or the issue changed: look again
            return issue
        raise ConcurrentWriteError(
            f"the urging notice of issue {issue_id} clashed {ATTEMPTS} times; retry"
        )

    def _register(self, env: Envelope) -> DocumentNumbers:
        register_id = DocumentNumbers.id_for(SERIES, env.today.year)
        if self.recorder.select_events(register_id, limit=1):
            return self.load(DocumentNumbers, register_id)
        return DocumentNumbers.open(env, series=SERIES, year=env.today.year)
