"""The non-FOIA findings: the bodies found, grouped by what they name, with where to ask.

A long article names the same few bodies hundreds of times, so the loop over the bodies
does only what each mention needs (the finding's key and the mention itself); the reason,
the route and the state's records law are worked out once, when a key is first seen (they
only go into the new finding). The mentions are mapped to the original text all at once
and made without the frozen dataclass's ``__init__`` (see ``core_mentions``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter, gt
from typing import TYPE_CHECKING

from foia_desk.extract.model import NonFoiaFinding, new_mention
from foia_desk.extract.reading import Reading

if TYPE_CHECKING:
    from foia_desk.directory import Directory
    from foia_desk.extract.cues import Cues
    from foia_desk.extract.nonfoia import BodyHit

# Bodies named by the words as written ("Fairfax County Police"), each its own finding.
_AS_WRITTEN = frozenset(["local_police", "sheriff", "state_police", "state_government",
                         "local_government", "prosecutor_local", "state_university"])
_start = attrgetter("start")
_end = attrgetter("end")


class _Routes:
    """Reason and route of a new finding (what the directory says, and the state's law)."""

    def __init__(self, directory: Directory, cues: Cues, plain: str,
                 places: list[tuple[int, str, str]], sentences: list[tuple[int, int]]
                 ) -> None:
        from foia_desk.extract.places import article_state

        self.directory, self.cues, self.plain = directory, cues, plain
        self.places, self.sentences = places, sentences
        self.main_state = article_state(places)
        self.records = {b.id: b for b in directory.bodies}
        self._starts: list[int] | None = None  # of the sentences, made when first needed
        self._place_starts = [pos for pos, _, _ in places]

    def finding(self, body: BodyHit, name: str, body_id: str | None) -> NonFoiaFinding:
        record = self.records.get(body_id) if body_id else None
        kind = self.directory.kind(body.kind)
        reason = (record.reason if record else "") or (kind.reason if kind else "")
        route = (record.route if record else "") or (kind.route if kind else "")
        if body.kind == "state_local":
            state = body.state
            if state is None:
                state = self._state_around(body.start)
            law = self.cues.state_law(state)
            if law:
                route = f"Ask under the {law} ({state}). {route}"
        return NonFoiaFinding(name, body.kind, reason, route, id=body_id)

    def _state_around(self, position: int) -> str | None:
        """The first state named in the sentence holding ``position``, else the article's."""
        if self._starts is None:
            self._starts = [start for start, _ in self.sentences]
        index = bisect_right(self._starts, position) - 1
        s_start, s_end = self.sentences[index] if index >= 0 else (0, len(self.plain))
        first = bisect_left(self._place_starts, s_start)
        places = self.places
        local = places[first][1] if first < len(places) and places[first][0] < s_end else None
        return local or self.main_state


def body_findings(bodies: list[BodyHit], directory: Directory, cues: Cues, reading: Reading,
                  plain: str, places: list[tuple[int, str, str]],
                  sentences: list[tuple[int, int]]) -> list[NonFoiaFinding]:
    """One finding per body named (per outlet, per local body as written), mentions in order."""
    routes = _Routes(directory, cues, plain, places, sentences)
    found: dict[str, NonFoiaFinding] = {}
    # An outlet's name by its last word ("Post"), and the first body (in ``bodies`` order)
    # naming each outlet with an id: looked up once here, where a search of all bodies per
    # generic mention grew with the square.
    news_names: dict[str, str] = {}
    first_ids: dict[str, str] = {}
    for other in bodies:
        if other.body_id and other.name not in first_ids:
            first_ids[other.name] = other.body_id
        if other.kind == "news_media" and not other.generic:
            news_names[other.name.split()[-1]] = other.name
    ordered = bodies
    starts = list(map(_start, ordered))
    if any(map(gt, starts, starts[1:])):  # _resolve_overlaps gives them sorted already
        ordered = sorted(bodies, key=_start)
        starts = list(map(_start, ordered))
    o_starts, o_ends = reading.spans(starts, list(map(_end, ordered)))
    original = reading.original
    # A body's name with its blanks made single spaces, per name (the same few recur).
    spaced: dict[str, str] = {}
    # A finding lists a mention once. Mapped starts never decrease, so equal mentions are
    # neighbours in a run of equal starts: the first of a run is new, a later one is
    # compared with the run's earlier ``(key, end)`` pairs (``first`` and ``more``).
    run_start, first, more = -1, ("", -1), []
    for body, o_start, o_end in zip(ordered, o_starts, o_ends, strict=True):
        name = spaced.get(body.name)
        if name is None:
            name = spaced[body.name] = " ".join(body.name.split())
        body_id = body.body_id
        if body.generic and body.kind == "news_media" and name in news_names:
            name = news_names[name]
            body_id = first_ids.get(name)
        if body.body_id in _AS_WRITTEN:
            if body.generic:
                key = name.lower()
            else:
                written = plain[body.start:body.end]
                key = written.lower()
                name = " ".join(written.split())
        else:
            key = (body_id or name).lower()
        finding = found.get(key)
        if finding is None:
            finding = found[key] = routes.finding(body, name, body_id)
        if o_start != run_start:
            run_start, first, more = o_start, (key, o_end), []
        else:
            marker = (key, o_end)
            if marker == first or marker in more:
                continue
            more.append(marker)
        mention = new_mention(o_start, o_end, original[o_start:o_end])
        finding.mentions.append(mention)
    return list(found.values())
