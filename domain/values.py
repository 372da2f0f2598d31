"""Enums, small value objects and value checks shared by the aggregates.

Events store plain values (str, int, date); the enums here give them names and rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from domain.errors import (
    AmountOutOfRangeError,
    BlankTextError,
    BusinessDateInFutureError,
    ControlCharacterError,
    DateOutOfRangeError,
    InvalidAmountError,
    InvalidCreditCodeError,
    InvalidRegionCodeError,
    ReasonRequiredError,
)
from domain.region_codes import IN_FORCE_ON, region_names

SHANGHAI = ZoneInfo("Asia/Shanghai")
_REGION_CODE = re.compile(r"^[1-8]\d{5}$")
# control characters (Unicode Cc) but tab and newline, and lone surrogates; the API's text
# types (api/schemas.py) refuse the same characters
UNSTORABLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
_UNSTORABLE = re.compile(f"[{UNSTORABLE}]")


# 10万亿 yuan: beyond any one project's investment, loan or fund the seeds speak of
MAX_YUAN = 10**13
MAX_ATTENDANCE = 100_000


@dataclass(frozen=True)
class DateBounds:
    """The dates this office records: none before ``earliest`` (a stated number of years
    before the system's start, see infrastructure/config/time_limits.toml), none more than
    ``years_ahead`` years after the recording day. Without them a session series starting in
    the year 102 owed a missed deadline for every quarter since."""

    earliest: date = date(2016, 1, 1)
    years_ahead: int = 10

    def latest(self, today: date) -> date:
        year = today.year + self.years_ahead
        if year > date.max.year:
            return date.max
        return today.replace(year=year, day=min(today.day, 28 if today.month == 2 else 31))

    def check(self, day: date, what: str, today: date) -> date:
        latest = self.latest(today)
        if not self.earliest <= day <= latest:
            raise DateOutOfRangeError(
                f"{what} {day.isoformat()} is outside the dates this office records:"
                f" {self.earliest.isoformat()} to {latest.isoformat()}"
            )
        return day


@dataclass(frozen=True)
class Envelope:
    """Who recorded an act, when, under which command, and when it happened if earlier."""

    actor: str
    unit: str
    command_id: str
    recorded_at: datetime
    business_date: date | None = None
    reason: str | None = None
    bounds: DateBounds = DateBounds()

    @property
    def today(self) -> date:
        """The recording day in Asia/Shanghai: the day the office acted."""
        return shanghai_date(self.recorded_at)

    @property
    def effective_date(self) -> date:
        return self.business_date or self.today


def shanghai_date(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def check_business_date(envelope: Envelope) -> None:
    """An act cannot be recorded as having happened after the day it is recorded."""
    if envelope.business_date is not None and envelope.business_date > envelope.today:
        raise BusinessDateInFutureError(
            f"business date {envelope.business_date} is after the recording day {envelope.today}"
        )


def require_storable(value: str, what: str) -> str:
    """Text the stores can hold and a person can read: tab and newline are the only control
    characters it may contain."""
    found = _UNSTORABLE.search(value)
    if found is not None:
        raise ControlCharacterError(
            f"{what} contains the control character U+{ord(found.group()):04X} at"
            f" {found.start()}; only tab and newline are allowed"
        )
    return value


def require_sound_fields(fields: dict[str, Any], envelope: Envelope) -> None:
    """Every string an event is about to carry, however nested (a list's items, a dict's keys
    and values), passes ``require_storable``, and every date is within the envelope's bounds:
    fields no rule names are covered too."""
    for name, value in fields.items():
        for where, leaf in _leaves(value, name):
            if isinstance(leaf, str):
                require_storable(leaf, where)
            elif not isinstance(leaf, datetime):
                envelope.bounds.check(leaf, where, envelope.today)


def _leaves(value: object, where: str) -> Iterator[tuple[str, str | date]]:
    if isinstance(value, str | date):
        yield where, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(key, f"a key of {where}")
            yield from _leaves(item, f"{where}[{key!r}]")


def require_text(value: str, what: str) -> str:
    text = require_storable(value, what).strip()
    if not text:
        raise BlankTextError(f"{what} must not be blank")
    return text


def require_reason(envelope: Envelope, what: str) -> str:
    if envelope.reason is None or not envelope.reason.strip():
        raise ReasonRequiredError(f"{what} requires a reason")
    return require_storable(envelope.reason, "reason").strip()


def require_positive_amount(amount: int, what: str) -> int:
    if amount <= 0:
        raise InvalidAmountError(f"{what} must be a positive number of yuan, got {amount}")
    return require_yuan(amount, what)


def require_yuan(amount: int, what: str) -> int:
    if not 0 <= amount <= MAX_YUAN:
        raise AmountOutOfRangeError(f"{what} must be 0 to {MAX_YUAN} yuan (10万亿), got {amount}")
    return amount


def require_credit_code(code: str) -> str:
    """Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, check digit."""
    try:
        return str(uscc.validate(code))
    except ValidationError as error:
        raise InvalidCreditCodeError(
            f"{code!r} is not a valid unified social credit code: {error}"
        ) from None


def require_region_code(code: str) -> str:
    """A six-digit administrative division code (GB/T 2260) in force: the format alone let
    899999 through."""
    if not _REGION_CODE.match(code):
        raise InvalidRegionCodeError(f"{code!r} is not a six-digit GB/T 2260 region code")
    if code not in region_names():
        raise InvalidRegionCodeError(
            f"{code!r} is no GB/T 2260 region code in force on {IN_FORCE_ON.isoformat()}"
        )
    return code


class Channel(StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    ONLINE_PLATFORM = "online_platform"
    HOTLINE_12345 = "hotline_12345"
    MAYORS_MAILBOX = "mayors_mailbox"
    ASSOCIATION = "association"
    THIRD_PARTY = "third_party"
    # the channels seed 004 names besides the hotline and the mailbox
    SUPERVISOR = "supervisor"  # 营商环境监督员
    MAYORS_EXPRESS = "mayors_express"  # 市长直通车
    INDUSTRY_DEPARTMENT = "industry_department"  # 行业部门
    LEADER_ASSIGNED = "leader_assigned"  # 领导交办
    # a unit's own rectification list (seed 001: 问题, 原因, 措施, 责任人, 时限): no enterprise
    SELF_RECTIFICATION = "self_rectification"  # 自查整改


class IssueCategory(StrEnum):
    LAND = "land"
    ENVIRONMENTAL_APPROVAL = "environmental_approval"
    FINANCING = "financing"
    TAX_AND_FEES = "tax_and_fees"
    LABOUR = "labour"
    UTILITIES = "utilities"
    PERMITS = "permits"
    LOGISTICS = "logistics"
    POLICY_NOT_HONOURED = "policy_not_honoured"
    OTHER = "other"


class IssueStatus(StrEnum):
    RAISED = "raised"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"
    EXPLAINED = "explained"
    CLOSED = "closed"


class ProjectStage(StrEnum):
    RESERVE = "reserve"
    NEGOTIATION = "negotiation"
    SIGNED = "signed"
    UNDER_CONSTRUCTION = "under_construction"
    COMPLETED = "completed"
    OPERATING = "operating"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


class MilestoneKind(StrEnum):
    START = "start"
    COMPLETION = "completion"
    COMMISSIONING = "commissioning"


class ListLevel(StrEnum):
    """Whose annual list of major projects names the project (分年度编制省列、市列重大项目表)."""

    PROVINCE = "province"  # 省列重大项目
    CITY = "city"  # 市列重大项目


class Construction(StrEnum):
    """新开工 or 续建: a project starting this year, or one already under construction."""

    NEW_START = "new_start"
    CONTINUING = "continuing"


class ProjectTier(StrEnum):
    """Tiers by total investment; who leads follows from the tier (Yingkou 2017 norms). A
    real-estate project is never in the ≥5亿 tiers: the city-level leader's precise
    assistance covers 5亿 and more "不含房地产业项目", so it stays with its unit's leader."""

    OVER_1_BILLION = "over_1_billion"  # ≥ 10亿: the city government leader in charge leads
    OVER_500_MILLION = "over_500_million"  # ≥ 5亿: a city-level leader's precise assistance
    OVER_100_MILLION = "over_100_million"  # ≥ 1亿: the unit's principal leader
    OVER_10_MILLION = "over_10_million"  # ≥ 1000万: the reserve floor; the unit's own service

    @classmethod
    def for_investment(cls, yuan: int, *, real_estate: bool = False) -> ProjectTier | None:
        for floor, tier in _TIER_FLOORS:
            if yuan >= floor:
                if real_estate and floor >= _CITY_LEADER_FLOOR:
                    continue
                return tier
        return None


RESERVE_FLOOR_YUAN = 10_000_000
_CITY_LEADER_FLOOR = 500_000_000
_TIER_FLOORS: tuple[tuple[int, ProjectTier], ...] = (
    (1_000_000_000, ProjectTier.OVER_1_BILLION),
    (500_000_000, ProjectTier.OVER_500_MILLION),
    (100_000_000, ProjectTier.OVER_100_MILLION),
    (RESERVE_FLOOR_YUAN, ProjectTier.OVER_10_MILLION),
)
