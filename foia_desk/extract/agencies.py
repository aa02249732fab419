"""Find the directory's agencies in an article: by name, acronym or alias, and informally.

All names are compiled once per :class:`~foia_desk.directory.Directory` into three trie
regexes (multi-word names case-insensitively; acronyms and one-word names exactly; informal
references case-insensitively), so a scan is one pass over the text.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from foia_desk.directory import Directory
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import (
    BEFORE_CLASS,
    compile_phrases,
    finditer_at,
    literal_trie,
    phrase_key,
    plain_chars,
    start_scanner,
    trie_pattern,
)

_PREFIXES = ("u.s. ", "us ", "united states ", "u. s. ")
_ARTICLE = "the "
_SMALL_WORDS = frozenset(["of", "and", "the", "for", "on", "in", "to", "at", "&", "a", "an"])
_LARGER_BEFORE = re.compile(
    r"(?:Committee|Subcommittee|Caucus|Council|Commission|Division|Department|Office|Bureau|"
    r"Board|Center|Institute|Task Force|Service|Agency)[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?$")
_LARGER_AFTER = re.compile(r"[ \t]+(?:Committee|Subcommittee|Caucus|Council|Bank)\b")
# "://", "www.", "@" or a domain ending; each alternative starts with a literal character
# (no re.IGNORECASE on the first letter), so Python's re skips straight to those characters.
_URL_HINT = re.compile(r"://|@|\.(?i:gov|com|org|net|edu|mil|us|io|co)\b|W(?i:ww\.)|w(?i:ww\.)")
_WORD = re.compile(r"[\w'.&-]+")
_CAPS_MIN_LETTERS = 8
# "U.S." and its spellings before a name (in the folded text), with the blank after it.
NAME_PREFIX = r"(?:u\.[ ]?s\.?|us|united[ \t]+states)[ \t]+"


@dataclass(frozen=True)
class Hit:
    """One match in the reading's coordinates."""

    start: int
    end: int
    agency_id: str
    how: str  # "name" | "acronym" | "informal"
    confidence: float
    caps_only: bool = False  # an acronym seen only inside an all-caps line


@dataclass(frozen=True)
class StateBodyHit:
    """A federal-looking name preceded by a state ("Colorado Department of Labor")."""

    start: int
    end: int
    state: str | None


class AgencyIndex:
    """The directory's names compiled for matching."""

    def __init__(self, directory: Directory, cues: Cues) -> None:
        self.directory = directory
        # key -> {agency id: whether the match needs its "U.S." prefix}
        self.name_keys: dict[str, dict[str, bool]] = {}
        self.exact_keys: dict[str, list[str]] = {}
        self.informal_keys: dict[str, list[str]] = {}
        self.exact_informal: dict[str, list[str]] = {}
        self.risky: set[str] = set(cues.words("acronyms", "risky"))
        self.avoid_words = frozenset(cues.words("acronyms", "avoid"))
        self.support_words = frozenset(cues.words("acronyms", "support"))
        for agency in directory:
            self.risky.update(agency.ambiguous)
            names = [" ".join(n.split()) for n in (agency.name, *agency.aliases)]
            unprefixed = {k for k, had in map(_strip, map(phrase_key, names)) if not had}
            for name in names:
                self._add_name(agency.id, name, unprefixed)
            for acronym in agency.acronyms:
                self._add_exact(" ".join(acronym.split()), agency.id)
            for phrase in agency.informal:
                self._add_informal(agency.id, phrase)
        for phrase, ids in cues.raw.get("informal", {}).items():
            for agency_id in ids:
                if agency_id in directory.agencies:
                    self._add_informal(agency_id, phrase)
        # Run over fold_chars(text): lower-case patterns, no re.IGNORECASE (much faster).
        prefix = r"(?:(?P<pre>" + NAME_PREFIX.removesuffix(r"[ \t]+") + r")[ \t]+)?"
        self.names_re = re.compile(
            r"(?<![\w@/.])" + prefix + r"(?P<m>" + trie_pattern(sorted(self.name_keys)) + r")"
            r"(?![\w]|@)")
        self.exact_re = compile_phrases(self.exact_keys, ignore_case=False)
        self.informal_re = compile_phrases(self.informal_keys, ignore_case=True)
        self.exact_informal_re = compile_phrases(self.exact_informal, ignore_case=False)
        self.exact_informal_finder = ExactPhrases(self.exact_informal, self.exact_informal_re)

    def _add_exact(self, key: str, agency_id: str) -> None:
        ids = self.exact_keys.setdefault(key, [])
        if agency_id not in ids:
            ids.append(agency_id)

    def _add_name(self, agency_id: str, name: str, unprefixed: set[str]) -> None:
        raw = name[len(_ARTICLE):] if name.lower().startswith(_ARTICLE) else name
        key, had_prefix = _strip(phrase_key(raw))
        if " " not in key and not had_prefix:
            # One-word names ("Pentagon") are matched exactly as written.
            self._add_exact(raw, agency_id)
            return
        # "U.S. Attorney's Office" needs its prefix ("district attorney's office" is local);
        # "U.S. Postal Service" does not, because "Postal Service" is listed on its own.
        requires = had_prefix and key not in unprefixed
        entries = self.name_keys.setdefault(key, {})
        entries[agency_id] = entries.get(agency_id, True) and requires

    def _add_informal(self, agency_id: str, phrase: str) -> None:
        raw = " ".join(phrase.split())
        # "the Navy", "Main Justice", "Secretary of State" are matched as written: in lower
        # case they are ordinary words ("navy blue").
        if any(c.isupper() for c in raw):
            self.exact_informal.setdefault(raw, []).append(agency_id)
        else:
            self.informal_keys.setdefault(phrase_key(raw), []).append(agency_id)


class ExactPhrases:
    """``pattern.finditer(text)`` for ``pattern = compile_phrases(phrases, ignore_case=False)``,
    with the pattern tried only where one of the phrases can start.

    Such a pattern starts with its phrases' first letters, so Python's re tries it at every
    occurrence of any of them; a few phrases starting with a common lower-case letter ("the
    Navy", "assistant U.S. attorney") make that nearly every position. Instead the
    capitalised phrases' starts come from one look-ahead scan (which skips to capitals) and
    the others' from a search for their first word (a literal, found fast), each checked
    with the rest of its phrases in a look-ahead; :func:`finditer_at` then gives exactly
    the matches of a full ``finditer``.
    """

    def __init__(self, phrases: Iterable[str], pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        keys = sorted({" ".join(plain_chars(p).split()) for p in phrases})
        # The scanners may report a few more starts than the pattern matches (they leave
        # out its check of what follows a phrase), never fewer.
        capitalised = [k for k in keys if not k[:1].islower()]
        self.scanners = [start_scanner(capitalised, guard_class=BEFORE_CLASS)]
        rests: dict[str, list[str]] = {}
        for key in keys:
            if key[:1].islower():
                first = _FIRST_WORD.match(key).group(0)  # type: ignore[union-attr]
                rests.setdefault(first, []).append(key[len(first):])
        for first, ends in rests.items():
            rest = trie_pattern(ends) if any(ends) else ""
            if rest and "" in ends:
                rest = "(?:" + rest + ")?"
            if any(first[:k] == first[-k:] for k in range(1, len(first))):
                # A word that can overlap itself ("aha"): a search would skip the overlapping
                # occurrences, so only its first letter is consumed.
                rest = re.escape(first[1:]) + rest
                first = first[0]
            # What "\b" before the word means, checked after it (see trie_pattern's guard).
            before = "(?<!" + BEFORE_CLASS + "[\\s\\S]{" + str(len(first)) + "})"
            self.scanners.append(re.compile(re.escape(first) + before + "(?=" + rest + ")"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = sorted({m.start() for scanner in self.scanners for m in scanner.finditer(text)})
        return finditer_at(self.pattern, text, starts)


# A phrase's first word: up to a blank or a hyphen (trie_pattern's multi-character pieces).
_FIRST_WORD = re.compile(r"[^ -]+")


def _strip(key: str) -> tuple[str, bool]:
    """(key without "the"/"U.S." prefixes, whether a U.S. prefix was removed)."""
    if key.startswith(_ARTICLE):
        key = key[len(_ARTICLE):]
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):], True
    return key, False


_INDEXES: weakref.WeakKeyDictionary[Directory, AgencyIndex] = weakref.WeakKeyDictionary()


def agency_index(directory: Directory, cues: Cues) -> AgencyIndex:
    """The compiled index for ``directory`` (built once per directory object)."""
    index = _INDEXES.get(directory)
    if index is None:
        index = _INDEXES[directory] = AgencyIndex(directory, cues)
    return index


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of web addresses, e-mail addresses and domain names (names there don't count).

    Found from a cheap hint ("://", "www.", "@", ".gov") widened to the surrounding
    non-blank run, so the scan stays one fast pass.
    """
    spans: list[tuple[int, int]] = []
    for hint in _URL_HINT.finditer(text):
        if hint.group(0) == "@" and not (hint.start() > 0 and text[hint.start() - 1].isalnum()):
            continue  # "@DHSgov" is a handle, handled by the matchers' boundaries
        start = hint.start()
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<\"'":
            start -= 1
        end = hint.end()
        while end < len(text) and not text[end].isspace() and text[end] not in ")>\"'":
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def caps_context(text: str, start: int, end: int) -> bool:
    """Whether the line around ``[start, end)`` is written in capitals (a shouted headline)."""
    # Only 60 characters either side count, so the line ends are looked for only there.
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    line_end = text.find("\n", end, end + 60)
    line_end = len(text) if line_end < 0 else line_end
    line_start, line_end = max(line_start, start - 60), min(line_end, end + 60)
    around = text[line_start:start] + text[end:line_end]
    if around.isascii():  # count in C: delete the letters (or capitals) and compare lengths
        raw = around.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        if letters < _CAPS_MIN_LETTERS:
            return False
        upper = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
        return upper / letters >= 0.8
    alpha = [c for c in around if c.isalpha()]
    if len(alpha) < _CAPS_MIN_LETTERS:
        return False
    upper = sum(1 for c in alpha if c.isupper())
    return upper / len(alpha) >= 0.8


_ASCII_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LETTERS = _ASCII_CAPITALS + b"abcdefghijklmnopqrstuvwxyz"
_WORD_SEPARATORS = re.compile(r"[\s-]+")


def _capitalised(matched: str) -> bool:
    words = [w for w in _WORD_SEPARATORS.split(matched) if w and w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _neighbour_words(text: str, start: int, end: int, before: int, after: int) -> list[str]:
    left = _WORD.findall(text[max(0, start - 12 * before):start])[-before:] if before else []
    right = _WORD.findall(text[end:end + 12 * after])[:after] if after else []
    # (the words never hold a line break, so "'s$" is just a final "'s")
    lowered = [w.lower() for w in left + right]
    return [(w[:-2] if w.endswith("'s") else w).strip(".'") for w in lowered]


class _StateWords:
    """Regex for a state (or "state"/"county"/"city") written just before a name."""

    def __init__(self, cues: Cues) -> None:
        # The names as a trie (longest first, like an alternation sorted by length), then
        # the generic words: no name starts with one of them, so the order is kept.
        words = [*cues.states, *cues.state_abbreviations, "State", "state", "County",
                 "county", "City", "city", "Municipal", "municipal", "Tribal", "tribal"]
        self.longest = max(len(w) for w in words)
        self.pattern = re.compile(
            r"(?P<w>" + literal_trie(words) + r")(?:'s|')?[ \t]+(?:the[ \t]+)?$")
        self.cues = cues

    def before(self, text: str, start: int) -> tuple[int, str | None] | None:
        low = max(0, start - 40)
        if start <= low:
            return None
        # The match ends in blanks (then maybe "the" and blanks) at ``start``, or just before
        # a line break there; before them come "'s" and a word of at most ``longest``
        # letters. Searching from there finds the same match as searching the whole window.
        last = text[start - 1]
        if last not in " \t\n":
            return None
        pos = start - 1 if last == "\n" else start
        while pos > low and text[pos - 1] in " \t":
            pos -= 1
        if text[max(low, pos - 3):pos] == "the":
            pos -= 3
            while pos > low and text[pos - 1] in " \t":
                pos -= 1
        match = self.pattern.search(text, max(low, pos - self.longest - 2), start)
        if not match:
            return None
        word = match.group("w")
        state = self.cues.state_abbreviations.get(word, word)
        return match.start("w"), state if state in self.cues.states else None


_STATE_WORDS: dict[int, _StateWords] = {}


def _continuation_end(text: str, end: int) -> int:
    """End of a longer proper name ("... of Labor and Employment") continuing at ``end``."""
    match = re.compile(r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2})"
                       ).match(text, end)
    return match.end() if match else end


def find_agencies(text: str, folded: str, index: AgencyIndex, cues: Cues,
                  starts: list[int] | None = None) -> tuple[list[Hit], list[StateBodyHit]]:
    """All agency hits and state-prefixed look-alikes.

    ``text`` is the reading in plain characters, ``folded`` the same in lower case.
    ``starts`` (from :mod:`foia_desk.extract.scan`) lists every position where a folded
    name or informal phrase can match; without it the folded text is scanned in full.
    """
    states = _STATE_WORDS.get(id(cues))
    if states is None or states.cues is not cues:
        states = _STATE_WORDS[id(cues)] = _StateWords(cues)
    urls = url_spans(text)
    hits: list[Hit] = []
    state_hits: list[StateBodyHit] = []
    taken: list[tuple[int, int]] = []
    for match in _folded_matches(index.names_re, folded, starts):
        start, end = match.span()
        m_start = match.start("m")
        key = " ".join(match.group("m").split())
        entries = index.name_keys.get(key, {})
        has_prefix = match.group("pre") is not None
        if has_prefix and match.group("pre") == "us" and text[start:start + 2] != "US":
            has_prefix, start = False, m_start  # "us", the pronoun
        ids = [i for i, needs in entries.items() if has_prefix or not needs]
        if not ids or _inside(urls, start, end):
            continue
        matched = text[m_start:end]
        if _LARGER_BEFORE.search(text, max(0, m_start - 40), m_start if not has_prefix else start):
            continue
        if _LARGER_AFTER.match(text, end):
            continue
        if not has_prefix:
            state = states.before(text, start)
            if state is not None and matched[:1].isupper():
                state_hits.append(StateBodyHit(state[0], _continuation_end(text, end), state[1]))
                taken.append((start, end))
                continue
        if _capitalised(matched) or matched.isupper():
            confidence = 0.97
            how = "name"
        elif len([w for w in key.split() if w not in _SMALL_WORDS]) >= 3:
            confidence, how = 0.85, "name"
        else:
            confidence, how = 0.5, "informal"
        for agency_id in ids:
            hits.append(Hit(start, end, agency_id, how, confidence))
        taken.append((start, end))
    full_named = {h.agency_id for h in hits if h.how == "name"}
    taken.sort()
    for match in index.exact_re.finditer(text):
        start, end = match.span()
        if _inside(urls, start, end) or _overlaps(taken, start, end):
            continue
        matched = match.group("m")
        for agency_id in index.exact_keys.get(" ".join(matched.split()), ()):
            confidence = _acronym_confidence(text, start, end, matched, agency_id, index,
                                             cues, full_named)
            if confidence <= 0:
                continue
            hits.append(Hit(start, end, agency_id, "acronym", confidence,
                            caps_only=caps_context(text, start, end)))
    hits.extend(_inspector_general_hits(text, hits, index))
    hits.extend(_handle_hits(text, index))
    hits.extend(_bureau_hits(text, hits, index))
    informal = _informal_hits(text, folded, index, urls,
                              sorted(taken + [(h.start, h.end) for h in hits]), starts)
    hits.extend(h for h in informal if states.before(text, h.start) is None)
    return _confirm_caps(hits), state_hits


# An official account's handle: "@DHSgov", "@CBPgov", "@FEMAHQ" (a bare "@FBI" is already
# found by the acronym matcher). Starts with a literal "@", so a search skips straight there.
_HANDLE = re.compile(r"@(?<![\w@]@)(?P<acronym>[A-Z]{2,6})(?:gov|Gov|GOV|HQ|News|Press)\b")


def _handle_hits(text: str, index: AgencyIndex) -> list[Hit]:
    """Agency acronyms inside official social-media handles."""
    if "@" not in text:
        return []
    hits = []
    for match in _HANDLE.finditer(text):
        acronym = match.group("acronym")
        for agency_id in index.exact_keys.get(acronym, ())[:1]:
            hits.append(Hit(match.start("acronym"), match.end("acronym"), agency_id, "acronym",
                            0.9))
    return hits


# Lower-case "bureau" (a name would be capitalised); "the" before it is checked afterwards.
_THE_BUREAU = re.compile(r"b(?<!\w.)ureau\b(?!'?s?[ \t]+of\b)")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*[ \t\n]+[\"'“‘(]?[A-Z]")
BUREAU_CONFIDENCE = 0.6


def _bureau_hits(text: str, hits: list[Hit], index: AgencyIndex) -> list[Hit]:
    """"the bureau" when its antecedent is clear, else nothing.

    Clear means: every agency named from the start of the previous sentence up to "the
    bureau" is one and the same, and its name contains "Bureau".
    """
    if "bureau" not in text:
        return []
    import bisect

    named = sorted((h for h in hits if h.how != "informal"), key=lambda h: h.start)
    ends = [h.end for h in named]
    starts = [h.start for h in named]
    out = []
    for match in _THE_BUREAU.finditer(text):
        if text[max(0, match.start() - 4):match.start()].lower() != "the ":
            continue
        last = bisect.bisect_right(ends, match.start())
        nearest = index.directory.agencies.get(named[last - 1].agency_id) if last else None
        if nearest is None or "Bureau" not in nearest.name:
            continue  # cheap test first: the nearest agency named must be a bureau
        window_start = match.start()
        for _ in range(2):  # back to the start of the previous sentence
            ends_before = list(_SENTENCE_END.finditer(text, max(0, window_start - 600),
                                                      window_start))
            window_start = ends_before[-1].start() + 1 if ends_before else \
                max(0, window_start - 600)
        # (``named`` is sorted by start: the hits from ``window_start`` on, found by bisection,
        # not by reading every hit before; that made a long text quadratic)
        first = bisect.bisect_left(starts, window_start)
        ids = {h.agency_id for h in named[first:last]}
        if len(ids) != 1:
            continue
        agency = index.directory.agencies.get(next(iter(ids)))
        if agency is not None and "Bureau" in agency.name:
            out.append(Hit(match.start(), match.end(), agency.id, "name", BUREAU_CONFIDENCE))
    return out


_OIG_AFTER = re.compile(r"(?:'s?)?[ \t]+(?:[Oo]ffice[ \t]+of[ \t]+(?:the[ \t]+)?)?"
                        r"[Ii]nspector[ \t]+[Gg]eneral\b(?:'s[ \t]+[Oo]ffice\b)?")


def _inspector_general_hits(text: str, hits: list[Hit], index: AgencyIndex) -> list[Hit]:
    """"the Justice Department's Office of the Inspector General" names DOJ's OIG."""
    out = []
    for hit in hits:
        match = _OIG_AFTER.match(text, hit.end)
        if not match or hit.how == "informal":
            continue
        oig = next((child for child in index.directory.children_of(hit.agency_id)
                    if "inspector general" in child.name.lower()), None)
        if oig is not None:
            out.append(Hit(hit.start, match.end(), oig.id, "name", 0.95))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    index = bisect.bisect_right(spans, (start, 1 << 62))
    return any(s < end and start < e for s, e in spans[max(0, index - 2):index + 1])


def _acronym_confidence(text: str, start: int, end: int, matched: str, agency_id: str,
                        index: AgencyIndex, cues: Cues, full_named: set[str]) -> float:
    """0 to reject; otherwise how sure we are that these letters mean the agency."""
    if matched not in index.risky:
        return 0.92
    if _SECTION_NUMBER.match(text[end:end + 4]):
        return 0.0  # "SEC. 2.", "Sec. 4": a section heading, not the agency
    near = _neighbour_words(text, start, end, 8, 8)
    if not index.avoid_words.isdisjoint(near):
        return 0.0
    if len(matched) == 2 and _TOWN_COMMA.search(text[max(0, start - 30):start]):
        return 0.0  # "Arlington, VA": a state abbreviation
    if agency_id in full_named:
        return 0.9
    close = _neighbour_words(text, start, end, 2, 3)
    if not index.support_words.isdisjoint(close):
        return 0.85
    return 0.0


_SECTION_NUMBER = re.compile(r"\.?[ \t]*\d")
_TOWN_COMMA = re.compile(r"[A-Z][a-z]+,[ \t]*$")


def _folded_matches(pattern: re.Pattern[str], folded: str, starts: list[int] | None
                    ) -> Iterator[re.Match[str]]:
    return pattern.finditer(folded) if starts is None else finditer_at(pattern, folded, starts)


def _informal_hits(text: str, folded: str, index: AgencyIndex, urls: list[tuple[int, int]],
                   taken: list[tuple[int, int]], starts: list[int] | None = None) -> list[Hit]:
    hits: list[Hit] = []
    for regex, table, fold in ((index.informal_re, index.informal_keys, True),
                               (index.exact_informal_finder, index.exact_informal, False)):
        found = _folded_matches(regex, folded, starts) if fold else regex.finditer(text)
        for match in found:
            start, end = match.span()
            if _inside(urls, start, end) or _overlaps(taken, start, end):
                continue
            key = " ".join(match.group("m").split())
            for agency_id in table.get(key, ()):
                hits.append(Hit(start, end, agency_id, "informal", 0.55))
    return hits


def _confirm_caps(hits: list[Hit]) -> list[Hit]:
    """Drop acronyms seen only in all-caps lines unless the agency is named elsewhere."""
    confirmed = {h.agency_id for h in hits if h.how != "informal" and not h.caps_only}
    return [h for h in hits if not h.caps_only or h.agency_id in confirmed]
