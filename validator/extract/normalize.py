"""One text normalisation for every source: text layers, DOCX XML and OCR.

Matching and the fact readers see the same characters whichever way a
document was read, so a keyword written once (营业执照, 2025年3月1日) is
found in all of them. Manifest keywords should pass through ``normalize_text``
too, since NFKC turns full-width punctuation such as ``（盖章）`` into ``(盖章)``.
"""

from __future__ import annotations

import re
import unicodedata

from validator.folding import fold

# CJK ideographs, radicals, CJK punctuation (、。〇「」), kana, bopomofo and
# CJK compatibility forms: the characters Tesseract spaces apart in Chinese text.
_CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003134f"
)
# Next to a CJK character a space is noise before digits and punctuation too
# (2025 年, 100 万元, 名称 :), and so is one after punctuation that follows a
# CJK character (名称: 2018); before a Latin word (CISP 证书) it is kept.
_PUNCTUATION = re.escape("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~")
_TIGHT = _CJK + "0-9" + _PUNCTUATION
_CJK_SPACE = re.compile(
    f"(?<=[{_CJK}]) (?=[{_TIGHT}])|(?<=[{_TIGHT}]) (?=[{_CJK}])"
    f"|(?:(?<=[{_CJK}][{_PUNCTUATION}])|(?<=[{_CJK}] [{_PUNCTUATION}])) (?=[{_TIGHT}])"
)

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")

# Characters OCR and typists use for zero inside a date: ○ (circle), O/o,
# Greek and Cyrillic capital O, 零, 0 and 〇 itself.
_ZERO_LIKE = "〇零○OoΟО0"
_ZERO_LIKE_NOT_DIGIT = _ZERO_LIKE.replace("0", "")
# A year in Chinese numerals before 年 (二〇二五年); it needs at least two
# real numerals, so that an Arabic year (2025年) is never taken for one.
_CHINESE_YEAR = re.compile(f"[{_ZERO_LIKE}一二三四五六七八九]{{4}}(?=年)")
_CHINESE_NUMERALS = frozenset("一二三四五六七八九")
_ARABIC_NUMBER = f"[0-9{_ZERO_LIKE_NOT_DIGIT}]"
# An Arabic date (2O25年O3月, 2O25-O3-O1) whose year starts with a real 1 or 2.
_ARABIC_DATE = re.compile(
    f"(?<![0-9A-Za-z])[12]{_ARABIC_NUMBER}{{3}}"
    f"(?:年{_ARABIC_NUMBER}{{1,2}}月(?:{_ARABIC_NUMBER}{{1,2}}日)?"
    f"|([-./]){_ARABIC_NUMBER}{{1,2}}\\1{_ARABIC_NUMBER}{{1,2}}(?![0-9A-Za-z]))"
)
_TO_CHINESE_ZERO = str.maketrans(dict.fromkeys(_ZERO_LIKE, "〇"))
_TO_ARABIC_ZERO = str.maketrans(dict.fromkeys(_ZERO_LIKE_NOT_DIGIT, "0"))

# Unicode categories removed outright: controls, invisible format characters
# (zero-width space, BOM, soft hyphen), private-use glyphs, lone surrogates.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
_KEPT_CONTROLS = frozenset("\n\t")


def normalize_text(text: str) -> str:
    """The form in which all document text is stored and matched."""
    text = _LINE_BREAKS.sub("\n", text)
    text = fold(text)
    text = _strip_controls(text)
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = _CJK_SPACE.sub("", text)
    text = normalize_dates(text)
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip("\n")


def normalize_dates(text: str) -> str:
    """Unify the zeros of dates: 〇 in Chinese-numeral years, 0 in Arabic dates.

    Only text shaped like a date is touched; an O elsewhere stays an O.
    """
    text = _CHINESE_YEAR.sub(_chinese_year_zeros, text)
    return _ARABIC_DATE.sub(lambda m: m.group(0).translate(_TO_ARABIC_ZERO), text)


def _chinese_year_zeros(match: re.Match[str]) -> str:
    year = match.group(0)
    if sum(c in _CHINESE_NUMERALS for c in year) < 2:
        return year
    return year.translate(_TO_CHINESE_ZERO)


def _strip_controls(text: str) -> str:
    return "".join(
        c for c in text if c in _KEPT_CONTROLS or unicodedata.category(c) not in _DROPPED_CATEGORIES
    )


def meaningful_chars(text: str) -> int:
    """Letters and digits in ``text``: what decides whether a text layer is usable."""
    return sum(1 for c in text if unicodedata.category(c)[0] in "LN")
