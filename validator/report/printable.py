"""Text that is safe to print on a terminal or in a CI log.

Document text and file names belong to whoever prepared the folder: an
``ESC c`` in a signer's name resets the terminal, an OSC 8 sequence prints a
link, a newline in a file name prints a fake summary line, and a right-to-left
override reorders what follows. The text formats (terminal, GitHub) render
``printable_result(result)``: every C0 and C1 control character, DEL, the
Unicode line separators and the bidirectional controls are written as
``repr``-like escapes (``\\x1b``, ``\\u202e``). In file and folder names
newlines and tabs are escaped too, so that a name stays on its line; in
prose they become spaces (GitHub escapes them its own way). The machine
formats (JSON, SARIF) keep text exact: their encoders escape what their
syntax needs.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

from validator.model import map_text

# Bidirectional embedding, override and isolate controls, and the marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Line and paragraph separators: some terminals start a new line at them.
LINE_SEPARATORS = frozenset("\u2028\u2029")
# Whitespace controls that prose may hold: shown as a space there.
PROSE_WHITESPACE = frozenset("\n\t\r\x0b\x0c")
# Fields that hold a file's, folder's or archive member's name.
NAME_FIELDS = frozenset({"path", "root", "key", "matches"})

# The escapes repr() writes for the common whitespace controls.
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

_T = TypeVar("_T")


def printable_result(result: _T, *, line_breaks: bool = False) -> _T:
    """``result`` with every string made safe to print (names escaped, prose too).

    ``line_breaks`` keeps newlines, tabs and carriage returns in prose, for
    a format that escapes them itself (GitHub's ``%0A``).
    """

    def printable(name: str, text: str) -> str:
        if name in NAME_FIELDS:
            return shown_name(text)
        return shown_text(text, line_breaks=line_breaks)

    made: _T = map_text(result, printable)
    return made


def shown_name(name: str) -> str:
    """A file name with every control character escaped, newlines and tabs included."""
    return "".join(_escaped(character) if _unsafe(character) else character for character in name)


def shown_text(text: str, *, line_breaks: bool = False) -> str:
    """Prose with whitespace controls as spaces (or kept) and every other control escaped."""
    return "".join(_prose_character(character, line_breaks) for character in text)


def _prose_character(character: str, line_breaks: bool) -> str:
    if character in PROSE_WHITESPACE:
        return character if line_breaks else " "
    return _escaped(character) if _unsafe(character) else character


def _unsafe(character: str) -> bool:
    return (
        unicodedata.category(character) == "Cc"
        or character in BIDI_CONTROLS
        or character in LINE_SEPARATORS
    )


def _escaped(character: str) -> str:
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
