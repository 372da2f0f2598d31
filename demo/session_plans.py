"""The demo year's session series: the six 会商会 of seed 004 (each led by a city leader),
the monthly on-site office meetings, the entrepreneur talks, the bank–enterprise matchmaking
and the policy briefings — including the ones that fall short, so the year's one-vote veto
has something true to find."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.briefing import SessionKind

YEAR = 2026


@dataclass(frozen=True)
class SeriesPlan:
    kind: SessionKind
    unit: str
    host: str
    months: list[int]
    title: str
    leader: str | None = None  # the city leader who leads it (each 会商会 has one)
    established: date = date(YEAR, 1, 2)


CONSULTATION = SessionKind.CONSULTATION_MEETING
Q = [3, 6, 9, 12]  # the last month of each quarter
SERIES = [
    # the six 会商会 (seed 004), each led by a city leader, at least once a quarter
    SeriesPlan(CONSULTATION, "市发展改革委", "李明", Q, "重大项目企业困难问题会商会", "王建国"),
    SeriesPlan(CONSULTATION, "市经济和信息化局", "钱磊", Q, "工业企业困难问题会商会", "刘志强"),
    SeriesPlan(CONSULTATION, "市营商环境建设局", "杨帆", Q, "民营企业困难问题会商会", "王建国"),
    # set up in May, after its first quarter had passed without a meeting
    SeriesPlan(
        CONSULTATION, "市人力资源社会保障局", "郑华", [6, 9, 12], "返乡创业企业困难问题会商会",
        "陈晓", established=date(YEAR, 5, 11),
    ),
    SeriesPlan(CONSULTATION, "市商务局", "唐宁", Q, "外贸企业困难问题会商会", "刘志强"),
    SeriesPlan(CONSULTATION, "市发展改革委", "李明", Q, "服务业企业困难问题会商会", "陈晓"),
    # seed 000: the major projects office's quarterly dispatch meeting (季度调度推进会)
    SeriesPlan(
        SessionKind.QUARTERLY_DISPATCH_MEETING, "市发展改革委", "李明", Q, "重大项目季度调度推进会",
        "王建国",
    ),
    SeriesPlan(
        SessionKind.ON_SITE_OFFICE_MEETING, "市营商环境建设局", "张伟", list(range(1, 13)),
        f"{YEAR}年现场办公会",
    ),
    SeriesPlan(SessionKind.ENTREPRENEUR_TALK, "市工商联", "马骏", [2, 5, 8, 11], "企业家恳谈会"),
    # matchmaking lapsed after the first half: no meeting in the third or fourth quarter
    SeriesPlan(
        SessionKind.BANK_ENTERPRISE_MATCHMAKING, "市地方金融管理局", "陈静", [3, 6], "银企对接会"
    ),
    SeriesPlan(SessionKind.POLICY_BRIEFING, "市发展改革委", "李明", [3, 5, 9], "惠企政策宣讲"),
]  # fmt: skip
