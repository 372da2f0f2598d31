"""The one back-office application: every command of every aggregate, one event log."""

from __future__ import annotations

from application.commitments import CommitmentCommands
from application.issues import IssueCommands
from application.projects import ProjectCommands


class BackOffice(ProjectCommands, IssueCommands, CommitmentCommands):
    name = "Duban"
