"""The demo's assessments: the 2025 year-end results entered from the paper record, the
2026 mid-year review (年中考评) computed, published and corrected once, and the 2026 year-end
assessment computed from the year's record in January 2027; the exemption of the on-site
meeting cancelled for the August flood emergency; and the deadline watcher looking every
working day, so misses are recorded the working day after they happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from uuid import UUID

from application.assessments import EnteredResult
from demo.scenario import Scenario, ctx

OFFICE = ctx("许晓燕", "市政府督查室")
APPROVER = "王建国"  # the vice-mayor who approves adjustments, bonuses and exemptions
ASSESSED = [
    "市发展改革委",
    "市经济和信息化局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房城乡建设局",
    "市人力资源社会保障局",
    "市地方金融管理局",
    "市交通运输局",
    "市营商环境建设局",
    "市投资促进局",
    "市商务局",
    "市工商联",
    "市行政审批局",
    "市文化广电旅游局",
]
# the 2025 year-end totals as the paper record gives them (示范考〔2026〕2号)
RESULTS_2025 = [88.5, 90.5, 86.0, 84.5, 85.0, 78.5, 87.0, 81.0, 92.0, 86.5, 85.5, 89.0, 90.0, 83.5]
PROVINCIAL = "四川省2026年省重点项目名单（年产5万吨锂电池正极材料产业园）"


def _units(s: Scenario) -> list[UUID]:
    return [s.units[name] for name in ASSESSED]


def schedule_assessments(s: Scenario) -> None:
    ids: dict[str, UUID] = {}

    def open_(period: str, title: str) -> None:
        made = s.office.open_assessment(OFFICE, period=period, title=title, unit_ids=_units(s))
        ids[period] = made.id

    def enter_2025() -> None:
        results = [EnteredResult(u, t) for u, t in zip(_units(s), RESULTS_2025, strict=True)]
        s.office.enter_results(OFFICE, ids["2025"], document="示范考〔2026〕2号", results=results)

    def bonus(period: str) -> None:
        s.office.award_bonus(
            OFFICE,
            ids[period],
            unit_id=s.units["市发展改革委"],
            bonus="provincial_key_project",
            points=2.0,
            evidence=PROVINCIAL,
            approver_id=s.people[APPROVER],
            reason="牵头服务的项目列入省重点项目",
        )

    def exempt() -> None:
        s.office.grant_veto_exemption(
            OFFICE,
            unit_id=s.units["市营商环境建设局"],
            requirement="on_site_office_meetings",
            period="2026-08",
            document="关于8月现场办公会因防汛应急取消的情况说明",
            approver_id=s.people[APPROVER],
            reason="8月全市启动防汛应急响应，现场办公会依规取消，9月已补开",
        )

    def publish(period: str, document: str) -> None:
        s.office.publish_assessment(OFFICE, ids[period], document=document)

    s.at(date(2026, 1, 12), 9, lambda: open_("2025", "2025年度政企互动工作绩效考评"))
    s.at(date(2026, 1, 13), 9, enter_2025)
    s.at(
        date(2026, 1, 15),
        9,
        partial(publish, "2025", "示范考〔2026〕2号"),
    )
    s.at(date(2026, 7, 6), 9, lambda: open_("2026-H1", "2026年上半年政企互动工作考评"))
    s.at(date(2026, 7, 13), 9, lambda: s.office.compute_scores(OFFICE, ids["2026-H1"]))
    s.at(
        date(2026, 7, 15),
        9,
        partial(publish, "2026-H1", "示范考〔2026〕9号"),
    )
    s.at(
        date(2026, 7, 20),
        9,
        lambda: s.office.open_correction(OFFICE, ids["2026-H1"], reason="补报省重点项目加分"),
    )
    s.at(date(2026, 7, 20), 10, lambda: bonus("2026-H1"))
    s.at(
        date(2026, 7, 21),
        9,
        partial(publish, "2026-H1", "示范考〔2026〕11号"),
    )
    s.at(date(2026, 8, 25), 9, exempt)
    s.at(date(2027, 1, 5), 9, lambda: open_("2026", "2026年度政企互动工作绩效考评"))
    s.at(date(2027, 1, 12), 9, lambda: s.office.compute_scores(OFFICE, ids["2026"]))
    s.at(date(2027, 1, 12), 10, lambda: bonus("2026"))
    s.at(date(2027, 1, 15), 9, partial(publish, "2026", "示范考〔2027〕3号"))


def schedule_watcher(s: Scenario, tick: Callable[[], object]) -> None:
    """The watcher looks at 07:00 every working day, January 2026 to mid-January 2027, so
    each miss is recorded the working day after it happened."""
    day = date(2026, 1, 5)
    while day <= date(2027, 1, 15):
        if s.workday(day) == day:
            s.at(day, 7, tick)
        day += timedelta(days=1)
