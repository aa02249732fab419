"""Bodies federal FOIA does not reach: Congress, courts, state and local bodies, the press,
NGOs and companies, found by name (``non_foia.toml``) and by pattern (``extract_cues.toml``).
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from foia_desk.directory import Directory
from foia_desk.extract.agencies import ExactPhrases
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import (
    AFTER_FIRST_LETTER,
    Anchored,
    compile_phrases,
    finditer_at,
    phrase_key,
    trie_pattern,
)
from foia_desk.extract.places import clean_run, place_patterns, state_in

_SHARE_BUTTON = re.compile(r"(?:share|follow[ \t]+us|like[ \t]+us|find[ \t]+us|"
                           r"connect[ \t]+with[ \t]+us)[ \t]+on[ \t]+$", re.IGNORECASE)
_FEDERAL_START = frozenset([
    "national", "federal", "u.s.", "us", "united", "department", "office", "bureau", "central",
    "defense",
])
# Up to five capitalised words (or "21st") ending at the search's end. Written to start with
# one character class (the first word's first character; look-behinds then tell which kind
# of word it starts), so a search skips straight to capitals and digits. The text matched
# from a given start is the same as for "((?:WORD[ \t]+(?:SMALL[ \t]+)?){1,5})$".
_RUN_WORD = r"(?:[A-Z][\w'.&-]*|\d+(?:st|nd|rd|th))[ \t]+(?:(?:of|and|for|the|on|&|de)[ \t]+)?"
_RUN_BEFORE = re.compile(
    r"([A-Z\d](?:(?<=[A-Z])[\w'.&-]*|(?<=\d)\d*(?:st|nd|rd|th))[ \t]+"
    r"(?:(?:of|and|for|the|on|&|de)[ \t]+)?(?:" + _RUN_WORD + r"){0,4})$")
# Patterns that would start with "\b" check it after their first letter instead
# (AFTER_FIRST_LETTER): a pattern starting with a literal letter is searched for that letter.
# Others are tried only where the literal words they contain occur (Anchored).
_A = AFTER_FIRST_LETTER
_MEMBER = Anchored(re.compile(
    r"\b(?P<title>Sens?\.|Senators?|Reps?\.|Representatives?|Congress(?:wo)?man|Congressmember)"
    r"\s+(?P<name>(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+)"
    r"(?:[ \t]*\([DRI]-[A-Z][\w.]*\))?"),
    [("Sen", "", [0]), ("Rep", "", [0]), ("Congress", "", [0])])
_JUDGE = re.compile(r"\b(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:District[ \t]+|Circuit[ \t]+|"
                    r"Magistrate[ \t]+|Bankruptcy[ \t]+)?Judge\s+(?:[A-Z][\w.'-]*\s+){0,2}"
                    r"[A-Z][\w'-]+")
_TOLD = Anchored(re.compile(
    r"\b(?:told|according[ \t]+to|reported[ \t]+by|confirmed[ \t]+(?:with|to)|"
    r"in[ \t]+an[ \t]+interview[ \t]+with|per)[ \t]+(?:the[ \t]+)?"
    r"(?P<name>[A-Z][\w.'&-]*(?:[ \t]+[A-Z][\w.'&-]*){0,4})"),
    [("told", "", [0]), ("according", "", [0]), ("reported", "", [0]), ("confirmed", "", [0]),
     ("in", r"[ \t]+an[ \t]+interview", [0]), ("per", "", [0])])
_GOVERNOR = re.compile(r"G" + _A + r"ov(?:\.|ernor)\s+(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'-]+")
_JUDGE_WORD = re.compile(r"J" + _A + r"udge\b")
_JUDGE_BEFORE = re.compile(r"(?:(?:U\.S\.|Chief|Federal|Senior)[ \t]+)?(?:(?:District|Circuit|"
                           r"Magistrate|Bankruptcy)[ \t]+)?$")
_UNIVERSITY_WORD = re.compile(r"U" + _A + r"niversity\b")
_UNIVERSITY = re.compile(r"\b(?:University[ \t]+of[ \t]+(?P<of>[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*)?)"
                         r"|(?P<pre>(?:[A-Z][\w.-]*[ \t]+){1,3})(?:State[ \t]+)?University)\b")


@dataclass(frozen=True)
class BodyHit:
    """A non-FOIA body in the reading's coordinates."""

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


_INDEXES: weakref.WeakKeyDictionary[Directory, BodyIndex] = weakref.WeakKeyDictionary()


def body_index(directory: Directory, cues: Cues) -> BodyIndex:
    index = _INDEXES.get(directory)
    if index is None:
        index = _INDEXES[directory] = BodyIndex(directory, cues)
    return index


def find_bodies(text: str, folded: str, index: BodyIndex, cues: Cues,
                starts: list[int] | None = None) -> list[BodyHit]:
    """Named and pattern-found non-FOIA bodies (``folded`` is ``text`` in lower case).

    ``starts`` lists every position where a folded name or judge's title can match (see
    :mod:`foia_desk.extract.scan`); without it the folded text is scanned in full.
    """
    hits: list[BodyHit] = []
    for regex, table, fold in ((index.folded_re, index.folded, True),
                               (index.exact_re, index.exact, False)):
        if fold:
            found = regex.finditer(folded) if starts is None else \
                finditer_at(regex, folded, starts)
        else:
            found = regex.finditer(text)
        for match in found:
            key = " ".join(match.group("m").split())
            for body_id in table.get(key, ())[:1]:
                body = index.bodies[body_id]
                if body.kind == "company" and _SHARE_BUTTON.search(
                        text, max(0, match.start() - 30), match.start()):
                    continue  # "Share on Facebook": a page button, not a company in the news
                generic_kind = body.kind in ("state_local", "court", "legislature")
                if fold and not generic_kind and not text[match.start()].isupper():
                    continue  # "apple pie", "the guardian of ..." are not the bodies
                hits.append(BodyHit(match.start(), match.end(), body.name, body.kind, body_id))
    hits.extend(_suffix_hits(text, index, cues))
    hits.extend(_state_agency_hits(text, cues))
    hits.extend(_more_state_and_congress(text, cues))
    hits.extend(_committee_hits(text))
    for match in _MEMBER.finditer(text):
        hits.append(BodyHit(match.start(), match.end(), match.group(0), "legislature",
                            generic=True))
    for match in _GOVERNOR.finditer(text):
        hits.append(BodyHit(match.start(), match.end(), match.group(0), "state_local",
                            generic=True))
    for match in index.groups_re.finditer(text):
        hits.append(BodyHit(match.start(), match.end(), "U.S. Congress", "legislature",
                            "congress", generic=True))
    judges = index.judges_re.finditer(folded) if starts is None else \
        finditer_at(index.judges_re, folded, starts)
    for match in judges:
        hits.append(BodyHit(match.start(), match.end(), GENERIC_COURTS, "court", generic=True))
    for anchor in _JUDGE_WORD.finditer(text):
        match = _JUDGE.match(text, max(0, anchor.start() - 30))
        back = _JUDGE_BEFORE.search(text, max(0, anchor.start() - 30), anchor.start())
        start = back.start() if back else anchor.start()
        match = _JUDGE.match(text, start)
        if match:
            hits.append(BodyHit(match.start(), match.end(), match.group(0), "court",
                                generic=True))
    for match in _TOLD.finditer(text):
        name = match.group("name")
        last = name.split()[-1].strip(".,")
        if last in index.news_words or name in index.exact:
            hits.append(BodyHit(match.start("name"), match.start("name") + len(name),
                                name.rstrip("."), "news_media", generic=True))
    for anchor in _UNIVERSITY_WORD.finditer(text):
        before = _RUN_BEFORE.search(text, max(0, anchor.start() - 60), anchor.start())
        match = _UNIVERSITY.match(text, before.start() if before else anchor.start())
        if not match or match.end() < anchor.end():
            match = _UNIVERSITY.match(text, anchor.start())
        if not match:
            continue
        name = clean_run(match.group(0))
        state = state_in(name, cues)
        kind = "state_local" if state else "ngo"
        start = match.end() - len(name)
        hits.append(BodyHit(start, match.end(), name, kind, state=state, generic=True))
    hits.extend(_short_outlet_names(text, hits, index))
    hits.extend(_outlet_anaphors(text, hits))
    return _merge_generic_courts(_state_demotions(text, hits, cues))


GENERIC_COURTS = "Federal and state courts"
# The outlet words are searched for one at a time, each as a literal (which Python's re
# finds fast; "o(?<!\w.)utlet\b|n(?<!\w.)ewspaper\b" is tried at every "o" and "n"); the
# "\b" before the word is checked after it. The two words cannot overlap, so the matches of
# both, in order, are those of the alternation. "the" before them is checked afterwards.
_OUTLET_WORDS = (re.compile(r"outlet(?<!\w.{6})\b"), re.compile(r"newspaper(?<!\w.{9})\b"))
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+(?:news[ \t]+)?$")


def _outlet_anaphors(text: str, hits: list[BodyHit]) -> list[BodyHit]:
    """"told the outlet", "the newspaper reported": the outlet named last before it.

    Without an outlet named earlier nothing is reported (there is no body to point to).
    """
    if "outlet" not in text and "newspaper" not in text:
        return []
    outlets = sorted((h for h in hits if h.kind == "news_media"), key=lambda h: h.end)
    ends = [h.end for h in outlets]
    out: list[BodyHit] = []
    words = sorted((m for word in _OUTLET_WORDS for m in word.finditer(text)),
                   key=lambda m: m.start())
    for match in words:
        if not _THE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        before = bisect.bisect_right(ends, match.start())
        if before:
            target = outlets[before - 1]
            out.append(BodyHit(match.start(), match.end(), target.name,
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
            hit = BodyHit(hit.start, hit.end, target.name, target.kind, target.body_id,
                          target.state, target.generic)
        out.append(hit)
    return out


def _short_outlet_names(text: str, hits: list[BodyHit], index: BodyIndex) -> list[BodyHit]:
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
        for match in finditer_at(pattern, text, _the_before(text, last)):
            out.append(BodyHit(match.start(1), match.end(1), hit.name, hit.kind, hit.body_id))
    return out


def _the_before(text: str, word: str) -> list[int]:
    """Where "the" could start before each ``word`` (a run of blanks, then ``word``).

    Looking for the outlet's word (a literal Python's ``re`` finds fast) and stepping back
    replaces a scan trying "the" at every position.
    """
    starts = []
    every = re.compile(re.escape(word[:1]) + "(?=" + re.escape(word[1:]) + ")")  # overlaps too
    for found in every.finditer(text):
        pos = found.start()
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        if pos < found.start() and pos >= 3:
            starts.append(pos - 3)
    return starts


_COMMITTEE = re.compile(r"(?P<run>(?:[A-Z][\w'.&-]*[ \t]+(?:(?:of|and|on|for|the|&)[ \t]+)?){1,6})"
                        r"(?P<kind>[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
_COMMITTEE_WORD = re.compile(r"\b(?:[Cc]ommittee|[Ss]ubcommittee|Caucus)\b")
_CONGRESS_NEAR = re.compile(r"\b(?:Sens?\.|Reps?\.)|\b(?:Senator|Representative|Congress\w*|"
                            r"House|Senate|lawmakers?)\b")


def _committee_words(text: str) -> Iterator[re.Match[str]]:
    """``_COMMITTEE_WORD.finditer(text)``, tried only where "ommittee" or "Caucus" occurs."""
    starts = [m.start() - back for m in _OMMITTEE.finditer(text) for back in (4, 1)
              if m.start() >= back]
    starts += [m.start() for m in _CAUCUS.finditer(text)]
    return finditer_at(_COMMITTEE_WORD, text, sorted(starts))


_OMMITTEE = re.compile("ommittee")
_CAUCUS = re.compile("Caucus")


def _committee_hits(text: str) -> list[BodyHit]:
    """Committees of Congress: named with House/Senate, or next to a member of Congress."""
    hits = []
    for anchor in _committee_words(text):
        before = _RUN_BEFORE.search(text, max(0, anchor.start() - 90), anchor.start())
        match = _COMMITTEE.match(text, before.start() if before else anchor.start())
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
            hits.append(BodyHit(start, match.end(), f"{run} {match.group('kind')}",
                                "legislature", generic=True))
    return hits


_STATE_AGENCY: dict[int, tuple[Cues, re.Pattern[str]]] = {}


def _state_agency_hits(text: str, cues: Cues) -> list[BodyHit]:
    """"Oklahoma Department of Emergency Management", "Texas Board of Pardons and Paroles"."""
    cached = _STATE_AGENCY.get(id(cues))
    if not cached or cached[0] is not cues:
        states = trie_pattern(sorted(cues.states), guard_class=r"\w")  # "\b" before a name
        pattern = re.compile(
            r"(?P<state>" + states + r")(?:'s)?[ \t]+(?:State[ \t]+)?"
            r"(?:Department|Division|Office|Bureau|Agency|Commission|Board|Authority|"
            r"Administration|Council)[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?"
            r"[A-Z][\w'-]*(?:,?[ \t]+(?:(?:and|&|of|for)[ \t]+)?[A-Z][\w'-]*){0,5}")
        cached = _STATE_AGENCY[id(cues)] = (cues, pattern)
    return [BodyHit(m.start(), m.end(), m.group(0), "state_local", state=m.group("state"),
                    generic=True) for m in cached[1].finditer(text)]


_PRIVATE_FORMS = frozenset(["Association", "Union", "Federation", "Coalition", "Alliance",
                            "Foundation", "Society", "Employees", "Workers", "Inc.", "Inc",
                            "LLC", "Corp.", "Corporation", "Airlines", "Air Lines"])
# Outlet words that name a newspaper even without "the" ("Lakeshore Public Media").
_STRONG_NEWS = frozenset(["Times", "Post", "Journal", "Tribune", "Gazette", "Herald", "Ledger",
                          "Sentinel", "Courier", "Chronicle", "Inquirer", "Dispatch", "Observer",
                          "Examiner", "Media", "Public Radio", "Free Press"])
_HYPHEN_WORD = re.compile(r"[A-Z][\w'.]*-$")


def _suffix_hits(text: str, index: BodyIndex, cues: Cues) -> list[BodyHit]:
    hits: list[BodyHit] = []
    for match in index.suffix_re.finditer(text):
        start, end = match.span()
        suffix = " ".join(match.group("m").split())
        kind = index.suffix[suffix]
        joined = _HYPHEN_WORD.search(text, max(0, start - 30), start)
        if joined:  # "the Courier-Ledger"
            start = joined.start()
            suffix = text[start:end]
        before = _RUN_BEFORE.search(text, max(0, start - 90), start)
        run = clean_run(before.group(1)) if before else ""
        if not run and not joined:
            continue
        first = (run or suffix).split()[0].lower().rstrip(".")
        if first in _FEDERAL_START and kind != "state_local" and suffix not in _PRIVATE_FORMS:
            continue
        name = f"{run} {suffix}".strip()
        name_start = start - len(before.group(1)) + before.group(1).find(run.split()[0]) \
            if run and before else start
        after_the = re.search(r"\b[Tt]he[ \t]+$", text[max(0, name_start - 5):name_start])
        if kind == "news_media" and not (after_the or joined or suffix in _STRONG_NEWS):
            continue
        state = state_in(name, cues)
        hits.append(BodyHit(name_start, end, name, kind, state=state, generic=True))
    return hits


_LOCAL_ACRONYM = Anchored(re.compile(
    r"\b(?:[A-Z][a-z]{1,4}|[A-Z]{1,4})(?<!US)(?P<kind>DOT|PD|DPS)\b"),
    [(kind, "", range(1, 6)) for kind in ("DOT", "PD", "DPS")])
_STATE_OFFICIAL = re.compile(r"(?:attorney[ \t]+general|governor|secretary[ \t]+of[ \t]+state|"
                             r"legislature|state[ \t]+senate|general[ \t]+assembly|Gov\.)",
                             re.IGNORECASE)
_HOUSE_COMMITTEE = Anchored(re.compile(
    r"\b(?:House|Senate|Joint)[ \t]+(?:(?:Permanent[ \t]+)?Select[ \t]+|Special[ \t]+)?"
    r"(?:Committee|Subcommittee)[ \t]+on[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*"
    r"(?:,?[ \t]+(?:(?:and|&|of|the)[ \t]+)*[A-Z][\w'-]*){0,5}"),
    [(chamber, "", [0]) for chamber in ("House", "Senate", "Joint")])


def _more_state_and_congress(text: str, cues: Cues) -> list[BodyHit]:
    """State bodies named by the state plus an office word, local acronyms, and committees."""
    hits: list[BodyHit] = []
    pattern = _state_named_pattern(cues)
    for match in pattern.finditer(text):
        state = match.group("state")
        if state == "Washington" and not match.group(0).startswith("Washington State"):
            continue  # "Washington Bureau" is usually a newsroom in the capital
        hits.append(BodyHit(match.start(), match.end(), match.group(0), "state_local",
                            state=state if state in cues.states else None, generic=True))
    for match in _LOCAL_ACRONYM.finditer(text):
        hits.append(BodyHit(match.start(), match.end(), match.group(0), "state_local",
                            generic=True))
    for match in _HOUSE_COMMITTEE.finditer(text) if "ommittee" in text else ():  # cheap test
        hits.append(BodyHit(match.start(), match.end(), match.group(0), "legislature",
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
    _, state_before = place_patterns(cues)
    out = []
    for hit in hits:
        if hit.kind == "legislature" and hit.generic:
            match = state_before.search(text, max(0, hit.start - 25), hit.start)
            if match:
                state = match.group(1) if match.group(1) in cues.states else None
                out.append(BodyHit(hit.start, hit.end, f"{(state or 'State')} legislature "
                                   f"({text[hit.start:hit.end]})", "state_local",
                                   state=state, generic=True))
                continue
        out.append(hit)
    return out


