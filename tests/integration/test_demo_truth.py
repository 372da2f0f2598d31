"""The demo year tells the truth: every act on a working day (its recorded day and any
business date it names), the assessment it ends with as plausible as a real one."""

from __future__ import annotations

from datetime import date

from domain.errors import CalendarYearUnknownError
from domain.values import shanghai_date
from infrastructure.calendar import OfficialCalendar
from infrastructure.database import DatabaseTarget
from tests.integration.demo_year import demo_office

CALENDAR = OfficialCalendar.from_file()


def works(day: date) -> bool:
    try:
        return CALENDAR.is_working_day(day)
    except CalendarYearUnknownError:  # a year not published yet: weekdays but New Year's Day
        return day.weekday() < 5 and (day.month, day.day) != (1, 1)


def test_every_act_of_the_demo_year_is_on_a_working_day(sqlite_target: DatabaseTarget):
    off_days = []
    with demo_office(sqlite_target) as office:
        for notification in office.recorder.select_notifications(start=1, limit=100_000):
            event = office.mapper.to_domain_event(notification)
            days = [shanghai_date(event.timestamp), getattr(event, "business_date", None)]
            if type(event).__name__ == "DeadlineMissed":
                days = days[:1]  # its business date is the day the deadline passed, not an act
            for day in (d for d in days if d is not None):
                if not works(day):
                    off_days.append((type(event).__qualname__, day))
    assert off_days == []
    assert CALENDAR.is_working_day(date(2026, 2, 14))  # the calendar knows 调休 (a Saturday)


def test_the_demo_year_ends_with_an_assessment_a_real_office_could_publish(
    sqlite_target: DatabaseTarget,
):
    from domain.assessment import Assessment

    with demo_office(sqlite_target) as office:
        year_end = office.get_assessment(Assessment.id_for("市政府督查室", "2026"))
        (published,) = year_end.published
        vetoed = {s.unit for s in published.table if s.vetoed}
        failed = {
            result.unit: [r["name"] for r in result.veto["requirements"] if not r["passed"]]
            for result in year_end.results.values()
            if result.vetoed
        }
        exempted = {
            result.unit: [(r["name"], [f["period"] for f in r["exempted"]])]
            for result in year_end.results.values()
            for r in result.veto["requirements"]
            if r["exempted"]
        }
        summoned = {year_end.units[u] for u in year_end.summonses}
    # two of fourteen vetoed, each for a mechanism it truly let lapse; one exempted
    assert vetoed == {"市地方金融管理局", "市人力资源社会保障局"}
    assert failed == {
        "市地方金融管理局": ["银企对接会"],
        "市人力资源社会保障局": ["返乡创业企业困难问题会商会"],
    }
    assert exempted == {"市营商环境建设局": [("现场办公会", ["2026-08"])]}
    # at the bottom in 2025 (the paper record) and in 2026: one unit summoned
    assert summoned == {"市人力资源社会保障局"}
    assert len(published.table) == 14
