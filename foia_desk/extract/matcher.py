"""Phrase matching in linear time: a list of phrases compiled into one trie-shaped regex.

Python's ``re`` tries alternatives one after another; a flat alternation of a few hundred
names would cost that many attempts at every position. Folding the phrases into a trie
(shared prefixes written once) makes each attempt fail after a character or two, so a scan
costs about one pass over the text whatever the size of the directory.

Python's ``re`` also skips ahead only when a pattern starts with a literal or a character
class; one starting with "\b" or a look-behind is tried at every position. Hence the
helpers here: the start check placed after the first letter (``guard_class``,
``AFTER_FIRST_LETTER``) or the second (``late_guarded_trie``), patterns tried only at
candidate positions (``finditer_at``, ``start_scanner``, ``Anchored``) and
case-insensitive patterns run without IGNORECASE (``CaseFree``). Each gives exactly the
matches of the plain ``finditer`` it replaces.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

# Between the words of a name: spaces and tabs with at most one line break among them (a
# non-breaking space is already a space in the folded text). A phrase's next character is
# never blank, so every pattern matching this set of strings gives the same matches; this
# short form makes the largest phrase regexes about a third quicker to compile.
WORD_GAP = r"[ \t]*(?:[ \t]|\r?\n)[ \t]*"
# Inside a hyphenated word a line may break after the hyphen ("Homeland Security-\nrelated").
HYPHEN_GAP = r"-(?:\r?\n[ \t]*)?"

# Curly quotes, odd hyphens and spaces become their plain forms one character for one, so
# offsets into the translated text are offsets into the original.
_ONE_FOR_ONE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u2007": " ", "\u3000": " ",
})


_FOLD = dict(_ONE_FOR_ONE)
_FOLD.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})


def fold_chars(text: str) -> str:
    """``plain_chars`` plus lower case: still the same length and offsets.

    Case-insensitive phrase regexes are compiled in lower case and run over this folded
    text, which is several times faster in Python's ``re`` than ``re.IGNORECASE``.
    """
    return fold_plain(plain_chars(text))


def fold_plain(plain: str) -> str:
    """``fold_chars`` of a text already through ``plain_chars`` (spares a second pass)."""
    lowered = plain.lower()
    if len(lowered) == len(plain):  # lower() only ever lengthens ("İ"), never shortens
        return lowered
    return plain.translate(_FOLD)


_SPECIAL_PAIRS = tuple((chr(code), str(plain)) for code, plain in _ONE_FOR_ONE.items())


def plain_chars(text: str) -> str:
    """``text`` with quotes, hyphens and spaces made plain; same length, same offsets."""
    if text.isascii():
        return text
    # One str.replace per special character present: each is a fast C scan, where a regex
    # substitution calls back into Python for every curly quote.
    for special, plain in _SPECIAL_PAIRS:
        if special in text:
            text = text.replace(special, plain)
    return text


def phrase_key(phrase: str) -> str:
    """The form phrases are compared in: plain quotes, lower case, single spaces."""
    return " ".join(plain_chars(phrase).lower().split())


# A phrase starts where the character before is none of these (not inside a word, an e-mail
# address, a path or a domain name).
BEFORE_CLASS = r"[\w@/.]"


def _trie(phrases: Iterable[str]) -> dict[str, dict]:
    """The phrases as nested dicts, one level per character; ``""`` marks a phrase's end."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        if phrase:
            node = root
            for char in phrase:
                node = node.setdefault(char, {})
            node[""] = {}
    return root


def trie_pattern(phrases: Iterable[str], *, guard_class: str | None = None) -> str:
    """A regex source matching any of ``phrases`` (already in ``phrase_key`` form).

    A space in a phrase matches any run of blanks including one line break; a hyphen also
    matches a hyphen followed by a line break. Longer phrases win over their prefixes.

    With ``guard_class`` (a character class), a phrase may not start right after a
    character of that class. The check sits just after each phrase's first character (as a
    two-character look-behind), so the pattern starts with plain letters and Python's ``re``
    can skip ahead to the positions holding one of them instead of trying every position.
    """
    root = _trie(phrases)
    if not root:
        return r"(?!x)x"
    if guard_class is None:
        return _emit(root)
    branches = []
    for char in sorted(root):
        if len(_piece(char)) <= 2 and char not in " -":
            branches.append(_piece(char) + f"(?<!{guard_class}[\\s\\S])" + _emit(root[char]))
        else:
            branches.append(f"(?<!{guard_class})" + _piece(char) + _emit(root[char]))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _piece(char: str) -> str:
    piece = _PIECES.get(char)
    if piece is None:
        piece = _PIECES[char] = re.escape(char)
    return piece


_PIECES = {" ": WORD_GAP, "-": HYPHEN_GAP, "'": "'"}


# English letters, most frequent first. The branches of a trie node start with different
# characters, so their order never changes a match, but Python's re tries them in order:
# common letters first means fewer failed tries at each position.
_FREQUENT = {char: rank for rank, char in enumerate("etaoinsrhldcumwfgypbvkjxqz")}


def _by_frequency(chars: Iterable[str]) -> list[str]:
    return sorted(chars, key=lambda char: (_FREQUENT.get(char.lower(), 99), char))


def _emit(node: dict[str, dict]) -> str:
    chars = [char for char in node if char]
    if not chars:
        return ""
    if len(chars) == 1:  # most trie nodes: nothing to order
        body = _piece(chars[0]) + _emit(node[chars[0]])
    else:
        body = "(?:" + "|".join(_piece(char) + _emit(node[char])
                                for char in _by_frequency(chars)) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def late_guarded_trie(phrases: Iterable[str], guard_class: str) -> str:
    """``trie_pattern(phrases, guard_class=guard_class)`` with the start check after the
    second character instead of the first, wherever that character is a plain one.

    The pattern is still searched for its first letters, but at a capital followed by a
    small letter ("The", nearly every capital in prose, where the phrases are acronyms) a
    try now fails on that letter before any look-behind runs. Same matches: the check
    still reads the one character before the phrase.
    """
    root = _trie(phrases)
    if not root:
        return r"(?!x)x"
    branches = []
    for char in sorted(root):
        node = root[char]
        seconds = [second for second in node if second]
        if char in " -" or len(_piece(char)) > 2 or \
                any(second in " -" or len(_piece(second)) > 2 for second in seconds):
            branches.append(_guarded_first(char, node, guard_class))
            continue
        late = f"(?<!{guard_class}[\\s\\S]{{2}})"
        subs = [_piece(second) + late + _emit(node[second]) for second in _by_frequency(seconds)]
        if "" in node:  # the one-character phrase, tried after the longer ones
            subs.append(f"(?<!{guard_class}[\\s\\S])")
        body = subs[0] if len(subs) == 1 else "(?:" + "|".join(subs) + ")"
        branches.append(_piece(char) + body)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _guarded_first(char: str, node: dict[str, dict], guard_class: str) -> str:
    """One first-letter branch of ``trie_pattern(..., guard_class=...)``."""
    if len(_piece(char)) <= 2 and char not in " -":
        return _piece(char) + f"(?<!{guard_class}[\\s\\S])" + _emit(node)
    return f"(?<!{guard_class})" + _piece(char) + _emit(node)


def literal_trie(words: Iterable[str], *, guard_class: str | None = None) -> str:
    """A regex source matching any of ``words`` exactly as written (spaces are spaces).

    Like an alternation ordered longest first, it matches the longest word possible (and
    falls back to shorter ones), but shared beginnings are written once. ``guard_class``
    works as for ``trie_pattern`` (words must then start with a word character).
    """
    root = _trie(words)

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(node[char]) for char in _by_frequency(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    if not root:
        return r"(?!x)x"
    if guard_class is None:
        return emit(root)
    branches = [re.escape(char) + f"(?<!{guard_class}[\\s\\S])" + emit(root[char])
                for char in _by_frequency(root)]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def compile_phrases(phrases: Iterable[str], *, ignore_case: bool) -> re.Pattern[str]:
    """A word-bounded regex for ``phrases``; group ``m`` is the phrase itself.

    With ``ignore_case`` the pattern is in lower case and must be run over
    ``fold_chars(text)``; otherwise over ``plain_chars(text)``. Case-sensitive phrases
    mostly start with a capital, so their start check is placed after the first letter
    (see ``trie_pattern``); lower-case phrases start with common letters, where that gains
    nothing, and are better found through :func:`finditer_at`.
    """
    keys = sorted({phrase_key(p) if ignore_case else " ".join(plain_chars(p).split())
                   for p in phrases})
    if ignore_case:
        source = (r"(?<!" + BEFORE_CLASS + r")(?P<m>" + trie_pattern(keys) + r")(?![\w]|@)")
    else:
        source = (r"(?P<m>" + trie_pattern(keys, guard_class=BEFORE_CLASS) + r")(?![\w]|@)")
    return re.compile(source)


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]
                ) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying the pattern only at ``starts``.

    ``starts`` (ascending) must include every position where ``pattern`` can match; one
    scan for the start of any phrase of several phrase sets then replaces one full scan
    per set. Like ``finditer``, a match never starts inside the previous one. The pattern
    must not match the empty string.
    """
    last_end = 0
    match = pattern.match
    for start in starts:
        if start < last_end:
            continue
        found = match(text, start)
        if found is not None:
            last_end = found.end()
            yield found


# Placed right after the first letter of a word: what "\b" before that letter means (the
# character before it is not a word character). A pattern that then starts with a literal
# letter lets Python's ``re`` skip straight to that letter instead of trying every position.
AFTER_FIRST_LETTER = r"(?<!\w[\s\S])"


def start_scanner(phrases: Iterable[str], *, guard_class: str, tail: str = ""
                  ) -> re.Pattern[str]:
    """A pattern matching the first character of every place where a phrase can start.

    ``phrases`` are as for ``trie_pattern``; ``tail`` is what must follow the phrase. The
    rest of the phrase is checked in a look-ahead, so ``finditer`` reports every start,
    overlapping ones included: candidate positions for :func:`finditer_at`.
    """
    root = _trie(phrases)
    branches = []
    for char in sorted(root):
        rest = _emit(root[char]) + tail
        if char in " -":  # a multi-character piece: check before it, zero width
            branches.append(f"(?<!{guard_class})(?={_piece(char)}{rest})")
        else:
            branches.append(_piece(char) + f"(?<!{guard_class}[\\s\\S])(?={rest})")
    if not branches:
        return re.compile(r"(?!x)x")
    return re.compile(branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")


def starts_of(pattern: re.Pattern[str], text: str) -> list[int]:
    """Start positions of ``pattern``'s matches in ``text``."""
    return [match.start() for match in pattern.finditer(text)]


class CaseFree:
    """A case-insensitive pattern that avoids ``re.IGNORECASE`` on ASCII text.

    Python's ``re`` matches several times slower with IGNORECASE. Over an ASCII string the
    pattern (``source`` in lower case, no upper-case escapes such as ``\\S``) runs without
    it over the lower-cased string, which has the same length, so the spans are the same;
    the matches read their groups from the string as given. Other strings use the
    IGNORECASE form, so results never differ.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        bare = source.replace("(?P<", "(?<").replace("(?P=", "(?=")  # group syntax aside
        if re.search(r"\\[A-Z]", source) or bare != bare.lower():
            raise ValueError("CaseFree needs a lower-case pattern without upper-case escapes")
        self.folded = re.compile(source, flags)
        self._source, self._flags = source, flags
        self._ignorecase: re.Pattern[str] | None = None  # compiled when first needed

    @property
    def ignorecase(self) -> re.Pattern[str]:
        if self._ignorecase is None:
            self._ignorecase = re.compile(self._source, self._flags | re.IGNORECASE)
        return self._ignorecase

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str] | CasedMatch]:
        if not text.isascii():
            return self.ignorecase.finditer(text, pos, endpos)
        return (CasedMatch(m, text) for m in self.folded.finditer(text.lower(), pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | CasedMatch | None:
        if not text.isascii():
            return self.ignorecase.search(text, pos, endpos)
        found = self.folded.search(text.lower(), pos, endpos)
        return CasedMatch(found, text) if found else None


class CasedMatch:
    """A match found in a lower-cased copy, with its groups read from the original."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match, self._text = match, text

    def group(self, name: str | int = 0) -> str | None:
        start, end = self._match.span(name)
        return None if start < 0 else self._text[start:end]

    def start(self, name: str | int = 0) -> int:
        return self._match.start(name)

    def end(self, name: str | int = 0) -> int:
        return self._match.end(name)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._match.span(name)


class Anchored:
    """A pattern tried only near its anchors: literal words every match contains.

    ``anchors`` are (literal, look-ahead, offsets): the literal (found fast: Python's ``re``
    searches for a pattern's literal beginning), what must follow it, and how far before
    it a match can start. The literal must not overlap itself ("aa" could), so the search,
    which never overlaps, finds every occurrence. ``finditer`` yields exactly what
    ``pattern.finditer`` would (see :func:`finditer_at`), without trying every position.
    """

    def __init__(self, pattern: re.Pattern[str],
                 anchors: Iterable[tuple[str, str, Iterable[int]]]) -> None:
        self.pattern = pattern
        self.anchors: list[tuple[re.Pattern[str], tuple[int, ...]]] = []
        for literal, ahead, backs in anchors:
            if not literal or any(literal[:k] == literal[-k:] for k in range(1, len(literal))):
                raise ValueError(f"an anchor must not overlap itself: {literal!r}")
            source = re.escape(literal) + (f"(?={ahead})" if ahead else "")
            self.anchors.append((re.compile(source), tuple(backs)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = sorted({found.start() - back for anchor, backs in self.anchors
                         for found in anchor.finditer(text) for back in backs
                         if found.start() >= back})
        return finditer_at(self.pattern, text, starts)
