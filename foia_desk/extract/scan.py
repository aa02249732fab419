"""One scan for where any case-insensitive phrase of the directory can start.

Agency names, informal references, non-FOIA body names and judges' titles are four phrase
sets run over the same folded (lower-case) reading, and so are the dates' anchor words.
Python's ``re`` cannot skip ahead to a lower-case phrase's first letter (nearly every
position holds one), so each full scan tries its pattern at every position. Instead the
positions where any of them matches are found once, and each set's own pattern is then
tried only there (:func:`~foia_desk.extract.matcher.finditer_at`), with exactly the results
a full ``finditer`` would give.

Those positions are defined by one look-ahead pattern built from all the sets
(``PhraseStarts.pattern``: a non-word character, then any phrase start). Run over the whole
text it too is tried after every blank and costs more than the scans it spares. So an
Aho-Corasick automaton (:class:`~foia_desk.extract.literal.LiteralSet`, in Rust) first
finds the literal strings every match of the pattern begins with
(:mod:`~foia_desk.extract.agscan_literals`), a few thousand per megabyte, and the pattern
is tried only at those: the same positions as a full scan, for a third of the time.

The same pass finds other literals for next to nothing, where a scan of its own would cost
a millisecond or more per megabyte: the result (a :class:`StartList`) also tells the agency
finder where its names and informal phrases can start (each pattern is then tried at fewer
positions), where its case-sensitive informal phrases and web-address hints can start, and
where the cue words that make an acronym mean something else are; and it tells the body
finder where its folded names and judges' titles can start.
"""

from __future__ import annotations

import re
import weakref

from foia_desk.directory import Directory
from foia_desk.extract.agencies_index import NAME_PREFIX, NAME_PREFIX_LITERALS, AgencyIndex
from foia_desk.extract.agscan_acronyms import cue_word_literals
from foia_desk.extract.agscan_literals import LiteralGroups, start_literals
from foia_desk.extract.agscan_urls import URL_HINT_LITERALS
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.dates import ANCHOR_WORDS
from foia_desk.extract.matcher import BEFORE_CLASS, plain_chars, trie_pattern

PREFIX_CHARS = 16


class StartList(list[int]):
    """The starts (a plain list of ints to every reader), carrying ascending candidate
    positions for the agency finder, each a superset of where its pattern can match:

    - ``names``, ``informal``: agency names (or their "U.S.") and informal phrases;
    - ``exact_informal``: the case-sensitive informal phrases ("the Navy"), in the plain
      text (None if they cannot be told from the folded text);
    - ``url_hints``: ``agscan_urls.URL_HINT_LITERALS``, where a web-address hint can start;
    - ``avoid_words``: where ``agscan_acronyms.cue_word_literals(index.avoid_words)`` are
      ("football", "china": words that make an acronym mean something else), or None.

    and for the body finder:

    - ``bodies``, ``judges``: the body names matched on the folded text and the judges'
      titles (``BodyIndex.folded_re`` and ``judges_re``).

    ``find_agencies`` and ``find_bodies`` receive only this list from ``core``, so the
    lists travel with it; given a plain list, the finders try their patterns at all of it.
    """

    names: list[int] | None = None
    informal: list[int] | None = None
    exact_informal: list[int] | None = None
    url_hints: list[int] | None = None
    avoid_words: list[int] | None = None
    bodies: list[int] | None = None
    judges: list[int] | None = None


class PhraseStarts:
    """Where a phrase of ``agencies`` or ``bodies`` matches in a folded text."""

    def __init__(self, agencies: AgencyIndex, bodies: BodyIndex) -> None:
        self.agencies = agencies
        self.bodies = bodies
        keys = {*agencies.name_keys, *agencies.informal_keys, *bodies.folded_keys,
                *bodies.judge_keys}
        # Only the first PREFIX_CHARS characters of the longer phrases are checked: the
        # look-ahead may then report a few starts where no whole phrase matches (each set's
        # own pattern rejects them), but the pattern is far smaller to compile.
        whole = sorted(k for k in keys if len(k) <= PREFIX_CHARS)
        begun = sorted({k[:PREFIX_CHARS] for k in keys if len(k) > PREFIX_CHARS})
        # The optional prefix covers the agency names' "U.S." (names_re starts its match
        # there). The dates' anchor words ("monday", "year"...) only need "\b" before them.
        ahead = (r"(?=(?<!" + BEFORE_CLASS + r")(?:" + NAME_PREFIX + r")?(?:(?:"
                 + trie_pattern(whole) + r")(?![\w]|@)|" + trie_pattern(begun) + r")|"
                 + trie_pattern(ANCHOR_WORDS) + r"\b)")
        # Every start follows a non-word character (a match is that one character, so
        # matches never overlap and none is missed).
        self.pattern = re.compile(r"\W" + ahead)
        # Every match of the look-ahead begins with one of these: the "U.S." prefix, a
        # phrase (or its first PREFIX_CHARS characters) up to a blank or hyphen written
        # unusually, or an anchor word.
        literals = set(NAME_PREFIX_LITERALS).union(ANCHOR_WORDS)
        for phrase in (*whole, *begun):
            literals |= start_literals(phrase)
        # The agency finder's patterns: names (after an optional "U.S."), informal phrases.
        names = set(NAME_PREFIX_LITERALS).union(
            *(start_literals(key[:PREFIX_CHARS]) for key in agencies.name_keys))
        informal = set().union(
            *(start_literals(key[:PREFIX_CHARS]) for key in agencies.informal_keys))
        # The case-sensitive informal phrases (agencies.exact_informal_re), in lower case: a
        # text where the phrase matches holds it, so the folded text holds this form (ASCII
        # letters fold one for one). Not offered if a phrase is not ASCII.
        exact = sorted({" ".join(plain_chars(p).split()) for p in agencies.exact_informal})
        self.exact_offered = all(key.isascii() for key in exact)
        exact_literals = set().union(*(start_literals(key.lower()) for key in exact)) \
            if self.exact_offered else set()
        avoid = cue_word_literals(agencies.avoid_words)
        self.avoid_offered = avoid is not None
        # The body finder's folded patterns: body names, judges' titles.
        bodies_literals = set().union(
            *(start_literals(key[:PREFIX_CHARS]) for key in bodies.folded_keys))
        judges = set().union(*(start_literals(key[:PREFIX_CHARS]) for key in bodies.judge_keys))
        self.groups = LiteralGroups([literals, exact_literals, URL_HINT_LITERALS, avoid or (),
                                     names, informal, bodies_literals, judges],
                                    rare=(1, 2, 3, 6, 7))

    def starts(self, folded: str) -> StartList:
        """Ascending positions in ``folded`` where a phrase of any of the sets (or a date
        anchor word) can match (and perhaps a few more): exactly those where ``pattern``
        matches in ``" " + folded``; with the agency finder's candidates (``StartList``)."""
        # A blank before the text stands for its start: the look-behinds see no word
        # character there either way. Offsets shift back by that one character, so the
        # pattern is tried at a literal's start in ``shifted`` to test the character before.
        shifted = " " + folded
        match = self.pattern.match
        candidates, exact, url_hints, avoid, names, informal, bodies, judges = \
            self.groups.find(folded)
        result = StartList([start for start in candidates if match(shifted, start)])
        result.exact_informal = exact if self.exact_offered else None
        result.url_hints = url_hints
        result.avoid_words = avoid if self.avoid_offered else None
        result.names, result.informal = names, informal
        result.bodies, result.judges = bodies, judges
        return result


_CACHE: weakref.WeakKeyDictionary[Directory, PhraseStarts] = weakref.WeakKeyDictionary()


def phrase_starts(directory: Directory, agencies: AgencyIndex, bodies: BodyIndex
                  ) -> PhraseStarts:
    """The combined start scan for ``directory``'s compiled indexes (built once)."""
    cached = built_phrase_starts(directory, agencies, bodies)
    if cached is None:
        cached = _CACHE[directory] = PhraseStarts(agencies, bodies)
    return cached


def built_phrase_starts(directory: Directory, agencies: AgencyIndex, bodies: BodyIndex
                        ) -> PhraseStarts | None:
    """The combined start scan if this process has already built it, else None."""
    cached = _CACHE.get(directory)
    if cached is None or cached.agencies is not agencies or cached.bodies is not bodies:
        return None
    return cached
