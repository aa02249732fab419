"""The context a spin rule looks at: the word before and after a phrase, and word lists.

A rule in ``resources/despin.toml`` may require the next or previous word to be (or not to
be) one of a list of words and word classes ("@cap", "@det"...). There is one such test
for every spun phrase found (some ten thousand in a megabyte of spun text), so each list is
turned once into a :class:`WordClass` whose test is a couple of set look-ups, and the word
before a phrase is usually read without a regex (see :func:`word_before`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The closed word classes; "@cap", "@lower", "@ing" and "@num" are tests on the word.
CLASSES: dict[str, frozenset[str]] = {
    "@det": frozenset([
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "my", "your", "which", "what", "some", "any", "each", "every", "no", "another", "such",
        "[its]", "its'",
    ]),
    "@subj": frozenset([
        "i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "one", "officers",
        "agents", "people", "officials", "inspectors", "authorities", "police",
    ]),
    "@modal": frozenset([
        "to", "can", "will", "must", "may", "might", "should", "would", "could", "shall",
        "cannot", "tin", "volition",
    ]),
    "@day": frozenset([
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]),
}


@dataclass(frozen=True)
class WordClass:
    """A rule's list of words and word classes, as one test (:meth:`holds`).

    A word belongs if it is listed as written, if its lower-case form is listed or in a
    listed closed class, or if it passes a listed test class.
    """

    words: frozenset[str]  # the listed words (as written) and the listed closed classes' members
    cap: bool = False
    lower: bool = False
    ing: bool = False
    num: bool = False
    tests: bool = False  # any of the four above

    @classmethod
    def of(cls, allowed: Iterable[str]) -> WordClass:
        listed = frozenset(allowed)
        words = frozenset(w for w in listed if not w.startswith("@"))
        members = [CLASSES[name] for name in listed if name in CLASSES]
        tests = [name in listed for name in ("@cap", "@lower", "@ing", "@num")]
        return cls(words.union(*members), *tests, any(tests))

    def holds(self, word: str | None) -> bool:
        if word is None:
            return False
        # ``words`` holds the listed words as written and the (lower-case) class members,
        # so a word found in it as written belongs: one look-up for most words that do.
        if word in self.words:
            return True
        low = word.lower()
        if low in self.words:
            return True
        if not self.tests:
            return False
        first = word[:1]
        return ((self.cap and first.isupper()) or (self.lower and first.islower())
                or (self.ing and low.endswith("ing") and len(low) > 4)
                or (self.num and first.isdigit()))


_WORD_AFTER = re.compile(r"[ \t\"'(]*(?:\r?\n[ \t]*)?([\w'\[\]]+)")
_WORD_BEFORE = re.compile(r"([\w'\[\]]+)[\"')]*[ \t]*(?:\r?\n[ \t]*)?$")
# Characters a word before a spun phrase (and the quotes after it) can be made of, and the
# blanks between it and the phrase: ``_WORD_BEFORE`` can only match inside such a run.
_WORD_OR_QUOTE = frozenset("'[]\"')")
_BLANKS = frozenset(" \t\r\n")


def word_after(plain: str, end: int) -> str | None:
    """The word after a phrase ending at ``end``: past blanks, quotes and one line break."""
    after = _WORD_AFTER.match(plain, end)
    return after.group(1) if after else None


def word_before(plain: str, start: int) -> str | None:
    """The word just before ``start`` as ``_WORD_BEFORE`` finds it in the 40 characters before.

    Most phrases follow one space and a plain word: the word then runs from the space
    before it (``rfind``) and is all letters or digits (``isalnum``, one C call), and the
    pattern would match exactly that word. Any other case goes the long way below.
    """
    if start >= 2 and plain[start - 1] == " ":
        # The word must start inside the window, so the space is at ``start - 41`` or after.
        space = plain.rfind(" ", max(0, start - 41), start - 1)
        if space >= 0:
            word = plain[space + 1:start - 1]
            if word.isalnum():  # also False when empty
                return word
    return _word_before_slow(plain, start)


def _word_before_slow(plain: str, start: int) -> str | None:
    """``_WORD_BEFORE.search`` over the 40 characters before ``start``, begun where it can match.

    Searching the whole window tries the pattern at up to 40 starting points; the match can
    only start inside the run of word and quote characters that precedes the blanks, so the
    search begins there (same result, a few attempts).
    """
    low = max(0, start - 40)
    pos = start
    while pos > low and plain[pos - 1] in _BLANKS:
        pos -= 1
    while pos > low and (plain[pos - 1] in _WORD_OR_QUOTE or plain[pos - 1].isalnum()
                         or plain[pos - 1] == "_"):  # re's \w is isalnum() or "_"
        pos -= 1
    before = _WORD_BEFORE.search(plain, pos, start)
    return before.group(1) if before else None
