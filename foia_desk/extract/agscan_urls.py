"""Web addresses, e-mail addresses and domain names in a text: agency names there don't count.

A span is found from a cheap hint ("://", "www.", "@", ".gov") widened to the surrounding
non-blank run. On a long text the combined start scan (:mod:`foia_desk.extract.scan`) finds
where the hints can start in the same Aho-Corasick pass as the phrases
(``URL_HINT_LITERALS``), so the hint pattern is tried only there.
"""

from __future__ import annotations

import re
from itertools import product

from foia_desk.extract.matcher import finditer_at

# "://", "www.", "@" or a domain ending; each alternative starts with a literal character
# (no re.IGNORECASE on the first letter), so Python's re skips straight to those characters.
_DOMAIN_ENDINGS = ("gov", "com", "org", "net", "edu", "mil", "us", "io", "co")
_URL_HINT = re.compile(r"://|@|\.(?i:" + "|".join(_DOMAIN_ENDINGS) + r")\b|W(?i:ww\.)|w(?i:ww\.)")
# Strings one of which begins every match of _URL_HINT, in the folded text (kept next to it
# to stay in step). Besides the ASCII letters, "(?i:i)" matches "İ" and "ı" and "(?i:s)"
# matches "ſ", which folding leaves as they are, so those spellings are listed too.
_FOLDED_SPELLINGS = {"i": "iİı", "s": "sſ"}
URL_HINT_LITERALS = ("://", "@", "www.", *(
    "." + "".join(spelling) for ending in _DOMAIN_ENDINGS
    for spelling in product(*(_FOLDED_SPELLINGS.get(char, char) for char in ending))))
# The rest of a web address: up to a blank ("\s" is str.isspace) or a closing mark.
_URL_REST = re.compile(r"[^\s)>\"']*")
# The last blank or opening mark before the search's end (only other characters follow).
_URL_STOP_BEFORE = re.compile(r"[\s(<\"'](?=[^\s(<\"']*\Z)")


def url_spans(text: str, hint_starts: list[int] | None = None) -> list[tuple[int, int]]:
    """Spans of web addresses, e-mail addresses and domain names (names there don't count).

    Found from a cheap hint ("://", "www.", "@", ".gov") widened to the surrounding
    non-blank run, so the scan stays one fast pass. ``hint_starts``, if given, lists every
    position where a hint can start (where one of URL_HINT_LITERALS is in the folded text).
    """
    spans: list[tuple[int, int]] = []
    hints = _URL_HINT.finditer(text) if hint_starts is None else \
        finditer_at(_URL_HINT, text, hint_starts)
    for hint in hints:
        if hint.group(0) == "@" and not (hint.start() > 0 and text[hint.start() - 1].isalnum()):
            continue  # "@DHSgov" is a handle, handled by the matchers' boundaries
        start = hint.start()
        # The run before the hint: its last stop character before it is found by a search
        # of the 64 characters before, in C; a longer run is walked back from there.
        stop = _URL_STOP_BEFORE.search(text, max(0, start - 64), start)
        if stop is not None:
            start = stop.end()
        else:
            start = max(0, start - 64)
            while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<\"'":
                start -= 1
        end = _URL_REST.match(text, hint.end()).end()  # type: ignore[union-attr]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans
