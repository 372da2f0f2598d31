"""Taking over an office's existing problem ledger (问题台账): each row is raised and assigned
as an issue under the same rules as the API's two commands, each row its own command (its
command id names the import and the row), recorded a few hundred issues per transaction.

A row's issue id derives from its source key (the reader's choice: what identifies the row
in any copy of the file), so importing a file twice, or a row again from an edited copy,
records it once: a row already recorded is reported as a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal
from uuid import UUID, uuid5

from eventsourcing.persistence import IntegrityError

from application.context import CommandContext
from application.issues import IssueCommands
from domain.errors import DomainError, UnknownOfficialError
from domain.issue import Issue
from domain.values import Channel, IssueCategory

LEDGER_NAMESPACE = UUID("5d1e0c7a-3b9f-5e21-8d4c-7a2f6e9b1c03")
BATCH = 500


def ledger_issue_id(source_key: str) -> UUID:
    return uuid5(LEDGER_NAMESPACE, f"ledger:{source_key}")


@dataclass(frozen=True)
class LedgerRow:
    line: int  # where the row stands in its file, for the report
    source_key: str
    channel: Channel
    category: IssueCategory
    enterprise_code: str
    enterprise_name: str
    description: str
    responsible_unit: str
    responsible_person: str
    time_limit: date | None  # none: the channel's default limit, if it has one
    responsible_person_id: UUID | None = None  # the directory's official of that name and unit


@dataclass(frozen=True)
class RowOutcome:
    line: int
    issue_id: UUID
    status: Literal["recorded", "duplicate", "refused"]
    rule: str = ""
    detail: str = ""


class LedgerImport(IssueCommands):
    def import_ledger_rows(
        self, ctx: CommandContext, rows: Sequence[LedgerRow]
    ) -> list[RowOutcome]:
        outcomes: list[RowOutcome] = []
        ready: list[tuple[LedgerRow, Issue]] = []
        seen: set[UUID] = set()
        for row in rows:
            issue_id = ledger_issue_id(row.source_key)
            if issue_id in seen:  # the same row twice in one file: recorded once
                outcomes.append(RowOutcome(row.line, issue_id, "duplicate"))
                continue
            seen.add(issue_id)
            try:
                ready.append((row, self._raised_and_assigned(ctx, row, issue_id)))
            except DomainError as refused:
                outcomes.append(
                    RowOutcome(row.line, issue_id, "refused", refused.rule, refused.detail)
                )
        for start in range(0, len(ready), BATCH):
            outcomes += self._record_batch(ready[start : start + BATCH])
        return sorted(outcomes, key=lambda outcome: outcome.line)

    def _raised_and_assigned(self, ctx: CommandContext, row: LedgerRow, issue_id: UUID) -> Issue:
        """The row's own command, held to the importer's scope as the API's two are; the
        responsible person is the directory's official the reader found for the row."""
        if row.responsible_person_id is None:
            raise UnknownOfficialError(
                f"责任人: {row.responsible_unit} has no official {row.responsible_person} "
                "in the directory"
            )
        person = self.person(row.responsible_person_id, "责任人")
        self.require_unit(ctx, person.unit, "responsible unit")
        env = self.envelope(CommandContext(ctx.actor, f"{ctx.command_id}:row-{row.line}"))
        issue = Issue.raise_issue(
            env,
            id=issue_id,
            channel=row.channel,
            category=row.category,
            enterprise_code=row.enterprise_code,
            enterprise_name=row.enterprise_name,
            description=row.description,
        )
        issue.accept_and_assign(
            env,
            **person.responsible(),
            time_limit=self.assignment_limit(row.channel, env.today, on=row.time_limit),
        )
        self.authorize(ctx, issue)
        return issue

    def _record_batch(self, batch: list[tuple[LedgerRow, Issue]]) -> list[RowOutcome]:
        """One transaction for the batch; if some of it is recorded already (an earlier
        import, or another running at once), those rows are duplicates and the rest go in."""
        try:
            self.save(*(issue for _, issue in batch))
        except IntegrityError:
            known = {i.id for _, i in batch if self.recorder.select_events(i.id, limit=1)}
            fresh = [(row, issue) for row, issue in batch if issue.id not in known]
            if len(fresh) == len(batch):
                raise  # not a duplicate: a real failure, not to be hidden
            duplicates = [RowOutcome(r.line, i.id, "duplicate") for r, i in batch if i.id in known]
            return duplicates + (self._record_batch(fresh) if fresh else [])
        return [RowOutcome(row.line, issue.id, "recorded") for row, issue in batch]
