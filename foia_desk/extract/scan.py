"""One scan for where any case-insensitive phrase of the directory can start.

Agency names, informal references, non-FOIA body names and judges' titles are four phrase
sets run over the same folded (lower-case) reading, and so are the dates' anchor words.
Python's ``re`` cannot skip ahead to a lower-case phrase's first letter (nearly every
position holds one), so each full scan tries its pattern at every position. Instead one
look-ahead pattern built from all the sets finds the positions where any of them matches,
and each set's own pattern is then tried only there
(:func:`~foia_desk.extract.matcher.finditer_at`), with exactly the results a full
``finditer`` would give.
"""

from __future__ import annotations

import re
import weakref

from foia_desk.directory import Directory
from foia_desk.extract.agencies import NAME_PREFIX, AgencyIndex
from foia_desk.extract.dates import ANCHOR_WORDS
from foia_desk.extract.matcher import BEFORE_CLASS, trie_pattern
from foia_desk.extract.nonfoia import BodyIndex

PREFIX_CHARS = 16


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
        # Every start follows a non-word character. Matching that character, a class
        # Python's re can skip ahead to, beats a look-behind tried at every position; each
        # match is one character long, so none is missed.
        self.pattern = re.compile(r"\W" + ahead)

    def starts(self, folded: str) -> list[int]:
        """Ascending positions in ``folded`` where a phrase of any of the sets (or a date
        anchor word) can match (and perhaps a few more)."""
        # A blank before the text stands for its start: the look-behinds see no word
        # character there either way. Offsets shift back by that one character.
        return [match.start() for match in self.pattern.finditer(" " + folded)]


_CACHE: weakref.WeakKeyDictionary[Directory, PhraseStarts] = weakref.WeakKeyDictionary()


def phrase_starts(directory: Directory, agencies: AgencyIndex, bodies: BodyIndex
                  ) -> PhraseStarts:
    """The combined start scan for ``directory``'s compiled indexes (built once)."""
    cached = _CACHE.get(directory)
    if cached is None or cached.agencies is not agencies or cached.bodies is not bodies:
        cached = _CACHE[directory] = PhraseStarts(agencies, bodies)
    return cached
