"""Who took part in an event: agencies named where the article returns to the same event.

A raid or seizure is often described over several sentences: one names the place, the next
("The DEA said 114 people were arrested") or an embedded post about the same place names
other agencies. An event topic gathers the agencies of

* sentences near it that name its place,
* the sentence right after one of those, in the same paragraph, when it carries on the same
  story: its subject is a pronoun or a word for the people or the action ("They", "Agents",
  "The raid"), or it repeats a count from the place sentences ("114"),
* an embedded social-media post that names the place (the lines before a "— Name (@handle)
  Date" signature are one statement).

Only agencies named outright join (not informal references), and only within 15 sentences.
"""

from __future__ import annotations

import bisect
import re

from foia_desk.extract.topic_base import Actor, Candidate, actors_in

NEAR = 15
_ANAPHORIC_START = re.compile(
    r"[\W\d_]*(?:they|it|he|she|those|these|this|that|the[ \t]+(?:raid|sweep|operation|"
    r"seizure|bust|arrests?|agents|officers|officials|agencies|authorities|detainees|men|"
    r"women|people|suspects)|agents|officers|authorities|investigators)\b", re.IGNORECASE)
_COUNT = re.compile(r"(?<![\d,.])\d{2,}(?:,\d{3})*(?![\d,])")
_SIGNATURE = re.compile(r"^[ \t]*[\u2014\u2013-]{1,2}[ \t]*[^\n]{0,80}\(@\w+\)", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _counts(sentence: str) -> set[str]:
    """Numbers of two or more digits that are not years."""
    return {n for n in _COUNT.findall(sentence)
            if not (len(n) == 4 and n[:2] in ("19", "20"))}


def _same_paragraph(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    return _PARAGRAPH_BREAK.search(text, first[0], second[0]) is None


def _embed_end(text: str, span: tuple[int, int], sentences: list[tuple[int, int]],
               index: int) -> int:
    """Index of the last sentence of the embedded post holding ``index`` (or ``index``).

    A post is a paragraph whose next paragraph is a signature line "— Name (@handle) ...".
    """
    last = index
    while last + 1 < len(sentences) and _same_paragraph(text, span, sentences[last + 1]):
        last += 1
    after = sentences[last + 1] if last + 1 < len(sentences) else None
    if after and _SIGNATURE.match(text, after[0]):
        return last
    return index


def gather_event_agencies(cands: list[Candidate], text: str, sentences: list[tuple[int, int]],
                          actors: list[Actor]) -> None:
    """Add to each event topic the agencies named where the article returns to it."""
    starts = [s for s, _ in sentences]
    lowered: dict[int, str] = {}

    def lower(index: int) -> str:
        if index not in lowered:
            lowered[index] = text[sentences[index][0]:sentences[index][1]].lower()
        return lowered[index]

    for cand in cands:
        if not cand.key.startswith("event:") or not cand.place or not cand.sentences:
            continue
        place = cand.place.lower()
        home = bisect.bisect_left(starts, cand.sentences[0][0])
        placed = [i for i in range(max(0, home - NEAR), min(len(sentences), home + NEAR + 1))
                  if i == home or place in lower(i)]
        counts = set().union(*(_counts(lower(i)) for i in placed))
        chosen = set(placed)
        for index in placed:
            chosen.update(range(index, _embed_end(text, sentences[index], sentences, index) + 1))
            nxt = index + 1
            if nxt >= len(sentences) or not _same_paragraph(text, sentences[index],
                                                             sentences[nxt]):
                continue
            sentence = text[sentences[nxt][0]:sentences[nxt][1]]
            if _ANAPHORIC_START.match(sentence) or counts & _counts(sentence):
                chosen.add(nxt)
        for index in sorted(chosen - {home}):
            for actor in actors_in(actors, *sentences[index]):
                if actor.kind == "agency" and actor.agency_id and \
                        actor.agency_id not in cand.agencies:
                    cand.agencies.append(actor.agency_id)
