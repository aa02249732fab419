"""Extraction (issue 3): agencies, non-FOIA bodies, candidate records, dates, spun text.

``extract(text, article_date=None)`` is the one entry point the CLI and the GUI call;
``Findings.to_dict()`` is the stable JSON. ``normalise_spun(text)`` gives the de-spun reading
the GUI shows on request (the user's text itself is never rewritten).
"""

from foia_desk.extract.core import extract
from foia_desk.extract.despin import SpunReading, normalise_spun
from foia_desk.extract.model import (
    AgencyFinding,
    DateFinding,
    Findings,
    Mention,
    NonFoiaFinding,
    SpunInfo,
    Topic,
)
from foia_desk.extract.reading import Substitution

__all__ = [
    "AgencyFinding",
    "DateFinding",
    "Findings",
    "Mention",
    "NonFoiaFinding",
    "SpunInfo",
    "SpunReading",
    "Substitution",
    "Topic",
    "extract",
    "normalise_spun",
]
