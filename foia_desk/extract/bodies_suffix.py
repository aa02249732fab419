"""Bodies named by a capitalised run and a suffix word: "Denver Police Department", "Acme
Inc.", "the Courier-Ledger", "Colorado State University".

The suffix words ("Department", "Post", "Inc.", "Court"...) come from ``extract_cues.toml``
with the kind of body each ends; a suffix counts with the capitalised words just before it
(or a hyphenated word joined to it), unless the run starts like a federal name ("National",
"U.S.", "Department": the agency finder's business). A news word needs "the" before the
name or a word that names a newspaper on its own ("Times", "Media").

Speed: each suffix word and "University" is tried only where one Aho-Corasick pass found it
(see :class:`~foia_desk.extract.bodies_scan.BodyScan`), and the run before it is read
backwards by :class:`~foia_desk.extract.bodies_runs.RunsBefore`: the same run as a search
ending there, without trying a pattern at every capital of the window. The hyphen search
runs only when a hyphen comes just before the suffix.
"""

from __future__ import annotations

import re

from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.bodies_runs import RunsBefore
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import AFTER_FIRST_LETTER, finditer_at
from foia_desk.extract.places import clean_run, state_in

_FEDERAL_START = frozenset([
    "national", "federal", "u.s.", "us", "united", "department", "office", "bureau", "central",
    "defense",
])
# "University" with its "\b" before checked after its first letter (AFTER_FIRST_LETTER);
# tried only where the word occurs (see BodyScan).
UNIVERSITY_WORD = re.compile(r"U" + AFTER_FIRST_LETTER + r"niversity\b")
_UNIVERSITY = re.compile(r"\b(?:University[ \t]+of[ \t]+(?P<of>[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*)?)"
                         r"|(?P<pre>(?:[A-Z][\w.-]*[ \t]+){1,3})(?:State[ \t]+)?University)\b")
_PRIVATE_FORMS = frozenset(["Association", "Union", "Federation", "Coalition", "Alliance",
                            "Foundation", "Society", "Employees", "Workers", "Inc.", "Inc",
                            "LLC", "Corp.", "Corporation", "Airlines", "Air Lines"])
# Outlet words that name a newspaper even without "the" ("Lakeshore Public Media").
_STRONG_NEWS = frozenset(["Times", "Post", "Journal", "Tribune", "Gazette", "Herald", "Ledger",
                          "Sentinel", "Courier", "Chronicle", "Inquirer", "Dispatch", "Observer",
                          "Examiner", "Media", "Public Radio", "Free Press"])
_HYPHEN_WORD = re.compile(r"[A-Z][\w'.]*-$")
_THE_END = re.compile(r"\b[Tt]he[ \t]+$")


def suffix_hits(text: str, index: BodyIndex, cues: Cues, starts: list[int],
                runs: RunsBefore) -> list[BodyHit]:
    """Bodies ending in a suffix word (``starts``: where one can start)."""
    hits: list[BodyHit] = []
    table = index.suffix
    for match in finditer_at(index.suffix_re, text, starts):
        start, end = match.span()
        suffix = match.group("m")
        kind = table.get(suffix)  # a key has single spaces: split and join only otherwise
        if kind is None:
            suffix = " ".join(suffix.split())
            kind = table[suffix]
        # The search ends with "-$" and "$" also matches before a final line break, so it
        # can only succeed when a hyphen (and perhaps that break) comes just before.
        joined = _HYPHEN_WORD.search(text, max(0, start - 30), start) if start and (
            text[start - 1] == "-" or (text[start - 1] == "\n" and text[start - 2:start - 1] == "-")
        ) else None
        if joined:  # "the Courier-Ledger"
            start = joined.start()
            suffix = text[start:end]
        before = runs.run_before(start, 90)
        run = clean_run(before[1]) if before else ""
        if not run and not joined:
            continue
        first = (run or suffix).split()[0].lower().rstrip(".")
        if first in _FEDERAL_START and kind != "state_local" and suffix not in _PRIVATE_FORMS:
            continue
        name = f"{run} {suffix}".strip()
        name_start = start - len(before[1]) + before[1].find(run.split()[0]) \
            if run and before else start
        if kind == "news_media" and not (
                joined or suffix in _STRONG_NEWS
                or _THE_END.search(text[max(0, name_start - 5):name_start])):
            continue
        state = state_in(name, cues)
        hits.append(body_hit(name_start, end, name, kind, state=state, generic=True))
    return hits


def university_hits(text: str, cues: Cues, starts: list[int], runs: RunsBefore
                    ) -> list[BodyHit]:
    """Universities: "University of Texas", "Colorado State University" (``starts``: where
    "University" can start); a state's university is a state body."""
    hits = []
    for anchor in finditer_at(UNIVERSITY_WORD, text, starts):
        before = runs.run_before(anchor.start(), 60)
        match = _UNIVERSITY.match(text, before[0] if before else anchor.start())
        if not match or match.end() < anchor.end():
            match = _UNIVERSITY.match(text, anchor.start())
        if not match:
            continue
        name = clean_run(match.group(0))
        state = state_in(name, cues)
        kind = "state_local" if state else "ngo"
        start = match.end() - len(name)
        hits.append(body_hit(start, match.end(), name, kind, state=state, generic=True))
    return hits
