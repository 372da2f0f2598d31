"""Reading an assessment scheme from its data (a file, or the copy an assessment recorded),
with every problem named: a scheme is refused whole, listing all it got wrong, never loaded
half-right."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from domain.assessment_scheme import (
    ALL_UNITS,
    Bonus,
    FigureName,
    Formula,
    Grades,
    Indicator,
    ListRule,
    Requirement,
    RequirementKind,
    Scheme,
    SummonsRule,
)
from domain.briefing import SessionKind
from domain.errors import InvalidAssessmentSchemeError
from domain.periods import Cadence

T = TypeVar("T")
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class _Reader:
    """Takes values out of a table, noting each problem with where it was found."""

    def __init__(self, raw: Mapping[str, Any], where: str, problems: list[str]) -> None:
        self.raw, self.where, self.problems = raw, where, problems

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.where}: {text}")

    def get(self, key: str, kind: type[T], default: T | None = None) -> T:
        value = self.raw.get(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if (
            value is None
            or not isinstance(value, kind)
            or isinstance(value, bool) != (kind is bool)
        ):
            self.problem(f"{key} must be given as {kind.__name__}")
            return default if default is not None else kind()
        return value

    def text(self, key: str) -> str:
        value = self.get(key, str, "").strip()
        if not value:
            self.problem(f"{key} must not be blank")
        return value

    def choice(self, key: str, kind: Callable[[str], T], default: str | None = None) -> T | None:
        value = self.get(key, str, default)
        try:
            return kind(value)
        except ValueError:
            self.problem(f"{key} {value!r} is not one of the known values")
            return None

    def units(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, ALL_UNITS)
        if value == ALL_UNITS:
            return (ALL_UNITS,)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem(f"{key} must be {ALL_UNITS!r} or a list of unit names")
            return (ALL_UNITS,)
        return tuple(v.strip() for v in value)


def _indicator(raw: Mapping[str, Any], where: str, problems: list[str]) -> Indicator | None:
    r = _Reader(raw, where, problems)
    found = Indicator(
        id=r.text("id"),
        name=r.text("name"),
        weight=r.get("weight", float, 0.0),
        figure=r.choice("figure", FigureName) or FigureName.RESOLUTION_RATE,
        formula=r.choice("formula", Formula) or Formula.RATE,
        full_at=r.get("full_at", float, 1.0),
        zero_at=r.get("zero_at", float, 0.0),
        per_item=r.get("per_item", float, 0.0),
        no_data=r.get("no_data", str, "full"),
        applies_to=r.units("applies_to"),
        separate=r.get("separate", bool, False),
    )
    if found.weight <= 0:
        r.problem("weight must be above 0")
    if found.no_data not in ("full", "zero"):
        r.problem("no_data must be 'full' or 'zero'")
    if found.formula is Formula.RATE and found.full_at == found.zero_at:
        r.problem("full_at and zero_at must differ")
    if found.formula is Formula.DEDUCT and found.per_item <= 0:
        r.problem("a deduction needs per_item above 0")
    return found


def _is_day(text: object, year: int) -> bool:
    """An MM-DD that names a day of the year (02-29 only in a leap year)."""
    if not isinstance(text, str) or not MONTH_DAY.match(text):
        return False
    try:
        date.fromisoformat(f"{year if 2000 <= year <= 2100 else 2000}-{text}")
    except ValueError:
        return False
    return True


def _requirement(raw: Mapping[str, Any], where: str, problems: list[str], year: int) -> Requirement:
    r = _Reader(raw, where, problems)
    kind = r.choice("kind", RequirementKind) or RequirementKind.SESSIONS
    found = Requirement(
        id=r.text("id"),
        name=r.text("name"),
        kind=kind,
        units=r.units("units"),
        session_kind=r.get("session_kind", str, ""),
        cadence=r.choice("cadence", Cadence, "quarterly") or Cadence.QUARTERLY,
        title_contains=r.get("title_contains", str, ""),
        lead_leader=r.get("lead_leader", bool, False),
        due=tuple(r.get("due", list, [])),
        tolerance=r.get("tolerance", int, 0),
    )
    if found.tolerance < 0:
        r.problem("tolerance must not be negative")
    if kind is RequirementKind.SESSIONS and found.session_kind not in set(SessionKind):
        r.problem(f"session_kind {found.session_kind!r} is not a kind of session")
    if kind is RequirementKind.BRIEFING_PROGRESS and (
        not found.due or not all(_is_day(d, year) for d in found.due)
    ):
        r.problem(f"due must list days of {year} as MM-DD")
    return found


def _sections(raw: Mapping[str, Any], problems: list[str]) -> tuple[Grades, ListRule, SummonsRule]:
    grades = _Reader(_table(raw, "grades", problems), "grades", problems)
    lists = _Reader(_table(raw, "lists", problems), "lists", problems)
    summons = _Reader(_table(raw, "summons", problems), "summons", problems)
    found = (
        Grades(
            excellent=grades.get("excellent", float, 90.0),
            good=grades.get("good", float, 80.0),
            passing=grades.get("passing", float, 60.0),
        ),
        ListRule(
            good_top=lists.get("good_top", int, 3),
            bad_bottom=lists.get("bad_bottom", int, 3),
            bad_below=lists.get("bad_below", float, 60.0),
            vetoed_on_bad=lists.get("vetoed_on_bad", bool, True),
        ),
        SummonsRule(
            bottom=summons.get("bottom", int, 2),
            rectify_working_days=summons.get("rectify_working_days", int, 20),
            items=summons.get("items", int, 3),
        ),
    )
    if not found[0].excellent > found[0].good > found[0].passing >= 0:
        grades.problem("excellent > good > passing >= 0")
    if min(found[1].good_top, found[1].bad_bottom, found[2].bottom, found[2].items) < 1:
        problems.append("lists and summons: counts must be at least 1")
    if found[2].rectify_working_days < 1:
        summons.problem("rectify_working_days must be at least 1")
    return found


def _table(raw: Mapping[str, Any], key: str, problems: list[str]) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if isinstance(value, Mapping):
        return value
    problems.append(f"scheme: {key} must be a table ([{key}])")
    return {}


def _tables(
    raw: Mapping[str, Any], key: str, problems: list[str]
) -> list[tuple[str, Mapping[str, Any]]]:
    """The tables of a list ([[indicator]]…), each with where it stands: indicator 2 (on_time)."""
    value = raw.get(key, [])
    if not isinstance(value, list):
        problems.append(f"scheme: {key} must be a list of tables ([[{key}]])")
        return []
    found = []
    for n, item in enumerate(value, start=1):
        if isinstance(item, Mapping):
            found.append((f"{key} {n} ({item.get('id', '?')})", item))
        else:
            problems.append(f"scheme: {key} {n} must be a table")
    return found


def _unique(kind: str, ids: list[str], problems: list[str]) -> None:
    for seen in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"{kind} id {seen!r} is given more than once")
    for bad in (i for i in ids if i and not IDENTIFIER.match(i)):
        problems.append(f"{kind} id {bad!r}: lower-case letters, digits and _ only")


def read_scheme(raw: Mapping[str, Any]) -> Scheme:
    """The scheme the data describes; refused (naming every problem) when it is not sound."""
    problems: list[str] = []
    top = _Reader(raw, "scheme", problems)
    year = top.get("year", int, 0)
    indicators = [
        _indicator(item, where, problems) for where, item in _tables(raw, "indicator", problems)
    ]
    requirements = [
        _requirement(item, where, problems, year)
        for where, item in _tables(raw, "requirement", problems)
    ]
    bonuses = []
    for where, item in _tables(raw, "bonus", problems):
        r = _Reader(item, where, problems)
        bonuses.append(Bonus(id=r.text("id"), name=r.text("name"), cap=r.get("cap", float, 0.0)))
        if bonuses[-1].cap <= 0:
            r.problem("cap must be above 0")
    grades, lists, summons = _sections(raw, problems)
    scheme = Scheme(
        year=year,
        version=top.text("version"),
        title=top.text("title"),
        indicators=tuple(i for i in indicators if i is not None),
        requirements=tuple(requirements),
        bonuses=tuple(bonuses),
        total=top.get("total", float, 100.0),
        separate_total=top.get("separate_total", float, 2.0),
        cutoff_days=top.get("cutoff_days", int, 10),
        grades=grades,
        lists=lists,
        summons=summons,
    )
    _check_whole(scheme, problems)
    if problems:
        raise InvalidAssessmentSchemeError(
            f"assessment scheme {scheme.version or '?'}: " + "; ".join(problems)
        )
    return scheme


def _check_whole(scheme: Scheme, problems: list[str]) -> None:
    if not 2000 <= scheme.year <= 2100:
        problems.append("scheme: year must be a year such as 2026")
    if not scheme.indicators:
        problems.append("scheme: at least one indicator")
    for separate, total in ((False, scheme.total), (True, scheme.separate_total)):
        weights = sum(i.weight for i in scheme.indicators if i.separate is separate)
        if abs(weights - total) > 1e-9:
            name = "separate indicators" if separate else "indicators"
            problems.append(f"scheme: the weights of the {name} add up to {weights}, not {total}")
    _unique("indicator", [i.id for i in scheme.indicators], problems)
    _unique("requirement", [r.id for r in scheme.requirements], problems)
    _unique("bonus", [b.id for b in scheme.bonuses], problems)
    if scheme.cutoff_days < 0:
        problems.append("scheme: cutoff_days must not be negative")
