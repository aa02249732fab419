"""Bodies of the directory found by name, and news outlets named or referred to again.

A folded name counts only if written with a capital ("apple pie", "the guardian of ..."
are not the bodies), unless it is a kind of body whose name is a common phrase anyway
(state and local, courts, legislatures); a company next to "Share on" is a page button.
An outlet is also found after "told", "according to" and the like when its last word is a
news word or its name is in the directory, later as "the Post" after "The Washington Post"
(:func:`short_outlet_names`) and as "the outlet" or "the newspaper"
(:func:`outlet_anaphors`).

Speed: the outlet words and each outlet's last word are tried only where one
Aho-Corasick pass put them (``at``, from :class:`~foia_desk.extract.bodies_scan.BodyScan`);
"the" before the word is found by stepping back from it (:func:`the_before`), not by
trying "the" at every position.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from foia_desk.extract.bodies_hit import BodyHit, body_hit
from foia_desk.extract.bodies_index import BodyIndex
from foia_desk.extract.matcher import finditer_at

_SHARE_BUTTON = re.compile(r"(?:share|follow[ \t]+us|like[ \t]+us|find[ \t]+us|"
                           r"connect[ \t]+with[ \t]+us)[ \t]+on[ \t]+$", re.IGNORECASE)
# Tried only where one of its first words occurs (see BodyScan).
TOLD = re.compile(
    r"\b(?:told|according[ \t]+to|reported[ \t]+by|confirmed[ \t]+(?:with|to)|"
    r"in[ \t]+an[ \t]+interview[ \t]+with|per)[ \t]+(?:the[ \t]+)?"
    r"(?P<name>[A-Z][\w.'&-]*(?:[ \t]+[A-Z][\w.'&-]*){0,4})")
# The outlet words are tried one at a time, each where the word occurs (BodyScan); the "\b"
# before the word is checked after it. The two words cannot overlap, so the matches of
# both, in order, are those of the alternation. "the" before them is checked afterwards.
OUTLET_WORDS = {"outlet": re.compile(r"outlet(?<!\w.{6})\b"),
                "newspaper": re.compile(r"newspaper(?<!\w.{9})\b")}
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+(?:news[ \t]+)?$")


def named_hits(hits: list[BodyHit], text: str, found: Iterator[re.Match[str]],
               index: BodyIndex, table: dict[str, list[str]], fold: bool) -> None:
    """Bodies of the directory found by name (``found``: matches of a ``compile_phrases``)."""
    for match in found:
        key = match.group("m")
        ids = table.get(key)  # a key has single spaces: split and join only otherwise
        if ids is None:
            ids = table.get(" ".join(key.split()))
        for body_id in ids[:1] if ids else ():
            body = index.bodies[body_id]
            if body.kind == "company" and _SHARE_BUTTON.search(
                    text, max(0, match.start() - 30), match.start()):
                continue  # "Share on Facebook": a page button, not a company in the news
            generic_kind = body.kind in ("state_local", "court", "legislature")
            if fold and not generic_kind and not text[match.start()].isupper():
                continue  # "apple pie", "the guardian of ..." are not the bodies
            hits.append(body_hit(match.start(), match.end(), body.name, body.kind, body_id))


def told_hits(text: str, index: BodyIndex, starts: list[int]) -> list[BodyHit]:
    """Outlets after "told", "according to"... (``starts``: where ``TOLD`` can start)."""
    hits = []
    for match in finditer_at(TOLD, text, starts):
        name = match.group("name")
        last = name.split()[-1].strip(".,")
        if last in index.news_words or name in index.exact:
            hits.append(body_hit(match.start("name"), match.start("name") + len(name),
                                 name.rstrip("."), "news_media", generic=True))
    return hits


def outlet_anaphors(text: str, hits: list[BodyHit], at: dict[str, list[int]]
                    ) -> list[BodyHit]:
    """"told the outlet", "the newspaper reported": the outlet named last before it.

    Without an outlet named earlier nothing is reported (there is no body to point to).
    """
    if "outlet" not in text and "newspaper" not in text:
        return []
    outlets = sorted((h for h in hits if h.kind == "news_media"), key=lambda h: h.end)
    ends = [h.end for h in outlets]
    out: list[BodyHit] = []
    words = sorted((m for scan, word in OUTLET_WORDS.items()
                    for m in finditer_at(word, text, at[scan])), key=lambda m: m.start())
    for match in words:
        if not _THE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        before = bisect.bisect_right(ends, match.start())
        if before:
            target = outlets[before - 1]
            out.append(body_hit(match.start(), match.end(), target.name,
                                target.kind, target.body_id, target.state, target.generic))
    return out


def short_outlet_names(text: str, hits: list[BodyHit], index: BodyIndex,
                       at: dict[str, list[int]]) -> list[BodyHit]:
    """"the Post" after "The Washington Post" is the same outlet."""
    out: list[BodyHit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.kind != "news_media" or hit.body_id is None:
            continue
        last = hit.name.split()[-1]
        if last in seen or last not in index.news_words or len(hit.name.split()) < 2:
            continue
        seen.add(last)
        pattern = re.compile(r"\b[Tt]he[ \t]+(" + re.escape(last) + r")\b(?![ \t]+[A-Z])")
        for match in finditer_at(pattern, text, the_before(text, last, at.get("news " + last))):
            out.append(body_hit(match.start(1), match.end(1), hit.name, hit.kind, hit.body_id))
    return out


def the_before(text: str, word: str, found: list[int] | None = None) -> list[int]:
    """Where "the" could start before each ``word`` (a run of blanks, then ``word``).

    Looking for the outlet's word (a literal Python's ``re`` finds fast, or its occurrences,
    overlapping ones too, as ``found``) and stepping back replaces a scan trying "the" at
    every position.
    """
    if found is None:
        found = [match.start() for match in every(word).finditer(text)]
    starts = []
    for start in found:
        pos = start
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        if pos < start and pos >= 3:
            starts.append(pos - 3)
    return starts


def every(word: str) -> re.Pattern[str]:
    """A pattern matching ``word``'s first letter wherever ``word`` occurs (overlaps too)."""
    return re.compile(re.escape(word[:1]) + "(?=" + re.escape(word[1:]) + ")")

