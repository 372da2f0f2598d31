"""The OpenAPI document as served at /schema/openapi.json, read by tools nobody here wrote: the
OpenAPI 3.1 validator, and a client generator that must take every operation without a
warning. Then what a client relies on: one Problem for every error, enums and id formats,
documented headers, declared tags, and the same operations as the release before."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from openapi_spec_validator import OpenAPIV31SpecValidator

from api.app import create_app
from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings
from tests.api.clients import ReadingClient
from tests.api.conftest import DESK
from tests.directory import SECRET, TestDirectory

BEFORE = Path(__file__).with_name("openapi_operations.txt")  # METHOD path operationId
ERRORS = {"400", "401", "403", "404", "405", "409", "413", "422", "429", "500", "503"}
# neither authenticated nor rate limited: the errors they may answer (api/service_status.py)
PUBLIC = {
    "/health": {"405", "500"},
    "/ready": {"405", "500", "503"},
    "/metrics": {"405", "500"},
}
RATE = {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = tmp_path_factory.mktemp("openapi") / "duban.sqlite"
    clock = FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC))
    services = Services.open(DatabaseTarget(kind="sqlite", sqlite_path=store), clock, pool_size=2)
    app = create_app(Settings(database_url="unused://"), services=services, jwt_secret=SECRET)
    with TestClient(app) as client:
        served: dict[str, Any] = client.get("/schema/openapi.json").json()
    services.close()
    return served


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        _, _, kind, name = node["$ref"].split("/")
        node = document["components"][kind][name]
    return node


def test_the_document_passes_the_openapi_3_1_validator(document):
    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def test_a_client_is_generated_for_every_operation_without_a_warning(document, tmp_path):
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    # no post hooks: how the generated code is formatted is not what is tested here
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n")
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec)]
    command += ["--output-path", str(tmp_path / "client"), "--meta", "none"]
    run = subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        [*command, "--config", str(config)], capture_output=True, text=True, timeout=300
    )
    said = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert run.returncode == 0, said
    assert said == [f"Generating {tmp_path / 'client'}"]  # a warning would be another line
    modules = {p.stem for p in (tmp_path / "client" / "api").rglob("*.py")} - {"__init__"}
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == 97 + len(ADDED_SINCE)
    assert modules == {re.sub(r"(?<!^)(?=[A-Z])", "_", i).lower() for i in ids}
    models = {p.stem for p in (tmp_path / "client" / "models").glob("*.py")} - {"__init__"}
    assert "problem" in models
    assert not [m for m in models if re.search(r"response_[45]\d\d", m)]
    # about one per type (207, of them 21 list pages); 1,073 when each error wrote its own
    assert len(models) < 250


def test_schema_titles_are_unique_and_name_their_component(document):
    schemas = document["components"]["schemas"]
    titles = Counter(schema.get("title", name) for name, schema in schemas.items())
    assert [title for title, n in titles.items() if n > 1] == []
    assert all(schema.get("title", name) == name for name, schema in schemas.items())


def test_every_error_answer_refers_to_the_one_problem(document):
    problem = document["components"]["schemas"]["Problem"]
    fields = {"type", "title", "status", "detail", "instance", "rule", "errors"}
    assert set(problem["properties"]) == fields
    assert set(problem["required"]) == {"type", "title", "status", "detail", "rule"}
    for method, path, operation in operations(document):
        answers = operation["responses"]
        expected = PUBLIC.get(path, ERRORS)
        assert expected <= set(answers), (method, path)
        for status in set(answers) & ERRORS:
            assert answers[status]["$ref"].startswith("#/components/responses/"), (path, status)
            content = resolve(document, answers[status])["content"]
            assert content == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }


def field(document: dict[str, Any], schema: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][schema]["properties"][name]
    choices = [c for c in found.get("oneOf", [found]) if c.get("type") != "null"]
    assert len(choices) == 1
    return choices[0]


UUID_ = {"type": "string", "format": "uuid"}
# each schema's fields and what they must be: an enum component, a UUID, UUIDs, plain text
TYPED = """
IssueSummary status:IssueStatus channel:Channel category:IssueCategory light:Light id:uuid
IssueSummary project_id:uuid
ProjectSummary tier:ProjectTier stage:ProjectStage id:uuid
MilestoneSummary milestone:MilestoneKind
PairingSummary mechanism:PairingMechanism id:uuid
VisitSummary raised_issues:[uuid]
ReviewSummary subject_kind:SubjectKind status:ReviewStatus level:Level issue_id:uuid
ReviewSummary subject_id:text
SessionSeriesSummary kind:SessionKind cadence:Cadence id:uuid
SessionSummary raised_issues:[uuid]
FinancingSummary status:FinancingStatus project_id:uuid
ReviewInvitation issue_id:uuid review_id:uuid
ProjectAgainstPlan stage:ProjectStage id:uuid
UnitLights red_issues:[uuid]
AuditEntry aggregate_id:uuid
SummonsSummary grounds:SummonsGrounds status:SummonsStatus id:uuid unit_id:uuid
ParticipantSummary id:uuid
ReferralSummary status:ReferralStatus id:uuid summons_id:uuid
"""
TYPED_FIELDS = [
    (schema, *pair.split(":"))
    for schema, *pairs in (line.split(" ") for line in TYPED.strip().splitlines())
    for pair in pairs
]


def expected(kind: str) -> dict[str, Any]:
    if kind == "text":  # a review's subject_id: a unit's or official's name, or an issue's id
        return {"type": "string"}
    if kind == "[uuid]":
        return {"type": "array", "items": UUID_}
    return UUID_ if kind == "uuid" else {"$ref": f"#/components/schemas/{kind}"}


@pytest.mark.parametrize(("schema", "name", "kind"), TYPED_FIELDS)
def test_answers_name_their_enums_and_ids(document, schema, name, kind):
    assert field(document, schema, name) == expected(kind)


def test_the_enums_list_the_domain_values(document):
    schemas = document["components"]["schemas"]
    assert schemas["IssueStatus"]["enum"] == [
        "raised",
        "assigned",
        "resolved",
        "explained",
        "closed",
    ]
    assert schemas["Light"]["enum"] == ["green", "yellow", "red"]


def test_optional_query_parameters_are_left_out_never_null(document):
    for method, path, operation in operations(document):
        for parameter in operation.get("parameters", []):
            parameter = resolve(document, parameter)
            assert "null" not in json.dumps(parameter["schema"]), (method, path, parameter)
    audit = document["paths"]["/audit/events"]["get"]["parameters"]
    assert [p["schema"] for p in audit if p.get("name") == "aggregate_id"] == [UUID_]


def test_request_and_answer_headers_are_documented(document):
    for method, path, operation in operations(document):
        sent = {resolve(document, p)["name"] for p in operation["parameters"] if "$ref" in p}
        commands = {"Idempotency-Key", "X-Command-Id"} if method == "POST" else set()
        # any request but the public ones may ask to be answered at a log position
        at = {"min_position", "Duban-Min-Position"} if path not in PUBLIC else set()
        assert sent == {"X-Request-Id", *at, *commands}, (method, path)
        for status, answer in operation["responses"].items():
            if status.startswith("2"):
                headers = set(answer["headers"])
                assert "X-Request-Id" in headers, (path, status)
                assert ("Idempotent-Replayed" in headers) == (method == "POST")
                assert ("Duban-Position" in headers) == (method == "POST")
                assert (headers >= RATE) == (path not in PUBLIC), (path, status)
    too_many = document["components"]["responses"]["TooManyRequests"]["headers"]
    assert set(too_many) == {*RATE, "Retry-After"}


def test_tags_are_declared_once_each_with_their_chinese_name(document):
    declared = [tag["name"] for tag in document["tags"]]
    used = {tag for _, _, operation in operations(document) for tag in operation["tags"]}
    assert sorted(declared) == sorted(used)
    for tag in document["tags"]:
        assert re.search(r"[\u4e00-\u9fff]", tag["description"]), tag
        assert "\n" not in tag["description"]


def test_the_document_names_a_contact_and_a_licence(document):
    assert document["info"]["contact"]["name"]
    assert document["info"]["license"]["name"]
    assert "name" not in document["components"]["securitySchemes"]["BearerToken"]


# operations added by later work, each named here when it is added
ADDED_SINCE = {
    "GET /directory/officials ListOfficials",
    "GET /deadlines/pending ListDeadlinesWaitingForCalendar",
    *(
        f"POST /{collection}/{{}}/misses/withdrawal Withdraw{noun}Miss"
        for collection, noun in (
            ("projects", "Project"),
            ("issues", "Issue"),
            ("pairings", "Pairing"),
            ("session-series", "SessionSeries"),
            ("financing-matches", "FinancingMatch"),
            ("reviews", "Review"),
        )
    ),
    "POST /projects/{}/annual-plan PlanAnnualInvestment",
    "POST /projects/{}/listing ListProjectForYear",
    "POST /projects/{}/liaison AssignProjectLiaison",
    "POST /projects/{}/weekly-updates SubmitWeeklyUpdate",
    "POST /projects/{}/quarter-reports SubmitQuarterReport",
    "GET /reports/ledger.xlsx ExportIssueLedger",
    "GET /reports/monthly-dispatch.xlsx ExportMonthlyDispatch",
    "GET /reports/overdue.xlsx ExportOverdueBoard",
    "GET /reports/accountability.xlsx ExportAccountability",
    "GET /reports/circular.docx ExportCircular",
    "POST /reports/urging-notices/{} IssueUrgingNotice",
    "GET /reports/urging-notices/{}/document.docx GetUrgingNotice",
    "GET /labels GetLabels",
    "POST /session-series/{}/lead-leader NameSeriesLeadLeader",
    "GET /assessment-schemes ListAssessmentSchemes",
    "GET /assessment-schemes/{} GetAssessmentScheme",
    "POST /assessments OpenAssessment",
    "POST /assessments/{}/scores ComputeAssessmentScores",
    "POST /assessments/{}/entered-results EnterAssessmentResults",
    "POST /assessments/{}/adjustments AdjustAssessmentScore",
    "POST /assessments/{}/bonuses AwardAssessmentBonus",
    "POST /assessments/{}/publication PublishAssessment",
    "POST /assessments/{}/correction OpenAssessmentCorrection",
    "GET /assessments ListAssessments",
    "GET /assessments/{} GetAssessment",
    "GET /assessments/{}/units/{} GetAssessmentUnitScores",
    "GET /assessments/{}/lists GetAssessmentLists",
    "POST /veto-exemptions GrantVetoExemption",
    "POST /veto-exemptions/{}/revocation RevokeVetoExemption",
    "GET /veto-exemptions ListVetoExemptions",
    "POST /summonses ProposeSummons",
    "POST /summonses/{}/schedule ScheduleSummons",
    "POST /summonses/{}/held RecordSummonsHeld",
    "POST /summonses/{}/items/{}/completion CompleteRectificationItem",
    "POST /summonses/{}/acceptance AcceptRectification",
    "POST /summonses/{}/withdrawal WithdrawSummons",
    "POST /summonses/{}/misses/withdrawal WithdrawSummonsMiss",
    "GET /summonses ListSummonses",
    "GET /summonses/{} GetSummons",
    "GET /summonses/{}/events GetSummonsEvents",
    "GET /summonses/{}/timeline GetSummonsTimeline",
    "POST /referrals ReferToDisciplineInspection",
    "POST /referrals/{}/outcome RecordReferralOutcome",
    "GET /referrals ListReferrals",
    "GET /referrals/{} GetReferral",
    "GET /referrals/{}/events GetReferralEvents",
    "GET /referrals/{}/timeline GetReferralTimeline",
    "POST /directory/officials/{}/post ChangeOfficialPost",
    "POST /enterprises RegisterEnterprise",
    "POST /enterprises/{}/classification ReclassifyEnterprise",
    "POST /enterprises/{}/contacts LinkEnterpriseLeader",
    "POST /enterprises/{}/contacts/removal UnlinkEnterpriseLeader",
    "GET /enterprises ListEnterprises",
    "GET /enterprises/{} GetEnterprise",
    "GET /enterprises/{}/events GetEnterpriseEvents",
    "GET /enterprises/{}/timeline GetEnterpriseTimeline",
    "GET /coverage/leaders GetLeaderCoverage",
    "GET /coverage/industries GetIndustryCoverage",
    "POST /issues/rectification-items ListRectificationItem",
    "POST /issues/{}/transfer TransferIssue",
    "POST /issues/{}/return ReturnIssue",
    "POST /issues/{}/assisting-parts RequestAssistance",
    "POST /issues/{}/assisting-parts/{}/completion CompleteAssistingPart",
    "POST /issues/{}/reply ReplyToIssue",
    "POST /issues/{}/one-time-notice GiveOneTimeNotice",
    "GET /ready Ready",
    "GET /metrics Metrics",
}


def test_the_operations_are_those_of_the_release_before(document):
    def normalised(line: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", line)

    before = {normalised(line) for line in BEFORE.read_text().splitlines() if line.strip()}
    now = {normalised(f"{m} {p} {o['operationId']}") for m, p, o in operations(document)}
    assert len(before) == 97
    assert before <= now  # no route lost
    assert now - before == ADDED_SINCE


def test_a_rate_limited_answer_says_when_to_try_again(services, directory: TestDirectory):
    settings = Settings(database_url="unused://", rate_limit_per_minute=2)
    app = create_app(settings, services=services, jwt_secret=SECRET)
    with ReadingClient(app, services, raise_server_exceptions=False) as client:
        client.headers.update(directory.bearer(*DESK))
        first = client.get("/issues", headers={"X-Request-Id": "desk-7"})
        assert first.status_code == 200
        assert first.headers["X-Request-Id"] == "desk-7"
        assert (first.headers["RateLimit-Limit"], first.headers["RateLimit-Remaining"]) == (
            "2",
            "1",
        )
        assert client.get("/issues").status_code == 200
        refused = client.get("/issues")
    assert refused.status_code == 429
    assert refused.headers["RateLimit-Remaining"] == "0"
    assert 0 < int(refused.headers["Retry-After"]) <= 60
