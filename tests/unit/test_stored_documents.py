"""Read models keep each aggregate's summary as a JSON document. The summaries now name their
enums and ids by type; a document stored before that reads back typed and writes out again
byte for byte, so no stored row changes."""

from __future__ import annotations

import json
from uuid import UUID

import msgspec
import pytest

from domain.briefing import SessionKind
from domain.financing_match import FinancingStatus
from domain.pairing import PairingMechanism
from domain.review import Level, ReviewStatus, SubjectKind
from domain.values import Channel, IssueCategory, IssueStatus, MilestoneKind, ProjectStage
from projections.financing_register import FinancingSummary
from projections.pairing_register import PairingSummary
from projections.review_register import ReviewSummary
from projections.session_register import SessionSeriesSummary
from projections.summaries import IssueSummary, ProjectSummary

# documents as a release before the typed summaries stored them (trimmed to a few entries)
ISSUE = (
    '{"id":"c7933dac-2e19-4da6-860c-411c48325a82","status":"assigned","channel":"meeting",'
    '"category":"financing","enterprise_code":"91510800MA000002XH","enterprise_name":"川北高端装备",'
    '"project_id":"f4671a3f-259c-4abd-b641-3ed2fdd71df6","description":"设备购置贷款授信额度不足",'
    '"source_kind":null,"source_ref":null,"responsible_unit":"市地方金融监管局",'
    '"responsible_person":"陈静","time_limit":"2026-03-21","escalations":["市政府"],'
    '"progress_count":1,"last_progress_note":"已赴企业现场核实","outcome":null,"confirmed_by":null,'
    '"reopen_count":0,"commitments":[],"raised_at":"2026-03-06T01:00:00Z",'
    '"updated_at":"2026-03-15T03:03:00Z","version":4,"light":null}'
)
PROJECT = (
    '{"id":"552ad0b7-bdda-4f84-a30c-99d05dc3190d","name":"嘉陵江文旅康养综合体",'
    '"enterprise_name":"嘉陵文旅康养发展有限公司","enterprise_code":"91510800MA000004XK",'
    '"region_code":"510802","sector":"文化旅游","total_investment":250000000,'
    '"tier":"over_100_million","stage":"reserve","lead_leader":"马骏","team":["周敏"],'
    '"milestones":[{"milestone":"start","planned":"2026-04-30","reached_on":null}],'
    '"progress":[{"month":"2026-01","investment_to_date":6250000}],"commitments":[],'
    '"registered_at":"2026-01-15T01:54:00Z","updated_at":"2026-11-05T07:07:00Z","version":14}'
)
REVIEW = (
    '{"id":"a82f7b60-3064-479a-af66-53fe63ce6afa","subject_kind":"unit",'
    '"subject_id":"市自然资源和规划局","subject_unit":"市自然资源和规划局","channel":"天府通办",'
    '"level":5,"bad":true,"comment":"材料多次补正","aspects":{"efficiency":1,"style":2},'
    '"status":"answered","answer_by":"2026-04-21","issue_id":"02ecd57b-4624-4bce-81fd-bea7f1c8b329",'
    '"return_satisfied":true,"submitted_at":"2026-04-12T06:15:00Z",'
    '"updated_at":"2026-04-18T02:18:00Z","version":4}'
)
PAIRING = (
    '{"id":"241589dd-5fae-4826-a8cc-9bd4f5f824cd","mechanism":"department_head_enterprise",'
    '"official":"胡斌","official_unit":"市经济和信息化局","enterprise_code":"91510800MA000008XP",'
    '"enterprise_name":"昭化纺织有限公司","visits_per_month":1,"start":"2026-01-05",'
    '"ended_on":null,"visits":[{"number":7,"visited_on":"2026-08-09",'
    '"raised_issues":["6f54ba8b-dc1e-4017-8258-1ef5af072106"]}],'
    '"established_at":"2026-01-05T01:38:00Z","updated_at":"2026-10-09T07:46:00Z","version":10}'
)
SERIES = (
    '{"id":"c9dd87f8-2226-4c6d-b9dd-0f79fbb26815","unit":"市地方金融监管局",'
    '"kind":"bank_enterprise_matchmaking","cadence":"quarterly","title":"2026年对接会",'
    '"start":"2026-01-01","sessions":[{"number":2,"planned_on":"2026-06-20","topic":"惠企政策",'
    '"status":"held","held_on":"2026-06-20",'
    '"raised_issues":["8abf51bf-b9de-4828-9de7-94c11264b550"]}],"progress_reports":{},'
    '"commitments":[],"established_at":"2026-01-02T01:03:00Z",'
    '"updated_at":"2026-06-20T07:07:00Z","version":5}'
)
FINANCING = (
    '{"id":"0e7a3b9b-8e2e-45e9-bbb2-b4d72b307125","enterprise_code":"91510800MA000009XQ",'
    '"enterprise_name":"朝天精细化工有限公司","project_id":null,"amount":30000000,'
    '"purpose":"设备购置及流动资金","term_months":36,"status":"registered","bank":null,'
    '"bank_head":null,"feedback_due":null,"approved":0,"disbursed":0,"bridge_outstanding":0,'
    '"bridge_due":null,"registered_at":"2026-06-01T01:30:00Z",'
    '"updated_at":"2026-07-03T02:32:00Z","version":3}'
)


@pytest.mark.parametrize(
    ("stored", "kind"),
    [
        (ISSUE, IssueSummary),
        (REVIEW, ReviewSummary),
        (PAIRING, PairingSummary),
        (SERIES, SessionSeriesSummary),
        (FINANCING, FinancingSummary),
    ],
)
def test_a_stored_document_writes_out_again_byte_for_byte(stored: str, kind: type) -> None:
    assert msgspec.json.encode(msgspec.json.decode(stored, type=kind)).decode() == stored


def test_a_project_document_stored_before_the_register_fields_reads_back_with_defaults():
    """The register's fields (read model version 2, which remakes every row) are new: a row
    stored before them still decodes, and writes out again with every old field as it was and
    the new ones at their defaults."""
    again = json.loads(msgspec.json.encode(msgspec.json.decode(PROJECT, type=ProjectSummary)))
    old = json.loads(PROJECT)
    assert {k: again[k] for k in old if k != "progress"} == {
        k: v for k, v in old.items() if k != "progress"
    }
    assert again["progress"] == [
        {**old["progress"][0], "month_investment": None, "image_progress": ""}
    ]
    assert {k: again[k] for k in set(again) - set(old)} == {
        "real_estate": False,
        "construction": "new_start",
        "liaison": None,
        "listings": [],
        "annual_plans": [],
        "weekly_updates": [],
        "quarter_reports": [],
        "carried_over_on": None,
    }


def test_a_stored_document_reads_back_with_its_enums_and_ids_typed() -> None:
    issue = msgspec.json.decode(ISSUE, type=IssueSummary)
    assert issue.id == UUID("c7933dac-2e19-4da6-860c-411c48325a82")
    assert issue.project_id == UUID("f4671a3f-259c-4abd-b641-3ed2fdd71df6")
    assert (issue.status, issue.channel, issue.category) == (
        IssueStatus.ASSIGNED,
        Channel.MEETING,
        IssueCategory.FINANCING,
    )
    project = msgspec.json.decode(PROJECT, type=ProjectSummary)
    assert project.stage is ProjectStage.RESERVE
    assert project.milestones[0].milestone is MilestoneKind.START
    review = msgspec.json.decode(REVIEW, type=ReviewSummary)
    assert (review.subject_kind, review.level, review.status) == (
        SubjectKind.UNIT,
        Level.VERY_DISSATISFIED,
        ReviewStatus.ANSWERED,
    )
    assert review.subject_id == "市自然资源和规划局"  # free text, not an id
    pairing = msgspec.json.decode(PAIRING, type=PairingSummary)
    assert pairing.mechanism is PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE
    assert pairing.visits[0].raised_issues == [UUID("6f54ba8b-dc1e-4017-8258-1ef5af072106")]
    series = msgspec.json.decode(SERIES, type=SessionSeriesSummary)
    assert series.kind is SessionKind.BANK_ENTERPRISE_MATCHMAKING
    assert (
        msgspec.json.decode(FINANCING, type=FinancingSummary).status is FinancingStatus.REGISTERED
    )
