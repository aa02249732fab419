"""The directory's non-FOIA bodies and the pattern cue words, compiled once per directory.

Body names go into two phrase tries: capitalised one-word names and acronyms, matched
exactly as written ("Apple", "NPR": in lower case they are ordinary words), and the
others, matched on the folded (lower-case) reading; the finder then checks how a folded
match was written. The suffix words of ``extract_cues.toml`` ("Department", "Post",
"Inc.") map to the kind of body they end, and the judges' titles and groups of lawmakers
are compiled here too, so every pattern built from the directory or the cues is built
once. ``folded_keys`` and ``judge_keys`` feed the combined start scan
(:mod:`foia_desk.extract.scan`), which tells where a folded phrase can start.
"""

from __future__ import annotations

import weakref

from foia_desk.directory import Directory
from foia_desk.extract.agencies_cache import per_directory
from foia_desk.extract.agencies_index import ExactPhrases
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import compile_phrases, phrase_key


class BodyIndex:
    """The directory's bodies and the cues' suffix words, judges and groups, compiled."""

    def __init__(self, directory: Directory, cues: Cues) -> None:
        self.folded: dict[str, list[str]] = {}
        self.exact: dict[str, list[str]] = {}
        self.bodies = {b.id: b for b in directory.bodies}
        for body in directory.bodies:
            for name in {body.name, *body.names}:
                raw = " ".join(name.split())
                if raw.lower().startswith("the "):
                    raw = raw[4:]
                # Capitalised one-word names and acronyms are matched as written.
                if (" " not in raw and (raw[:1].isupper() or raw.isupper())) or raw.isupper():
                    self.exact.setdefault(raw, []).append(body.id)
                else:
                    self.folded.setdefault(phrase_key(raw), []).append(body.id)
        self.folded_keys = sorted({phrase_key(k) for k in self.folded})
        self.folded_re = compile_phrases(self.folded, ignore_case=True)
        self.exact_re = compile_phrases(self.exact, ignore_case=False)
        self.suffix: dict[str, str] = {}
        for group in cues.raw.get("suffix", []):
            for word in group.get("words", []):
                self.suffix.setdefault(" ".join(word.split()), group.get("kind", "ngo"))
        for word in cues.words("courts", "words"):
            self.suffix.setdefault(word, "court")
        self.news_words = set(cues.words("news", "words"))
        for word in self.news_words:
            self.suffix.setdefault(word, "news_media")
        self.suffix_re = compile_phrases(self.suffix, ignore_case=False)
        groups = cues.words("congress", "groups")
        self.groups_re = ExactPhrases(groups, compile_phrases(groups, ignore_case=False))
        judges = cues.words("courts", "judges")
        judges += ["federal judge", "federal judges", "federal courts", "federal court"]
        self.judge_keys = sorted({phrase_key(j) for j in judges})
        self.judges_re = compile_phrases(judges, ignore_case=True)


_INDEXES: weakref.WeakKeyDictionary[Directory, BodyIndex] = weakref.WeakKeyDictionary()


def body_index(directory: Directory, cues: Cues) -> BodyIndex:
    """The compiled index for ``directory`` (built once per directory object)."""
    return per_directory(_INDEXES, directory, cues, BodyIndex)
