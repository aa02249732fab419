"""The directory's agency names compiled into regexes, once per directory.

Every name, acronym, alias and informal phrase of the directory goes into one of three
trie regexes: multi-word names (matched on the folded, lower-case reading: lower-case
patterns without ``re.IGNORECASE`` are much faster), acronyms and one-word names (matched
exactly as written: "Pentagon", "ICE"), and informal references (lower-case phrases
folded, capitalised ones such as "the Navy" as written, since in lower case they are
ordinary words). A name's "the" and "U.S." are stripped from its key and matched by the
optional ``NAME_PREFIX`` before it, so one key serves every spelling of the prefix.

``NAME_PREFIX_LITERALS`` lists the strings every match of ``NAME_PREFIX`` begins with:
the combined start scan (:mod:`foia_desk.extract.scan`) looks for them with the names.
:class:`ExactPhrases` finds the case-sensitive phrases without trying their pattern at
every position (see there). What the finder needs of a name is looked up once per match
in ``AgencyIndex.name_table``, worked out here.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator

from foia_desk.directory import Directory
from foia_desk.extract.agencies_cache import per_directory
from foia_desk.extract.cues import Cues
from foia_desk.extract.matcher import (
    BEFORE_CLASS,
    compile_phrases,
    finditer_at,
    late_guarded_trie,
    phrase_key,
    plain_chars,
    start_scanner,
    trie_pattern,
)

_PREFIXES = ("u.s. ", "us ", "united states ", "u. s. ")
_ARTICLE = "the "
# Words a name may hold in lower case ("Department of the Interior").
SMALL_WORDS = frozenset(["of", "and", "the", "for", "on", "in", "to", "at", "&", "a", "an"])
# "U.S." and its spellings before a name (in the folded text), with the blank after it.
NAME_PREFIX = r"(?:u\.[ ]?s\.?|us|united[ \t]+states)[ \t]+"
# Strings one of which begins every match of NAME_PREFIX (kept next to it to stay in step).
NAME_PREFIX_LITERALS = ("u.s", "u. s", "us ", "us\t", "united ", "united\t")


class AgencyIndex:
    """The directory's names compiled for matching."""

    def __init__(self, directory: Directory, cues: Cues) -> None:
        self.directory = directory
        # key -> {agency id: whether the match needs its "U.S." prefix}
        self.name_keys: dict[str, dict[str, bool]] = {}
        self.exact_keys: dict[str, list[str]] = {}
        self.informal_keys: dict[str, list[str]] = {}
        self.exact_informal: dict[str, list[str]] = {}
        self.risky: set[str] = set(cues.words("acronyms", "risky"))
        self.avoid_words = frozenset(cues.words("acronyms", "avoid"))
        self.support_words = frozenset(cues.words("acronyms", "support"))
        for agency in directory:
            self.risky.update(agency.ambiguous)
            names = [" ".join(n.split()) for n in (agency.name, *agency.aliases)]
            unprefixed = {k for k, had in map(_strip, map(phrase_key, names)) if not had}
            for name in names:
                self._add_name(agency.id, name, unprefixed)
            for acronym in agency.acronyms:
                self._add_exact(" ".join(acronym.split()), agency.id)
            for phrase in agency.informal:
                self._add_informal(agency.id, phrase)
        for phrase, ids in cues.raw.get("informal", {}).items():
            for agency_id in ids:
                if agency_id in directory.agencies:
                    self._add_informal(agency_id, phrase)
        # Run over fold_chars(text): lower-case patterns, no re.IGNORECASE (much faster).
        prefix = r"(?:(?P<pre>" + NAME_PREFIX.removesuffix(r"[ \t]+") + r")[ \t]+)?"
        self.names_re = re.compile(
            r"(?<![\w@/.])" + prefix + r"(?P<m>" + trie_pattern(sorted(self.name_keys)) + r")"
            r"(?![\w]|@)")
        # compile_phrases(self.exact_keys, ignore_case=False), with the start check after the
        # second letter (see late_guarded_trie): tried at every capital, it fails sooner.
        exact = sorted({" ".join(plain_chars(p).split()) for p in self.exact_keys})
        self.exact_re = re.compile(
            r"(?P<m>" + late_guarded_trie(exact, BEFORE_CLASS) + r")(?![\w]|@)")
        self.informal_re = compile_phrases(self.informal_keys, ignore_case=True)
        self.exact_informal_re = compile_phrases(self.exact_informal, ignore_case=False)
        self.exact_informal_finder = ExactPhrases(self.exact_informal, self.exact_informal_re)
        # What find_agencies needs of a name, looked up once per match: the agencies meant
        # when "U.S." is written before it, those meant without, and whether the name has
        # three words or more besides the small ones (then lower case is still a name).
        self.name_table: dict[str, tuple[list[str], list[str], bool]] = {
            key: (list(entries), [i for i, needs in entries.items() if not needs],
                  len([w for w in key.split() if w not in SMALL_WORDS]) >= 3)
            for key, entries in self.name_keys.items()}

    def _add_exact(self, key: str, agency_id: str) -> None:
        ids = self.exact_keys.setdefault(key, [])
        if agency_id not in ids:
            ids.append(agency_id)

    def _add_name(self, agency_id: str, name: str, unprefixed: set[str]) -> None:
        raw = name[len(_ARTICLE):] if name.lower().startswith(_ARTICLE) else name
        key, had_prefix = _strip(phrase_key(raw))
        if " " not in key and not had_prefix:
            # One-word names ("Pentagon") are matched exactly as written.
            self._add_exact(raw, agency_id)
            return
        # "U.S. Attorney's Office" needs its prefix ("district attorney's office" is local);
        # "U.S. Postal Service" does not, because "Postal Service" is listed on its own.
        requires = had_prefix and key not in unprefixed
        entries = self.name_keys.setdefault(key, {})
        entries[agency_id] = entries.get(agency_id, True) and requires

    def _add_informal(self, agency_id: str, phrase: str) -> None:
        raw = " ".join(phrase.split())
        # "the Navy", "Main Justice", "Secretary of State" are matched as written: in lower
        # case they are ordinary words ("navy blue").
        if any(c.isupper() for c in raw):
            self.exact_informal.setdefault(raw, []).append(agency_id)
        else:
            self.informal_keys.setdefault(phrase_key(raw), []).append(agency_id)


class ExactPhrases:
    """``pattern.finditer(text)`` for ``pattern = compile_phrases(phrases, ignore_case=False)``,
    with the pattern tried only where one of the phrases can start.

    Such a pattern starts with its phrases' first letters, so Python's re tries it at every
    occurrence of any of them; a few phrases starting with a common lower-case letter ("the
    Navy", "assistant U.S. attorney") make that nearly every position. Instead the
    capitalised phrases' starts come from one look-ahead scan (which skips to capitals) and
    the others' from a search for their first word (a literal, found fast), each checked
    with the rest of its phrases in a look-ahead; :func:`finditer_at` then gives exactly
    the matches of a full ``finditer``.
    """

    def __init__(self, phrases: Iterable[str], pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        keys = sorted({" ".join(plain_chars(p).split()) for p in phrases})
        # The scanners may report a few more starts than the pattern matches (they leave
        # out its check of what follows a phrase), never fewer.
        capitalised = [k for k in keys if not k[:1].islower()]
        self.scanners = [start_scanner(capitalised, guard_class=BEFORE_CLASS)]
        rests: dict[str, list[str]] = {}
        for key in keys:
            if key[:1].islower():
                first = _FIRST_WORD.match(key).group(0)  # type: ignore[union-attr]
                rests.setdefault(first, []).append(key[len(first):])
        for first, ends in rests.items():
            rest = trie_pattern(ends) if any(ends) else ""
            if rest and "" in ends:
                rest = "(?:" + rest + ")?"
            if any(first[:k] == first[-k:] for k in range(1, len(first))):
                # A word that can overlap itself ("aha"): a search would skip the overlapping
                # occurrences, so only its first letter is consumed.
                rest = re.escape(first[1:]) + rest
                first = first[0]
            # What "\b" before the word means, checked after it (see trie_pattern's guard).
            before = "(?<!" + BEFORE_CLASS + "[\\s\\S]{" + str(len(first)) + "})"
            self.scanners.append(re.compile(re.escape(first) + before + "(?=" + rest + ")"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = sorted({m.start() for scanner in self.scanners for m in scanner.finditer(text)})
        return finditer_at(self.pattern, text, starts)


# A phrase's first word: up to a blank or a hyphen (trie_pattern's multi-character pieces).
_FIRST_WORD = re.compile(r"[^ -]+")


def _strip(key: str) -> tuple[str, bool]:
    """(key without "the"/"U.S." prefixes, whether a U.S. prefix was removed)."""
    if key.startswith(_ARTICLE):
        key = key[len(_ARTICLE):]
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):], True
    return key, False


_INDEXES: weakref.WeakKeyDictionary[Directory, AgencyIndex] = weakref.WeakKeyDictionary()


def agency_index(directory: Directory, cues: Cues) -> AgencyIndex:
    """The compiled index for ``directory`` (built once per directory object)."""
    return per_directory(_INDEXES, directory, cues, AgencyIndex)

