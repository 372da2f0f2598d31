"""The one back-office application: every command of every aggregate, one event log."""

from __future__ import annotations

from application.briefings import BriefingCommands
from application.commitments import CommitmentCommands
from application.financing import FinancingCommands
from application.issues import IssueCommands
from application.pairings import PairingCommands
from application.projects import ProjectCommands
from application.reviews import ReviewCommands


class BackOffice(
    ProjectCommands,
    IssueCommands,
    CommitmentCommands,
    PairingCommands,
    BriefingCommands,
    FinancingCommands,
    ReviewCommands,
):
    name = "Duban"
