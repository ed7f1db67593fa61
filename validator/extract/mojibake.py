"""Text layers that a PDF's fonts garbled: repaired when the damage is known, else dropped.

Two kinds are common in Chinese PDFs made by old tools:

* GBK bytes drawn with a Latin-1 font: 营业执照 comes out as ``ÓªÒµÖ´ÕÕ``.
  Encoding the text back to Latin-1 and decoding it as GBK restores it
  exactly, so the page is repaired rather than OCR'd.
* Glyph codes with no meaning: private-use characters, replacement
  characters (U+FFFD) or control codes in place of text. Nothing restores
  those; the page is treated as having no text layer, and OCR reads it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Share of Latin-1 supplement letters (À-ÿ) above which a text with no CJK is
# suspected to be GBK shown as Latin-1; ordinary Western text stays far below.
LATIN1_SHARE = 0.3
# Share of CJK among the non-ASCII characters of a re-decoded text for it to
# count as repaired (ASCII digits and letters survive the round trip as they are).
REPAIRED_CJK_SHARE = 0.8
# Share of characters with no meaning above which a text layer is garbage.
MEANINGLESS_SHARE = 0.3


def repair_text(raw: str) -> tuple[str, str]:
    """``(text, verdict)``: verdict ``ok``, ``repaired`` (GBK shown as Latin-1) or ``garbled``."""
    letters = [ch for ch in raw if not ch.isspace()]
    if not letters:
        return raw, "ok"
    if _share(letters, _meaningless) >= MEANINGLESS_SHARE:
        return "", "garbled"
    if _share(letters, _cjk) == 0 and _share(letters, _latin1_letter) >= LATIN1_SHARE:
        decoded = _as_gbk(raw)
        if decoded is not None:
            return decoded, "repaired"
    return raw, "ok"


def _as_gbk(raw: str) -> str | None:
    """The text read back as GBK bytes, when it then is mostly Chinese."""
    try:
        decoded = raw.encode("latin-1").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    foreign = [ch for ch in decoded if not ch.isascii()]
    return decoded if foreign and _share(foreign, _cjk) >= REPAIRED_CJK_SHARE else None


def _share(letters: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for ch in letters if test(ch)) / len(letters)


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _latin1_letter(ch: str) -> bool:
    return "\u00c0" <= ch <= "\u00ff" or "\u00a1" <= ch <= "\u00bf"


def _meaningless(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch == "\ufffd" or category in ("Co", "Cc", "Cs") or "\ue000" <= ch <= "\uf8ff"
