"""Numbers as scanned documents print them: Chinese numerals and noisy digits.

Every function here keeps string lengths where it maps characters, so an
offset found in the mapped text is an offset in the original text too.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

# Full-width ASCII (U+FF01..U+FF5E) sits at a fixed distance from ASCII.
_FULL_WIDTH_OFFSET = 0xFEE0
# One-to-one width folding: text that skipped NFKC still reads the same,
# and offsets do not move.
_WIDTH_FOLD = {code: code - _FULL_WIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD[0x3000] = ord(" ")  # ideographic space

# Letters OCR reads in place of digits; only applied inside digit runs.
_OCR_DIGIT_FOLD = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})

# Character class (for regexes) of one digit as OCR may print it.
NOISY_DIGIT = "[0-9OoIl|]"

# Digits in both the everyday and the financial (大写) script, with the
# zero variants documents and OCR use (〇, 零, ○, Latin O).
CJK_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "0": 0,
    "一": 1, "壹": 1, "1": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "2": 2,
    "三": 3, "叁": 3, "參": 3, "3": 3,
    "四": 4, "肆": 4, "4": 4,
    "五": 5, "伍": 5, "5": 5,
    "六": 6, "陆": 6, "陸": 6, "6": 6,
    "七": 7, "柒": 7, "7": 7,
    "八": 8, "捌": 8, "8": 8,
    "九": 9, "玖": 9, "9": 9,
}  # fmt: skip
# Multipliers inside one group of four digits.
SMALL_UNITS: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
}  # fmt: skip
# Multipliers that close a group of four digits.
LARGE_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# Day-of-month shorthands: 廿 = twenty, 卅 = thirty.
TENS_SHORTHAND: dict[str, int] = {"廿": 20, "卅": 30}
# Month names for January that are not numerals.
FIRST_MONTH_NAMES = frozenset("元正")

# Every character a Chinese numeral may contain (for regex classes).
CJK_NUMERAL_CHARS = "".join(
    sorted(set(CJK_DIGITS) | set(SMALL_UNITS) | set(LARGE_UNITS) | set(TENS_SHORTHAND))
)


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, one character for one."""
    return text.translate(_WIDTH_FOLD)


def clean_digits(text: str) -> str:
    """Digits from an OCR'd run: spaces and thousands separators out, O→0, l/I→1."""
    kept = "".join(ch for ch in text if ch not in " \t,，")
    return kept.translate(_OCR_DIGIT_FOLD)


def parse_decimal(text: str) -> Decimal | None:
    """An Arabic number, tolerant of OCR noise; None when it is not one."""
    cleaned = clean_digits(text)
    if not cleaned or not cleaned.replace(".", "", 1).isdigit():
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - isdigit() already guards
        return None


def parse_digit_string(text: str) -> int | None:
    """Digit-by-digit Chinese numerals (二〇二五 → 2025); None if any is not a digit."""
    stripped = text.replace(" ", "")
    if not stripped or any(ch not in CJK_DIGITS for ch in stripped):
        return None
    return int("".join(str(CJK_DIGITS[ch]) for ch in stripped))


def parse_cjk_integer(text: str) -> int | None:
    """A positional Chinese numeral (壹仟贰佰万, 二十一, 廿三) as an int.

    Digit-by-digit numerals without any unit (一〇〇) are read as such. Two
    digits in a row in a positional numeral (二二十) are not a number: None.
    """
    stripped = text.replace(" ", "")
    if not stripped:
        return None
    if not any(ch in SMALL_UNITS or ch in LARGE_UNITS or ch in TENS_SHORTHAND for ch in stripped):
        return parse_digit_string(stripped)
    return _parse_positional(stripped)


def _parse_positional(text: str) -> int | None:
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in CJK_DIGITS:
            value = CJK_DIGITS[ch]
            if digit is not None and value != 0:
                return None
            digit = value if value else None
        elif ch in TENS_SHORTHAND:
            section += TENS_SHORTHAND[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in LARGE_UNITS:
            total, section = _close_group(total, section + (digit or 0), LARGE_UNITS[ch]), 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def _close_group(total: int, group: int, unit: int) -> int:
    # 亿 multiplies everything read so far (一万亿); 万 only its own group.
    if unit > LARGE_UNITS["万"]:
        return (total + group) * unit
    return total + group * unit
