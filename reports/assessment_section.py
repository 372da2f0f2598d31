"""The circular's assessment section: the good list (好评榜), the bad circular (差评通报) and
the summonses of the period's assessment, as its latest version published by the moment
asked states them — the same lists the assessment's own route answers."""

from __future__ import annotations

from typing import Any

from bootstrap.services import Services
from domain.assessment import Assessment
from projections.assessment_views import ASSESSMENT_REGISTER, ListEntry, lists_of
from reports.scope import Moment, ReportScope


def _names(entries: list[ListEntry]) -> str:
    return "、".join(f"{e.place.unit}（{e.why}）" for e in entries) or "无"


def assessment_section(
    services: Services, scope: ReportScope, moment: Moment, period: str
) -> dict[str, Any]:
    """The period's published assessment that the reader covers, if any (the first opened,
    where several offices assessed the period)."""
    with services.read() as tx:
        found = ASSESSMENT_REGISTER.list(
            tx, {"period": period}, scope=scope.access, limit=20, offset=0
        )
    for summary in found:
        assessment: Assessment = services.office.repository.get(summary.id)
        published = assessment.published_as_of(moment.as_of)
        if not published:
            continue
        then: Assessment = services.office.repository.get(
            summary.id, version=published[-1].at_version
        )
        lists = lists_of(then, published[-1])
        # proposed in the save that published the version, recorded just before it
        summoned = [then.units[unit_id] for unit_id in then.summonses]
        return {
            "published": True,
            "title": assessment.title,
            "version": published[-1].version,
            "document": published[-1].document,
            "good": _names(lists.good_list),
            "bad": _names(lists.bad_circular),
            "summoned": "、".join(summoned),
        }
    return {"published": False}
