"""The coverage rules over hand-made registers: every city leader contacts a key enterprise
(seed 002); each industry has ten enterprises a department head serves (seed 000)."""

from __future__ import annotations

import pytest

from domain import errors
from domain.coverage import Leader, RegisteredEnterprise, industry_coverage, leader_coverage

WANG = Leader("l1", "王建国", "示范市人民政府", "副市长")
LIU = Leader("l2", "刘志强", "示范市人民政府", "副市长")
CHEN = Leader("l3", "陈晓", "示范市人民政府", "市长助理")


def test_a_leader_without_a_key_enterprise_falls_short():
    register = [
        RegisteredEnterprise("c1", "甲公司", "新能源", True, frozenset({"l1"})),
        RegisteredEnterprise("c2", "乙公司", "建材", False, frozenset({"l2"})),  # not key
        RegisteredEnterprise("c3", "丙公司", "物流", True, frozenset({"l1", "l3"})),
    ]
    found = leader_coverage([WANG, LIU, CHEN], register)
    assert [(c.leader.name, c.key_enterprises, c.met) for c in found] == [
        ("王建国", ["甲公司", "丙公司"], True),
        ("刘志强", [], False),
        ("陈晓", ["丙公司"], True),
    ]


def _sector(sector: str, count: int, prefix: str) -> list[RegisteredEnterprise]:
    return [
        RegisteredEnterprise(f"{prefix}{n}", f"{sector}{n}号企业", sector, False)
        for n in range(1, count + 1)
    ]


def test_an_industry_with_fewer_than_ten_served_enterprises_falls_short():
    register = (
        _sector("新能源", 10, "x") + _sector("装备制造", 12, "z") + _sector("现代物流", 2, "w")
    )
    served = [f"x{n}" for n in range(1, 11)]  # every 新能源 enterprise
    served += [f"z{n}" for n in range(1, 8)]  # 7 of 12
    served += ["w1", "w2", "unregistered"]  # a code the register lacks counts for nothing
    found = industry_coverage(register, served)
    # sectors in code-point order: 新 (65B0) < 现 (73B0) < 装 (88C5)
    assert [(c.sector, len(c.served), c.shortfall, c.met) for c in found] == [
        ("新能源", 10, 0, True),
        ("现代物流", 2, 8, False),
        ("装备制造", 7, 3, False),
    ]
    assert found[2].unserved == [f"装备制造{n}号企业" for n in range(8, 13)]


def test_the_minimum_is_a_parameter_of_at_least_one():
    register = _sector("建材", 3, "j")
    (row,) = industry_coverage(register, ["j1"], minimum=2)
    assert (row.minimum, row.shortfall, row.met) == (2, 1, False)
    with pytest.raises(errors.InvalidCoverageMinimumError):
        industry_coverage(register, [], minimum=0)
