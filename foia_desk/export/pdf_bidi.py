"""Right-to-left text for the PDF: join Arabic letters and put RTL phrases in visual order.

reportlab draws characters in the order it is given them and has no bidirectional support or
Arabic shaping without optional packages (rlbidi, uharfbuzz), so a Hebrew or Arabic name in an
English letter would print back to front, and Arabic letters unjoined. This module
1. shapes Arabic: each letter becomes its isolated/initial/medial/final presentation form
   (tables derived from unicodedata, lam-alef ligatures included); and
2. reverses each right-to-left phrase, keeping digit runs and combining marks in place and
   mirroring brackets.
That is right for the usual case: names or short phrases inside a left-to-right paragraph.
Known limits: a phrase that wraps onto a second line reads in the wrong line order, and
copying shaped Arabic out of the PDF gives presentation-form characters (NFKC-equivalent).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_STRONG_RTL = ("R", "AL")
_DIGITS = ("EN", "AN")
_INSIDE = ("R", "AL", "EN", "AN", "NSM", "WS", "ON", "CS", "ES", "ET", "BN")
_HAS_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                      "\U0001e800-\U0001efff]")


def visual_order(text: str) -> str:
    """``text`` with every right-to-left phrase reversed for left-to-right drawing."""
    if not _HAS_RTL.search(text):
        return text
    text = shape_arabic(text)
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        if unicodedata.bidirectional(text[index]) not in _STRONG_RTL:
            out.append(text[index])
            index += 1
            continue
        end = _phrase_end(text, index)
        out.append(_reverse_phrase(text[index:end]))
        index = end
    return "".join(out)


def _phrase_end(text: str, start: int) -> int:
    """End of the RTL phrase at ``start``: it stops after its last strong RTL character."""
    last_strong = start
    index = start
    while index < len(text):
        kind = unicodedata.bidirectional(text[index])
        if kind not in _INSIDE:
            break
        if kind in _STRONG_RTL:
            last_strong = index
        index += 1
    end = last_strong + 1
    while end < len(text) and unicodedata.bidirectional(text[end]) == "NSM":
        end += 1  # marks on the last letter belong to the phrase
    return end


def _reverse_phrase(phrase: str) -> str:
    """Reverse a phrase by clusters: letters with their marks, and digit runs, stay whole."""
    clusters: list[str] = []
    for char in phrase:
        kind = unicodedata.bidirectional(char)
        if clusters and (kind == "NSM" or (kind in _DIGITS and _is_digit_run(clusters[-1]))):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters)).translate(_MIRRORED)


def _is_digit_run(cluster: str) -> bool:
    return unicodedata.bidirectional(cluster[0]) in _DIGITS


_JOIN_CAUSING = {"\u0640", "\u200d"}  # tatweel, zero-width joiner
_LAM = "\u0644"
_ALEFS = {"\u0622", "\u0623", "\u0625", "\u0627"}


@lru_cache(maxsize=1)
def _presentation_forms() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(letter, form) -> presentation form, and (alef, form) -> lam-alef ligature."""
    forms: dict[tuple[str, str], str] = {}
    ligatures: dict[tuple[str, str], str] = {}
    for code in range(0xFB50, 0xFEFD):
        tag, _, points = unicodedata.decomposition(chr(code)).partition(" ")
        form = tag.strip("<>")
        if form not in ("isolated", "final", "initial", "medial"):
            continue
        bases = "".join(chr(int(point, 16)) for point in points.split())
        if len(bases) == 1:
            forms.setdefault((bases, form), chr(code))
        elif len(bases) == 2 and bases[0] == _LAM and bases[1] in _ALEFS:
            ligatures[(bases[1], form)] = chr(code)
    return forms, ligatures


def _joining(char: str) -> str:
    """Joining type: D(ual), R(ight), C(ausing), T(ransparent) or U(njoined)."""
    if char in _JOIN_CAUSING:
        return "C"
    if unicodedata.bidirectional(char) == "NSM":
        return "T"
    forms, _ = _presentation_forms()
    if (char, "initial") in forms or (char, "medial") in forms:
        return "D"
    return "R" if (char, "final") in forms else "U"


def shape_arabic(text: str) -> str:
    """Replace Arabic letters by the contextual forms a shaping engine would draw."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in text):
        return text
    forms, ligatures = _presentation_forms()
    kinds = [_joining(ch) for ch in text]

    def neighbour(index: int, step: int) -> int | None:
        index += step
        while 0 <= index < len(text) and kinds[index] == "T":
            index += step
        return index if 0 <= index < len(text) else None

    out: list[str] = []
    skip: int | None = None
    for index, char in enumerate(text):
        if index == skip:
            continue
        kind = kinds[index]
        if kind not in ("D", "R"):
            out.append(char)
            continue
        before, after = neighbour(index, -1), neighbour(index, 1)
        joins_before = before is not None and kinds[before] in ("D", "C")
        if char == _LAM and after == index + 1 and text[after] in _ALEFS:
            form = "final" if joins_before else "isolated"
            ligature = ligatures.get((text[after], form))
            if ligature:
                out.append(ligature)
                skip = after
                continue
        joins_after = (kind == "D" and after is not None and kinds[after] in ("D", "R", "C"))
        form = {(True, True): "medial", (True, False): "final",
                (False, True): "initial"}.get((joins_before, joins_after), "isolated")
        out.append(forms.get((char, form), char))
    return "".join(out)
