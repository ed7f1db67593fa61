"""The package facts every rule shares, read from the matched business licence.

The applicant is who the 营业执照 names: its 名称 (under the item's
``applicant_labels``), 统一社会信用代码, 法定代表人, 注册资本 and 经营范围.
This is part of the match stage: it needs to know which document is the
licence, and the rules need its answers without reading files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

from validator.facts.identifiers import USCC, find_identifiers
from validator.facts.money import find_registered_capital
from validator.facts.parties import (
    LabelledValue,
    company_name_distance,
    find_company_names,
    find_legal_representative,
)
from validator.facts.scope import scope_text, scopes
from validator.model import Fact, Package, PackageFacts

# The item whose document names the applicant.
LICENCE_ITEM = "company.business_license"
# A licence name read by OCR this many characters from the text layers' spelling
# is taken as a misreading of it.
OCR_SLIP = 1
# Labels of the applicant's name when the manifest gives none.
DEFAULT_NAME_LABELS = ("名称", "企业名称")
# The condition fact a licence decides when it prints capital as paid in.
CAPITAL_VERIFICATION_FACT = "requires_capital_verification"
# Labels of paid-in capital: licences issued before the 2014 reform print 实收资本,
# and capital shown as paid in is what a 验资报告 verifies.
PAID_IN_LABELS = ("实收资本", "实缴资本", "实缴出资额", "实缴出资")

_Found = TypeVar("_Found")


def read_package_facts(package: Package) -> PackageFacts:
    """Facts from the first licence range that yields each one; empty when none matched."""
    ranges = [(package.document(a.path), a.first, a.last) for a in package.assigned(LICENCE_ITEM)]
    labels = _name_labels(package)

    def first(read: Callable[[str], tuple[str, str, int] | None]) -> Fact | None:
        for document, first_page, last_page in ranges:
            text = document.text_of(first_page, last_page)
            found = read(text)
            if found is not None:
                value, evidence, offset = found
                page = document.page_at(first_page, last_page, offset)
                return Fact(value=value, path=document.path, page=page, evidence=evidence)
        return None

    applicant = first(lambda text: _company(text, labels))
    return PackageFacts(
        applicant=_confirmed_name(package, applicant) if applicant else None,
        uscc=first(_uscc),
        legal_representative=first(_legal_representative),
        registered_capital=first(_capital),
        business_scope=first(_scope),
    )


def read_condition_facts(package: Package) -> dict[str, Fact]:
    """Condition facts the documents decide, with the reading that decides each.

    A business licence that prints paid-in capital (实收资本 100万元) makes
    ``requires_capital_verification`` true: the 验资报告 is then needed, and
    its absence is a defect rather than a question.
    """
    for assignment in package.assigned(LICENCE_ITEM):
        document = package.document(assignment.path)
        text = document.text_of(assignment.first, assignment.last)
        found = find_registered_capital(text, PAID_IN_LABELS)
        if found is not None and found.value > 0:
            page = document.page_at(assignment.first, assignment.last, found.offset)
            fact = Fact(value=found.text, path=document.path, page=page, evidence=found.evidence)
            return {CAPITAL_VERIFICATION_FACT: fact}
    return {}


def _confirmed_name(package: Package, licence: Fact) -> Fact:
    """The licence's name, unless OCR misread it and text layers agree on a near spelling.

    A scanned licence read 启 as 局; the agreement and the domain certificate,
    with text layers, print the name exactly. Their common spelling, at most
    ``OCR_SLIP`` characters from the reading, is what the licence says.
    """
    if not _read_by_ocr(package, licence):
        return licence
    printed = Counter(name.value for name in _text_layer_names(package))
    for value, _ in printed.most_common():
        if company_name_distance(value, licence.value) <= OCR_SLIP:
            return Fact(
                value=value, path=licence.path, page=licence.page, evidence=licence.evidence
            )
    return licence


def _read_by_ocr(package: Package, fact: Fact) -> bool:
    document = package.document(fact.path)
    pages = [p for p in document.pages if p.number == (fact.page or 1)]
    return bool(pages) and pages[0].source == "ocr"


def _text_layer_names(package: Package) -> Iterator[LabelledValue]:
    """Applicant names printed under applicant labels on text-layer pages."""
    for assignment in package.assignments:
        labels = package.manifest.item(assignment.item).requirements.applicant_labels
        if not labels:
            continue
        document = package.document(assignment.path)
        for page in document.pages_of(assignment.first, assignment.last):
            if page.source == "text":
                yield from find_company_names(page.text, labels)


def _name_labels(package: Package) -> tuple[str, ...]:
    try:
        labels = package.manifest.item(LICENCE_ITEM).requirements.applicant_labels
    except KeyError:
        labels = ()
    return labels or DEFAULT_NAME_LABELS


def _company(text: str, labels: tuple[str, ...]) -> tuple[str, str, int] | None:
    return _first_of(find_company_names(text, labels), lambda v: (v.value, v.evidence, v.offset))


def _uscc(text: str) -> tuple[str, str, int] | None:
    codes = [f for f in find_identifiers(text, (USCC,)) if f.label]
    return _first_of(codes, lambda f: (f.number, f.evidence, f.offset))


def _legal_representative(text: str) -> tuple[str, str, int] | None:
    found = find_legal_representative(text)
    return (found.value, found.evidence, found.offset) if found else None


def _capital(text: str) -> tuple[str, str, int] | None:
    found = find_registered_capital(text)
    if found is None or found.currency != "CNY":
        return None
    # As printed, with the amount it was read as: both matter to a reader.
    return (f"{found.text} ({found.value:,} 元)", found.evidence, found.offset)


def _scope(text: str) -> tuple[str, str, int] | None:
    for offset, scope, evidence in scopes(text):
        return (scope_text(scope), evidence, offset)
    return None


def _first_of(
    found: list[_Found], pick: Callable[[_Found], tuple[str, str, int]]
) -> tuple[str, str, int] | None:
    return pick(found[0]) if found else None
