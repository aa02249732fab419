"""Where the spinner phrases occur in a text: one Aho-Corasick pass and a few checks.

The spinner phrases ("instrumentality enforcement", "tin", "o.k.") are matched as
``compile_phrases(phrases, ignore_case=True).finditer`` would match them over the folded
text: a phrase may not start right after a word character, "@", "/" or ".", nor end before
a word character or "@"; a space in a phrase matches any run of blanks holding at most one
line break and a hyphen may be followed by a line break (``matcher.trie_pattern``). Most of
the phrases start with common letters, so Python's ``re`` tries that pattern at nearly
every character of the text.

Here an Aho-Corasick automaton (ahocorasick-rs, compiled in Rust, as in
:class:`LiteralSet`) finds the phrases as written, single-spaced, in one pass, and Python
checks the character on each side of the few matches. What the automaton cannot see is
worked out from the literal or left to the regex, tried only where needed:

* A match followed by a word character ("present" in "presented"): the regex would fall
  back to the longest shorter phrase that the match begins with and that ends at a
  boundary (usually there is none). Unless the match holds a blank, where another phrase
  may start, that depends on the literal alone, so it is looked up.
* A phrase written across a line break or several blanks ("instrumentality\\nenforcement").
  The part of the phrase before its first odd gap is a literal, so the automaton is also
  given every phrase's beginning up to a space or hyphen followed by each way such a gap
  can start ("instrumentality\\n", "instrumentality  "...). A match of one of these marks a
  place where the regex is tried; they are rare in ordinary text.
* Places inside a match where a phrase may start (after a blank): the automaton reports
  non-overlapping matches, so the regex is tried at those places of a match that was
  rejected or skipped. Like ``finditer``, a match never starts inside the previous one.

The automaton reads the text lower-cased and with "?" for each non-ASCII character (see
``_scanned``), which has the same phrase matches as the folded text, and the
boundaries are checked on the plain text, which has the same word characters; the folded
text is only made if the regex is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from foia_desk.extract.literal import DenseLiterals
from foia_desk.extract.matcher import fold_plain, trie_pattern

# How a gap that is not a single space can start (see ``matcher.WORD_GAP``, which matches
# blanks with at most one line break): a tab or a line break, or a space followed by
# another blank. The automaton reads tabs and carriage returns as "\n" (see
# ``_SCANNED_BYTES``), which leaves three ways to look for. "\r" alone counts too: the
# regex decides whether a line break follows it.
_ODD_SPACE_GAPS = ("\n", "  ", " \n")
# After a hyphen (``matcher.HYPHEN_GAP``) a line may break.
_ODD_HYPHEN_GAPS = ("\n",)
# The bytes of the text as the automaton reads them: ASCII letters lower-cased, "\t" and
# "\r" as "\n" (the phrases hold none of them), the others as they are.
_SCANNED_BYTES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\r",
                                 b"abcdefghijklmnopqrstuvwxyz\n\n")
# The one character outside ASCII that ``str.lower()`` makes ASCII (the Kelvin sign, "k").
# tests/test_extract_despin_phrases.py checks this against every code point, and that
# lower-casing never turns a word character into another kind of character.
LOWERS_TO_ASCII = "\u212a"


def _odd_beginnings(phrase: str) -> Iterator[str]:
    """The phrase's beginnings that end where an odd gap starts (see the module docstring)."""
    for index, char in enumerate(phrase):
        if char == " ":
            yield from (phrase[:index] + gap for gap in _ODD_SPACE_GAPS)
        elif char == "-":
            yield from (phrase[:index + 1] + gap for gap in _ODD_HYPHEN_GAPS)


def _may_precede_phrase(char: str) -> bool:
    """Whether a phrase may start right after ``char``: not in ``matcher.BEFORE_CLASS``.

    Python's ``re`` counts a character as ``\\w`` when ``str.isalnum()`` holds or it is "_".
    """
    return not (char.isalnum() or char in "_@/.")


def _may_follow_phrase(char: str) -> bool:
    """Whether a phrase may end right before ``char``: the pattern's ``(?![\\w]|@)``."""
    return not (char.isalnum() or char in "_@")


# The ASCII characters passing those two tests: a set look-up answers for every ASCII
# character (the test is only run on the others).
_MAY_PRECEDE = frozenset(filter(_may_precede_phrase, map(chr, range(0x80))))
_MAY_FOLLOW = frozenset(filter(_may_follow_phrase, map(chr, range(0x80))))


def _scanned(text: str) -> bytes:
    """``text`` as the automaton reads it: lower-cased, "?" for each non-ASCII character.

    Tabs and carriage returns are read as "\\n" too (see ``_ODD_SPACE_GAPS``). Unless the
    text holds ``LOWERS_TO_ASCII``, lower-casing it this way gives the folded text with "?"
    for each non-ASCII character, so it holds the same (ASCII) phrases at the same places,
    one byte a character. It runs in C, several times faster than folding: the "replace"
    error handler gives one "?" per character, astral or surrogate alike.
    """
    return text.encode("ascii", "replace").translate(_SCANNED_BYTES)


def _find_literals(literals: DenseLiterals, text: str) -> list[tuple[int, int, int]]:
    """The phrases' literals in ``text``, leftmost-longest and without overlaps.

    For ASCII phrases (none holding a "?") the automaton reads the text as ``_scanned``
    gives it; ``text`` is then the folded text, or the plain text if it does not hold
    ``LOWERS_TO_ASCII``. Other phrases are searched in the folded text with tabs and
    carriage returns read as line breaks, as ``_scanned`` reads them.
    """
    if literals.ascii:
        return literals.find(_scanned(text))
    return literals.find(text.replace("\t", "\n").replace("\r", "\n"))


class PhraseFinder:
    """Finds lower-case phrases in a text as their word-bounded trie regex would."""

    def __init__(self, phrases: Iterable[str]) -> None:
        keys = sorted({phrase for phrase in phrases if phrase})  # as ``trie_pattern`` does
        if any(blank in key for key in keys for blank in "\t\r\n"):
            raise ValueError("phrases are written with single spaces (see matcher.phrase_key)")
        # What the matches must equal: the phrase trie, not followed by a word character or
        # "@", tried where the character before allows a phrase to start.
        self.pattern = re.compile(r"(?P<m>" + trie_pattern(keys) + r")(?![\w]|@)")
        odd = sorted({b for key in keys for b in _odd_beginnings(key)} - set(keys))
        self._strings: tuple[str, ...] = tuple(keys) + tuple(odd)
        self._literals = DenseLiterals(self._strings)
        # Literals with an index below this are phrases as written.
        self._phrases = len(keys)
        # For each literal, the offsets inside it where a phrase may start (after a blank,
        # for instance): the places to try when the match is skipped or rejected.
        self._inner: tuple[tuple[int, ...], ...] = tuple(
            tuple(k for k in range(1, len(s)) if _may_precede_phrase(s[k - 1]))
            for s in self._strings)
        # For each phrase, the longest shorter phrase it begins with that ends at a
        # boundary inside it ("" if none): what the regex matches where the phrase itself
        # is followed by a word character.
        self._shorter: tuple[str, ...] = tuple(
            max((p for p in keys if len(p) < len(key) and key.startswith(p)
                 and _may_follow_phrase(key[len(p)])), key=len, default="")
            for key in keys)

    def find(self, plain: str) -> list[tuple[int, int, str]]:
        """(start, end, phrase as matched) of each match in ``fold_plain(plain)``, in order.

        ``plain`` is a text through ``plain_chars``. The matches never overlap. A list
        rather than a generator: resuming a generator for each of ten thousand matches
        costs more than the checks themselves.
        """
        strings, inners, phrases, shorter = (self._strings, self._inner, self._phrases,
                                             self._shorter)
        folded: str | None = None  # made only if the regex is needed
        chars = plain
        if not self._literals.ascii or LOWERS_TO_ASCII in plain:
            folded = chars = fold_plain(plain)
        size = len(chars)
        found: list[tuple[int, int, str]] = []
        last_end = 0
        for index, start, end in _find_literals(self._literals, chars):
            if start >= last_end and index < phrases:
                before = chars[start - 1] if start else " "
                if before in _MAY_PRECEDE or (before > "\x7f" and _may_precede_phrase(before)):
                    after = chars[end] if end < size else " "
                    if after in _MAY_FOLLOW or (after > "\x7f" and _may_follow_phrase(after)):
                        last_end = end  # the plain case
                        found.append((start, end, strings[index]))
                        continue
                    if not inners[index]:
                        if shorter[index]:
                            last_end = start + len(shorter[index])
                            found.append((start, last_end, shorter[index]))
                        continue
                elif not inners[index]:  # inside a word: "tin" in "continue"
                    continue
            elif start < last_end and not inners[index]:
                continue  # nothing in what is left of it may start a phrase
            # The regex decides, at the start and at each place inside.
            if folded is None:
                folded = fold_plain(plain)
            for place in (start, *[start + k for k in inners[index]]):
                if place < last_end or (place and not _may_precede_phrase(chars[place - 1])):
                    continue
                match = self.pattern.match(folded, place)
                if match is not None:
                    last_end = match.end()
                    found.append((place, last_end, match.group("m")))
        return found
