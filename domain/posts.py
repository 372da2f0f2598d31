"""Posts (职务) and ranks (职级) as the directory holds them, and the rules that tie them to the
unit an official serves in.

A unit's standing (规格) follows the government it belongs to: a city government is of the
厅局级, its departments (局, 委, 办) of the 县处级, a county's departments of the 乡科级. No
official outranks the principal post of their unit. Inside a city or county department the
divisions are 科 (科长, 副科长), not 处: a 处 is a division of a provincial department. A
department's head post (局长, 主任) carries the department's principal rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.errors import CityDivisionIsSectionError, HeadPostRankError, RankAboveUnitError


class Rank(StrEnum):
    """Leading-post ranks (领导职务层次), highest first, and the staff below them."""

    PROVINCIAL_PRINCIPAL = "provincial_principal"  # 省部级正职
    PROVINCIAL_DEPUTY = "provincial_deputy"  # 省部级副职
    BUREAU_PRINCIPAL = "bureau_principal"  # 厅局级正职
    BUREAU_DEPUTY = "bureau_deputy"  # 厅局级副职
    DIVISION_PRINCIPAL = "division_principal"  # 县处级正职
    DIVISION_DEPUTY = "division_deputy"  # 县处级副职
    SECTION_PRINCIPAL = "section_principal"  # 乡科级正职
    SECTION_DEPUTY = "section_deputy"  # 乡科级副职
    STAFF = "staff"  # 科员

    @property
    def height(self) -> int:
        """0 for the highest rank; a larger number is a lower rank."""
        return list(Rank).index(self)


HEAD_POSTS = ("局长", "主任")  # the head of a department (局 / 委, 办)
# the principal rank of a government of each level (1 province, 2 city, 3 county), and of
# a department of that government, one step below
_GOVERNMENT_PRINCIPAL = {
    1: Rank.PROVINCIAL_PRINCIPAL,
    2: Rank.BUREAU_PRINCIPAL,
    3: Rank.DIVISION_PRINCIPAL,
}
_DEPARTMENT_PRINCIPAL = {
    1: Rank.BUREAU_PRINCIPAL,
    2: Rank.DIVISION_PRINCIPAL,
    3: Rank.SECTION_PRINCIPAL,
}


@dataclass(frozen=True)
class Placement:
    """Where an official serves: the unit, whether it is a department (else a government),
    and the level (1 province, 2 city, 3 county) of the government it is or belongs to."""

    unit_id: UUID
    unit_name: str
    is_department: bool
    government_level: int

    @property
    def principal_rank(self) -> Rank:
        table = _DEPARTMENT_PRINCIPAL if self.is_department else _GOVERNMENT_PRINCIPAL
        return table[self.government_level]


def is_head_post(title: str) -> bool:
    return title.strip() in HEAD_POSTS


def check_post(placement: Placement, title: str, rank: Rank | None) -> None:
    """The rules a post and rank must keep in their unit; an unknown rank (None, as the
    directory held before ranks were kept) is checked by its post alone."""
    if placement.is_department and placement.government_level >= 2 and "处长" in title:
        raise CityDivisionIsSectionError(
            f"{placement.unit_name}'s divisions are 科, not 处: {title!r} is no post there"
            " (科长, 副科长)"
        )
    if rank is None:
        return
    principal = placement.principal_rank
    if rank.height < principal.height:
        raise RankAboveUnitError(
            f"{rank.value} is above {placement.unit_name}'s principal rank {principal.value}"
        )
    if placement.is_department and is_head_post(title) and rank is not principal:
        raise HeadPostRankError(
            f"the head of {placement.unit_name} ({title}) holds its principal rank"
            f" {principal.value}, not {rank.value}"
        )


def is_department_head(placement: Placement, title: str, rank: Rank | None) -> bool:
    """A department's head: its principal rank, or, with no rank known, a head post."""
    if not placement.is_department:
        return False
    if rank is not None:
        return rank is placement.principal_rank
    return is_head_post(title)
