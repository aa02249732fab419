"""The capitalised run just before a position ("Denver Police" before "Department"), read
backwards.

The body finders ask, for every suffix word they find ("Department", "Post", "Committee"...),
which run of capitalised words ends just before it: ``RUN_BEFORE.search(text, lo, start)``
with ``RUN_BEFORE`` = "(up to five capitalised words, each perhaps followed by of/and/...)$".
Such a search tries the pattern at every capital of the window, each try walking forward
to the end: a few microseconds, a thousand times a megabyte. The same run, read from its
end, is one ``match`` of the reversed pattern on the reversed text (reversed once per
text).

Why the reversed match gives the search's answer. A run is a sequence of units "WORD
blanks (SMALL blanks)?", where blanks are spaces and tabs and words hold no blank, so the
words of the text fix the units; the search returns the leftmost start, that is the run
with the most units (at most five, inside the window) and, for the first unit, the longest
word (a word may begin at a capital inside a longer word). The reversed pattern's greedy
repetition takes as many units as it can, and each reversed word takes the longest stretch
ending at a capital (or the whole ordinal, "21st", which holds no capital): only a whole
word lets a further unit follow, so the first match found is the longest one. The search's
"$" also matches before a final line break; a run ends with a blank, so it then ends before
that break. ``tests/test_extract_bodies_runs.py`` checks this against the search.
"""

from __future__ import annotations

import re

# Up to five capitalised words (or "21st") ending at the search's end:
#   WORD  = [A-Z][\w'.&-]* | \d+(?:st|nd|rd|th)
#   SMALL = of|and|for|the|on|&|de
#   ((?:WORD[ \t]+(?:SMALL[ \t]+)?){1,5})$
# RUN_BEFORE is that search, written to start with one character class (the first word's
# first character; look-behinds then tell which kind of word it starts), so a search skips
# straight to capitals and digits; the text matched from a given start is the same. The
# finders use RunsBefore; this search remains its definition (and its test's reference).
_RUN_WORD = r"(?:[A-Z][\w'.&-]*|\d+(?:st|nd|rd|th))[ \t]+(?:(?:of|and|for|the|on|&|de)[ \t]+)?"
RUN_BEFORE = re.compile(
    r"([A-Z\d](?:(?<=[A-Z])[\w'.&-]*|(?<=\d)\d*(?:st|nd|rd|th))[ \t]+"
    r"(?:(?:of|and|for|the|on|&|de)[ \t]+)?(?:" + _RUN_WORD + r"){0,4})$")
# The same run read backwards: see above why a match of this gives the search's answer.
_REVERSED = re.compile(
    r"(?:(?:[ \t]+(?:fo|dna|rof|eht|no|&|ed))?[ \t]+"
    r"(?:[\w'.&-]*[A-Z]|(?:ts|dn|dr|ht)\d+)){1,5}")


class RunsBefore:
    """``RUN_BEFORE.search(text, max(0, start - window), start)`` for many ``start``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._reversed: str | None = None  # made on first use

    def run_before(self, start: int, window: int) -> tuple[int, str] | None:
        """(start, text) of the search's match (its group 1 is its whole text), or None."""
        text = self.text
        if start <= 0:
            return None
        end = start - 1 if text[start - 1] == "\n" else start
        if end <= 0 or text[end - 1] not in " \t":  # a run ends with a blank
            return None
        if self._reversed is None:
            self._reversed = text[::-1]
        size = len(text)
        found = _REVERSED.match(self._reversed, size - end, size - max(0, start - window))
        if found is None:
            return None
        begin = size - found.end()
        return begin, text[begin:end]
