"""Masking of ID-card numbers in everything a report shows.

Reports are shared (attached to tickets, committed to repositories, uploaded
to code scanning), so a resident ID number read from an ID-card copy must not
leave the machine in clear unless the user asks with ``--show-pii``. Masking
happens once, on the result, before any renderer sees it: evidence, finding
arguments (and so the messages built from them), facts, seal ring text and
page text. Paths are left alone because reports must point at real files.
"""

from __future__ import annotations

import dataclasses
import re

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from validator.model import (
    Document,
    Fact,
    PackageFacts,
    PackageResult,
    Page,
    ReportedFinding,
    Result,
    Seal,
)

# 17 digits and a digit or X, not glued to other ASCII letters or digits (a
# longer number or a USCC with letters is not an ID number). CJK characters
# around it are fine: OCR text has no spaces between words.
_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")

# Digits hidden between the kept region code (first 6) and the last 4.
_HIDDEN_DIGITS = 8

# Earliest birth year taken as plausible: rules out long numbers of other
# kinds whose digits happen to form a date in antiquity.
_EARLIEST_BIRTH_YEAR = 1900


def mask_id_numbers(text: str) -> str:
    """``110105199001011234`` → ``110105********1234`` for every ID-looking number.

    A number counts when its birth-date part is a real calendar date; the
    checksum is not required, because a misread or mistyped number is still
    somebody's personal data.
    """
    return _ID_CANDIDATE.sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    if not _has_birth_date(match.group(0)):
        return match.group(0)
    return match.group(1) + "*" * _HIDDEN_DIGITS + match.group(3)[-4:]


def _has_birth_date(number: str) -> bool:
    try:
        birth_date = ric.get_birth_date(number)
    except ValidationError:  # not a calendar date
        return False
    return bool(birth_date.year >= _EARLIEST_BIRTH_YEAR)


def redact_result(result: Result, show_pii: bool) -> Result:
    """The result with every ID-card number masked (unchanged when ``show_pii``)."""
    if show_pii:
        return result
    return dataclasses.replace(result, packages=tuple(_redact_package(p) for p in result.packages))


def _redact_package(package: PackageResult) -> PackageResult:
    return dataclasses.replace(
        package,
        facts=_redact_facts(package.facts),
        documents=tuple(_redact_document(d) for d in package.documents),
        findings=tuple(_redact_finding(f) for f in package.findings),
    )


def _redact_facts(facts: PackageFacts) -> PackageFacts:
    changes = {
        field.name: _redact_fact(getattr(facts, field.name)) for field in dataclasses.fields(facts)
    }
    return dataclasses.replace(facts, **changes)


def _redact_fact(fact: Fact | None) -> Fact | None:
    if fact is None:
        return None
    return dataclasses.replace(
        fact, value=mask_id_numbers(fact.value), evidence=mask_id_numbers(fact.evidence)
    )


def _redact_document(document: Document) -> Document:
    pages = tuple(_redact_page(page) for page in document.pages)
    return dataclasses.replace(document, pages=pages)


def _redact_page(page: Page) -> Page:
    seals = tuple(_redact_seal(seal) for seal in page.seals)
    lines = tuple(dataclasses.replace(line, text=mask_id_numbers(line.text)) for line in page.lines)
    return dataclasses.replace(page, text=mask_id_numbers(page.text), seals=seals, lines=lines)


def _redact_seal(seal: Seal) -> Seal:
    return dataclasses.replace(
        seal, ring_text=mask_id_numbers(seal.ring_text), signer=mask_id_numbers(seal.signer)
    )


def _redact_finding(reported: ReportedFinding) -> ReportedFinding:
    finding = reported.finding
    masked = dataclasses.replace(
        finding,
        evidence=mask_id_numbers(finding.evidence),
        args=tuple((name, mask_id_numbers(value)) for name, value in finding.args),
    )
    return dataclasses.replace(
        reported, finding=masked, waiver_reason=mask_id_numbers(reported.waiver_reason)
    )
