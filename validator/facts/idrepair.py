"""Checksums of USCC and ID-card numbers, and repairs of OCR misreadings.

Validation is python-stdnum's (``stdnum.cn.uscc``, ``stdnum.cn.ric``). A
number that fails may have been misread rather than misprinted: a letter
where the code allows only digits has exactly one likely digit (S→5), a
character may be its look-alike (B/8, G/6, 1/L), and the check digit itself
may be the misread character. Those repairs are suggestions, never silent:
the caller reports "read as …, likely …".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

# The USCC's character set (GB 32100-2015): digits and capitals without I O S V Z.
USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
# Letters the USCC never contains and the only digit each can be: safe to fix.
USCC_SAFE_FIXES = str.maketrans({"O": "0", "I": "1"})
# An ID-card number is digits with an optional final X: these are safe too.
ID_CARD_SAFE_FIXES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "x": "X"})
# Characters OCR confuses with each other; a swap is only ever suggested.
LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "Z": ("2",), "2": ("Z",), "S": ("5",), "5": ("S",), "B": ("8",), "8": ("B",),
    "G": ("6",), "6": ("G",), "L": ("1",), "l": ("1",), "1": ("L",),
}  # fmt: skip
# Problems a repair can explain; an unknown region code is not a misreading.
REPAIRABLE = frozenset({"format", "checksum", "birth_date"})

_PROBLEMS: tuple[tuple[type[Exception], str], ...] = (
    (stdnum_errors.InvalidLength, "length"),
    (stdnum_errors.InvalidChecksum, "checksum"),
    (stdnum_errors.InvalidFormat, "format"),
)


@dataclass(frozen=True)
class Repair:
    """A number that passes its checksum, and how it differs from what was read."""

    number: str
    kind: str  # "look_alike" | "check_digit"
    changes: tuple[str, ...]  # "S→5 at 12" (1-based positions)


def uscc_problem(number: str) -> str:
    """Why ``number`` is not a valid USCC ("length", "format", "checksum"), or ""."""
    return _problem(uscc.validate, number)


def id_card_problem(number: str) -> str:
    """Why ``number`` is not a valid ID-card number, or "".

    Besides length/format/checksum: "birth_date" (no such day) and "region"
    (an administrative code python-stdnum does not know).
    """
    return _problem(ric.validate, number)


def _problem(validate: Callable[[str], str], number: str) -> str:
    try:
        validate(number)
    except stdnum_errors.ValidationError as error:
        return _problem_name(error, number)
    return ""


def _problem_name(error: stdnum_errors.ValidationError, number: str) -> str:
    for error_type, name in _PROBLEMS:
        if isinstance(error, error_type):
            return name
    # stdnum.cn.ric raises InvalidComponent for the birth date and the region alike.
    return "birth_date" if _bad_birth_date(number) else "region"


def _bad_birth_date(number: str) -> bool:
    try:
        ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        return True
    return False


def repair_uscc(number: str) -> Repair | None:
    """The one look-alike or check-digit repair that makes ``number`` a valid USCC."""
    return _repair(number, uscc_problem, _uscc_check_digit)


def repair_id_card(number: str) -> Repair | None:
    """The one look-alike or check-digit repair that makes ``number`` a valid ID number."""
    return _repair(number, id_card_problem, _id_card_check_digit)


def _repair(
    number: str, problem: Callable[[str], str], check_digit: Callable[[str], str | None]
) -> Repair | None:
    if len(number) != 18 or problem(number) not in REPAIRABLE:
        return None
    passing = {reading for reading in _look_alike_readings(number) if not problem(reading)}
    if len(passing) > 1:  # two readings fit: the scan cannot tell which is right
        return None
    if passing:
        found = passing.pop()
        return Repair(found, "look_alike", _changes(number, found))
    fixed = check_digit(number)
    if fixed is not None and fixed != number and not problem(fixed):
        return Repair(fixed, "check_digit", _changes(number, fixed))
    return None


def _look_alike_readings(number: str) -> Iterator[str]:
    """``number`` with each single character swapped for a look-alike."""
    for position, char in enumerate(number):
        for other in LOOK_ALIKES.get(char, ()):
            yield number[:position] + other + number[position + 1 :]


def _uscc_check_digit(number: str) -> str | None:
    body = number[:17]
    if not body[:8].isdigit() or any(ch not in USCC_ALPHABET for ch in body):
        return None
    return body + uscc.calc_check_digit(body)


def _id_card_check_digit(number: str) -> str | None:
    body = number[:17]
    if not body.isdigit():
        return None
    return body + ric.calc_check_digit(body + "0")


def _changes(read: str, repaired: str) -> tuple[str, ...]:
    return tuple(
        f"{old}→{new} at {position}"
        for position, (old, new) in enumerate(zip(read, repaired, strict=True), start=1)
        if old != new
    )
