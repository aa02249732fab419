"""The federal working-day calendar against 5 U.S.C. 6103, computed independently here."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foia_desk.calendar import Closure, FederalCalendar, statutory_holidays

D = dt.date
MON, THU = 0, 3


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = D(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    last = D(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def observed(day: dt.date) -> dt.date:
    """6103(b)(1): Saturday -> Friday before; EO 11582: Sunday -> Monday after."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def statute_holidays(year: int) -> dict[dt.date, str]:
    """The eleven 6103(a) holidays of ``year``, at their observed dates (written from the
    statute, not from the library)."""
    fixed = {"New Year's Day": D(year, 1, 1), "Independence Day": D(year, 7, 4),
             "Veterans Day": D(year, 11, 11), "Christmas Day": D(year, 12, 25)}
    if year >= 2021:
        fixed["Juneteenth"] = D(year, 6, 19)
    days = {observed(d): name for name, d in fixed.items()}
    days[nth_weekday(year, 1, MON, 3)] = "MLK"
    days[nth_weekday(year, 2, MON, 3)] = "Washington"
    days[last_weekday(year, 5, MON)] = "Memorial"
    days[nth_weekday(year, 9, MON, 1)] = "Labor"
    days[nth_weekday(year, 10, MON, 2)] = "Columbus"
    days[nth_weekday(year, 11, THU, 4)] = "Thanksgiving"
    return days


@pytest.fixture(scope="module")
def cal() -> FederalCalendar:
    return FederalCalendar()


@pytest.mark.parametrize("year", range(2015, 2036))
def test_holidays_match_the_statute_year_by_year(cal, year):
    expected: set[dt.date] = set()
    for holiday_year in (year, year + 1):  # next year's New Year's Day may fall on 31 Dec
        expected |= {d for d in statute_holidays(holiday_year) if d.year == year}
    got = {d for d, _ in cal.skipped_between(D(year - 1, 12, 31), D(year, 12, 31))}
    assert got == expected
    weekdays_off = {d for d in (D(year, 1, 1) + dt.timedelta(days=i) for i in range(366))
                    if d.year == year and d.weekday() < 5 and not cal.is_working_day(d)}
    assert weekdays_off == expected


# Reference table §2.5 (2025-2028), copied literally.
TABLE_2_5 = {
    2025: ["Jan 1", "Jan 20", "Feb 17", "May 26", "Jun 19", "Jul 4", "Sep 1", "Oct 13",
           "Nov 11", "Nov 27", "Dec 25"],
    2026: ["Jan 1", "Jan 19", "Feb 16", "May 25", "Jun 19", "Jul 3", "Sep 7", "Oct 12",
           "Nov 11", "Nov 26", "Dec 25"],
    2027: ["Jan 1", "Jan 18", "Feb 15", "May 31", "Jun 18", "Jul 5", "Sep 6", "Oct 11",
           "Nov 11", "Nov 25", "Dec 24"],
    2028: ["Dec 31 2027", "Jan 17", "Feb 21", "May 29", "Jun 19", "Jul 4", "Sep 4", "Oct 9",
           "Nov 10", "Nov 23", "Dec 25"],
}


@pytest.mark.parametrize("year", sorted(TABLE_2_5))
def test_reference_table_2_5(cal, year):
    for text in TABLE_2_5[year]:
        parsed = dt.datetime.strptime(text if text.count(" ") == 2 else f"{text} {year}",
                                      "%b %d %Y").date()
        assert not cal.is_working_day(parsed), text
        assert cal.non_working_reason(parsed) not in (None, "Saturday", "Sunday"), text


def test_new_years_day_2028_is_observed_friday_31_december_2027(cal):
    assert cal.non_working_reason(D(2027, 12, 31)) == "New Year's Day (observed)"
    assert cal.non_working_reason(D(2021, 12, 31)) == "New Year's Day (observed)"
    assert cal.non_working_reason(D(2028, 1, 1)) == "Saturday"
    assert cal.is_working_day(D(2027, 12, 30)) and cal.is_working_day(D(2028, 1, 3))
    # A count across the year end skips it.
    assert cal.add_working_days(D(2027, 12, 29), 2) == D(2028, 1, 3)


def test_juneteenth_only_from_2021(cal):
    assert cal.is_working_day(D(2020, 6, 19))  # a Friday, before Pub. L. 117-17
    assert cal.non_working_reason(D(2021, 6, 18)) == \
        "Juneteenth National Independence Day (observed)"
    assert cal.non_working_reason(D(2025, 6, 19)) == "Juneteenth National Independence Day"
    assert cal.non_working_reason(D(2022, 6, 20)) == \
        "Juneteenth National Independence Day (observed)"


def test_holidays_on_weekends_shift_to_adjacent_weekdays(cal):
    assert cal.non_working_reason(D(2026, 7, 3)) == "Independence Day (observed)"
    assert cal.non_working_reason(D(2026, 7, 4)) == "Saturday"
    assert cal.non_working_reason(D(2027, 7, 5)) == "Independence Day (observed)"
    assert cal.non_working_reason(D(2028, 11, 10)) == "Veterans Day (observed)"
    assert cal.non_working_reason(D(2022, 12, 26)) == "Christmas Day (observed)"
    assert cal.is_working_day(D(2026, 7, 6)) and cal.is_working_day(D(2027, 7, 2))


def test_no_state_holidays_or_executive_order_closures_by_default(cal):
    for day in (D(2025, 4, 21),   # Patriots' Day (MA, ME)
                D(2025, 3, 31),   # Cesar Chavez Day (CA)
                D(2025, 12, 24),  # Christmas Eve closure by executive order
                D(2025, 12, 26),  # day after Christmas closure by executive order
                D(2025, 1, 9),    # national day of mourning (executive order)
                D(2025, 11, 28),  # day after Thanksgiving (some states)
                D(2021, 1, 20)):  # Inauguration Day: off unless asked for
        assert cal.is_working_day(day), day


def test_inauguration_day_is_an_opt_in(cal):
    dc = FederalCalendar(inauguration_day=True)
    assert cal.is_working_day(D(2021, 1, 20))
    assert dc.non_working_reason(D(2021, 1, 20)) == "Inauguration Day (Washington, D.C. area)"
    assert dc.non_working_reason(D(2017, 1, 20)) == "Inauguration Day (Washington, D.C. area)"
    # 2013: 20 January was a Sunday, so the holiday was Monday 21 (also MLK Day).
    assert "Inauguration Day" in dc.non_working_reason(D(2013, 1, 21))
    assert "Martin Luther King" in dc.non_working_reason(D(2013, 1, 21))
    # 2029: 20 January is a Saturday; no weekday is invented for it.
    assert dc.is_working_day(D(2029, 1, 19))
    assert dc.is_working_day(D(2022, 1, 20))  # not an inauguration year
    assert dc.add_working_days(D(2021, 1, 19), 1) == D(2021, 1, 21)
    assert cal.add_working_days(D(2021, 1, 19), 1) == D(2021, 1, 20)


def test_reasons(cal):
    assert cal.non_working_reason(D(2025, 11, 29)) == "Saturday"
    assert cal.non_working_reason(D(2025, 11, 30)) == "Sunday"
    assert cal.non_working_reason(D(2025, 11, 27)) == "Thanksgiving Day"
    assert cal.non_working_reason(D(2025, 11, 26)) is None
    closed = FederalCalendar([Closure(D(2025, 12, 24), "Executive order closing agencies")])
    assert closed.non_working_reason(D(2025, 12, 24)) == \
        "closure: Executive order closing agencies"
    assert closed.non_working_reason(D(2025, 12, 25)) == "Christmas Day"


def test_add_working_days_does_not_count_the_start_day(cal):
    assert cal.add_working_days(D(2025, 11, 26), 20) == D(2025, 12, 26)
    assert cal.add_working_days(D(2025, 11, 26), 1) == D(2025, 11, 28)
    # Start on a Saturday, Sunday or holiday: day 1 is the next working day.
    assert cal.add_working_days(D(2025, 11, 29), 1) == D(2025, 12, 1)
    assert cal.add_working_days(D(2025, 11, 27), 1) == D(2025, 11, 28)
    assert cal.add_working_days(D(2025, 11, 26), 0) == D(2025, 11, 26)
    assert cal.add_working_days(D(2025, 11, 29), 0) == D(2025, 12, 1)
    assert cal.add_working_days(D(2025, 11, 28), -1) == D(2025, 11, 26)
    assert cal.next_working_day(D(2025, 12, 24)) == D(2025, 12, 26)
    assert cal.add_calendar_days(D(2025, 11, 26), 10) == D(2025, 12, 6)  # a Saturday, kept


def test_between_and_skipped(cal):
    assert cal.working_days_between(D(2025, 11, 26), D(2025, 12, 26)) == 20
    assert cal.working_days_between(D(2025, 12, 26), D(2025, 11, 26)) == -20
    assert cal.working_days_between(D(2025, 11, 26), D(2025, 11, 26)) == 0
    assert cal.skipped_between(D(2025, 11, 26), D(2025, 12, 26)) == [
        (D(2025, 11, 27), "Thanksgiving Day"), (D(2025, 12, 25), "Christmas Day")]
    assert cal.skipped_between(D(2025, 11, 27), D(2025, 12, 24)) == []  # start excluded


def test_far_dates_grow_the_index(cal):
    assert cal.non_working_reason(D(1975, 12, 25)) == "Christmas Day"
    assert cal.add_working_days(D(2095, 12, 22), 1) == D(2095, 12, 23)
    assert cal.add_working_days(D(2095, 12, 23), 1) == D(2095, 12, 27)  # Christmas is a Sunday
    assert cal.add_working_days(D(2025, 1, 2), 15_000) > D(2080, 1, 1)
    assert cal.add_working_days(D(2025, 1, 2), -10_000) < D(1990, 1, 1)


def test_outside_the_supported_years_is_refused_not_guessed(cal):
    from foia_desk.calendar import CalendarRangeError
    from foia_desk.errors import UserError

    with pytest.raises(CalendarRangeError, match="1967 to 2100"):
        cal.add_working_days(D(2150, 12, 24), 1)
    with pytest.raises(UserError):
        cal.is_working_day(D(1960, 1, 4))
    with pytest.raises(UserError):
        cal.add_working_days(D(2025, 1, 2), 50_000)


def test_closures(cal):
    closed = FederalCalendar([Closure(D(2025, 12, 24), "EO"), D(2025, 12, 27)])
    assert closed.add_working_days(D(2025, 11, 26), 20) == D(2025, 12, 29)
    assert closed.closures_between(D(2025, 11, 26), D(2025, 12, 29)) == [
        Closure(D(2025, 12, 24), "EO")]  # the Saturday closure changes nothing
    assert closed.without_closures() == cal
    assert closed != cal and hash(closed) != hash(cal)
    assert FederalCalendar([D(2025, 12, 24)]) == FederalCalendar([(D(2025, 12, 24), "")])


def test_bad_closures_are_refused_clearly():
    from foia_desk.errors import UserError

    with pytest.raises(UserError, match="closure"):
        FederalCalendar(["2025-12-24"])
    with pytest.raises(UserError, match="calendar date"):
        FederalCalendar([Closure("2025-12-24", "x")])  # type: ignore[arg-type]


def test_library_output_is_limited_to_statutory_names():
    names = {name.removesuffix(" (observed)")
             for name in statutory_holidays(2015, 2035).values()}
    assert len(names) == 11
    assert not any("Inauguration" in n for n in names)


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=400))
def test_property_result_is_a_working_day_and_inverse(start, n):
    cal = FederalCalendar()
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert due >= start
    if n >= 1:
        assert cal.working_days_between(start, due) == n
        assert due > start
        # Naive day-by-day count agrees with the index.
        day, left = start, n
        while left:
            day += dt.timedelta(days=1)
            if cal.is_working_day(day):
                left -= 1
        assert day == due


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, n=st.integers(min_value=1, max_value=120))
def test_property_monotonic(a, b, n):
    cal = FederalCalendar()
    early, late = sorted((a, b))
    assert cal.add_working_days(early, n) <= cal.add_working_days(late, n)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=120),
       closed=st.lists(st.dates(min_value=D(1990, 1, 1), max_value=D(2061, 12, 31)),
                       max_size=5))
def test_property_closure_never_makes_a_due_date_earlier(start, n, closed):
    assert FederalCalendar(closed).add_working_days(start, n) >= \
        FederalCalendar().add_working_days(start, n)
