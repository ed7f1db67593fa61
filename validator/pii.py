"""Masking of ID-card numbers in everything a run reports, paths included.

Reports are shared (attached to tickets, committed to repositories, uploaded
to code scanning), so a resident ID number must not leave the machine in
clear unless the user asks with ``--show-pii``. The engine masks the finished
result once, before any renderer sees it (see ``redact_result``): every
string in it — evidence, finding arguments, facts, seal ring text, page
text, and the paths of files, folders and archive members — so a renderer
has nothing left to mask and cannot forget to. Fingerprints and waivers are
settled before masking, on the real text.

What counts as an ID number is wide on purpose: 18 characters in the 6-8-4
layout, with a space or hyphen between the groups, an ``O`` for a ``0`` (as
OCR and typists write it), and whether or not the birth date is a real date,
because a mistyped number is still somebody's personal data. One exception:
a company's unified social credit code made only of digits (914201006953366503)
has the same layout; it is public, and it is what the fact sheet must show, so
a number that passes the USCC's checksum and fails the ID card's is left as it
is. (One that passes both is masked: personal data first.)
"""

from __future__ import annotations

import re
from typing import TypeVar

from stdnum.cn import ric as resident_id
from stdnum.cn import uscc

from validator.model import map_text

# A digit as a number is written: OCR and typists put O for 0.
_DIGIT = "[0-9Oo]"
# Between the region, birth-date and sequence groups: nothing, a space or a hyphen.
_GAP = "[ \\-]?"
# 6-8-4 characters, not glued to other ASCII letters or digits (a longer number
# or a USCC with letters is not an ID number). CJK characters around it are
# fine: OCR text has no spaces between words.
_ID_CANDIDATE = re.compile(
    rf"(?<![0-9A-Za-z])({_DIGIT}{{6}}){_GAP}({_DIGIT}{{8}}){_GAP}"
    rf"({_DIGIT}{{3}}[0-9OoXx])(?![0-9A-Za-z])"
)
# Real digits an ID number holds at least: "OOOOOO..." is a word, not a number.
_MIN_DIGITS = 14
# Digits hidden between the kept region code (first 6) and the last 4.
_HIDDEN_DIGITS = 8

_T = TypeVar("_T")


def mask_id_numbers(text: str) -> str:
    """``110105 19900101 1234`` → ``110105********1234`` for every ID-looking number."""
    return _ID_CANDIDATE.sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    if sum(character.isdigit() for character in match.group(0)) < _MIN_DIGITS:
        return match.group(0)
    if _is_company_code("".join(match.groups())):
        return match.group(0)
    return match.group(1) + "*" * _HIDDEN_DIGITS + match.group(3)[-4:]


def _is_company_code(number: str) -> bool:
    return bool(uscc.is_valid(number)) and not bool(resident_id.is_valid(number))


def redact_result(result: _T, show_pii: bool) -> _T:
    """``result`` with every ID-card number masked in every string (unchanged when ``show_pii``)."""
    if show_pii:
        return result
    masked: _T = map_text(result, lambda _name, text: mask_id_numbers(text))
    return masked
