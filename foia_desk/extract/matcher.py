"""Phrase matching in linear time: a list of phrases compiled into one trie-shaped regex.

Python's ``re`` tries alternatives one after another; a flat alternation of a few hundred
names would cost that many attempts at every position. Folding the phrases into a trie
(shared prefixes written once) makes each attempt fail after a character or two, so a scan
costs about one pass over the text whatever the size of the directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Between the words of a name: spaces, tabs, a line break, or a non-breaking space.
WORD_GAP = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
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
    plain = plain_chars(text)
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


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases`` (already in ``phrase_key`` form).

    A space in a phrase matches any run of blanks including one line break; a hyphen also
    matches a hyphen followed by a line break. Longer phrases win over their prefixes.
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return r"(?!x)x"
    return _emit(root)


def _piece(char: str) -> str:
    if char == " ":
        return WORD_GAP
    if char == "-":
        return HYPHEN_GAP
    if char == "'":
        return "'"
    return re.escape(char)


def _emit(node: dict[str, dict]) -> str:
    terminal = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(_piece(char) + _emit(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body


def compile_phrases(phrases: Iterable[str], *, ignore_case: bool) -> re.Pattern[str]:
    """A word-bounded regex for ``phrases``; group ``m`` is the phrase itself.

    With ``ignore_case`` the pattern is in lower case and must be run over
    ``fold_chars(text)``; otherwise over ``plain_chars(text)``.
    """
    keys = sorted({phrase_key(p) if ignore_case else " ".join(plain_chars(p).split())
                   for p in phrases})
    source = r"(?<![\w@/.])(?P<m>" + trie_pattern(keys) + r")(?![\w]|@)"
    return re.compile(source)
