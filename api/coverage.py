"""The coverage views over HTTP: city leaders without a key enterprise (seed 002) and
industries with fewer than ten enterprises a department head serves (seed 000) — each row
with whether it meets the rule and, in Chinese, by how much it falls short."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller
from litestar.params import FromQuery, QueryParameter

from api.permissions import SUPERVISION
from api.routing import Caller, Svc, query
from application.coverage import industries_coverage, leaders_coverage
from domain.coverage import ENTERPRISES_PER_INDUSTRY
from projections.coverage_facts import ViewCoverageFacts

Minimum = Annotated[int, QueryParameter(ge=1, le=1000, description="enterprises per industry")]


class LeaderRow(msgspec.Struct, kw_only=True):
    leader_id: str
    leader: str
    unit: str
    title: str
    key_enterprises: list[str]
    met: bool
    status: str  # 已联系N家重点企业 / 未联系重点企业


class LeaderView(msgspec.Struct, kw_only=True):
    rule: str
    leaders: list[LeaderRow]
    falling_short: list[str]  # the leaders' names


class IndustryRow(msgspec.Struct, kw_only=True):
    sector: str
    minimum: int
    served: list[str]
    unserved: list[str]
    shortfall: int
    met: bool
    status: str  # 达标 / 还差N家


class IndustryView(msgspec.Struct, kw_only=True):
    rule: str
    industries: list[IndustryRow]
    falling_short: list[str]  # the sectors


class CoverageController(Controller):
    path = "/coverage"
    tags = ("coverage",)

    @query("/leaders", "GetLeaderCoverage", roles=SUPERVISION)
    def leaders(self, services: Svc, principal: Caller) -> LeaderView:
        """Each city leader with the key enterprises they contact; a leader with none falls
        short (市政府领导每人联系一家以上重点企业)."""
        with services.read() as tx:
            found = leaders_coverage(ViewCoverageFacts(tx, principal.scope))
        rows = [
            LeaderRow(
                leader_id=c.leader.id,
                leader=c.leader.name,
                unit=c.leader.unit,
                title=c.leader.title,
                key_enterprises=c.key_enterprises,
                met=c.met,
                status=f"已联系{len(c.key_enterprises)}家重点企业" if c.met else "未联系重点企业",
            )
            for c in found
        ]
        return LeaderView(
            rule="市政府领导每人联系一家以上重点企业",
            leaders=rows,
            falling_short=[r.leader for r in rows if not r.met],
        )

    @query("/industries", "GetIndustryCoverage", roles=SUPERVISION)
    def industries(
        self,
        services: Svc,
        principal: Caller,
        minimum: FromQuery[Minimum] = ENTERPRISES_PER_INDUSTRY,
    ) -> IndustryView:
        """Each sector of the register with the enterprises a department head serves in an
        open 厅局长 pairing; a sector with fewer than ``minimum`` (10) falls short."""
        with services.read() as tx:
            found = industries_coverage(ViewCoverageFacts(tx, principal.scope), minimum)
        rows = [
            IndustryRow(
                sector=c.sector,
                minimum=c.minimum,
                served=c.served,
                unserved=c.unserved,
                shortfall=c.shortfall,
                met=c.met,
                status="达标" if c.met else f"还差{c.shortfall}家",
            )
            for c in found
        ]
        return IndustryView(
            rule=f"每个行业不少于{minimum}家企业由部门主要负责人结对帮扶",
            industries=rows,
            falling_short=[r.sector for r in rows if not r.met],
        )
