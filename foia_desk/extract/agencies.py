"""Find the directory's agencies in an article: by name, acronym or alias, and informally.

All names are compiled once per :class:`~foia_desk.directory.Directory` into three trie
regexes (multi-word names case-insensitively; acronyms and one-word names exactly; informal
references case-insensitively), so a scan is one pass over the text.

On a long text the combined start scan (:class:`foia_desk.extract.scan.StartList`) also
tells where names, informal phrases, the case-sensitive informal phrases ("the Navy"),
web-address hints and the cue words that make an acronym mean something else can start,
so each pattern is tried only there (``NAME_PREFIX_LITERALS`` here, and
``agscan_urls.URL_HINT_LITERALS``, ``agscan_acronyms.cue_word_literals`` list the literals
their patterns' matches begin with); the results are exactly those of full scans. Web
addresses are found by :mod:`~foia_desk.extract.agscan_urls`, and how sure an acronym is
to mean its agency is worked out by :mod:`~foia_desk.extract.agscan_acronyms`.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from foia_desk.directory import Agency, Directory
from foia_desk.extract.agscan_acronyms import NormalWords, acronym_confidence, caps_context
from foia_desk.extract.agscan_urls import url_spans
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import (
    BEFORE_CLASS,
    compile_phrases,
    finditer_at,
    late_guarded_trie,
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
# "U.S." and its spellings before a name (in the folded text), with the blank after it.
NAME_PREFIX = r"(?:u\.[ ]?s\.?|us|united[ \t]+states)[ \t]+"
# Strings one of which begins every match of NAME_PREFIX (kept next to it to stay in step).
NAME_PREFIX_LITERALS = ("u.s", "u. s", "us ", "us\t", "united ", "united\t")


@dataclass(frozen=True)
class Hit:
    """One match in the reading's coordinates."""

    start: int
    end: int
    agency_id: str
    how: str  # "name" | "acronym" | "informal"
    confidence: float
    caps_only: bool = False  # an acronym seen only inside an all-caps line


_new_object = object.__new__


def new_hit(start: int, end: int, agency_id: str, how: str, confidence: float,
            caps_only: bool = False) -> Hit:
    """``Hit(start, end, agency_id, how, confidence, caps_only)``, made in half the time.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; a
    long text makes thousands of hits, so the fields are written into the new instance's
    ``__dict__`` at once instead: the same object (equal, same repr and hash). A test
    checks that the fields still are these six.
    """
    hit = _new_object(Hit)
    hit.__dict__.update(start=start, end=end, agency_id=agency_id, how=how,
                        confidence=confidence, caps_only=caps_only)
    return hit


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
        # compile_phrases(self.exact_keys, ignore_case=False), with the start check after the
        # second letter (see late_guarded_trie): tried at every capital, it fails sooner.
        exact = sorted({" ".join(plain_chars(p).split()) for p in self.exact_keys})
        self.exact_re = re.compile(
            r"(?P<m>" + late_guarded_trie(exact, BEFORE_CLASS) + r")(?![\w]|@)")
        self.informal_re = compile_phrases(self.informal_keys, ignore_case=True)
        self.exact_informal_re = compile_phrases(self.exact_informal, ignore_case=False)
        self.exact_informal_finder = ExactPhrases(self.exact_informal, self.exact_informal_re)
        # What find_agencies needs of a name, looked up once per match: the agencies meant
        # when "U.S." is written before it, those meant without, and whether the name has
        # three words or more besides the small ones (then lower case is still a name).
        self.name_table: dict[str, tuple[list[str], list[str], bool]] = {
            key: (list(entries), [i for i, needs in entries.items() if not needs],
                  len([w for w in key.split() if w not in _SMALL_WORDS]) >= 3)
            for key, entries in self.name_keys.items()}

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


_WORD_SEPARATORS = re.compile(r"[\s-]+")


def _capitalised(matched: str) -> bool:
    words = [w for w in _WORD_SEPARATORS.split(matched) if w and w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


class _StateWords:
    """Regex for a state (or "state"/"county"/"city") written just before a name."""

    def __init__(self, cues: Cues) -> None:
        # The names as a trie (longest first, like an alternation sorted by length), then
        # the generic words: no name starts with one of them, so the order is kept.
        words = [*cues.states, *cues.state_abbreviations, "State", "state", "County",
                 "county", "City", "city", "Municipal", "municipal", "Tribal", "tribal"]
        self.longest = max(len(w) for w in words)
        # How a match's word (with its "'s" or "'") can end: its last two characters. A
        # word of one letter could end anyhow, so then nothing is ruled out this way.
        self.endings: frozenset[str] | None = frozenset(
            {w[-2:] for w in words} | {w[-1] + "'" for w in words} | {"'s"}) \
            if all(len(w) >= 2 for w in words) else None
        self.pattern = re.compile(
            r"(?P<w>" + literal_trie(words) + r")(?:'s|')?[ \t]+(?:the[ \t]+)?$")
        self.cues = cues

    def before(self, text: str, start: int) -> tuple[int, str | None] | None:
        low = start - 40 if start > 40 else 0
        if start <= low:
            return None
        # The match ends in blanks (then maybe "the" and blanks) at ``start``, or just before
        # a line break there; before them come "'s" and a word of at most ``longest``
        # letters. Searching from there finds the same match as searching the whole window.
        if text[start - 1] not in " \t\n":
            return None
        pos = start - 1  # a line break there is where "$" matches; a blank is stripped
        while pos > low and text[pos - 1] in " \t":
            pos -= 1
        word_end = pos  # where the word and its "'s" end if no "the" comes between
        if pos - 3 >= low and text[pos - 3:pos] == "the":
            pos -= 3
            while pos > low and text[pos - 1] in " \t":
                pos -= 1
        # Most names follow a word that is no state: its last two letters tell, for a
        # fraction of the search's cost.
        endings = self.endings
        if endings is not None and text[pos - 2:pos] not in endings and \
                text[word_end - 2:word_end] not in endings:
            return None
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
    name or informal phrase can match; without it the folded text is scanned in full. A
    ``scan.StartList`` also tells where the rarer patterns can match (see there).

    The loops run once per match (thousands in a long text), so the checks are written
    inline and cheapest first: "inside a web address?" and "overlaps a name?" are bisections
    on lists of ints, what depends only on the name is looked up in ``index.name_table``,
    and the capitalisation of a name as written is worked out once per spelling.
    """
    states = _STATE_WORDS.get(id(cues))
    if states is None or states.cues is not cues:
        states = _STATE_WORDS[id(cues)] = _StateWords(cues)
    urls = url_spans(text, getattr(starts, "url_hints", None))
    url_starts, url_ends = [s for s, _ in urls], [e for _, e in urls]
    hits, state_hits, taken, full_named = _name_hits(text, folded, index, states, url_starts,
                                                     url_ends, _part(starts, "names"))
    # The agencies named by a hit other than an informal one or an acronym in a shouted
    # line, and those named by such an acronym: kept as the hits are made.
    confirmed, caps_ids = set(full_named), set()
    taken.sort()
    for hit in _acronym_hits(text, index, cues, url_starts, url_ends, taken, full_named,
                             getattr(starts, "avoid_words", None)):
        hits.append(hit)
        (caps_ids if hit.caps_only else confirmed).add(hit.agency_id)
    for found in (_inspector_general_hits(text, hits, index), _handle_hits(text, index)):
        hits.extend(found)
        confirmed.update(h.agency_id for h in found)
    found = _bureau_hits(text, hits, index)
    hits.extend(found)
    confirmed.update(h.agency_id for h in found)
    spans = taken + list(zip(map(_START, hits), map(_END, hits), strict=True))
    spans.sort()
    hits.extend(_informal_hits(text, folded, index, url_starts, url_ends, spans, states,
                               starts))
    # An acronym seen only in shouted lines counts if the agency is named otherwise too.
    if caps_ids <= confirmed:
        return hits, state_hits
    return [h for h in hits if not h.caps_only or h.agency_id in confirmed], state_hits


def _name_hits(text: str, folded: str, index: AgencyIndex, states: _StateWords,
               url_starts: list[int], url_ends: list[int], starts: list[int] | None
               ) -> tuple[list[Hit], list[StateBodyHit], list[tuple[int, int]], set[str]]:
    """Names (with their "U.S."), state-prefixed look-alikes, the spans both take and the
    agencies named in full."""
    hits: list[Hit] = []
    state_hits: list[StateBodyHit] = []
    taken: list[tuple[int, int]] = []
    full_named: set[str] = set()
    table = index.name_table
    capitals: dict[str, bool] = {}  # a name as written -> capitalised or all capitals
    for match in _folded_matches(index.names_re, folded, starts):
        start, end = match.span()
        name = match.group("m")
        entry = table.get(name) or table.get(" ".join(name.split()))
        if entry is None:
            continue
        m_start = match.start("m")
        pre = match.group("pre")
        if pre == "us" and text[start:start + 2] != "US":
            pre, start = None, m_start  # "us", the pronoun
        has_prefix = pre is not None
        ids = entry[0] if has_prefix else entry[1]
        if not ids:
            continue
        if url_starts:
            at = bisect_right(url_starts, start)
            if at and end <= url_ends[at - 1]:
                continue
        # _LARGER_BEFORE ends in "of"/"on"/"for"/"the" and blanks right at ``before``: the
        # two characters there are tested first, sparing most searches.
        before = start if has_prefix else m_start
        if text[before - 1:before] in _BLANK and text[before - 2:before - 1] in _LARGER_TAIL \
                and _LARGER_BEFORE.search(text, max(0, m_start - 40), before):
            continue
        if _LARGER_AFTER.match(text, end):
            continue
        matched = text[m_start:end]
        if not has_prefix and matched[:1].isupper():
            state = states.before(text, start)
            if state is not None:
                state_hits.append(StateBodyHit(state[0], _continuation_end(text, end), state[1]))
                taken.append((start, end))
                continue
        capital = capitals.get(matched)
        if capital is None:
            capital = capitals[matched] = _capitalised(matched) or matched.isupper()
        if capital:
            confidence, how = 0.97, "name"
        elif entry[2]:
            confidence, how = 0.85, "name"
        else:
            confidence, how = 0.5, "informal"
        for agency_id in ids:
            hits.append(new_hit(start, end, agency_id, how, confidence))
        if how == "name":
            full_named.update(ids)
        taken.append((start, end))
    return hits, state_hits, taken, full_named


def _acronym_hits(text: str, index: AgencyIndex, cues: Cues, url_starts: list[int],
                  url_ends: list[int], taken: list[tuple[int, int]], full_named: set[str],
                  avoid_at: list[int] | None) -> list[Hit]:
    """Acronyms and one-word names outside web addresses and the (sorted) ``taken`` spans.

    ``avoid_at``: see :func:`~foia_desk.extract.agscan_acronyms.acronym_confidence`.
    """
    hits: list[Hit] = []
    taken_starts, taken_ends = list(map(_FIRST, taken)), list(map(_SECOND, taken))
    exact_keys, risky = index.exact_keys, index.risky
    normal = NormalWords()
    for match in index.exact_re.finditer(text):
        start, end = match.span()
        if url_starts:
            at = bisect_right(url_starts, start)
            if at and end <= url_ends[at - 1]:
                continue
        if _overlapping(taken_starts, taken_ends, start, end):
            continue
        matched = match.group("m")
        ids = exact_keys.get(matched) or exact_keys.get(" ".join(matched.split()), ())
        caps_only = None
        for agency_id in ids:
            confidence = 0.92 if matched not in risky else acronym_confidence(
                text, start, end, matched, agency_id, index, cues, full_named, normal,
                avoid_at)
            if confidence <= 0:
                continue
            if caps_only is None:
                caps_only = caps_context(text, start, end)
            hits.append(new_hit(start, end, agency_id, "acronym", confidence, caps_only))
    return hits


_BLANK = frozenset(" \t")
_START, _END = attrgetter("start"), attrgetter("end")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# The last character of "of", "on", "for" or "the", or a blank (of a longer run of blanks).
_LARGER_TAIL = frozenset("fnre \t")


def _overlapping(span_starts: list[int], span_ends: list[int], start: int, end: int) -> bool:
    """Whether the non-empty ``[start, end)`` overlaps a span near it (spans sorted, given
    as their starts and ends): the last two beginning at or before ``start``, or the next.

    Only those three are looked at (with overlapping spans, one further back may reach
    ``start`` too). The two begin before ``end``, so they overlap when they end after
    ``start``; the next one overlaps when it begins before ``end``.
    """
    at = bisect_right(span_starts, start)
    return (at < len(span_starts) and span_starts[at] < end) or \
        (at > 0 and start < span_ends[at - 1]) or (at > 1 and start < span_ends[at - 2])


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
# Written to start with the literal word (its "\b" before checked behind it), which a
# search finds fast, where a start on "b" was tried at every "b".
_THE_BUREAU = re.compile(r"bureau(?<!\wbureau)\b(?!'?s?[ \t]+of\b)")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*[ \t\n]+[\"'“‘(]?[A-Z]")
BUREAU_CONFIDENCE = 0.6


def _bureau_hits(text: str, hits: list[Hit], index: AgencyIndex) -> list[Hit]:
    """"the bureau" when its antecedent is clear, else nothing.

    Clear means: every agency named from the start of the previous sentence up to "the
    bureau" is one and the same, and its name contains "Bureau".
    """
    if "bureau" not in text:
        return []
    named = [h for h in hits if h.how != "informal"]
    named.sort(key=_START)
    ends = list(map(_END, named))
    starts = list(map(_START, named))
    out = []
    for match in _THE_BUREAU.finditer(text):
        if text[max(0, match.start() - 4):match.start()].lower() != "the ":
            continue
        last = bisect_right(ends, match.start())
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
        first = bisect_left(starts, window_start)
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
    ends = _oig_ends(text)
    if not ends:
        return []
    out = []
    oig_of: dict[str, Agency | None] = {}  # an agency's inspector general, looked up once
    for hit in [h for h in hits if h.end in ends]:
        match = _OIG_AFTER.match(text, hit.end)
        if not match or hit.how == "informal":
            continue
        if hit.agency_id not in oig_of:
            oig_of[hit.agency_id] = next(
                (child for child in index.directory.children_of(hit.agency_id)
                 if "inspector general" in child.name.lower()), None)
        oig = oig_of[hit.agency_id]
        if oig is not None:
            out.append(Hit(hit.start, match.end(), oig.id, "name", 0.95))
    return out


# What _OIG_AFTER reads before its "[Ii]nspector": "'s", blanks and "office of the".
_OIG_LEAD = frozenset("'s \tOoficeth")


def _oig_ends(text: str) -> set[int]:
    """Where a hit must end for _OIG_AFTER to match there: inside the run of _OIG_LEAD
    characters before an "nspector" (which holds none of them), at least one before it.

    A few hundred positions, found from the rare "nspector" (a fast search), spare trying
    the pattern after each of thousands of hits.
    """
    ends: set[int] = set()
    found = text.find("nspector")
    while found >= 0:
        first = found - 1  # the "I" of "Inspector"
        lead = first
        while lead > 0 and text[lead - 1] in _OIG_LEAD:
            lead -= 1
        ends.update(range(lead, first))
        found = text.find("nspector", found + 8)
    return ends


def _part(starts: list[int] | None, name: str) -> list[int] | None:
    """The candidate list ``name`` that a ``scan.StartList`` carries, else ``starts``."""
    part = getattr(starts, name, None)
    return starts if part is None else part


def _folded_matches(pattern: re.Pattern[str], folded: str, starts: list[int] | None
                    ) -> Iterator[re.Match[str]]:
    return pattern.finditer(folded) if starts is None else finditer_at(pattern, folded, starts)


def _informal_hits(text: str, folded: str, index: AgencyIndex, url_starts: list[int],
                   url_ends: list[int], taken: list[tuple[int, int]], states: _StateWords,
                   starts: list[int] | None = None) -> list[Hit]:
    """Informal references outside web addresses and names found, not after a state."""
    hits: list[Hit] = []
    taken_starts, taken_ends = list(map(_FIRST, taken)), list(map(_SECOND, taken))
    # The case-sensitive phrases ("the Navy") start where the combined scan's automaton
    # found their lower-case form, if it tells (see scan.PhraseStarts.starts).
    exact_starts = getattr(starts, "exact_informal", None)
    exact = index.exact_informal_finder.finditer(text) if exact_starts is None else \
        finditer_at(index.exact_informal_re, text, exact_starts)
    for found, table in ((_folded_matches(index.informal_re, folded, _part(starts, "informal")),
                          index.informal_keys), (exact, index.exact_informal)):
        for match in found:
            start, end = match.span()
            if url_starts:
                at = bisect_right(url_starts, start)
                if at and end <= url_ends[at - 1]:
                    continue
            if _overlapping(taken_starts, taken_ends, start, end):
                continue
            ids = table.get(" ".join(match.group("m").split()), ())
            if ids and states.before(text, start) is None:
                for agency_id in ids:
                    hits.append(new_hit(start, end, agency_id, "informal", 0.55))
    return hits
