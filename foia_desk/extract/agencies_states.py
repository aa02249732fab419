"""Is a state (or "state", "county", "city"...) written just before a position?

"Colorado Department of Labor" or "the Texas Department of Public Safety" looks like a
federal name but is a state body, and "state inspectors" is no federal informal reference;
the agency finder asks this for every capitalised name and informal phrase it finds. The
question is a regex ending in "$" searched in a 40-character window; a search tries every
position of the window, so :meth:`StateWords.before` first walks back over the blanks (and
a "the") to where the state word must end, and rules out most positions by that word's
last two characters before any search. ``tests/test_extract_agscan_equivalence.py``
compares it with the plain search.
"""

from __future__ import annotations

import re

from foia_desk.extract.agencies_cache import per_cues
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import literal_trie


class StateWords:
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
        """(where the word starts, its state or None for "county"...) if a state word ends
        just before ``start`` (then blanks, perhaps "the"), within 40 characters; else None.
        """
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


_STATE_WORDS: dict[int, tuple[Cues, StateWords]] = {}


def state_words(cues: Cues) -> StateWords:
    """The :class:`StateWords` for ``cues`` (built once)."""
    return per_cues(_STATE_WORDS, cues, StateWords)
