"""Bodies federal FOIA does not reach: Congress, courts, state and local bodies, the press,
NGOs and companies, found by name (``non_foia.toml``) and by pattern (``extract_cues.toml``).

Speed. The lower-case names and judges' titles are tried only where the ``scan`` module
says a phrase starts. The case-sensitive patterns (names as written, suffix words such as
"Department" or "Post", state bodies, members, committees...) would each try every capital
of the text; instead one Aho-Corasick pass finds the literal words their matches contain,
and each pattern is tried only there (:class:`BodyScan`, ``bodies_anchors``). The
capitalised run before a suffix word is read backwards (``bodies_runs``), a state word
before a member is ruled out by a quick test first (``bodies_states``), and hits are made
without the frozen dataclass's slow ``__init__`` (:func:`_hit`). Each gives exactly the
results of the plain scans and searches it replaces.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from foia_desk.directory import Directory
from foia_desk.extract.agencies import ExactPhrases
from foia_desk.extract.bodies_anchors import Anchor, AnchorScan, phrase_anchors
from foia_desk.extract.bodies_runs import RunsBefore
from foia_desk.extract.bodies_states import state_word_before
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import (
    AFTER_FIRST_LETTER,
    compile_phrases,
    finditer_at,
    phrase_key,
    plain_chars,
    trie_pattern,
)
from foia_desk.extract.places import clean_run, state_in

_SHARE_BUTTON = re.compile(r"(?:share|follow[ \t]+us|like[ \t]+us|find[ \t]+us|"
                           r"connect[ \t]+with[ \t]+us)[ \t]+on[ \t]+$", re.IGNORECASE)
_FEDERAL_START = frozenset([
    "national", "federal", "u.s.", "us", "united", "department", "office", "bureau", "central",
    "defense",
])
# Up to five capitalised words (or "21st") ending at the search's end. Written to start with
# one character class (the first word's first character; look-behinds then tell which kind
# of word it starts), so a search skips straight to capitals and digits. The text matched
# from a given start is the same as for "((?:WORD[ \t]+(?:SMALL[ \t]+)?){1,5})$". The
# finder gets the same answers from ``RunsBefore`` (bodies_runs), which reads the run
# backwards; this search remains its definition (and its test's reference).
_RUN_WORD = r"(?:[A-Z][\w'.&-]*|\d+(?:st|nd|rd|th))[ \t]+(?:(?:of|and|for|the|on|&|de)[ \t]+)?"
_RUN_BEFORE = re.compile(
    r"([A-Z\d](?:(?<=[A-Z])[\w'.&-]*|(?<=\d)\d*(?:st|nd|rd|th))[ \t]+"
    r"(?:(?:of|and|for|the|on|&|de)[ \t]+)?(?:" + _RUN_WORD + r"){0,4})$")
# Patterns that would start with "\b" check it after their first letter instead
# (AFTER_FIRST_LETTER). All of them are tried only where the literal words they contain
# occur (see BodyScan, which lists those words for each).
_A = AFTER_FIRST_LETTER
_MEMBER = re.compile(
    r"\b(?P<title>Sens?\.|Senators?|Reps?\.|Representatives?|Congress(?:wo)?man|Congressmember)"
    r"\s+(?P<name>(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+)"
    r"(?:[ \t]*\([DRI]-[A-Z][\w.]*\))?")
_JUDGE = re.compile(r"\b(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:District[ \t]+|Circuit[ \t]+|"
                    r"Magistrate[ \t]+|Bankruptcy[ \t]+)?Judge\s+(?:[A-Z][\w.'-]*\s+){0,2}"
                    r"[A-Z][\w'-]+")
_TOLD = re.compile(
    r"\b(?:told|according[ \t]+to|reported[ \t]+by|confirmed[ \t]+(?:with|to)|"
    r"in[ \t]+an[ \t]+interview[ \t]+with|per)[ \t]+(?:the[ \t]+)?"
    r"(?P<name>[A-Z][\w.'&-]*(?:[ \t]+[A-Z][\w.'&-]*){0,4})")
_GOVERNOR = re.compile(r"G" + _A + r"ov(?:\.|ernor)\s+(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+")
_JUDGE_WORD = re.compile(r"J" + _A + r"udge\b")
_JUDGE_BEFORE = re.compile(r"(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:(?:District|Circuit|"
                           r"Magistrate|Bankruptcy)[ \t]+)?$")
_UNIVERSITY_WORD = re.compile(r"U" + _A + r"niversity\b")
_UNIVERSITY = re.compile(r"\b(?:University[ \t]+of[ \t]+(?P<of>[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*)?)"
                         r"|(?P<pre>(?:[A-Z][\w.-]*[ \t]+){1,3})(?:State[ \t]+)?University)\b")


@dataclass(frozen=True)
class BodyHit:
    """A non-FOIA body in the reading's coordinates.

    Made here by :func:`_hit`, which skips ``__init__``: add no ``__post_init__``.
    """

    start: int
    end: int
    name: str
    kind: str
    body_id: str | None = None
    state: str | None = None
    generic: bool = False  # found by pattern, not by name


class BodyIndex:
    def __init__(self, directory: Directory, cues: Cues) -> None:
        self.folded: dict[str, list[str]] = {}
        self.exact: dict[str, list[str]] = {}
        self.bodies = {b.id: b for b in directory.bodies}
        for body in directory.bodies:
            for name in {body.name, *body.names}:
                raw = " ".join(name.split())
                if raw.lower().startswith("the "):
                    raw = raw[4:]
                # Capitalised one-word names and acronyms are matched as written.
                if (" " not in raw and (raw[:1].isupper() or raw.isupper())) or raw.isupper():
                    self.exact.setdefault(raw, []).append(body.id)
                else:
                    self.folded.setdefault(phrase_key(raw), []).append(body.id)
        self.folded_keys = sorted({phrase_key(k) for k in self.folded})
        self.folded_re = compile_phrases(self.folded, ignore_case=True)
        self.exact_re = compile_phrases(self.exact, ignore_case=False)
        self.suffix: dict[str, str] = {}
        for group in cues.raw.get("suffix", []):
            for word in group.get("words", []):
                self.suffix.setdefault(" ".join(word.split()), group.get("kind", "ngo"))
        for word in cues.words("courts", "words"):
            self.suffix.setdefault(word, "court")
        self.news_words = set(cues.words("news", "words"))
        for word in self.news_words:
            self.suffix.setdefault(word, "news_media")
        self.suffix_re = compile_phrases(self.suffix, ignore_case=False)
        groups = cues.words("congress", "groups")
        self.groups_re = ExactPhrases(groups, compile_phrases(groups, ignore_case=False))
        judges = cues.words("courts", "judges")
        judges += ["federal judge", "federal judges", "federal courts", "federal court"]
        self.judge_keys = sorted({phrase_key(j) for j in judges})
        self.judges_re = compile_phrases(judges, ignore_case=True)


def _hit(start: int, end: int, name: str, kind: str, body_id: str | None = None,
         state: str | None = None, generic: bool = False) -> BodyHit:
    """``BodyHit(...)``, made 2-3 times faster (thousands are made on a long text).

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``;
    filling the new instance's ``__dict__`` in one call gives the same object.
    """
    hit = _new(BodyHit)
    hit.__dict__.update(start=start, end=end, name=name, kind=kind, body_id=body_id,
                        state=state, generic=generic)
    return hit


_new = object.__new__

_INDEXES: weakref.WeakKeyDictionary[Directory, BodyIndex] = weakref.WeakKeyDictionary()


def body_index(directory: Directory, cues: Cues) -> BodyIndex:
    index = _INDEXES.get(directory)
    if index is None:
        index = _INDEXES[directory] = BodyIndex(directory, cues)
    return index


class BodyScan:
    """Where each case-sensitive pattern of :func:`find_bodies` can start: one pass.

    Each pattern is listed with the literal words its matches contain and how far before
    them a match can start (see :mod:`foia_desk.extract.bodies_anchors`); a pattern is then
    tried only at those candidates, with exactly the matches of a full ``finditer``.
    """

    def __init__(self, index: BodyIndex, cues: Cues) -> None:
        self.cues = cues  # (not the index: the cache below holds it weakly)
        anchors = [
            *phrase_anchors(_keys(index.exact), "exact"),
            *phrase_anchors(_keys(index.suffix), "suffix"),
            *phrase_anchors(_keys(cues.words("congress", "groups")), "groups"),
            # The state patterns start with a trie of the state names as written.
            *phrase_anchors(sorted(cues.states), "state"),
            # A member's title: "Sen." or "Senator", not "Senate"...
            *(Anchor(title, "member") for title in ("Sen.", "Sens.", "Senator", "Rep.", "Reps.",
                                                    "Representative", "Congressman",
                                                    "Congresswoman", "Congressmember")),
            Anchor("Gov", "governor"),
            Anchor("Judge", "judge"),
            Anchor("University", "university"),
            # Each of these words is followed by a blank ("per" alone is in "paper"...).
            *(Anchor(word + blank, "told") for word in ("told", "according", "reported",
                                                        "confirmed", "per") for blank in " \t"),
            Anchor("interview", "told", before=("in", "an")),  # "in" is everywhere
            Anchor("ommittee", "committee", backs=(4, 1)),  # [Ss]ubc-, [Cc]-
            Anchor("Caucus", "committee"),
            *(Anchor(word, "chamber") for word in ("House", "Senate", "Joint")),
            *(Anchor(word, "acronym", backs=tuple(range(1, 6))) for word in ("DOT", "PD", "DPS")),
            Anchor("outlet", "outlet"),
            Anchor("newspaper", "newspaper"),
            # Every occurrence of a one-word outlet name, for "the Post" after a full name.
            *(Anchor(word, "news " + word) for word in sorted(index.news_words)
              if not any(c.isspace() for c in word)),
        ]
        self.anchors = AnchorScan(anchors)
        # The patterns each scan's candidates are for (what a full ``finditer`` would run).
        self.patterns: dict[str, list[re.Pattern[str]]] = {
            "exact": [index.exact_re], "suffix": [index.suffix_re],
            "groups": [index.groups_re.pattern],
            "state": [_state_agency_pattern(cues), _state_named_pattern(cues)],
            "member": [_MEMBER], "governor": [_GOVERNOR], "judge": [_JUDGE_WORD],
            "university": [_UNIVERSITY_WORD], "told": [_TOLD],
            "committee": [_COMMITTEE_WORD], "chamber": [_HOUSE_COMMITTEE],
            "acronym": [_LOCAL_ACRONYM], "outlet": [_OUTLET_WORDS["outlet"]],
            "newspaper": [_OUTLET_WORDS["newspaper"]],
            **{scan: [_every(scan.removeprefix("news "))]
               for scan in self.anchors.scans if scan.startswith("news ")},
        }


def _keys(phrases: Iterable[str]) -> list[str]:
    """Phrases as ``compile_phrases(..., ignore_case=False)`` builds its trie from them."""
    return sorted({" ".join(plain_chars(p).split()) for p in phrases})


_SCANS: weakref.WeakKeyDictionary[BodyIndex, BodyScan] = weakref.WeakKeyDictionary()


def body_scan(index: BodyIndex, cues: Cues) -> BodyScan:
    """The :class:`BodyScan` for ``index`` and ``cues`` (built once)."""
    scan = _SCANS.get(index)
    if scan is None or scan.cues is not cues:
        scan = _SCANS[index] = BodyScan(index, cues)
    return scan


def find_bodies(text: str, folded: str, index: BodyIndex, cues: Cues,
                starts: list[int] | None = None) -> list[BodyHit]:
    """Named and pattern-found non-FOIA bodies (``folded`` is ``text`` in lower case).

    ``starts`` lists every position where a folded name or judge's title can match (see
    :mod:`foia_desk.extract.scan`); without it the folded text is scanned in full. The
    case-sensitive patterns are tried only where one pass for their literal words puts a
    start (see :class:`BodyScan`).
    """
    scan = body_scan(index, cues)
    at = scan.anchors.candidates(text)
    hits: list[BodyHit] = []
    found = index.folded_re.finditer(folded) if starts is None else \
        finditer_at(index.folded_re, folded, starts)
    _named_hits(hits, text, found, index, index.folded, True)
    _named_hits(hits, text, finditer_at(index.exact_re, text, at["exact"]), index,
                index.exact, False)
    named = len(hits)
    runs = RunsBefore(text)  # the capitalised run before a suffix word, read backwards
    hits.extend(_suffix_hits(text, index, cues, at["suffix"], runs))
    hits.extend(_state_agency_hits(text, cues, at["state"]))
    hits.extend(_more_state_and_congress(text, cues, at))
    hits.extend(_committee_hits(text, at["committee"], runs))
    for match in finditer_at(_MEMBER, text, at["member"]):
        hits.append(_hit(match.start(), match.end(), match.group(0), "legislature",
                         generic=True))
    for match in finditer_at(_GOVERNOR, text, at["governor"]):
        hits.append(_hit(match.start(), match.end(), match.group(0), "state_local",
                         generic=True))
    for match in finditer_at(index.groups_re.pattern, text, at["groups"]):
        hits.append(_hit(match.start(), match.end(), "U.S. Congress", "legislature",
                         "congress", generic=True))
    judges = index.judges_re.finditer(folded) if starts is None else \
        finditer_at(index.judges_re, folded, starts)
    for match in judges:
        hits.append(_hit(match.start(), match.end(), GENERIC_COURTS, "court", generic=True))
    for anchor in finditer_at(_JUDGE_WORD, text, at["judge"]):
        back = _JUDGE_BEFORE.search(text, max(0, anchor.start() - 30), anchor.start())
        start = back.start() if back else anchor.start()
        match = _JUDGE.match(text, start)
        if match:
            hits.append(_hit(match.start(), match.end(), match.group(0), "court",
                             generic=True))
    for match in finditer_at(_TOLD, text, at["told"]):
        name = match.group("name")
        last = name.split()[-1].strip(".,")
        if last in index.news_words or name in index.exact:
            hits.append(_hit(match.start("name"), match.start("name") + len(name),
                             name.rstrip("."), "news_media", generic=True))
    for anchor in finditer_at(_UNIVERSITY_WORD, text, at["university"]):
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
        hits.append(_hit(start, match.end(), name, kind, state=state, generic=True))
    # Only names from the directory (the hits so far, all before "runs") have short forms.
    hits.extend(_short_outlet_names(text, hits[:named], index, at))
    hits.extend(_outlet_anaphors(text, hits, at))
    return _merge_generic_courts(_state_demotions(text, hits, cues))


def _named_hits(hits: list[BodyHit], text: str, found: Iterator[re.Match[str]],
                index: BodyIndex, table: dict[str, list[str]], fold: bool) -> None:
    """Bodies of the directory found by name (``found``: matches of a ``compile_phrases``)."""
    for match in found:
        key = match.group("m")
        ids = table.get(key)  # a key has single spaces: split and join only otherwise
        if ids is None:
            ids = table.get(" ".join(key.split()))
        for body_id in ids[:1] if ids else ():
            body = index.bodies[body_id]
            if body.kind == "company" and _SHARE_BUTTON.search(
                    text, max(0, match.start() - 30), match.start()):
                continue  # "Share on Facebook": a page button, not a company in the news
            generic_kind = body.kind in ("state_local", "court", "legislature")
            if fold and not generic_kind and not text[match.start()].isupper():
                continue  # "apple pie", "the guardian of ..." are not the bodies
            hits.append(_hit(match.start(), match.end(), body.name, body.kind, body_id))


GENERIC_COURTS = "Federal and state courts"
# The outlet words are tried one at a time, each where the word occurs (BodyScan); the "\b"
# before the word is checked after it. The two words cannot overlap, so the matches of
# both, in order, are those of the alternation. "the" before them is checked afterwards.
_OUTLET_WORDS = {"outlet": re.compile(r"outlet(?<!\w.{6})\b"),
                 "newspaper": re.compile(r"newspaper(?<!\w.{9})\b")}
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+(?:news[ \t]+)?$")


def _outlet_anaphors(text: str, hits: list[BodyHit], at: dict[str, list[int]]
                     ) -> list[BodyHit]:
    """"told the outlet", "the newspaper reported": the outlet named last before it.

    Without an outlet named earlier nothing is reported (there is no body to point to).
    """
    if "outlet" not in text and "newspaper" not in text:
        return []
    outlets = sorted((h for h in hits if h.kind == "news_media"), key=lambda h: h.end)
    ends = [h.end for h in outlets]
    out: list[BodyHit] = []
    words = sorted((m for scan, word in _OUTLET_WORDS.items()
                    for m in finditer_at(word, text, at[scan])), key=lambda m: m.start())
    for match in words:
        if not _THE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        before = bisect.bisect_right(ends, match.start())
        if before:
            target = outlets[before - 1]
            out.append(_hit(match.start(), match.end(), target.name,
                            target.kind, target.body_id, target.state, target.generic))
    return out


def _merge_generic_courts(hits: list[BodyHit]) -> list[BodyHit]:
    """"the courts" or "a judge" in an article that names a court is about that court.

    Generic court words join the nearest court named before them (else the first named
    after), so each court is reported once; judges named in person stay as they are.
    """
    candidates = sorted((h for h in hits if h.kind == "court" and h.name != GENERIC_COURTS
                         and "Judge" not in h.name),
                        key=lambda h: (h.start, h.start - h.end, h.body_id is None))
    named: list[BodyHit] = []
    for hit in candidates:  # of names found twice over one span, the directory's wins
        if not named or hit.start >= named[-1].end:
            named.append(hit)
    if not named:
        return hits
    starts = [h.start for h in named]
    out = []
    for hit in hits:
        if hit.kind == "court" and hit.name == GENERIC_COURTS:
            before = bisect.bisect_right(starts, hit.start)
            target = named[before - 1] if before else named[0]
            hit = _hit(hit.start, hit.end, target.name, target.kind, target.body_id,
                       target.state, target.generic)
        out.append(hit)
    return out


def _short_outlet_names(text: str, hits: list[BodyHit], index: BodyIndex,
                        at: dict[str, list[int]]) -> list[BodyHit]:
    """"the Post" after "The Washington Post" is the same outlet."""
    out: list[BodyHit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.kind != "news_media" or hit.body_id is None:
            continue
        last = hit.name.split()[-1]
        if last in seen or last not in index.news_words or len(hit.name.split()) < 2:
            continue
        seen.add(last)
        pattern = re.compile(r"\b[Tt]he[ \t]+(" + re.escape(last) + r")\b(?![ \t]+[A-Z])")
        for match in finditer_at(pattern, text, _the_before(text, last, at.get("news " + last))):
            out.append(_hit(match.start(1), match.end(1), hit.name, hit.kind, hit.body_id))
    return out


def _the_before(text: str, word: str, found: list[int] | None = None) -> list[int]:
    """Where "the" could start before each ``word`` (a run of blanks, then ``word``).

    Looking for the outlet's word (a literal Python's ``re`` finds fast, or its occurrences,
    overlapping ones too, as ``found``) and stepping back replaces a scan trying "the" at
    every position.
    """
    if found is None:
        found = [match.start() for match in _every(word).finditer(text)]
    starts = []
    for start in found:
        pos = start
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        if pos < start and pos >= 3:
            starts.append(pos - 3)
    return starts


def _every(word: str) -> re.Pattern[str]:
    """A pattern matching ``word``'s first letter wherever ``word`` occurs (overlaps too)."""
    return re.compile(re.escape(word[:1]) + "(?=" + re.escape(word[1:]) + ")")


_COMMITTEE = re.compile(r"(?P<run>(?:[A-Z][\w'.&-]*[ \t]+(?:(?:of|and|on|for|the|&)[ \t]+)?){1,6})"
                        r"(?P<kind>[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
_COMMITTEE_WORD = re.compile(r"\b(?:[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
_CONGRESS_NEAR = re.compile(r"\b(?:Sens?\.|Reps?\.)|\b(?:Senator|Representative|Congress\w*|"
                            r"House|Senate|lawmakers?)\b")


def _committee_hits(text: str, starts: list[int], runs: RunsBefore) -> list[BodyHit]:
    """Committees of Congress: named with House/Senate, or next to a member of Congress.

    ``starts``: where "Committee", "subcommittee" or "Caucus" can start.
    """
    hits = []
    for anchor in finditer_at(_COMMITTEE_WORD, text, starts):
        before = runs.run_before(anchor.start(), 90)
        match = _COMMITTEE.match(text, before[0] if before else anchor.start())
        if not match:
            continue
        run = clean_run(match.group("run"))
        if not run:
            continue
        start = match.end("run") - len(match.group("run")) + match.group("run").find(run)
        window = text[max(0, match.start() - 200):match.end() + 100]
        chamber = run.split()[0] in ("House", "Senate", "Joint")
        if match.group("kind")[:1].islower() and not chamber:
            continue  # "a steering committee": only a House or Senate one is Congress
        if chamber or _CONGRESS_NEAR.search(window):
            hits.append(_hit(start, match.end(), f"{run} {match.group('kind')}",
                             "legislature", generic=True))
    return hits


_STATE_AGENCY: dict[int, tuple[Cues, re.Pattern[str]]] = {}


def _state_agency_hits(text: str, cues: Cues, starts: list[int]) -> list[BodyHit]:
    """"Oklahoma Department of Emergency Management", "Texas Board of Pardons and Paroles"."""
    return [_hit(m.start(), m.end(), m.group(0), "state_local", state=m.group("state"),
                 generic=True) for m in finditer_at(_state_agency_pattern(cues), text, starts)]


def _state_agency_pattern(cues: Cues) -> re.Pattern[str]:
    cached = _STATE_AGENCY.get(id(cues))
    if not cached or cached[0] is not cues:
        states = trie_pattern(sorted(cues.states), guard_class=r"\w")  # "\b" before a name
        pattern = re.compile(
            r"(?P<state>" + states + r")(?:'s)?[ \t]+(?:State[ \t]+)?"
            r"(?:Department|Division|Office|Bureau|Agency|Commission|Board|Authority|"
            r"Administration|Council)[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?"
            r"[A-Z][\w'-]*(?:,?[ \t]+(?:(?:and|&|of|for)[ \t]+)?[A-Z][\w'-]*){0,5}")
        cached = _STATE_AGENCY[id(cues)] = (cues, pattern)
    return cached[1]


_PRIVATE_FORMS = frozenset(["Association", "Union", "Federation", "Coalition", "Alliance",
                            "Foundation", "Society", "Employees", "Workers", "Inc.", "Inc",
                            "LLC", "Corp.", "Corporation", "Airlines", "Air Lines"])
# Outlet words that name a newspaper even without "the" ("Lakeshore Public Media").
_STRONG_NEWS = frozenset(["Times", "Post", "Journal", "Tribune", "Gazette", "Herald", "Ledger",
                          "Sentinel", "Courier", "Chronicle", "Inquirer", "Dispatch", "Observer",
                          "Examiner", "Media", "Public Radio", "Free Press"])
_HYPHEN_WORD = re.compile(r"[A-Z][\w'.]*-$")
_THE_END = re.compile(r"\b[Tt]he[ \t]+$")


def _suffix_hits(text: str, index: BodyIndex, cues: Cues, starts: list[int],
                 runs: RunsBefore) -> list[BodyHit]:
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
        hits.append(_hit(name_start, end, name, kind, state=state, generic=True))
    return hits


_LOCAL_ACRONYM = re.compile(r"\b(?:[A-Z][a-z]{1,4}|[A-Z]{1,4})(?<!US)(?P<kind>DOT|PD|DPS)\b")
_STATE_OFFICIAL = re.compile(r"(?:attorney[ \t]+general|governor|secretary[ \t]+of[ \t]+state|"
                             r"legislature|state[ \t]+senate|general[ \t]+assembly|Gov\.)",
                             re.IGNORECASE)
_HOUSE_COMMITTEE = re.compile(
    r"\b(?:House|Senate|Joint)[ \t]+(?:(?:Permanent[ \t]+)?Select[ \t]+|Special[ \t]+)?"
    r"(?:Committee|Subcommittee)[ \t]+on[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*"
    r"(?:,?[ \t]+(?:(?:and|&|of|the)[ \t]+)*[A-Z][\w'-]*){0,5}")


def _more_state_and_congress(text: str, cues: Cues, at: dict[str, list[int]]
                             ) -> list[BodyHit]:
    """State bodies named by the state plus an office word, local acronyms, and committees."""
    hits: list[BodyHit] = []
    pattern = _state_named_pattern(cues)
    for match in finditer_at(pattern, text, at["state"]):
        state = match.group("state")
        if state == "Washington" and not match.group(0).startswith("Washington State"):
            continue  # "Washington Bureau" is usually a newsroom in the capital
        hits.append(_hit(match.start(), match.end(), match.group(0), "state_local",
                         state=state if state in cues.states else None, generic=True))
    for match in finditer_at(_LOCAL_ACRONYM, text, at["acronym"]):
        hits.append(_hit(match.start(), match.end(), match.group(0), "state_local",
                         generic=True))
    for match in finditer_at(_HOUSE_COMMITTEE, text, at["chamber"]):
        hits.append(_hit(match.start(), match.end(), match.group(0), "legislature",
                         generic=True))
    return hits


_STATE_NAMED: dict[int, tuple[Cues, re.Pattern[str]]] = {}


def _state_named_pattern(cues: Cues) -> re.Pattern[str]:
    cached = _STATE_NAMED.get(id(cues))
    if cached and cached[0] is cues:
        return cached[1]
    states = trie_pattern(sorted(cues.states), guard_class=r"\w")  # "\b" before a name
    pattern = re.compile(
        r"(?P<state>" + states + r")(?:'s)?[ \t]+(?:"
        r"(?:[A-Z][\w'-]*[ \t]+){0,4}(?:Agency|Commission|Board|Authority|Department|Division|"
        r"Bureau|Patrol|Police|Council|Office)\b|"
        r"(?i:" + _STATE_OFFICIAL.pattern + r"))")
    _STATE_NAMED[id(cues)] = (cues, pattern)
    return pattern


def _state_demotions(text: str, hits: list[BodyHit], cues: Cues) -> list[BodyHit]:
    """Members and groups preceded by "state" or a state name belong to a state legislature."""
    state_before = state_word_before(cues)  # place_patterns(cues)[1], with a quick test
    out = []
    for hit in hits:
        if hit.kind == "legislature" and hit.generic:
            match = state_before.search(text, hit.start)
            if match:
                state = match.group(1) if match.group(1) in cues.states else None
                out.append(_hit(hit.start, hit.end, f"{(state or 'State')} legislature "
                                f"({text[hit.start:hit.end]})", "state_local",
                                state=state, generic=True))
                continue
        out.append(hit)
    return out
