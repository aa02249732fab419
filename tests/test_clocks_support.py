"""Builders shared by the clock tests (fake agencies, event shorthand); holds no tests."""

from __future__ import annotations

import datetime as dt

from foia_desk.clocks import EventRecord
from foia_desk.directory import Agency, AppealRule, Office

D = dt.date


def agency(agency_id: str = "usps", *, days: int = 90, unit: str = "calendar",
           family: str = "usps", dc_area: bool = False, rule: str = "") -> Agency:
    return Agency(
        id=agency_id, name=agency_id.upper(), acronyms=(agency_id.upper(),), aliases=(),
        informal=(), parent=None, kind="agency", family=family, regulation="test",
        privacy_regulation="", foia_office=Office(name=f"{agency_id} FOIA office"),
        appeal=AppealRule(office=None, window_days=days, window_unit=unit,
                          rule=rule or f"{agency_id} appeal rule"),
        dc_area=dc_area)


USPS = agency("usps", rule="USPS Handbook AS-353")
DOJ = agency("fbi", family="doj", rule="28 CFR 16.8")
DHS = agency("ice", unit="working", family="dhs", rule="6 CFR 5.8(a)(1)")
IRS = agency("irs", days=35, family="irs", rule="26 CFR 601.702(c)(10)")


def ev(kind: str, day: dt.date, **details) -> EventRecord:
    return EventRecord(kind, day, details)
