"""inconsistent-identity: the applicant's name, USCC or legal representative differ.

The reference is what the business licence says (the package facts: 名称,
统一社会信用代码, 法定代表人); when the licence lacks one, the first document
that prints it sets it. Only the places where the manifest says a document
names the applicant count (each item's ``applicant_labels``: 营业执照 名称,
公司章程 公司名称, 协议 甲方, 域名 注册所有人 …), with the USCC and the legal
representative printed in the same party's details. The hosting provider
(乙方), the registrar (注册商) and the bank are other parties and never count.

Names are compared ignoring width, spaces and bracket style
(某某云（北京）科技有限公司 = 某某云(北京)科技有限公司), never a character
of the name itself. When OCR read a name one character off, the difference is
most likely a misreading of the scan, not of the document: it is reported as
information ('read as …, likely …'), like an identifier that OCR misread.

Options: none.

Passes: ``服务器托管协议.pdf`` with ``甲方 北京云启智联科技有限公司`` and a
licence naming the same company.

Fails: ``域名证书.pdf`` with ``注册所有人 北京云启智能科技有限公司``::

    inconsistent-identity  other.domain_certificate  域名证书.pdf
        注册所有人“北京云启智能科技有限公司”与 营业执照.pdf 中的“北京云启智联科技有限公司”不一致
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from validator.facts.identifiers import USCC, find_identifiers
from validator.facts.parties import (
    company_key,
    company_name_distance,
    find_company_names,
    find_legal_representative,
    same_company,
    same_person,
)
from validator.model import Context, Fact, Finding, Package, Requirements, Severity
from validator.rules._parties import inside, party_spans
from validator.rules._reading import Reading, readings
from validator.rules.options import Options

ID = "inconsistent-identity"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}
# The fields compared, as message-id suffixes.
NAME, USCC_FIELD, REPRESENTATIVE = "name", "uscc", "legal-representative"
# A name this many characters off, read by OCR, may be a misreading.
OCR_SLIP = 1


@dataclass(frozen=True)
class Printed:
    """One printing of an applicant field in a document range."""

    field: str
    value: str
    label: str
    offset: int
    evidence: str


@dataclass(frozen=True)
class Reference:
    """The value every other printing must match, and the file it was read from."""

    value: str
    path: str


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # identity does not depend on the date
    references = _references(package)
    seen: set[tuple[str, str, str]] = set()
    for reading in readings(package, _names_applicant):
        for printed in _printings(reading):
            reference = references.setdefault(printed.field, Reference(printed.value, reading.path))
            key = (reading.path, printed.field, _key(printed))
            if _same(printed.field, reference.value, printed.value) or key in seen:
                continue
            seen.add(key)
            yield _finding(reading, printed, reference)


def _references(package: Package) -> dict[str, Reference]:
    facts = {
        NAME: package.facts.applicant,
        USCC_FIELD: package.facts.uscc,
        REPRESENTATIVE: package.facts.legal_representative,
    }
    return {field: _reference(fact) for field, fact in facts.items() if fact is not None}


def _reference(fact: Fact) -> Reference:
    return Reference(fact.value, fact.path)


def _names_applicant(requirements: Requirements) -> bool:
    return bool(requirements.applicant_labels)


def _printings(reading: Reading) -> Iterator[Printed]:
    labels = reading.requirements.applicant_labels
    for name in find_company_names(reading.text, labels):
        yield Printed(NAME, name.value, name.label, name.offset, name.evidence)
    applicant, _ = party_spans(reading.text, labels)
    for code in find_identifiers(reading.text, (USCC,)):
        if code.label and inside(code.offset, applicant):
            yield Printed(USCC_FIELD, code.number, code.label, code.offset, code.evidence)
    for start, end in applicant:
        person = find_legal_representative(reading.text[start:end])
        if person is not None:
            offset = start + person.offset
            yield Printed(REPRESENTATIVE, person.value, person.label, offset, person.evidence)


def _same(field: str, first: str, second: str) -> bool:
    if field == NAME:
        return same_company(first, second)
    if field == REPRESENTATIVE:
        return same_person(first, second)
    return first.upper() == second.upper()


def _key(printed: Printed) -> str:
    return company_key(printed.value) if printed.field == NAME else printed.value.upper()


def _finding(reading: Reading, printed: Printed, reference: Reference) -> Finding:
    message = printed.field
    severity = None
    if (
        printed.field == NAME
        and reading.is_ocr_at(printed.offset)
        and company_name_distance(printed.value, reference.value) <= OCR_SLIP
    ):
        message, severity = f"{NAME}-ocr", Severity.INFO
    args = (
        ("label", printed.label),
        ("found", printed.value),
        ("expected", reference.value),
        ("source", reference.path),
    )
    finding = reading.finding(
        ID, f"{ID}.{message}", args, offset=printed.offset, evidence=printed.evidence
    )
    return replace(finding, severity=severity) if severity else finding
