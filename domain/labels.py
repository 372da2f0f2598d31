"""The ubiquitous language in Chinese: the label of every enum member, escalation step and
event type, as supervision offices write them in ledgers, notices and circulars.

API identifiers stay English ("hotline_12345"); what a person reads comes from here
("12345热线"). Terms follow the seeds and the usage of Chinese local governments: 交办, 办结,
销号, 督办通知, 通报. A spreadsheet may give either the label or the identifier
(``member_for``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from domain.assessment_scheme import FigureName, Formula, Grade, PeriodKind, RequirementKind
from domain.briefing import SessionKind
from domain.calendar import DayCount, Light
from domain.directory import UnitLevel
from domain.financing_match import Feedback, FinancingStatus
from domain.pairing import PairingMechanism
from domain.periods import Cadence
from domain.posts import Rank
from domain.referral import ReferralStatus
from domain.review import Level, Rectification, ReviewStatus, SubjectKind
from domain.rule_labels import RULE_LABELS
from domain.summons import SummonsGrounds, SummonsStatus
from domain.values import (
    Channel,
    Construction,
    IssueCategory,
    IssueStatus,
    ListLevel,
    MilestoneKind,
    ProjectStage,
    ProjectTier,
)

E = TypeVar("E", bound=Enum)

ENUM_LABELS: Mapping[type[Enum], Mapping[object, str]] = {
    Channel: {
        "visit": "走访调研",
        "meeting": "会议座谈",
        "online_platform": "网络平台",
        "hotline_12345": "12345热线",
        "mayors_mailbox": "书记市长信箱",
        "association": "商会协会",
        "third_party": "第三方机构",
        "supervisor": "营商环境监督员",
        "mayors_express": "市长直通车",
        "industry_department": "行业部门",
        "leader_assigned": "领导交办",
        "self_rectification": "自查整改",
    },
    IssueCategory: {
        "land": "用地",
        "environmental_approval": "环评审批",
        "financing": "融资",
        "tax_and_fees": "税费",
        "labour": "用工",
        "utilities": "水电气要素保障",
        "permits": "行政审批",
        "logistics": "交通物流",
        "policy_not_honoured": "政策兑现",
        "other": "其他",
    },
    IssueStatus: {
        "raised": "已受理",
        "assigned": "已交办",
        "resolved": "已办结",
        "explained": "已解释",
        "closed": "已销号",
    },
    ProjectStage: {
        "reserve": "储备",
        "negotiation": "洽谈",
        "signed": "签约",
        "under_construction": "开工建设",
        "completed": "竣工",
        "operating": "投产运营",
        "suspended": "暂停",
        "cancelled": "终止",
    },
    MilestoneKind: {"start": "开工", "completion": "竣工", "commissioning": "投产"},
    ListLevel: {"province": "省列重大项目", "city": "市列重大项目"},
    Construction: {"new_start": "新开工", "continuing": "续建"},
    ProjectTier: {
        "over_1_billion": "10亿元以上",
        "over_500_million": "5亿元至10亿元",
        "over_100_million": "1亿元至5亿元",
        "over_10_million": "1000万元至1亿元",
    },
    SessionKind: {
        "policy_briefing": "政策宣讲",
        "consultation_meeting": "问题会商会",
        "quarterly_dispatch_meeting": "季度调度推进会",
        "entrepreneur_talk": "企业家恳谈会",
        "on_site_office_meeting": "现场办公会",
        "bank_enterprise_matchmaking": "银企对接会",
    },
    PairingMechanism: {
        "department_head_enterprise": "部门负责人结对帮扶企业",
        "leader_key_enterprise": "领导包联重点企业",
        "one_enterprise_one_department": "投产企业一企一部门帮扶",
    },
    Level: {1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意"},
    SubjectKind: {
        "unit": "单位",
        "window": "服务窗口",
        "official": "工作人员",
        "issue": "问题办理",
    },
    Rectification: {
        "fixed_at_once": "立行立改",
        "ledger": "列入台账限期整改",
        "explained": "解释说明",
    },
    ReviewStatus: {
        "good": "好评",
        "submitted": "差评待核实",
        "verified": "差评已核实",
        "rectified": "已整改",
        "answered": "已回访",
        "appealed": "申诉中",
        "set_aside": "申诉成立已剔除",
    },
    FinancingStatus: {
        "registered": "已登记",
        "recommended": "已推送银行",
        "declined": "银行未采纳",
        "approved": "已授信",
        "closed": "已办结",
    },
    Feedback: {"interested": "有意向", "needs_information": "需补充材料", "declined": "不予支持"},
    UnitLevel: {1: "省级", 2: "市级", 3: "县（市、区）级", 4: "部门"},
    Rank: {
        "provincial_principal": "省部级正职",
        "provincial_deputy": "省部级副职",
        "bureau_principal": "厅局级正职",
        "bureau_deputy": "厅局级副职",
        "division_principal": "县处级正职",
        "division_deputy": "县处级副职",
        "section_principal": "乡科级正职",
        "section_deputy": "乡科级副职",
        "staff": "科员",
    },
    Light: {"red": "红灯", "yellow": "黄灯", "green": "绿灯"},
    DayCount: {"working_days": "工作日", "calendar_days": "自然日", "explicit": "指定日期"},
    Cadence: {"monthly": "每月", "quarterly": "每季度"},
    Grade: {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"},
    PeriodKind: {"annual": "年度考核", "half_year": "年中考评", "quarter": "季度考核"},
    Formula: {"rate": "比率计分", "deduct": "扣分制"},
    RequirementKind: {
        "sessions": "按期召开会议",
        "pairing_visits": "包联企业按月走访",
        "briefing_progress": "按时报送宣讲进展",
    },
    FigureName: {
        "resolution_rate": "问题办结率",
        "on_time_rate": "按期办结率",
        "close_out_rate": "问题销号率",
        "satisfaction_rate": "好差评满意率",
        "rectification_rate": "差评整改率",
        "commitments_broken": "承诺未兑现件数",
        "months_without_visit": "包联企业未走访月数",
        "sessions_missed": "应开未开会议期数",
        "financing_feedback_missed": "银企对接逾期未反馈次数",
    },
    SummonsGrounds: {"bottom_two_years": "连续两年考核排名末位", "supervisor": "督查室提议"},
    SummonsStatus: {
        "proposed": "拟约谈",
        "scheduled": "已安排约谈",
        "held": "已约谈，限期整改中",
        "closed": "整改已验收",
        "withdrawn": "已撤销",
    },
    ReferralStatus: {"referred": "已移交，待反馈", "concluded": "已反馈处理结果"},
}

# values kept as plain strings in the domain (the ladder's steps come from its settings file)
ESCALATION_STEPS = {"urging_notice": "督办通知", "circular": "通报", "summons": "约谈"}
COMMITMENT_STATUSES = {"open": "未到期", "kept": "已兑现", "broken": "未兑现"}
SESSION_STATUSES = {"planned": "计划召开", "held": "已召开", "cancelled": "已取消"}
REVIEW_ASPECTS = {
    "promises": "招商承诺兑现",
    "policies": "优惠政策落实",
    "style": "工作作风",
    "efficiency": "办事效率",
    "openness": "政务公开",
    "lawful": "依法行政",
    "integrity": "廉洁从政",
}

# every event type by its aggregate; events every aggregate shares are keyed by name alone
EVENT_LABELS: Mapping[str, str] = {
    "Issue.Raised": "登记问题",
    "Issue.Assigned": "受理交办",
    "Issue.ProgressNoted": "报送办理进展",
    "Issue.TimeLimitExtended": "延长办理时限",
    "Issue.Escalated": "提级办理",
    "Issue.Resolved": "办结",
    "Issue.Explained": "解释说明",
    "Issue.ClosedOut": "销号",
    "Issue.Reopened": "重新交办",
    "Issue.UrgingNoticeIssued": "下发督办通知",
    "Issue.Transferred": "转办",
    "Issue.Returned": "退回",
    "Issue.AssistanceRequested": "明确协办单位",
    "Issue.AssistingPartCompleted": "协办事项办结",
    "Issue.ReplyOwed": "明确答复期限",
    "Issue.Replied": "书面答复",
    "Issue.OneTimeNoticeGiven": "一次性告知",
    "Project.Registered": "项目入库",
    "Project.LeadLeaderAssigned": "明确包抓领导",
    "Project.TeamMemberAdded": "充实服务团队",
    "Project.TeamMemberRemoved": "调整服务团队",
    "Project.PlanAdopted": "确定推进计划",
    "Project.MilestoneReached": "完成计划节点",
    "Project.StageAdvanced": "推进项目阶段",
    "Project.Suspended": "暂停项目",
    "Project.Resumed": "恢复推进",
    "Project.Cancelled": "终止项目",
    "Project.ProgressReported": "报送月度进度",
    "Project.AnnualInvestmentPlanned": "下达年度计划投资",
    "Project.Listed": "列入年度重大项目表",
    "Project.LiaisonAssigned": "明确服务联络员",
    "Project.WeeklyUpdateSubmitted": "周调度更新",
    "Project.QuarterReportSubmitted": "报送季度工作情况",
    "Project.ServiceCarriedOver": "投产后帮扶延续（一包到底）",
    "Pairing.Established": "建立结对帮扶",
    "Pairing.VisitLogged": "记录走访服务",
    "Pairing.OfficialReassigned": "调整帮扶干部",
    "Pairing.Ended": "结束结对帮扶",
    "SessionSeries.Established": "建立活动机制",
    "SessionSeries.SessionPlanned": "安排活动",
    "SessionSeries.SessionRescheduled": "调整活动时间",
    "SessionSeries.SessionCancelled": "取消活动",
    "SessionSeries.SessionHeld": "召开活动",
    "SessionSeries.BriefingProgressReported": "报送宣讲进展",
    "SessionSeries.LeadLeaderNamed": "明确牵头领导",
    "Assessment.Opened": "启动考核",
    "Assessment.ScoresRecorded": "记录考核得分",
    "Assessment.ScoreAdjusted": "调整考核得分",
    "Assessment.BonusAwarded": "考核加分",
    "Assessment.Published": "公布考核结果",
    "Assessment.CorrectionOpened": "启动考核结果更正",
    "Assessment.SummonsProposed": "提出约谈建议",
    "VetoExemption.Granted": "同意情况说明（免于否决）",
    "VetoExemption.Revoked": "撤销免于否决",
    "VetoExemption.GrantedAgain": "重新同意情况说明",
    "FinancingMatch.NeedRegistered": "登记融资需求",
    "FinancingMatch.RecommendedToBank": "推送银行",
    "FinancingMatch.FeedbackRecorded": "记录银行反馈",
    "FinancingMatch.CreditApproved": "授信获批",
    "FinancingMatch.LoanDisbursed": "贷款发放",
    "FinancingMatch.Closed": "融资需求办结",
    "FinancingMatch.BridgeLoanGranted": "发放应急转贷",
    "FinancingMatch.BridgeLoanRepaid": "归还应急转贷",
    "Review.Submitted": "提交评价",
    "Review.Verified": "核实差评",
    "Review.Rectified": "整改差评",
    "Review.ReturnVisited": "差评回访",
    "Review.Appealed": "申诉差评",
    "Review.AppealDecided": "裁定申诉",
    "Unit.Registered": "登记单位",
    "Official.Registered": "登记工作人员",
    "Official.Moved": "调动工作单位",
    "Official.PostChanged": "调整职务职级",
    "Enterprise.Registered": "登记企业",
    "Enterprise.Reclassified": "调整企业分类",
    "Enterprise.LeaderLinked": "明确联系领导",
    "Enterprise.LeaderUnlinked": "取消联系领导",
    "DocumentNumbers.Opened": "启用文号",
    "DocumentNumbers.NumberTaken": "取用文号",
    "Summons.Proposed": "提出约谈建议",
    "Summons.Scheduled": "安排约谈",
    "Summons.Held": "进行约谈",
    "Summons.ItemCompleted": "完成整改事项",
    "Summons.RectificationAccepted": "整改验收",
    "Summons.Withdrawn": "撤销约谈",
    "Referral.Referred": "移交纪检监察机关",
    "Referral.OutcomeRecorded": "记录调查处理结果",
    "CommitmentMade": "作出承诺",
    "CommitmentKept": "兑现承诺",
    "CommitmentBroken": "承诺未兑现",
    "DeadlineMissed": "逾期未办",
    "MissWithdrawn": "撤销逾期认定",
    "DeadlinePending": "时限待计算",
    "DeadlineCounted": "计算时限",
    "EscalationStepTaken": "启动督办程序",
}

AGGREGATE_LABELS = {
    "Issue": "问题",
    "Project": "项目",
    "Pairing": "结对帮扶",
    "SessionSeries": "活动机制",
    "FinancingMatch": "融资需求",
    "Review": "评价",
    "Unit": "单位",
    "Official": "工作人员",
    "Enterprise": "企业",
    "DocumentNumbers": "文号登记",
    "Assessment": "考核",
    "VetoExemption": "一票否决情况说明",
    "Summons": "约谈",
    "Referral": "问题线索",
}


def label(member: Enum) -> str:
    """The Chinese label of an enum member. Keyed by enum and value, not by member: members
    of different enums with equal values ("declined") compare equal as strings."""
    return ENUM_LABELS[type(member)][member.value]


def label_of(enum: type[Enum], value: object) -> str:
    """The label of a stored value (events keep plain strings), or the value itself when the
    enum does not know it, so a record written under older rules still reads."""
    return ENUM_LABELS[enum].get(value, str(value))


def member_for(enum: type[E], text: str) -> E:
    """The member a person wrote, by its label or its identifier; ValueError if neither."""
    wanted = text.strip()
    for value, name in ENUM_LABELS[enum].items():
        if wanted in (name, str(value)):
            return enum(value)
    raise ValueError(f"{wanted!r} is none of {list(ENUM_LABELS[enum].values())}")


def rule_label(rule: str) -> str:
    """A refusal's rule in Chinese (the slug itself for a rule not in the table)."""
    return RULE_LABELS.get(rule, rule)


def event_label(aggregate: str, event: str) -> str:
    return EVENT_LABELS.get(f"{aggregate}.{event}") or EVENT_LABELS.get(event, event)
