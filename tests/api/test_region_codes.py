"""Region codes are checked against the GB/T 2260 table in force (2024-12-31), not only for
their six-digit shape."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

from domain import errors
from domain.region_codes import IN_FORCE_ON, region_names
from domain.values import require_region_code

# looked up by hand in the Ministry of Civil Affairs' list
IN_FORCE = {
    "510802": "利州区",
    "510800": "广元市",
    "110101": "东城区",
    "650000": "新疆维吾尔自治区",
    "460400": "儋州市",
    "810000": "香港特别行政区",
}
# 899999 has the shape and names nothing; 341400 was 巢湖市, dissolved in 2011; 110100 was
# 北京市's 市辖区, no division of its own; 510899 was never issued
NOT_IN_FORCE = ["899999", "341400", "110100", "510899"]


@pytest.mark.parametrize(("code", "name"), IN_FORCE.items())
def test_a_code_in_force_is_accepted(code: str, name: str):
    assert require_region_code(code) == code
    assert region_names()[code] == name


@pytest.mark.parametrize("code", [*NOT_IN_FORCE, "999999", "51080", "5108022", "51080x"])
def test_a_code_not_in_force_is_refused(code: str):
    with pytest.raises(errors.InvalidRegionCodeError):
        require_region_code(code)


def test_the_table_is_dated_and_whole():
    assert IN_FORCE_ON.isoformat() == "2024-12-31"
    names = region_names()
    assert 3000 < len(names) < 3500  # 3,213 divisions at county level and above
    assert sum(1 for code in names if code.endswith("0000")) == 34  # provincial level


def test_registering_a_project_in_899999_answers_422(client: TestClient):
    body = {
        "name": "产业园",
        "enterprise_name": "示范公司",
        "enterprise_code": "91110000600037341L",
        "region_code": "899999",
        "sector": "新能源",
        "total_investment": 20_000_000,
    }
    response = client.post("/projects", json=body)
    assert response.status_code == 422
    assert response.json()["rule"] == "invalid-region-code"
