"""Places in an article: states, big cities and "Town, St." datelines, for state records laws."""

from __future__ import annotations

import re
from collections.abc import Iterator

from foia_desk.extract.bodies_anchors import Anchor, AnchorScan, first_piece, phrase_anchors
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import finditer_at, literal_trie, trie_pattern

LEADING_NOISE = frozenset(
    [
        "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "and", "but",
        "meanwhile", "when", "while", "after", "before", "according", "both", "then", "yesterday",
        "today", "last", "as", "of", "to", "said", "says", "told", "about", "under", "over",
        "into", "through", "during", "like", "unlike", "across", "against", "among", "despite",
        "since", "until", "inside", "outside", "per", "via", "if",
    ])


def clean_run(run: str) -> str:
    """A capitalised run without leading sentence words ("About the Alliance" -> "Alliance")."""
    words = run.split()
    while words and words[0].lower().strip(",") in LEADING_NOISE:
        words.pop(0)
    return " ".join(words)


_STATE_IN: dict[int, tuple[Cues, re.Pattern[str]]] = {}


def state_in(name: str, cues: Cues) -> str | None:
    """The state a body's own name places it in ("Colorado ...", "Denver Police ...")."""
    cached = _STATE_IN.get(id(cues))
    if not cached or cached[0] is not cues:
        # Longest name first, as a trie starting with its first letter ("\b" checked
        # after it), so the search skips to capitals instead of trying every name
        # everywhere. The names all start with a letter.
        names = sorted({*cues.states, *cues.cities})
        pattern = re.compile(literal_trie(names, guard_class=r"\w") + r"\b")
        cached = _STATE_IN[id(cues)] = (cues, pattern)
    match = cached[1].search(name)
    if not match:
        return None
    word = match.group(0)
    return word if word in cues.states else cues.cities.get(word)


_PLACES: dict[int, tuple[Cues, re.Pattern[str], re.Pattern[str], AnchorScan]] = {}


def place_patterns(cues: Cues) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(any state, city or ", Abbr." mention; a state word just before a position)."""
    cached = _PLACES.get(id(cues))
    if cached and cached[0] is cues:
        return cached[1], cached[2]
    names = sorted({*cues.states, *cues.cities}, key=len, reverse=True)
    abbrs = sorted(cues.state_abbreviations, key=len, reverse=True)
    places = re.compile(r"\b(?P<n>" + trie_pattern(names) + r")\b"
                        r"(?![ \t]+(?:Post|Times|D\.?C\.?))|, (?P<a>"
                        + trie_pattern(abbrs) + r")")
    before = re.compile(r"(\b[Ss]tate|" + "|".join(re.escape(s) for s in cues.states)
                        + r")(?:'s|')?[ \t]+$")
    # Every place a name or ", Abbr." can start, from one pass for the names' first words
    # and ", " plus the abbreviations' (see ``bodies_anchors``): the full pattern is then
    # tried only there (``finditer_at``), where a scan would try it at every capital.
    starts = AnchorScan([*phrase_anchors(names, "place"),
                         *(Anchor(", " + first_piece(abbr), "place") for abbr in abbrs)])
    _PLACES[id(cues)] = (cues, places, before, starts)
    return places, before


def _place_matches(text: str, cues: Cues) -> Iterator[re.Match[str]]:
    """``place_patterns(cues)[0].finditer(text)``, trying the pattern only where it can start."""
    places, _ = place_patterns(cues)
    starts = _PLACES[id(cues)][3].candidates(text)["place"]
    return finditer_at(places, text, starts)


_CITY_BEFORE = re.compile(r"[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2}$")


def place_states(text: str, cues: Cues) -> list[tuple[int, str, str]]:
    """(position, state, place as written) for each state, big city or "Town, Abbr." mention."""
    found = []
    states, cities = cues.states, cues.cities
    for match in _place_matches(text, cues):
        name = match.group("n")
        if name:
            state = name if name in states else cities.get(name)
        else:
            city = _CITY_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if not city:
                continue
            name = clean_run(city.group(0)) or city.group(0)
            state = cues.state_abbreviations.get(match.group("a"))
        if state:
            found.append((match.start(), state, name))
    return found


def article_state(places: list[tuple[int, str, str]]) -> str | None:
    """The state an article is mostly about, if one clearly dominates."""
    counts: dict[str, int] = {}
    for _, state, _name in places:
        counts[state] = counts.get(state, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] / sum(counts.values()) >= 0.6 else None
