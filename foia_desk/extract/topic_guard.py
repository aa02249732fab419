"""Which topic finders a sentence needs, from cheap cue-word tests (see ``topics``).

Every sentence gets the set of finder kinds whose cue words it contains. The rule being
reproduced is a trie regex ``findall`` over each sentence of the text lower-cased once: the
longest cue word at each position, left to right, without overlaps, restarting at each
sentence start. Which words that finds matters, as a word hidden inside an earlier match
("datask": "data" hides "task") must stay hidden.

A regex trie is tried at nearly every character (cue words start with common letters).
Instead one Aho-Corasick pass (``LiteralSet.find``: leftmost-longest, non-overlapping, the
same rule) runs over the whole lowered text, and each sentence takes the matches that start
inside it (found by bisection). Both scans agree inside a sentence unless a whole-text match
straddles the sentence's start or runs past its end (only then can the restart or the cut
change what is found); such rare sentences are scanned alone with the trie, as before.
Digits (statistics) are no cue words of the automaton: no cue word contains a digit, so the
trie finds every digit of a sentence, and one ``[0-9]`` search per sentence says the same
(made only where the caller says a figure can count). ``Following`` tests the sentences
after one for reply cues in place, without joining them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import repeat

from foia_desk.extract.literal import LiteralSet
from foia_desk.extract.matcher import literal_trie

# Cheap substring tests that decide which finders a sentence needs (in this order).
GUARDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("program", ("program", "initiative", "pilot")),
    ("task_force", ("task",)),
    ("operation", ("raid", "sweep", "bust", "operation", "surge", "blitz", "seiz", "shooting",
                   "explosion", "crash", "outage", "spill", "fire")),
    ("communication", ("mail", "letter", "memo", "memorand", "message", "directive", "briefing",
                       "slide", "presentation", "cable", "correspondence", "bulletin", "report",
                       "complaint", "audit", "review", "assessment", "notice", "filing",
                       "detainer", "declaration")),
    ("letter", ("wrote to", "a letter to")),
    ("data", ("data", "information", "records", "addresses", "logs", "footage", "database",
              "numbers", "histories", "recordings", "images", "photos", "history", "returns",
              "shots", "reads")),
    ("process", ("warrant", "subpoena", "court order", "security letter", "summons")),
    ("policy", ("polic", "regulation", "guideline", "procedure", "agreement", "memorand", "mou",
                "contract", "protocol", "rule")),
)


GUARD_KIND: dict[str, set[str]] = {}
for _kind, _words in GUARDS:
    for _word in _words:
        GUARD_KIND.setdefault(_word, set()).add(_kind)
for _digit in "0123456789":
    GUARD_KIND[_digit] = {"statistic"}
# Words that contain another cue word must still report both ("memorandum" has "memo").
for _word in GUARD_KIND:
    for _other in GUARD_KIND:
        if _other != _word and _other in _word:
            GUARD_KIND[_word] = GUARD_KIND[_word] | GUARD_KIND[_other]
GUARD_ORDER = [kind for kind, _ in GUARDS] + ["statistic"]


# The longest cue word at each position (what an alternation sorted longest first finds):
# the rule itself, used for the rare sentence the whole-text pass cannot answer for.
GUARD_TRIE = re.compile(literal_trie(sorted(GUARD_KIND)))
# The kinds a sentence asks for are kept as bits (one per kind, in GUARD_ORDER): or-ing ints
# allocates nothing, where a set per sentence would keep the garbage collector busy.
KIND_BIT = {kind: 1 << number for number, kind in enumerate(GUARD_ORDER)}
WORD_BITS = {word: sum(KIND_BIT[kind] for kind in kinds) for word, kinds in GUARD_KIND.items()}
# The cue words but the digits, for the whole-text pass; ``CUE_BITS[i]`` are the kinds of
# ``CUE_WORDS.strings[i]``.
CUE_WORDS = LiteralSet(sorted(word for word in GUARD_KIND if not word.isdigit()))
CUE_BITS = [WORD_BITS[word] for word in CUE_WORDS.strings]
_NUMBER = KIND_BIT["statistic"]
_DIGIT = re.compile("[0-9]")


def sentence_cues(text: str, sentences: list[tuple[int, int]], lowered: str | None = None,
                  counted: Sequence[bool] | None = None
                  ) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(index, finder kinds in GUARD_ORDER) for each sentence with at least one cue word.

    ``lowered`` is ``text`` lower-cased with line breaks read as spaces, if the caller
    has it already. With ``counted``, only sentences ``counted[index]`` may report
    "statistic" (the others are not searched for digits).
    """
    if lowered is None:
        lowered = text.lower().replace("\r", " ").replace("\n", " ")
    if len(lowered) != len(text):  # a character lower-cased to two: offsets would shift
        yield from _one_by_one(text, sentences, counted)
        return
    found = CUE_WORDS.find(lowered)
    bits = [CUE_BITS[word] for word, _, _ in found]
    starts = [start for _, start, _ in found]
    ends = [end for _, _, end in found]
    # The matches starting in each sentence are found by bisection, all sentences at once
    # (``map`` runs the loop in C).
    count = len(sentences)
    sentence_starts = [start for start, _ in sentences]
    sentence_ends = [end for _, end in sentences]
    firsts = map(bisect_left, repeat(starts, count), sentence_starts)
    afters = map(bisect_left, repeat(starts, count), sentence_ends)
    digit = _DIGIT.search
    for index, start, end, first, after in zip(range(count), sentence_starts, sentence_ends,
                                               firsts, afters, strict=True):
        numbers = counted is None or counted[index]
        if (first and ends[first - 1] > start) or (after > first and ends[after - 1] > end):
            # A whole-text match crosses this sentence's edge: scan it alone, as the rule says.
            wanted = _bits_of(GUARD_TRIE.findall(lowered, start, end), numbers)
        else:
            wanted = 0
            for number in range(first, after):
                wanted |= bits[number]
            if numbers and digit(lowered, start, end) is not None:
                wanted |= _NUMBER
        if wanted:
            yield index, _kinds(wanted)


def _bits_of(words: list[str], numbers: bool = True) -> int:
    """The kind bits of cue words found by GUARD_TRIE ("statistic" for digits if ``numbers``)."""
    wanted = 0
    for word in words:
        if numbers or not word.isdigit():
            wanted |= WORD_BITS[word]
    return wanted


@cache
def _kinds(wanted: int) -> tuple[str, ...]:
    """The kinds whose bits are set, in GUARD_ORDER (few combinations recur)."""
    return tuple(kind for kind in GUARD_ORDER if wanted & KIND_BIT[kind])


def _one_by_one(text: str, sentences: list[tuple[int, int]], counted: Sequence[bool] | None
                ) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The rule itself, sentence by sentence (text whose lower case changes its length)."""
    for index, (start, end) in enumerate(sentences):
        words = GUARD_TRIE.findall(text[start:end].replace("\r", " ").replace("\n", " ").lower())
        wanted = _bits_of(words, counted is None or counted[index])
        if wanted:
            yield index, _kinds(wanted)


class Following:
    """The six sentences after one, as a finder tests them for cue words ("replied").

    The rule: a cue counts if it is in those sentences lower-cased and joined by spaces.
    With ``lowered`` (the text lower-cased once with line breaks as spaces, same length),
    a cue without a space is looked for in place: one ``str.find`` from the first sentence
    to the last, a first hit inside one sentence deciding at once. (Such a cue cannot run
    across the space of a joint; a hit running across two sentences that touch sends the
    test back to each sentence alone.) A cue with a space is looked for in the joined text,
    built only when its last word is there.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], index: int,
                 lowered: str | None = None) -> None:
        self._text, self._sentences, self._index = text, sentences, index
        self._lowered = lowered
        self._joined: str | None = None

    def _text_after(self) -> str:
        if self._joined is None:
            following = self._sentences[self._index + 1:self._index + 7]
            self._joined = " ".join(self._text[s:e] for s, e in following).lower()
        return self._joined

    def __contains__(self, cue: str) -> bool:
        return cue in self._text_after()

    def mentions(self, cues: tuple[str, ...]) -> bool:
        """Whether any of ``cues`` is in the sentences."""
        lowered = self._lowered
        spans = self._sentences[self._index + 1:self._index + 7]
        if lowered is None or not spans:
            return any(cue in self._text_after() for cue in cues)
        find = lowered.find
        first, last = min(s for s, _ in spans), max(e for _, e in spans)
        for cue in cues:
            if " " in cue:
                last_word = cue.rsplit(" ", 1)[1]
                if find(last_word, first, last) >= 0 and cue in self._text_after():
                    return True
                continue
            at = find(cue, first, last)
            if at >= 0 and (any(s <= at and at + len(cue) <= e for s, e in spans)
                            or any(find(cue, s, e) >= 0 for s, e in spans)):
                return True
        return False
