"""Which topic finders a sentence needs, from cheap cue-word tests (see ``topics``).

Every sentence gets the set of finder kinds whose cue words it contains. The rule being
reproduced is a trie regex ``findall`` over each sentence of the text lower-cased once: the
longest cue word at each position, left to right, without overlaps, restarting at each
sentence start. Which words that finds matters, as a word hidden inside an earlier match
("datask": "data" hides "task") must stay hidden.

A regex trie is tried at nearly every character (cue words start with common letters).
Instead one Aho-Corasick pass (``LiteralSet.find``: leftmost-longest, non-overlapping, the
same rule) runs over the whole lowered text, and each match is placed in the sentence
holding its start (by bisection, for all matches at once: ``_match_by_match``). Both scans
agree inside a sentence unless a whole-text match straddles the sentence's start or runs
past its end (only then can the restart or the cut change what is found); such rare
sentences are scanned alone with the trie, as before. The pass reads the text's ASCII copy
(``ascii_copy``: every other character as "?", same length), which finds the same ASCII cue
words and reaches the automaton without a surrogate search or a re-encoding.
Digits (statistics) are no cue words of the automaton: no cue word contains a digit, so the
trie finds every digit of a sentence, and a digit test per sentence says the same (made
only where the caller says a figure can count, with ``bytes.find`` on digit flags).
``cue_bits`` gives the kinds as bits for ``find_topics``; ``sentence_cues`` as names.
``Following`` tests the sentences after one for reply cues in place, without joining them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, compress, islice, repeat
from operator import and_, itemgetter, le, lt

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
# One more bit, no kind: a communication noun may stand here as COMMUNICATION needs it (a
# cue word after a blank, ending its word or followed by "s" and the word's end). Without
# it the pattern cannot match ("reported", "reviewed"), so its finder is not run. Set
# wherever that is not tested (sentences scanned alone, other scans, cue words whose noun
# starts before them or goes on: "e-mail", "memorandum", "a letter to").
NOUN_AT = 1 << len(GUARD_ORDER)
_COMMUNICATION = KIND_BIT["communication"]
WORD_BITS = {word: sum(KIND_BIT[kind] for kind in kinds) for word, kinds in GUARD_KIND.items()}
for _word, _bits in WORD_BITS.items():
    if _bits & _COMMUNICATION:
        WORD_BITS[_word] = _bits | NOUN_AT
# Communication cue words that are a noun's start, its noun being the word or the word and
# "s" (then a word's end), or the word and a blank ("slide deck"); a blank comes before it
# ("internal report" too). "mail" is tested as "e-mail"/"email" (a blank before the "e"),
# "message" as the "messages" of "text messages" (1: plain, 2: mail, 3: messages).
_NOUN_TESTS = {word: 1 for word in (
    "memo", "letter", "directive", "briefing", "slide", "presentation", "cable",
    "correspondence", "bulletin", "report", "complaint", "audit", "review", "assessment",
    "notice", "filing", "detainer", "declaration")} | {"mail": 2, "message": 3}
# The cue words but the digits, for the whole-text pass; ``CUE_BITS[i]`` are the kinds of
# ``CUE_WORDS.strings[i]``; ``_TESTED_BITS[i]`` the same without NOUN_AT for the words of
# _NOUN_TESTS, whose place is tested instead (``_NOUN_TEST[i]``).
CUE_WORDS = LiteralSet(sorted(word for word in GUARD_KIND if not word.isdigit()))
CUE_BITS = [WORD_BITS[word] for word in CUE_WORDS.strings]
_NOUN_TEST = [_NOUN_TESTS.get(word, 0) for word in CUE_WORDS.strings]
_TESTED_BITS = [bits & ~NOUN_AT if test else bits for bits, test in zip(CUE_BITS, _NOUN_TEST,
                                                                         strict=True)]
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# The only characters beyond ASCII that Python's IGNORECASE matching takes for an ASCII
# letter (İ ı ſ K: i, i, s, k; checked over all of Unicode in the tests). Only in a
# sentence holding one can an IGNORECASE pattern find a cue word the ASCII copy lacks.
ASCII_FOLDING = "\u0130\u0131\u017f\u212a"


def noun_may_stand(sentence: str, wanted: int) -> bool:
    """Whether COMMUNICATION may match ``sentence``, whose ``cue_bits`` are ``wanted``.

    NOUN_AT says so for the lowered sentence as the ASCII copy shows it, which is what
    COMMUNICATION reads unless a character of ASCII_FOLDING is there (``CaseFree`` runs
    it with IGNORECASE over any sentence beyond ASCII: the other characters can match
    none of a noun's letters, and its blanks and word ends are tested on ASCII ones).
    """
    if wanted & NOUN_AT:
        return True
    return not sentence.isascii() and any(char in sentence for char in ASCII_FOLDING)
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
    for index, wanted in cue_bits(text, sentences, lowered, counted):
        yield index, _kinds(wanted)


def cue_bits(text: str, sentences: list[tuple[int, int]], lowered: str | None = None,
             counted: Sequence[bool] | None = None, plain: str | None = None,
             ordered: bool | None = None) -> list[tuple[int, int]]:
    """``sentence_cues`` with the kinds as KIND_BIT bits: (index, bits), in sentence order.

    (The caller tests bits with ``&``; a tuple of names would be searched kind by kind.)
    ``plain`` is ``ascii_copy(lowered)`` and ``ordered`` ``topic_base.in_order(sentences)``
    if the caller has them already.
    """
    if lowered is None:
        lowered = text.lower().replace("\r", " ").replace("\n", " ")
    if len(lowered) != len(text):  # a character lower-cased to two: offsets would shift
        return _one_by_one(text, sentences, counted)
    # Every scan here reads cue words (ASCII letters and spaces) or [0-9]: the ASCII copy
    # gives the same matches at the same offsets.
    if plain is None or len(plain) != len(lowered):
        plain = ascii_copy(lowered)
    if ordered is None:
        bounds = list(chain.from_iterable(sentences))
        ordered = all(map(le, bounds, islice(bounds, 1, None)))
    if not ordered:
        return _sentence_by_sentence(plain, sentences, counted)
    return _match_by_match(plain, sentences, counted)


def _match_by_match(plain: str, sentences: list[tuple[int, int]],
                    counted: Sequence[bool] | None) -> list[tuple[int, int]]:
    """``cue_bits`` for sentences in order without overlaps: the matches placed by bisection.

    Most sentences hold no cue word, so the whole-text matches are placed, not the
    sentences searched: one ``map(bisect_right, ...)`` (a loop in C) gives for each match
    the number of sentences starting at or before it, so sentence ``opened - 1`` is the only
    one it can lie in, and does if the match starts before that sentence's end. The other
    tests are ``map``s over the matches as well. A sentence is scanned alone (see the
    module docstring) when a match starting in it runs past its end, or a match starting
    before it runs past its start (rare: checked for all matches at once first). Digits are
    then looked for in the sentences that may count them, and the sentences scanned alone
    take what the rule finds instead.
    """
    count = len(sentences)
    sentence_starts = list(map(itemgetter(0), sentences))
    sentence_ends = list(map(itemgetter(1), sentences))
    wanted = [0] * count
    alone: list[int] = []
    found = CUE_WORDS.find(plain)
    if found:
        words, starts, ends = zip(*found, strict=True)
        opened = list(map(bisect_right, repeat(sentence_starts, len(found)), starts))
        # The end of the sentence before ``opened`` (-1: none) and the start of the one at
        # ``opened`` (beyond the text: none), read for all matches by index.
        held_until = list(map([-1, *sentence_ends].__getitem__, opened))
        next_start = map([*sentence_starts, len(plain) + 1].__getitem__, opened)
        inside = list(map(lt, starts, held_until))
        kinds = map(_TESTED_BITS.__getitem__, words)
        for index, bits in compress(zip(opened, kinds, strict=True), inside):
            wanted[index - 1] |= bits
        _nouns_at(plain, wanted, opened, inside, held_until, words, starts, ends)
        # (A match past its sentence's end: inside it and ending after that end.)
        if any(map(lt, next_start, ends)) or \
                any(compress(map(lt, held_until, ends), inside)):
            alone = _crossed(sentence_starts, opened, inside, held_until, ends)
    numbered = range(count) if counted is None else compress(range(count), counted)
    for index in _with_digits(plain, sentence_starts, sentence_ends, numbered):
        wanted[index] |= _NUMBER
    for index in alone:
        numbers = counted is None or counted[index]
        wanted[index] = _bits_of(
            GUARD_TRIE.findall(plain, sentence_starts[index], sentence_ends[index]), numbers)
    return list(compress(enumerate(wanted), wanted))  # (the sentences with a bit set)


def _nouns_at(plain: str, wanted: list[int], opened: list[int], inside: list[bool],
              held_until: list[int], words: tuple[int, ...], starts: tuple[int, ...],
              ends: tuple[int, ...]) -> None:
    """Set NOUN_AT for the sentences where a _NOUN_TESTS cue word may be a noun's start.

    It may when a blank (space or tab) comes before the noun and the word ends there, or
    after one "s" (which "messages" needs), or the sentence ends there (a word character
    beyond it is not the sentence's). (``plain`` is lower case: its word characters are
    ASCII ones or "?", which counts as none, so a non-ASCII letter never hides a noun.)
    """
    padded = plain + "  "  # (a word at the text's end reads blanks after it)
    word_chars = _WORD_CHARS
    tests = list(map(_NOUN_TEST.__getitem__, words))
    tested = compress(zip(opened, held_until, starts, ends, tests, strict=True),
                      map(and_, map(bool, tests), inside))
    for after, until, start, end, test in tested:
        if test == 2:  # "email" or "e-mail": the blank comes before the "e"
            if not ((padded[start - 1] == "e" and padded[start - 2] in " \t") or
                    (padded[start - 2:start] == "e-" and padded[start - 3] in " \t")):
                continue
        elif padded[start - 1] not in " \t":
            continue
        if end >= until or (test != 3 and padded[end] not in word_chars) or (
                padded[end] == "s" and (end + 1 >= until or padded[end + 1] not in word_chars)):
            wanted[after - 1] |= NOUN_AT


# Byte -> 1 for the ASCII digits, else 0.
_DIGIT_FLAGS = bytes(1 if 0x30 <= byte <= 0x39 else 0 for byte in range(256))


def _with_digits(plain: str, starts: list[int], ends: list[int], indices: Iterable[int]
                 ) -> list[int]:
    """Those of ``indices`` whose span (``starts``/``ends``) of ``plain`` holds a [0-9].

    An ASCII text is encoded once and its digits flagged with ``bytes.translate``: each
    span is then searched with ``bytes.find`` for one byte (``memchr``), several times
    faster than a ``[0-9]`` regex search per span.
    """
    if not plain.isascii():
        digit = _DIGIT.search
        return [i for i in indices if digit(plain, starts[i], ends[i]) is not None]
    find = plain.encode("ascii").translate(_DIGIT_FLAGS).find
    return [i for i in indices if find(1, starts[i], ends[i]) >= 0]


def _crossed(sentence_starts: list[int], opened: list[int], inside: list[bool],
             held_until: list[int], ends: tuple[int, ...]) -> list[int]:
    """The sentences whose edge a match crosses, from what ``_match_by_match`` found.

    A match inside sentence ``opened - 1`` crosses its end if it ends after
    ``held_until``; every sentence from ``opened`` on that starts before the match's end
    has its start straddled.
    """
    alone = []
    count = len(sentence_starts)
    for after, within, until, end in zip(opened, inside, held_until, ends, strict=True):
        if within and end > until:
            alone.append(after - 1)
        while after < count and sentence_starts[after] < end:
            alone.append(after)
            after += 1
    return alone


def _sentence_by_sentence(plain: str, sentences: list[tuple[int, int]],
                          counted: Sequence[bool] | None) -> list[tuple[int, int]]:
    """``cue_bits`` for any sentence spans (out of order, overlapping): matches by bisection."""
    found = CUE_WORDS.find(plain)
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
    out = []
    for index, start, end, first, after in zip(range(count), sentence_starts, sentence_ends,
                                               firsts, afters, strict=True):
        numbers = counted is None or counted[index]
        if (first and ends[first - 1] > start) or (after > first and ends[after - 1] > end):
            # A whole-text match crosses this sentence's edge: scan it alone, as the rule says.
            wanted = _bits_of(GUARD_TRIE.findall(plain, start, end), numbers)
        else:
            wanted = 0
            for number in range(first, after):
                wanted |= bits[number]
            if numbers and digit(plain, start, end) is not None:
                wanted |= _NUMBER
        if wanted:
            out.append((index, wanted))
    return out


def ascii_copy(lowered: str) -> str:
    """``lowered`` with each character beyond ASCII (lone surrogates too) read as "?".

    The cue words are ASCII letters and spaces, so no match can hold such a character or
    a "?": the matches (and their offsets, as the length is kept) are the same. An ASCII
    text reaches the automaton as it is (no copy), where ``LiteralSet`` would first search
    any other for surrogates and the automaton re-encode it.
    """
    if lowered.isascii():
        return lowered
    return lowered.encode("ascii", "replace").decode("ascii")


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
                ) -> list[tuple[int, int]]:
    """The rule itself, sentence by sentence (text whose lower case changes its length)."""
    out = []
    for index, (start, end) in enumerate(sentences):
        words = GUARD_TRIE.findall(text[start:end].replace("\r", " ").replace("\n", " ").lower())
        wanted = _bits_of(words, counted is None or counted[index])
        if wanted:
            out.append((index, wanted))
    return out


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

    __slots__ = ("_index", "_joined", "_lowered", "_sentences", "_text")

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
