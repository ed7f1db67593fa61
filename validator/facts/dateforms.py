"""The printed forms of one calendar date, found in OCR'd text.

2025年3月1日, 2025年03月01日, 二〇二五年三月一日 (〇/零/O, 元月, 廿), 2025.03.01,
2025-3-1, 2025/3/1, 20250301, and the words that mean "no end" (长期, 永久,
无固定期限). Ranges and labels are :mod:`validator.facts.dates`' business.

Hand-written on purpose: ``dateutil.parser`` refuses 二〇二五年三月一日 and the
OCR'd 2O25年O3月3l日, and, fuzzy, reads 2025年3月1日 as 1 March of the current
year; ``strptime`` needs the exact form known in advance. Calendar arithmetic
on the dates found is python-dateutil's (``relativedelta``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from validator.facts.numerals import (
    FIRST_MONTH_NAMES,
    NOISY_DIGIT,
    clean_digits,
    fold_width,
    parse_cjk_integer,
    parse_digit_string,
)

# Years a document date can plausibly have; outside is a misread.
YEAR_RANGE = range(1900, 2100)

_D = NOISY_DIGIT
# A month or day digit as chi_sim misreads it: besides O/l/I/|, a "]" for a 1,
# or a "]" left over next to a correct 1 (11]月 for 11月).
_MD = NOISY_DIGIT[:-1] + r"\]]"
# One optional OCR space between two digits.
_S = "[ \t]?"
_CJK_ZERO = "〇零○Oo0"
_CJK_DIGIT = f"[{_CJK_ZERO}一二三四五六七八九]"
# What may follow a day written without 日 (OCR drops it; tables omit it).
_AFTER_BARE_DAY = r"(?=[\s,，。;；:：至到起止\-—–~～)）]|$)"

_YEAR_MONTH_DAY = (
    rf"(?:(?<![0-9])(?P<ay>{_D}(?:{_S}{_D}){{3}})"
    rf"|(?<![一二三四五六七八九十〇零])(?P<cy>{_CJK_DIGIT}(?:[ ]?{_CJK_DIGIT}){{3}}))"
    r"[ \t]*年[ \t]*"
    rf"(?:(?P<am>{_MD}(?:{_S}{_MD}){{0,2}})|(?P<cm>[〇零○O]?(?:十[一二]?|[元正一二三四五六七八九])))"
    r"[ \t]*月[ \t]*"
    rf"(?:(?P<ad>{_MD}(?:{_S}{_MD}){{0,2}})"
    r"|(?P<cd>[〇零○O]?(?:[二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?|[一二三四五六七八九])))"
    rf"(?:[ \t]*[日号]|{_AFTER_BARE_DAY})"
)
_SEPARATED = (
    rf"(?<![0-9A-Za-z.])(?P<ny>{_D}{{4}}){_S}(?P<sep>[./-]){_S}"
    rf"(?P<nm>{_D}{{1,2}}){_S}(?P=sep){_S}(?P<nd>{_D}{{1,2}})(?![0-9])"
)
# Plain digits only: eight noisy characters are too easily something else.
# Not inside a longer run, a licence number (B2-2020…) or a filing number (备…号).
_COMPACT = (
    r"(?<![0-9A-Za-z./备证])(?<![A-Za-z][0-9]-)"
    r"(?P<ky>(?:19|20)[0-9]{2})(?P<km>[0-9]{2})(?P<kd>[0-9]{2})(?![0-9A-Za-z号])"
)
# Words meaning the validity has no end.
INDEFINITE_WORDS = ("长期有效", "长期", "永久有效", "永久", "无固定期限", "无期限", "不定期")
# 长期 as OCR misreads it on real licences (期 → 其, 朝, 斯 …): still no end date,
# and nothing else a validity could say with 长 and one character.
OCR_INDEFINITE_WORDS = ("长其", "长朝", "长斯", "长欺", "长棋", "长旗", "长基", "长朗")
# An electronic licence prints asterisks where a validity has no end (至******).
_NO_END_MARKS = r"(?<=至)\*{3,}"
_INDEFINITE = (
    "(?P<indef>" + "|".join((*INDEFINITE_WORDS, *OCR_INDEFINITE_WORDS, _NO_END_MARKS)) + ")"
)

_TOKEN = re.compile("|".join((_YEAR_MONTH_DAY, _SEPARATED, _COMPACT, _INDEFINITE)))


@dataclass(frozen=True)
class DateToken:
    """One printed date (``value``) or no-end word (``indefinite``) in the text."""

    start: int
    end: int
    text: str
    value: date | None
    indefinite: bool = False


def scan_dates(text: str) -> list[DateToken]:
    """Every readable date and no-end word, in text order; impossible dates dropped."""
    tokens = []
    for match in _TOKEN.finditer(text):
        token = _token(match)
        if token is not None:
            tokens.append(token)
    return tokens


def parse_date(text: str) -> date | None:
    """The date ``text`` holds when it is exactly one printed date."""
    match = _TOKEN.fullmatch(fold_width(text).strip())
    if match is None or match.group("indef"):
        return None
    token = _token(match)
    return token.value if token else None


def _token(match: re.Match[str]) -> DateToken | None:
    if match.group("indef"):
        return DateToken(match.start(), match.end(), match.group(), None, indefinite=True)
    value = _calendar_date(*_parts(match))
    if value is None:
        return None
    return DateToken(match.start(), match.end(), match.group(), value)


def _parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    groups = match.groupdict()
    if groups["ny"] is not None:
        return _digits(groups["ny"]), _digits(groups["nm"]), _digits(groups["nd"])
    if groups["ky"] is not None:
        return int(groups["ky"]), int(groups["km"]), int(groups["kd"])
    year = _digits(groups["ay"]) if groups["ay"] else parse_digit_string(groups["cy"])
    month = _noisy_part(groups["am"], 12) if groups["am"] else _cjk_month(groups["cm"])
    day = _noisy_part(groups["ad"], 31) if groups["ad"] else _cjk_day(groups["cd"])
    return year, month, day


def _digits(text: str) -> int | None:
    cleaned = clean_digits(text)
    return int(cleaned) if cleaned.isdigit() else None


def _noisy_part(text: str, upper: int) -> int | None:
    """A month or day read through OCR noise: "]" as 1 first, else the noise dropped."""
    for candidate in (text.replace("]", "1"), "".join(ch for ch in text if ch.isdigit())):
        value = _digits(candidate) if candidate else None
        if value is not None and 1 <= value <= upper:
            return value
    return None


def _cjk_month(text: str) -> int | None:
    name = text.lstrip("〇零○O")
    return 1 if name in FIRST_MONTH_NAMES else parse_cjk_integer(name)


def _cjk_day(text: str) -> int | None:
    return parse_cjk_integer(text.lstrip("〇零○O"))


def _calendar_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or year not in YEAR_RANGE:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 2025-02-30 is a misprint or a misread, not a date
        return None
