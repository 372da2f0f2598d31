"""The good list (好评榜) and the bad circular (差评通报) of a published assessment, and the
units at its bottom (for a summons), by the scheme's rule.

Good list: units ranked ``good_top`` or better, not vetoed. Bad circular: units ranked
``bad_bottom`` or better counted from the bottom, units whose total is below ``bad_below``,
and — where the scheme says so — every vetoed unit; never a unit of the good list. Ranks are
shared by ties from either end, so equal units are all in or all out. Bottom (for a summons):
ranked ``summons.bottom`` or better from the bottom.
"""

from __future__ import annotations

from uuid import UUID

from domain.assessment_results import Standing, from_bottom
from domain.assessment_scheme import Scheme


def good_list(table: list[Standing], scheme: Scheme) -> list[Standing]:
    return [s for s in table if s.rank <= scheme.lists.good_top and not s.vetoed]


def bad_list(table: list[Standing], scheme: Scheme) -> list[Standing]:
    rule, good = scheme.lists, {s.unit_id for s in good_list(table, scheme)}
    up_from_bottom = from_bottom(table)
    return [
        s
        for s in reversed(table)
        if s.unit_id not in good
        and (
            up_from_bottom[s.unit_id] <= rule.bad_bottom
            or s.total < rule.bad_below
            or (s.vetoed and rule.vetoed_on_bad)
        )
    ]


def at_bottom(table: list[Standing], scheme: Scheme) -> set[UUID]:
    up_from_bottom = from_bottom(table)
    return {s.unit_id for s in table if up_from_bottom[s.unit_id] <= scheme.summons.bottom}
