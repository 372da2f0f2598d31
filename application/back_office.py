"""The one back-office application: every command of every aggregate, one event log."""

from __future__ import annotations

from typing import Any, ClassVar

from application.assessments import AssessmentCommands
from application.briefings import BriefingCommands
from application.commitments import CommitmentCommands
from application.directory import DirectoryCommands
from application.enterprises import EnterpriseCommands
from application.financing import FinancingCommands
from application.issue_routing import IssueRoutingCommands
from application.issues import IssueCommands
from application.ledger_import import LedgerImport
from application.misses import MissCommands
from application.pairings import PairingCommands
from application.project_register import ProjectRegisterCommands
from application.projects import ProjectCommands
from application.referrals import ReferralCommands
from application.review_import import ReviewImport
from application.reviews import ReviewCommands
from application.summonses import SummonsCommands
from application.urging_notices import UrgingNotices
from domain.briefing import SessionSeries
from domain.financing_match import FinancingMatch
from domain.issue import Issue
from domain.pairing import Pairing
from domain.project import Project
from domain.referral import Referral
from domain.review import Review
from domain.summons import Summons


class BackOffice(
    ProjectCommands,
    ProjectRegisterCommands,
    LedgerImport,
    IssueRoutingCommands,
    IssueCommands,
    CommitmentCommands,
    MissCommands,
    PairingCommands,
    BriefingCommands,
    FinancingCommands,
    ReviewCommands,
    ReviewImport,
    EnterpriseCommands,
    DirectoryCommands,
    UrgingNotices,
    AssessmentCommands,
    SummonsCommands,
    ReferralCommands,
):
    name = "Duban"
    # snapshots keep reconstruction, at any version, to a few dozen events
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {
        Project: 50,
        Issue: 50,
        Pairing: 50,
        SessionSeries: 50,
        FinancingMatch: 50,
        Review: 50,
        Summons: 50,
        Referral: 50,
    }
