"""Dates in letters and in articles are English whatever the desktop's language.

Qt sets the process locale from the environment when the GUI starts, and Python's
``strftime("%B")`` and ``calendar.month_name`` follow it: on a Spanish desktop a letter was
dated "noviembre 27, 2026" and the date finder raised KeyError on "April".
"""

from __future__ import annotations

import locale
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "foia_desk"
LOCALE_NAMED = re.compile(r"strftime\(\s*[\"'][^\"']*%[aAbBcx]|"
                          r"calendar\.(?:month|day)_(?:name|abbr)")


def test_no_code_formats_or_reads_dates_through_the_locale():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{number}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if LOCALE_NAMED.search(line) and not line.lstrip().startswith(("#", '"'))
                 and "``" not in line]
    assert offenders == [], "use foia_desk.english_dates instead"


def _other_locale() -> str | None:
    for name in ("es_US.UTF-8", "es_ES.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_US.utf8"):
        try:
            saved = locale.setlocale(locale.LC_TIME)
            locale.setlocale(locale.LC_TIME, name)
            locale.setlocale(locale.LC_TIME, saved)
            return name
        except locale.Error:
            continue
    return None


SCRIPT = """
import locale, sys
locale.setlocale(locale.LC_ALL, sys.argv[1])  # what Qt does with the desktop's language
from datetime import date
import calendar
assert calendar.month_name[4] != "April", "the locale did not take effect"
from foia_desk.drafting.markdown import long_date
from foia_desk.extract import extract
from foia_desk.english_dates import weekday_name
found = extract("Agents raided the office on April 27, 2025, and on Tuesday, the FBI said.",
                date(2025, 5, 1))
print(long_date(date(2026, 11, 27)))
print([str(d.date) for d in found.dates])
print(weekday_name(date(2026, 11, 27)))
"""


@pytest.mark.skipif(_other_locale() is None, reason="no non-English locale is installed "
                    "(.ci/run adds es_US.UTF-8 when it can)")
def test_letters_and_the_date_finder_stay_english_under_a_spanish_desktop():
    result = subprocess.run([sys.executable, "-c", SCRIPT, _other_locale()],
                            capture_output=True, text=True, timeout=120,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "November 27, 2026"
    assert "2025-04-27" in lines[1] and "2025-04-29" in lines[1]
    assert lines[2] == "Friday"
