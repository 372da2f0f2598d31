"""What each event did, in Chinese, given the item it did it to ("问题「…」"): the middle of an
audit description (projections/descriptions.py adds who did it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.briefing import SessionKind
from domain.financing_match import Feedback
from domain.labels import label_of
from domain.pairing import PairingMechanism
from domain.review import Level, Rectification, SubjectKind
from domain.values import Construction, ListLevel, MilestoneKind, ProjectStage

Line = Callable[[Any, str], str]


def reason(e: Any) -> str:
    return f"（理由：{e.reason}）" if getattr(e, "reason", None) else ""


def _on(e: Any) -> str:
    return f"于 {e.business_date} " if getattr(e, "business_date", None) else ""


def yuan(amount: int) -> str:
    """Money as offices write it: 35亿元, 8000万元, or whole yuan."""
    if amount and amount % 100_000_000 == 0:
        return f"{amount // 100_000_000}亿元"
    if amount and amount % 10_000 == 0:
        return f"{amount // 10_000}万元"
    return f"{amount}元"


def deadline_label(key: str) -> str:
    """A deadline's key ("time_limit", "commitment:2", "visit:2026-10") as a person says it."""
    kind, _, rest = key.partition(":")
    if kind == "commitment":
        return f"第{rest}项承诺"
    if kind == "milestone":
        return f"计划{label_of(MilestoneKind, rest)}节点"
    if kind in ("visit", "session"):
        year, _, part = rest.partition("-")
        when = f"{year}年第{part[1:]}季度" if part.startswith("Q") else f"{year}年{int(part)}月"
        return when + ("走访服务" if kind == "visit" else "活动")
    if kind == "rectification":
        return f"第{rest}项整改事项"
    if kind == "progress":
        year, _, half = rest.partition("-")
        return f"{year}年{'上' if half == 'H1' else '下'}半年宣讲进展报送"
    if kind == "assist":
        return f"第{rest}项协办事项时限"
    fixed = {
        "acceptance": "受理时限",
        "reply": "书面答复期限",
        "time_limit": "办理时限",
        "urged_limit": "督办限期",
        "feedback": "银行反馈",
        "bridge_loan": "应急转贷还款",
        "answer": "差评核实整改回访",
    }
    return fixed.get(key, key)


def _addressees(e: Any) -> str:
    return "、".join(
        f"{a['name']}（{a['post']}）" if a.get("post") else a["name"] for a in e.addressees
    )


def _progress(e: Any, it: str) -> str:
    month = f"，本月完成 {yuan(e.month_investment)}" if e.month_investment is not None else ""
    image = f"，形象进度：{e.image_progress}" if e.image_progress else ""
    return (
        f"报送{it}截至 {e.month} 累计完成投资 {yuan(e.investment_to_date)}{month}{image}"
        + reason(e)
    )


def _carried_over(e: Any, it: str) -> str:
    people = [
        f"包抓领导 {e.leader}" if e.leader else "",
        f"服务联络员 {e.liaison}" if e.liaison else "",
    ]
    if e.team:
        people.append(f"服务团队（{'、'.join(e.team)}）")
    named = "、".join(p for p in people if p) or "帮扶安排"
    return f"{it}投产运营，{named}保持不变（一包到底）"


def _urging(e: Any, it: str) -> str:
    limit = f"，限期 {e.new_time_limit} 前办结" if e.new_time_limit else ""
    return f"就{it}下发督办通知 {e.number}，送 {_addressees(e)}{limit}"


REPLY_RULES = {"complaint": "投诉答复", "negotiation": "洽谈项目答复", "promised": "承诺答复"}
ITEM_LINES: dict[str, Line] = {
    "Issue.Assigned": lambda e, it: (
        f"将{it}交办给 {e.responsible_unit} {e.responsible_person}，办理时限 {e.time_limit}"
    ),
    "Issue.ProgressNoted": lambda e, it: f"{_on(e)}报送{it}办理进展：{e.note}",
    "Issue.TimeLimitExtended": lambda e, it: (
        f"将{it}办理时限延长至 {e.new_limit}（批准人：{e.approver}）{reason(e)}"
    ),
    "Issue.Escalated": lambda e, it: f"将{it}提级至{e.to_level}办理{reason(e)}",
    "Issue.Resolved": lambda e, it: f"{_on(e)}办结{it}：{e.resolution}",
    "Issue.Explained": lambda e, it: f"{_on(e)}就{it}向企业作出解释：{e.explanation}",
    "Issue.ClosedOut": lambda e, it: f"{_on(e)}将{it}销号（企业确认：{e.confirmed_by}）",
    "Issue.Reopened": lambda e, it: f"将{it}重新交办，办理时限 {e.time_limit}{reason(e)}",
    "Issue.UrgingNoticeIssued": _urging,
    "Issue.Transferred": lambda e, it: (
        f"将{it}由 {e.from_unit} 转办给 {e.responsible_unit} {e.responsible_person}，"
        f"办理时限 {e.time_limit or '待计算'}{reason(e)}"
    ),
    "Issue.Returned": lambda e, it: f"将{it}退回 {e.to_unit or '交办单位'} 重新交办{reason(e)}",
    "Issue.AssistanceRequested": lambda e, it: (
        f"明确 {e.assisting_unit} {e.assisting_person} 协办{it}：{e.part}，时限 {e.due}"
    ),
    "Issue.AssistingPartCompleted": lambda e, it: (
        f"{_on(e)}办结{it}第{e.number}项协办事项：{e.answer}"
    ),
    "Issue.ReplyOwed": lambda e, it: (
        f"明确{it}须于 {e.reply_by or '待计算'} 前书面答复企业（{REPLY_RULES.get(e.rule, e.rule)}）"
    ),
    "Issue.Replied": lambda e, it: f"{_on(e)}就{it}书面答复企业：{e.answer}",
    "Issue.OneTimeNoticeGiven": lambda e, it: f"就{it}一次性告知企业须补齐：{'、'.join(e.items)}",
    "Project.Registered": lambda e, it: (
        f"登记{it}（{e.enterprise_name}，总投资 {yuan(e.total_investment)}"
        + ("，续建" if e.construction == "continuing" else "")
        + ("，房地产项目" if e.real_estate else "")
        + "）"
    ),
    "Project.LeadLeaderAssigned": lambda e, it: f"明确 {e.leader} 为{it}包抓领导",
    "Project.TeamMemberAdded": lambda e, it: f"将 {e.member} 充实到{it}服务团队",
    "Project.TeamMemberRemoved": lambda e, it: f"将 {e.member} 调整出{it}服务团队{reason(e)}",
    "Project.PlanAdopted": lambda e, it: (
        f"确定{it}推进计划：开工 {e.start}，竣工 {e.completion}，投产 {e.commissioning}" + reason(e)
    ),
    "Project.MilestoneReached": lambda e, it: (
        f"记录{it}于 {e.reached_on} 完成{label_of(MilestoneKind, e.milestone)}节点"
    ),
    "Project.StageAdvanced": lambda e, it: (
        f"将{it}由{label_of(ProjectStage, e.from_stage)}推进至"
        f"{label_of(ProjectStage, e.to_stage)}阶段"
    ),
    "Project.Suspended": lambda e, it: f"暂停{it}{reason(e)}",
    "Project.Resumed": lambda e, it: f"恢复推进{it}，回到{label_of(ProjectStage, e.to_stage)}阶段",
    "Project.Cancelled": lambda e, it: f"终止{it}{reason(e)}",
    "Project.ProgressReported": _progress,
    "Project.AnnualInvestmentPlanned": lambda e, it: (
        f"下达{it} {e.year} 年度计划投资 {yuan(e.amount)}{reason(e)}"
    ),
    "Project.Listed": lambda e, it: (
        f"将{it}列入 {e.year} 年{label_of(ListLevel, e.level)}"
        f"（{label_of(Construction, e.construction)}）{reason(e)}"
    ),
    "Project.LiaisonAssigned": lambda e, it: f"明确 {e.liaison} 为{it}服务联络员{reason(e)}",
    "Project.WeeklyUpdateSubmitted": lambda e, it: (
        f"{_on(e)}更新{it} {e.week} 周进展：{e.summary}{reason(e)}"
    ),
    "Project.QuarterReportSubmitted": lambda e, it: (
        f"{_on(e)}报送{it} {e.quarter} 季度工作情况：{e.summary}{reason(e)}"
    ),
    "Project.ServiceCarriedOver": _carried_over,
    "Pairing.Established": lambda e, it: (
        f"建立{it}（{e.official_unit}，{label_of(PairingMechanism, e.mechanism)}），"
        f"每月走访不少于 {e.visits_per_month} 次"
    ),
    "Pairing.VisitLogged": lambda e, it: (
        f"记录{it}第 {e.number} 次走访（{e.visited_on}，{e.form}），发现问题 {len(e.findings)} 个"
    ),
    "Pairing.OfficialReassigned": lambda e, it: (
        f"将{it}帮扶干部调整为 {e.official_unit} {e.official}{reason(e)}"
    ),
    "Pairing.Ended": lambda e, it: f"于 {e.ended_on} 结束{it}{reason(e)}",
    "SessionSeries.Established": lambda e, it: (
        f"建立{it}（{e.owner_unit}，{label_of(SessionKind, e.kind)}），自 {e.start} 起"
    ),
    "SessionSeries.SessionPlanned": lambda e, it: (
        f"安排{it}第 {e.number} 次活动于 {e.planned_on} 举行：{e.topic}"
    ),
    "SessionSeries.SessionRescheduled": lambda e, it: (
        f"将{it}第 {e.number} 次活动调整至 {e.planned_on}{reason(e)}"
    ),
    "SessionSeries.SessionCancelled": lambda e, it: f"取消{it}第 {e.number} 次活动{reason(e)}",
    "SessionSeries.SessionHeld": lambda e, it: (
        f"于 {e.held_on} 举行{it}第 {e.number} 次活动，参加 {e.attendance} 人，"
        f"收集问题 {len(e.questions)} 个"
    ),
    "SessionSeries.BriefingProgressReported": lambda e, it: (
        f"报送{it}{deadline_label('progress:' + e.period)[:-2]}：已开展 {e.sessions_held} 场"
    ),
    "FinancingMatch.NeedRegistered": lambda e, it: (
        f"登记{it}（用途：{e.purpose}，期限 {e.term_months} 个月）"
    ),
    "FinancingMatch.RecommendedToBank": lambda e, it: (
        f"将{it}推送至 {e.bank}（{e.bank_head}），反馈期限 {e.feedback_due}"
    ),
    "FinancingMatch.FeedbackRecorded": lambda e, it: (
        f"记录银行对{it}的反馈：{label_of(Feedback, e.feedback)}"
        + (f"，{e.note}" if e.note else "")
        + reason(e)
    ),
    "FinancingMatch.CreditApproved": lambda e, it: (
        f"记录{it}获批授信 {yuan(e.amount)}，年利率 {e.rate_bp / 100:.2f}%"
    ),
    "FinancingMatch.LoanDisbursed": lambda e, it: f"{_on(e)}记录{it}放款 {yuan(e.amount)}",
    "FinancingMatch.Closed": lambda e, it: f"办结{it}{reason(e)}",
    "FinancingMatch.BridgeLoanGranted": lambda e, it: (
        f"为{it}发放应急转贷 {yuan(e.amount)}，到期日 {e.due_date}"
    ),
    "FinancingMatch.BridgeLoanRepaid": lambda e, it: f"记录{it}归还应急转贷 {yuan(e.amount)}",
    "Review.Submitted": lambda e, it: (
        f"记录对{label_of(SubjectKind, e.subject_kind)}「{e.subject_id}」"
        f"（{e.subject_unit}）的评价：{label_of(Level, e.level)}"
    ),
    "Review.Verified": lambda e, it: f"核实{it}",
    "Review.Rectified": lambda e, it: f"对{it}采取整改：{label_of(Rectification, e.method)}",
    "Review.ReturnVisited": lambda e, it: (
        f"回访{it}：{'评价人满意' if e.satisfied else '评价人仍不满意'}"
    ),
    "Review.Appealed": lambda e, it: f"就{it}提出申诉{reason(e)}",
    "Review.AppealDecided": lambda e, it: (
        f"裁定{it}的申诉{'成立' if e.upheld else '不成立'}{reason(e)}"
    ),
    "Unit.Registered": lambda e, it: f"登记{it}",
    "Official.Moved": lambda e, it: f"调动{it}的工作单位{reason(e)}",
    "DocumentNumbers.Opened": lambda e, it: f"启用{it}",
    "DocumentNumbers.NumberTaken": lambda e, it: f"取用文号 {e.number}",
}
