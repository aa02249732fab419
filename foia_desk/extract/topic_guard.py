"""Which topic finders a sentence needs, from cheap cue-word tests (see ``topics``).

Every sentence gets the set of finder kinds whose cue words it contains, found with one
trie-shaped pattern (shared beginnings written once) over the text lower-cased once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


# The longest cue word at each position (what an alternation sorted longest first finds).
GUARD_TRIE = re.compile(literal_trie(sorted(GUARD_KIND)))


def sentence_cues(text: str, sentences: list[tuple[int, int]]
                  ) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(index, finder kinds in GUARD_ORDER) for each sentence with at least one cue word.

    The text is lower-cased once and each sentence scanned in place (``pos``/``endpos``:
    the pattern has no look-arounds, so that is the same as scanning the sentence alone).
    """
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # else a character lower-cased to two
    if same_length:
        lowered = lowered.replace("\r", " ").replace("\n", " ")
    find = GUARD_TRIE.findall
    # The kinds each set of cue words asks for, worked out once per set (few sets recur).
    kinds_of: dict[frozenset[str], tuple[str, ...]] = {}
    for index, (start, end) in enumerate(sentences):
        if same_length:
            words = find(lowered, start, end)
        else:
            words = find(text[start:end].replace("\r", " ").replace("\n", " ").lower())
        if not words:
            continue
        found = frozenset(words)
        kinds = kinds_of.get(found)
        if kinds is None:
            cues: set[str] = set()
            for word in found:
                cues |= GUARD_KIND[word]
            kinds = kinds_of[found] = tuple(kind for kind in GUARD_ORDER if kind in cues)
        yield index, kinds


class Following:
    """The six sentences after one, lower-cased, joined only if a finder asks (``in``)."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], index: int) -> None:
        self._text, self._sentences, self._index = text, sentences, index
        self._joined: str | None = None

    def __contains__(self, cue: str) -> bool:
        if self._joined is None:
            following = self._sentences[self._index + 1:self._index + 7]
            self._joined = " ".join(self._text[s:e] for s, e in following).lower()
        return cue in self._joined


