"""Telecom licence numbers and ICP filing numbers, judged against their published form.

- 增值电信业务经营许可证: ``京B2-20201234`` (province, business categories,
  eight-digit serial starting with the year); cross-regional licences have
  no province: ``B1-20180123``, ``A2.B1.B2-20090001``.
- ICP备案号: ``京ICP备12345678号`` with an optional site suffix ``-1``.
- ICP证 (the older ICP licence number): ``京ICP证123456号``.

Candidates are found leniently (OCR spaces, O for 0) so that a malformed
number is reported as malformed rather than overlooked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.facts.evidence import evidence_line
from validator.facts.numerals import NOISY_DIGIT, clean_digits, fold_width

TELECOM_LICENCE = "telecom_licence"
ICP_FILING = "icp_filing"
ICP_LICENCE = "icp_licence"

# One-character abbreviations of the 31 provincial-level regions that issue them.
PROVINCES = frozenset("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")
# Licence categories a number may carry: basic (A1, A2) and value-added (B1, B2).
LICENCE_CATEGORIES = frozenset({"A1", "A2", "B1", "B2"})
# Serial of a licence number: a four-digit year and a four-digit sequence.
LICENCE_SERIAL_DIGITS = 8
# Years a licence serial may start with (the licensing regime dates from 2000).
LICENCE_YEARS = range(1995, 2100)
# Digits of an ICP filing number: 6 (early), 8 (two-digit year) or 10 (four-digit year).
FILING_DIGITS = frozenset({6, 8, 10})
# Digits of an ICP licence (ICP证) number.
ICP_LICENCE_DIGITS = 6

_DIGITS = rf"{NOISY_DIGIT}(?:[ \t]?{NOISY_DIGIT})*"
_CANDIDATE = re.compile(
    rf"(?P<province>[\u4e00-\u9fff])?[ \t]?(?P<body>"
    rf"(?P<codes>[A-Z][0-9]{{1,2}}(?:[ \t]?[.·、][ \t]?[A-Z][0-9]{{1,2}})*)[ \t]?[-—–][ \t]?"
    # Eight digits may carry OCR spaces; any other count is taken unspaced, so
    # that a number printed after the licence is not read into its serial.
    rf"(?P<serial>[0-9](?:[ \t]?{NOISY_DIGIT}){{7}}(?!{NOISY_DIGIT})|[0-9]{NOISY_DIGIT}{{4,}})"
    rf"|ICP[ \t]?(?P<icp>备|证)[ \t]?(?P<icp_digits>{_DIGITS})[ \t]?号"
    rf"(?:[ \t]?[-—–][ \t]?(?P<site>{_DIGITS}))?)"
)


@dataclass(frozen=True)
class LicenceNumberFact:
    """A licence or filing number read from text, with its verdict."""

    kind: str  # "telecom_licence" | "icp_filing" | "icp_licence"
    printed: str
    number: str  # compact, OCR digits fixed
    province: str  # "" for a cross-regional licence
    categories: tuple[str, ...]  # ("B1", "B2"); empty for ICP filings and ICP证
    valid: bool
    # "" | "unknown_category" | "serial_length" | "serial_year" (licences);
    # "province" | "digits" | "site" (ICP filing and ICP证 numbers)
    reason: str
    evidence: str
    offset: int


def find_licence_numbers(text: str) -> list[LicenceNumberFact]:
    """Every telecom licence number, ICP filing number and ICP证 number in ``text``."""
    folded = fold_width(text)
    return [_fact(folded, match) for match in _CANDIDATE.finditer(folded)]


def parse_licence_number(printed: str) -> LicenceNumberFact | None:
    """Judge one printed number; None when it has neither form at all."""
    folded = fold_width(printed).strip()
    match = _CANDIDATE.fullmatch(folded)
    return _fact(folded, match) if match else None


def _fact(text: str, match: re.Match[str]) -> LicenceNumberFact:
    province = match.group("province") or ""
    if province not in PROVINCES:  # the character before is just text
        province = ""
    start = match.start("province") if province else match.start("body")
    if match.group("codes"):
        kind, categories, reason = _judge_licence(match.group("codes"), match.group("serial"))
        number = f"{province}{'.'.join(categories)}-{clean_digits(match.group('serial'))}"
    else:
        kind, categories = (ICP_FILING if match.group("icp") == "备" else ICP_LICENCE), ()
        reason = _judge_icp(kind, province, match.group("icp_digits"), match.group("site"))
        number = _icp_number(match, province)
    return LicenceNumberFact(
        kind=kind,
        printed=text[start : match.end()],
        number=number,
        province=province,
        categories=categories,
        valid=not reason,
        reason=reason,
        evidence=evidence_line(text, start, match.end()),
        offset=start,
    )


def _judge_licence(codes: str, serial: str) -> tuple[str, tuple[str, ...], str]:
    categories = tuple(re.findall(r"[A-Z][0-9]{1,2}", codes))
    digits = clean_digits(serial)
    if any(code not in LICENCE_CATEGORIES for code in categories):
        reason = "unknown_category"
    elif len(digits) != LICENCE_SERIAL_DIGITS:
        reason = "serial_length"
    elif int(digits[:4]) not in LICENCE_YEARS:
        reason = "serial_year"
    else:
        reason = ""
    return TELECOM_LICENCE, categories, reason


def _judge_icp(kind: str, province: str, digits: str, site: str | None) -> str:
    count = len(clean_digits(digits))
    if not province:
        return "province"
    if count != ICP_LICENCE_DIGITS if kind == ICP_LICENCE else count not in FILING_DIGITS:
        return "digits"
    if site is not None and (kind != ICP_FILING or clean_digits(site).startswith("0")):
        return "site"
    return ""


def _icp_number(match: re.Match[str], province: str) -> str:
    site = match.group("site")
    suffix = f"-{clean_digits(site)}" if site else ""
    return f"{province}ICP{match.group('icp')}{clean_digits(match.group('icp_digits'))}号{suffix}"
