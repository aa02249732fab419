"""How many words a text has, as ``len(text.split())`` counts them, without splitting it.

The spin score needs the number of words of the article. ``str.split`` builds a string for
each of them (170,000 in a megabyte), which costs more than all the rest of the count.
Instead the text is encoded to UTF-8 and each byte translated to b" " (a whitespace
character) or b"x" (anything else): the words are then the b"x" runs, one per b" x" plus
one if the text starts with a word; ``bytes.translate`` and ``bytes.count`` run in C.

Non-ASCII characters become bytes of 0x80 and over, all read as b"x"; that is right unless
the text holds one of the few non-ASCII characters ``str.split`` treats as whitespace, so
such a text is counted the plain way. Whether it does is checked on the bytes left once
the ASCII ones are deleted (``bytes.translate`` again): a regex or ``in`` over the whole
text would cost as much as the count.
"""

from __future__ import annotations

# ``str.isspace()`` characters, as ``str.split()`` uses them (tests/test_extract_despin_
# words.py checks this list against every code point): the ASCII ones, then the others.
ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
OTHER_SPACES = ("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                "\u200a\u2028\u2029\u202f\u205f\u3000")
# Their UTF-8 forms. Each starts with a lead byte, so it is found among the bytes of the
# non-ASCII characters alone exactly when the character is in the text.
_OTHER_SPACES_UTF8 = tuple(space.encode("utf-8") for space in OTHER_SPACES)
_ASCII_BYTES = bytes(range(0x80))
# Byte -> b" " for ASCII whitespace, b"x" for any other byte.
_SPACE_OR_WORD = bytes(0x20 if chr(byte) in ASCII_SPACES else 0x78 for byte in range(256))


def count_words(text: str) -> int:
    """``len(text.split())``."""
    # "surrogatepass": a lone surrogate (text read with "surrogateescape") is three bytes
    # of 0x80 and over, a word character like any other non-ASCII one.
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        others = data.translate(None, _ASCII_BYTES)  # a few kilobytes, searched quickly
        if any(space in others for space in _OTHER_SPACES_UTF8):
            return len(text.split())
    marks = data.translate(_SPACE_OR_WORD)
    return marks.count(b" x") + marks.startswith(b"x")
