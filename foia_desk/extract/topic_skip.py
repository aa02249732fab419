r"""Cue patterns written so that Python's ``re`` can skip to where a match can start.

``re`` skips ahead only when a pattern starts with a literal or a set of them (see
``matcher``). A cue pattern such as ``\b(?:data|records|...)\b`` starts with ``\b``, so it is
tried at every character of every sentence. :func:`word_start` writes the same alternation
grouped by first letter, with the ``\b`` check moved just after that letter: the pattern
then starts with a set of letters, and ``re`` jumps from one to the next.

The matches are the same. At a given position only the alternatives starting with the
letter found there can match, and grouping keeps their order, so ``re`` tries the viable
alternatives in the original order and backtracks through them in that order. Right after
a letter (a word character), ``(?<!\w.)`` (no word character before that letter) is what
``\b`` before the letter means. Under IGNORECASE (the non-ASCII form of a ``CaseFree``
pattern) a character still matches at most one group, since no character folds to two
different ASCII letters, provided no two groups' letters differ only in case.
"""

from __future__ import annotations


def word_start(*alternatives: str, cased: bool = False) -> str:
    r"""``\b(?:alt1|alt2|...)`` as a group that starts with its alternatives' first letters.

    Each alternative is a regex without a top-level ``|`` whose first character is a plain
    ASCII letter, not followed by a quantifier. With ``cased`` (a pattern only ever used
    case-sensitively) first letters may differ only in case ("MOU", "memorandum").
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if not (first.isascii() and first.isalpha()) or rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"an alternative must start with a plain letter: {alternative!r}")
        groups.setdefault(first, []).append(rest)
    if not cased and len({first.lower() for first in groups}) != len(groups):
        raise ValueError("first letters differing only in case need cased=True")
    return "(?:" + "|".join(f"{first}(?<!\\w.)(?:{'|'.join(rests)})"
                            for first, rests in groups.items()) + ")"
