"""Bytes to text for plain-text, Markdown and HTML files, in whatever encoding they were saved.

Order: a byte-order mark (UTF-8/16/32) wins; then BOM-less UTF-16 when every other byte is
NUL; then strict UTF-8 (almost all modern files); then a charset the page declares; then
Windows-1252, the usual encoding of older Windows "Save as text" files, when the result
reads as Western European text; then charset-normalizer's guess for anything else. Text
full of control characters is refused as binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from foia_desk.ingest.model import IngestError

_BOMS = (  # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_SAMPLE = 4096
# Control characters that never occur in text; tab, line breaks, form feed and the DOS
# end-of-file marker (\x1a) are allowed.
_CONTROLS = re.compile(r"[^\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]+")
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAX_CONTROL_SHARE = 0.01  # binary files run far above 1 in 100

_NAMES = {"cp1252": "Windows-1252 (Western European)", "latin-1": "Latin-1",
          "iso-8859-1": "Latin-1", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # True when the encoding was inferred, not declared or unambiguous


def binary_error(what: str) -> IngestError:
    return IngestError(
        f"{what} looks like a binary file, not text.",
        "Open it in the program that made it and save or export it as plain text (.txt), "
        "Word (.docx), PDF or a web page (.html), then try again.",
    )


def decode_text(data: bytes, what: str, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is an encoding named by the file itself (HTML meta)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, codec, name, what), name, guessed=False)
    utf16 = _bomless_utf16(data)
    if utf16:
        return Decoded(_strict(data, utf16, "UTF-16", what), "UTF-16", guessed=True)
    if b"\x00" in data:
        raise binary_error(what)
    try:
        # Before any declared charset: text with accents that is valid UTF-8 is UTF-8, and
        # pages served with a stale "windows-1252" meta tag are common.
        return Decoded(_refuse_binary(data.decode("utf-8"), what), "UTF-8", guessed=False)
    except UnicodeDecodeError:
        pass
    if declared:
        text = _try_declared(data, declared)
        if text is not None:
            return Decoded(_refuse_binary(text, what), declared, guessed=False)
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return Decoded(_refuse_binary(western, what), _NAMES["cp1252"], guessed=True)
    return _detect(data, what)


def describe(decoded: Decoded) -> list[str]:
    """A warning for the user when the encoding was a guess that could be wrong."""
    if not decoded.guessed or decoded.encoding == "UTF-16":
        return []
    return [f"This file is not UTF-8; it was read as {decoded.encoding}. If accents or quotation "
            "marks look wrong, save it as UTF-8 and load it again."]


def _strict(data: bytes, codec: str, name: str, what: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{what} starts like a {name} text file but has bytes that are not valid "
            f"{name} (at byte {exc.start:,}).",
            "The file may be cut short or damaged. Re-save it as UTF-8 text and try again.",
        ) from exc
    return _refuse_binary(text.lstrip("\ufeff"), what)


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL pattern of mostly-ASCII UTF-16 text shows."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _try_declared(data: bytes, declared: str) -> str | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"  # what browsers do, and what such files really contain
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a BOM-less file cannot really be UTF-16 if it has no NULs
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _reads_as_western(text: str) -> bool:
    """True when accented letters are sprinkled in Latin text, as in English or French.

    Cyrillic or Greek single-byte text also decodes as Windows-1252 but turns into words
    made only of accented letters, so their share of all letters gives it away.
    """
    if _C1_CONTROLS.search(text):
        return False
    ascii_letters = len(_NOT_ASCII_LETTER.sub("", text))
    accented = sum(1 for match in _NON_ASCII.finditer(text) if match[0].isalpha())
    return accented <= 0.15 * (ascii_letters + accented)


def _detect(data: bytes, what: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise binary_error(what)
    text = str(best)
    return Decoded(_refuse_binary(text, what), _NAMES.get(best.encoding, best.encoding),
                   guessed=True)


def _refuse_binary(text: str, what: str) -> str:
    controls = len(_CONTROLS.sub("", text))  # what is left are the control characters
    if controls > max(8, _MAX_CONTROL_SHARE * len(text)) or "\x00" in text:
        raise binary_error(what)
    return text
