"""USCC (统一社会信用代码) and ID-card numbers found in text, validated.

Candidates are 18-character runs of letters and digits, allowing the single
spaces OCR puts inside a number. A label printed just before (统一社会信用代码,
公民身份号码) says which kind a candidate is; without one its shape decides
(17 digits holding a birth date: an ID card; eight leading digits: a USCC).
Safe fixes (O→0 and I→1, which neither code can contain) are applied and
flagged as ``normalised``; a failing number gets a suggested :class:`Repair`
when one look-alike swap or its check digit explains the failure.

>>> fact = find_identifiers("统一社会信用代码：91110108MA01ABCDEN")[0]
>>> (fact.kind, fact.valid)
('uscc', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from validator.facts.evidence import evidence_line
from validator.facts.idrepair import (
    ID_CARD_SAFE_FIXES,
    LOOK_ALIKES,
    USCC_ALPHABET,
    USCC_SAFE_FIXES,
    Repair,
    id_card_problem,
    repair_id_card,
    repair_uscc,
    uscc_problem,
)
from validator.facts.labels import last_label
from validator.facts.numerals import fold_width

USCC = "uscc"
ID_CARD = "id_card"
# Labels printed before each kind of number.
IDENTIFIER_LABELS: dict[str, tuple[str, ...]] = {
    USCC: ("统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "税号", "USCC"),
    ID_CARD: ("公民身份号码", "身份证号码", "身份证号", "身份证", "身份号码", "证件号码"),
}
# Both codes are 18 characters long.
NUMBER_LENGTH = 18
# How far before a number its label may start.
LABEL_WINDOW = 24
# Digits a USCC must have among its first eight (registration + region codes),
# allowing two misread ones; fewer and the run is a word, not a code.
_USCC_MIN_LEADING_DIGITS = 6

# Letters and digits, with the single spaces OCR leaves inside a number.
_RUN = re.compile(r"(?<![0-9A-Za-z|])[0-9A-Za-z|](?:[ \t]?[0-9A-Za-z|])*")
_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True)
class IdentifierFact:
    """A USCC or ID-card number read from text, with its verdict."""

    kind: str  # "uscc" | "id_card"
    printed: str  # as printed, spaces included
    number: str  # compact, with the safe fixes applied
    problem: str  # "" when valid; "length" | "format" | "checksum" | "birth_date" | "region"
    normalised: bool  # True when ``number`` differs from what was printed (O→0 …)
    label: str
    evidence: str
    offset: int
    repair: Repair | None = None  # a suggested reading that passes, when one was found

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def suggestion(self) -> str:
        return self.repair.number if self.repair else ""


def find_identifiers(text: str, kinds: Iterable[str] = (USCC, ID_CARD)) -> list[IdentifierFact]:
    """Every USCC and ID-card candidate in ``text`` whose kind is in ``kinds``."""
    wanted = frozenset(kinds)
    folded = fold_width(text)
    facts = []
    for start, printed in _candidates(folded):
        label, kind = _label_before(folded, start)
        kind = kind or _kind_by_shape(_compact(printed))
        if kind in wanted:
            facts.append(read_identifier(kind, printed, folded, start, label))
    return facts


def read_identifier(
    kind: str, printed: str, text: str = "", offset: int = 0, label: str = ""
) -> IdentifierFact:
    """Judge one printed number as ``kind``; ``text`` and ``offset`` give its evidence."""
    compact = _compact(printed)
    number = _normalise(kind, compact)
    problem = uscc_problem(number) if kind == USCC else id_card_problem(number)
    repair = None
    if problem:
        repair = repair_uscc(number) if kind == USCC else repair_id_card(number)
    return IdentifierFact(
        kind=kind,
        printed=printed,
        number=number,
        problem=problem,
        normalised=number != compact,
        label=label,
        evidence=evidence_line(text, offset, offset + len(printed)) if text else printed,
        offset=offset,
        repair=repair,
    )


def _candidates(text: str) -> Iterator[tuple[int, str]]:
    """(offset, printed) of each 18-character stretch of consecutive chunks."""
    for run in _RUN.finditer(text):
        chunks = [(m.start() + run.start(), m.end() + run.start()) for m in _CHUNK.finditer(run[0])]
        index = 0
        while index < len(chunks):
            end_index = _chunk_span(chunks, index)
            if end_index is None:
                index += 1
                continue
            start, end = chunks[index][0], chunks[end_index][1]
            yield start, text[start:end]
            index = end_index + 1


def _chunk_span(chunks: list[tuple[int, int]], first: int) -> int | None:
    """The last chunk of a stretch starting at ``first`` that totals 18 characters."""
    total = 0
    for index in range(first, len(chunks)):
        total += chunks[index][1] - chunks[index][0]
        if total == NUMBER_LENGTH:
            return index
        if total > NUMBER_LENGTH:
            return None
    return None


def _label_before(text: str, start: int) -> tuple[str, str]:
    window = text[max(0, start - LABEL_WINDOW) : start]
    best: tuple[int, int, str, str] | None = None
    for kind, labels in IDENTIFIER_LABELS.items():
        found = last_label(window, labels)  # look-alikes too: 信用代葵 for 信用代码
        if found and (best is None or (found.end, len(found.label)) > best[:2]):
            best = (found.end, len(found.label), found.label, kind)
    return (best[2], best[3]) if best else ("", "")


def _kind_by_shape(compact: str) -> str:
    id_form = compact.translate(ID_CARD_SAFE_FIXES).upper()
    if id_form[:17].isdigit() and _holds_birth_date(id_form):
        return ID_CARD
    uscc_form = compact.upper().translate(USCC_SAFE_FIXES)
    leading_digits = sum(ch.isdigit() for ch in uscc_form[:8])
    allowed = USCC_ALPHABET | set(LOOK_ALIKES)
    if leading_digits >= _USCC_MIN_LEADING_DIGITS and set(uscc_form) <= allowed:
        return USCC
    return ""


def _holds_birth_date(number: str) -> bool:
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not 1900 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _compact(printed: str) -> str:
    return "".join(printed.split())


def _normalise(kind: str, compact: str) -> str:
    if kind == ID_CARD:
        return compact.translate(ID_CARD_SAFE_FIXES).upper()
    return compact.upper().translate(USCC_SAFE_FIXES)
