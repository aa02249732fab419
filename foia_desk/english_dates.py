"""English month and weekday names that do not depend on the system locale.

Letters to U.S. agencies are written in English, and the extractor reads English articles.
Python's ``calendar.month_name`` and ``strftime("%B")`` follow the process's LC_TIME
locale, and Qt sets that locale from the environment when the GUI starts (on Unix
``QCoreApplication`` calls ``setlocale(LC_ALL, "")``). On a desktop set to Spanish a letter
was dated "noviembre 27, 2026" and every English month in an article raised KeyError in the
date finder. Use these names instead, everywhere (the tracker and the clock explanations
abbreviate them too).
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                 "Sunday")
WEEKDAY_ABBREVIATIONS = tuple(name[:3] for name in WEEKDAY_NAMES)


def long_date(value: date) -> str:
    """"November 27, 2026": the date as a U.S. letter writes it."""
    return f"{MONTH_NAMES[value.month - 1]} {value.day}, {value.year}"


def weekday_name(value: date) -> str:
    """"Friday" for a date that falls on a Friday."""
    return WEEKDAY_NAMES[value.weekday()]
