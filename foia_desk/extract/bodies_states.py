"""Is a state word ("state", "Texas's") just before a position? A quick test, then the search.

``nonfoia`` demotes a member of Congress or a group of lawmakers to a state legislature
when "state" or a state's name comes just before it ("Texas Sen. ...", "state lawmakers").
The search for that (``place_patterns(cues)[1]``, an alternation of some fifty names
ending in "$") is tried at every position of its 25-character window, for each of
hundreds of such hits a megabyte, and nearly always fails. A match ends with a state word,
perhaps "'s" or "'", then blanks up to the end of the window, so the window must end that
way; looking at its last few characters rules out nearly every hit before any search.
"""

from __future__ import annotations

import re

from foia_desk.extract.agencies_cache import per_cues
from foia_desk.extract.cues import Cues
from foia_desk.extract.places import place_patterns

WINDOW = 25  # how far back the state word may start


class StateWordBefore:
    """``place_patterns(cues)[1].search(text, max(0, start - 25), start)``, quicker."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues
        _, self.pattern = place_patterns(cues)
        words = ["state", "State", *cues.states]
        # Last four letters of every word the pattern ends with (None: a word is shorter,
        # and the quick test is left out).
        self.endings = frozenset(w[-4:] for w in words) if min(map(len, words)) >= 4 \
            else None

    def may_match(self, text: str, start: int) -> bool:
        """False only where the search surely finds nothing.

        The search's "$" matches at ``start`` and also before a line break ending the
        window; its match ends with blanks, so then it ends before that break. Without
        the break and the blanks, the window must end with the last four letters of a
        state word, perhaps followed by "'s" or "'".
        """
        if self.endings is None:
            return True
        if start <= 0:
            return False
        end = start - 1 if text[start - 1] == "\n" else start
        window = text[max(0, start - WINDOW):end]
        body = window.rstrip(" \t")
        if len(body) == len(window):
            return False  # no blank before the position
        endings = self.endings
        return body[-4:] in endings or body[-5:-1] in endings or body[-6:-2] in endings

    def search(self, text: str, start: int) -> re.Match[str] | None:
        if not self.may_match(text, start):
            return None
        return self.pattern.search(text, max(0, start - WINDOW), start)


_CACHE: dict[int, tuple[Cues, StateWordBefore]] = {}


def state_word_before(cues: Cues) -> StateWordBefore:
    """The :class:`StateWordBefore` for ``cues`` (built once)."""
    return per_cues(_CACHE, cues, StateWordBefore)
