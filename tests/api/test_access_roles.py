"""Every role against every operation, from a table written here from the README's roles —
not from the code's own declarations, which a wrong table there could not fail."""

from __future__ import annotations

import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from api.permissions import require_roles_declared
from domain.access import Role
from tests.api.conftest import CODE
from tests.directory import TestDirectory, enterprise_bearer

# O officer, S supervisor, I inspector, E enterprise, A admin: who may call each operation
EXPECTED = {
    # the problem ledger: units act, enterprises raise, confirm (close out) and reopen
    "RaiseIssue": "OSE",
    "AcceptAndAssignIssue": "OS",
    "NoteIssueProgress": "OS",
    "ExtendIssueTimeLimit": "OS",
    "EscalateIssue": "OS",
    "ResolveIssue": "OS",
    "ExplainIssue": "OS",
    "CloseOutIssue": "OSE",
    "ReopenIssue": "OSE",
    "ListIssues": "OSIE",
    "GetIssue": "OSIE",
    "GetIssueEvents": "OSIE",
    "MakeIssueCommitment": "OS",
    "KeepIssueCommitment": "OS",
    "BreakIssueCommitment": "OS",
    # routing: units and the office route, the enterprise is told (一次性告知), not routing
    "TransferIssue": "OS",
    "ReturnIssue": "OS",
    "RequestAssistance": "OS",
    "CompleteAssistingPart": "OS",
    "ReplyToIssue": "OS",
    "GiveOneTimeNotice": "OS",
    "ListRectificationItem": "OS",
    # major projects
    "RegisterProject": "OS",
    "AssignLeadLeader": "OS",
    "AddTeamMember": "OS",
    "RemoveTeamMember": "OS",
    "AdoptPlan": "OS",
    "ReachMilestone": "OS",
    "AdvanceStage": "OS",
    "SuspendProject": "OS",
    "ResumeProject": "OS",
    "CancelProject": "OS",
    "ReportProgress": "OS",
    "PlanAnnualInvestment": "OS",
    "ListProjectForYear": "OS",
    "AssignProjectLiaison": "OS",
    "SubmitWeeklyUpdate": "OS",
    "SubmitQuarterReport": "OS",
    "MakeProjectCommitment": "OS",
    "KeepProjectCommitment": "OS",
    "BreakProjectCommitment": "OS",
    "ListProjects": "OSI",
    "GetProject": "OSI",
    "GetProjectEvents": "OSI",
    # pairings, sessions, financing
    "EstablishPairing": "OS",
    "LogVisit": "OS",
    "ReassignPairingOfficial": "OS",
    "EndPairing": "OS",
    "ListPairings": "OSI",
    "GetPairing": "OSI",
    "GetVisitsByMonth": "OSI",
    "GetPairingEvents": "OSI",
    "EstablishSessionSeries": "OS",
    "NameSeriesLeadLeader": "OS",
    "PlanSession": "OS",
    "RescheduleSession": "OS",
    "CancelSession": "OS",
    "HoldSession": "OS",
    "ReportBriefingProgress": "OS",
    "MakeSessionCommitment": "OS",
    "KeepSessionCommitment": "OS",
    "BreakSessionCommitment": "OS",
    "ListSessionSeries": "OSI",
    "GetSessionSeries": "OSI",
    "GetSessionSeriesEvents": "OSI",
    "RegisterFinancingNeed": "OS",
    "RecommendToBank": "OS",
    "RecordBankFeedback": "OS",
    "ApproveCredit": "OS",
    "DisburseLoan": "OS",
    "CloseFinancingMatch": "OS",
    "GrantBridgeLoan": "OS",
    "RepayBridgeLoan": "OS",
    "ListFinancingMatches": "OSI",
    "GetFinancingMatch": "OSI",
    "GetFinancingMatchEvents": "OSI",
    # reviews: enterprises review and see their own; the office decides appeals
    "SubmitReview": "OSE",
    "VerifyReview": "OS",
    "RectifyReview": "OS",
    "RecordReturnVisit": "OS",
    "AppealReview": "OS",
    "DecideReviewAppeal": "S",
    "ListReviews": "OSIE",
    "GetReview": "OSIE",
    "ListReviewInvitations": "OSIE",
    "GetReviewEvents": "OSIE",
    # deadlines and accountability: officers see their own unit's
    "ListOpenDeadlines": "OSI",
    "ListDeadlinesWaitingForCalendar": "OSI",
    "GetUnitAccountability": "OSI",
    "GetOfficialAccountability": "OSI",
    "ListAccountabilityEvidence": "OSI",
    # supervision only
    "GetVetoCheck": "SI",
    "GetReviewRankings": "SI",
    "GetOverdueBoard": "SI",
    "GetProjectsBoard": "SI",
    "ListAuditEvents": "SI",
    "ExportAuditEvents": "SI",
    "VerifyChain": "SI",
    "ListAccessLog": "SI",
    "GetProjectTimeline": "SI",
    "GetIssueTimeline": "SI",
    "GetPairingTimeline": "SI",
    "GetSessionSeriesTimeline": "SI",
    "GetFinancingMatchTimeline": "SI",
    "GetReviewTimeline": "SI",
    # a recorded miss is withdrawn by the supervision office only
    "WithdrawProjectMiss": "S",
    "WithdrawIssueMiss": "S",
    "WithdrawPairingMiss": "S",
    "WithdrawSessionSeriesMiss": "S",
    "WithdrawFinancingMatchMiss": "S",
    "WithdrawReviewMiss": "S",
    # summonses and referrals: the supervision office decides, inspectors read
    "ProposeSummons": "S",
    "ScheduleSummons": "S",
    "RecordSummonsHeld": "S",
    "CompleteRectificationItem": "S",
    "AcceptRectification": "S",
    "WithdrawSummons": "S",
    "WithdrawSummonsMiss": "S",
    "ListSummonses": "SI",
    "GetSummons": "SI",
    "GetSummonsEvents": "SI",
    "GetSummonsTimeline": "SI",
    "ReferToDisciplineInspection": "S",
    "RecordReferralOutcome": "S",
    "ListReferrals": "SI",
    "GetReferral": "SI",
    "GetReferralEvents": "SI",
    "GetReferralTimeline": "SI",
    # the enterprise register, kept by the supervision office, and the coverage views
    "RegisterEnterprise": "S",
    "ReclassifyEnterprise": "S",
    "LinkEnterpriseLeader": "S",
    "UnlinkEnterpriseLeader": "S",
    "ListEnterprises": "SI",
    "GetEnterprise": "SI",
    "GetEnterpriseEvents": "SI",
    "GetEnterpriseTimeline": "SI",
    "GetLeaderCoverage": "SI",
    "GetIndustryCoverage": "SI",
    # what offices hand on: exports for the units that read, each held to its scope; the
    # urging notice is the supervision office's; the labels are for anyone signed in
    "ExportIssueLedger": "OSI",
    "ExportMonthlyDispatch": "OSI",
    "ExportOverdueBoard": "OSI",
    "ExportAccountability": "OSI",
    "ExportCircular": "OSI",
    "IssueUrgingNotice": "S",
    "GetUrgingNotice": "OSI",
    "GetLabels": "OSIEA",
    # the assessment: the supervision office decides, inspectors read
    "ListAssessmentSchemes": "SI",
    "GetAssessmentScheme": "SI",
    "OpenAssessment": "S",
    "ComputeAssessmentScores": "S",
    "EnterAssessmentResults": "S",
    "AdjustAssessmentScore": "S",
    "AwardAssessmentBonus": "S",
    "PublishAssessment": "S",
    "OpenAssessmentCorrection": "S",
    "ListAssessments": "SI",
    "GetAssessment": "SI",
    "GetAssessmentUnitScores": "SI",
    "GetAssessmentLists": "SI",
    "GrantVetoExemption": "S",
    "RevokeVetoExemption": "S",
    "ListVetoExemptions": "SI",
    # the directory is the admin's; officials are listed for the office too
    "RegisterUnit": "A",
    "RegisterOfficial": "A",
    "MoveOfficial": "A",
    "ChangeOfficialPost": "A",
    "ListUnits": "OSIA",
    "ListOfficials": "SIA",
    "ListProjections": "OSIA",
}
LETTER = {
    Role.OFFICER: "O",
    Role.SUPERVISOR: "S",
    Role.INSPECTOR: "I",
    Role.ENTERPRISE: "E",
    Role.ADMIN: "A",
}
# answer everyone, no token (api/service_status.py)
PUBLIC_OPERATIONS = (None, "Health", "Ready", "Metrics", "Root")
FILL = {"uuid": "00000000-0000-4000-8000-000000000000", "int": "1", "str": "市税务局"}


def operations(client: TestClient) -> list[tuple[str, str, str]]:
    found = []
    for route in client.app.routes:
        if route.path.startswith("/schema"):
            continue  # the API docs answer everyone
        for method, entry in getattr(route, "route_handler_map", {}).items():
            handler = entry[0] if isinstance(entry, tuple) else entry
            if method not in ("GET", "POST") or handler.operation_id in PUBLIC_OPERATIONS:
                continue
            path = route.path
            for parameter in route.path_parameters.values():
                kind = parameter.type.__name__.lower()
                path = path.replace(f"{{{parameter.full}}}", FILL.get(kind, "x"))
            found.append((method, path, str(handler.operation_id)))
    return found


def _headers(directory: TestDirectory, role: Role) -> dict[str, str]:
    if role is Role.ENTERPRISE:
        return enterprise_bearer(CODE)
    name = {Role.OFFICER: "吴涛", Role.ADMIN: "系统管理员", Role.INSPECTOR: "审计员"}
    return directory.bearer(name.get(role, "张三"), role)


def test_the_table_names_every_operation_of_the_api(client: TestClient):
    assert {operation for _, _, operation in operations(client)} == set(EXPECTED)


@pytest.mark.parametrize("role", list(LETTER), ids=lambda r: r.value)
def test_each_role_is_let_through_or_refused_as_the_readme_says(
    client: TestClient, directory: TestDirectory, role: Role
):
    headers = _headers(directory, role)
    for method, path, operation in operations(client):
        response = client.request(method, path, headers=headers, json={})
        allowed = LETTER[role] in EXPECTED[operation]
        if allowed:
            assert response.status_code not in (401, 403), (role, operation, response.text[:300])
        else:
            assert response.status_code == 403, (role, operation, response.text[:300])
            assert response.json()["rule"] == "forbidden"


def test_an_app_with_a_route_that_declares_no_roles_does_not_start():
    @get("/forgotten", sync_to_thread=False)
    def forgotten() -> str:
        return "open to all?"

    with pytest.raises(RuntimeError, match="GET /forgotten"):
        require_roles_declared(Litestar([forgotten]))
