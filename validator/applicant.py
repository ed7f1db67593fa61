"""The package facts every rule shares, read from the matched business licence.

The applicant is who the 营业执照 names: its 名称 (under the item's
``applicant_labels``), 统一社会信用代码, 法定代表人, 注册资本 and 经营范围.
This is part of the match stage: it needs to know which document is the
licence, and the rules need its answers without reading files.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

from validator.facts.dates import CLOSING_LABEL, DateFact, find_dates, validity_end
from validator.facts.identifiers import USCC, find_identifiers
from validator.facts.money import find_registered_capital
from validator.facts.parties import (
    LEGAL_REPRESENTATIVE_LABELS,
    LabelledValue,
    company_name_distance,
    company_name_in,
    find_company_names,
    find_labelled,
    find_legal_representative,
)
from validator.facts.places import settle_places
from validator.facts.scope import scope_text, scopes
from validator.model import Fact, Package, PackageFacts

# The item whose document names the applicant.
LICENCE_ITEM = "company.business_license"
# A licence name read by OCR this many characters from the text layers' spelling
# is taken as a misreading of it.
OCR_SLIP = 1
# Labels of a licence's own issue date (成立日期 is the company's founding, not it).
LICENCE_ISSUE_LABELS = ("核准日期", "发照日期", "登记日期", "颁发日期", "签发日期", CLOSING_LABEL)
# The label of the company's founding day, which a validity period cannot end on or before.
FOUNDING_LABEL = "成立日期"
# The label the issuing authority's name and date are printed under.
AUTHORITY_LABEL = "登记机关"
# How the fact sheet writes a validity without end.
INDEFINITE = "长期"
# A line that opens with a company's legal name, after what is left of its label.
_UNLABELLED_NAME = re.compile(r"^(?P<name>[\u4e00-\u9fff()]{2,40}有限(?:责任)?公司.*)$", re.M)
# Characters of a licence's spaced labels (名 称, 类 型, 住 所) that OCR leaves
# in front of the value beside them.
LABEL_FRAGMENTS = "名称类型住所企业"
# A name under 名称 that is no company's (…化工厂, …商店): Chinese characters and
# brackets only; a value with 公司 in it was not read as a company name, so is none.
_OTHER_NAME = re.compile(r"(?:(?!公司)[\u4e00-\u9fff()]){3,40}")
# Lines that name the company's type, the authority or a notice, not the company.
NOT_A_NAME_LINE = ("类型", "登记机关", "监制", "须知", "营业执照》")
# The name of an individual business on its licence.
TRADE_NAME_LABELS = ("字号名称",)
# Who a licence names as responsible: a company's 法定代表人, a branch's 负责人,
# an individual business's 经营者.
RESPONSIBLE_LABELS = (*LEGAL_REPRESENTATIVE_LABELS, "负责人", "经营者姓名", "经营者")
# The shortest responsible's label still told apart without its first character (经营者).
MIN_CLIPPED_LABEL = 3
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
    end_labels = _end_labels(package)

    def first(read: Callable[[str], tuple[str, str, int] | None]) -> Fact | None:
        for document, first_page, last_page in ranges:
            text = document.text_of(first_page, last_page)
            found = read(text)
            if found is not None:
                value, evidence, offset = found
                page = document.page_at(first_page, last_page, offset)
                confidence = document.confidence_at(first_page, last_page, offset)
                return Fact(value, document.path, page, evidence, confidence)
        return None

    applicant = first(lambda text: _settled(_company(text, labels), text))
    return PackageFacts(
        applicant=_confirmed_name(package, applicant) if applicant else None,
        uscc=first(_uscc),
        legal_representative=first(_legal_representative),
        registered_capital=first(_capital),
        business_scope=first(_scope),
        validity_end=first(lambda text: _validity_end(text, end_labels)),
        issue_date=first(_issue_date),
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


def _end_labels(package: Package) -> tuple[str, ...]:
    try:
        validity = package.manifest.item(LICENCE_ITEM).requirements.validity
    except KeyError:
        return ()
    return validity.end_labels if validity else ()


def _name_labels(package: Package) -> tuple[str, ...]:
    try:
        labels = package.manifest.item(LICENCE_ITEM).requirements.applicant_labels
    except KeyError:
        labels = ()
    return labels or DEFAULT_NAME_LABELS


def _company(text: str, labels: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The name under the licence's 名称 label; else, where OCR split the spaced label
    (称 on the name's line, 名 on another), a line that opens with a legal name."""
    names = [v for v in find_company_names(text, labels) if not _names_no_company(v.value)]
    found = _first_of(names, lambda v: (v.value, v.evidence, v.offset))
    if found is not None:
        return found
    for line in _UNLABELLED_NAME.finditer(text):
        name = company_name_in(line.group("name").lstrip(LABEL_FRAGMENTS))
        if name and not _names_no_company(line.group()):
            return (name, line.group().strip(), line.start("name"))
    # An individual business (个体工商户) is named under 字号名称, without 有限公司.
    for trade in find_labelled(text, TRADE_NAME_LABELS):
        name = trade.value.split("编号")[0].strip()
        if name:
            return (name, trade.evidence, trade.offset)
    # Others are named under 名称 without a company's suffix: a factory (…化工厂), a shop.
    for labelled in find_labelled(text, labels):
        value = labelled.value
        # What is left of the next field's spaced label (企业类型 read as 企业) is no name.
        if value.strip(LABEL_FRAGMENTS) != value or _names_no_company(value):
            continue
        if _OTHER_NAME.fullmatch(value):
            return (value, labelled.evidence, labelled.offset)
    return None


def _settled(found: tuple[str, str, int] | None, text: str) -> tuple[str, str, int] | None:
    """The name with a place OCR misread at its front (自云区) spelt as the page prints it
    elsewhere, in the address (白云区); see :func:`settle_places`."""
    if found is None:
        return None
    name, evidence, offset = found
    return (settle_places(name, text), evidence, offset)


def _names_no_company(line: str) -> bool:
    """A line about the company's type or the authority (类型有限责任公司), not its name."""
    return any(word in line for word in NOT_A_NAME_LINE)


def _uscc(text: str) -> tuple[str, str, int] | None:
    """The licence's labelled USCC; else, since OCR often garbles the label (信用代葵)
    or loses it in the border, the one code on the page whose check character holds."""
    codes = find_identifiers(text, (USCC,))
    labelled = [f for f in codes if f.label]
    if labelled:
        return _first_of(labelled, lambda f: (f.number, f.evidence, f.offset))
    valid = {f.number: f for f in codes if f.valid}
    if len(valid) != 1:
        return None  # none, or several that the page does not tell apart
    return _first_of(list(valid.values()), lambda f: (f.number, f.evidence, f.offset))


def _legal_representative(text: str) -> tuple[str, str, int] | None:
    found = find_legal_representative(text, RESPONSIBLE_LABELS) or _under_clipped_label(text)
    return (found.value, found.evidence, found.offset) if found else None


def _under_clipped_label(text: str) -> LabelledValue | None:
    """The name under a label that lost its first character at a line's start (营者杨其扬:
    经 of a spaced 经营者 read into another row of a tilted photo)."""
    clipped = tuple(label[1:] for label in RESPONSIBLE_LABELS if len(label) >= MIN_CLIPPED_LABEL)
    start = 0
    for line in text.split("\n"):
        if line.startswith(clipped):
            found = find_legal_representative(line, clipped)
            if found is not None:
                return dataclasses.replace(found, offset=start + found.offset)
        start += len(line) + 1
    return None


def _capital(text: str) -> tuple[str, str, int] | None:
    found = find_registered_capital(text)
    if found is None or found.currency != "CNY" or found.doubtful:
        return None  # a doubtful amount is no fact: insufficient-capital asks to check it
    # As printed, with the amount it was read as: both matter to a reader.
    return (f"{found.text} ({found.value:,} 元)", found.evidence, found.offset)


def _validity_end(text: str, end_labels: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The licence's 营业期限 end: a date, or 长期; an end OCR lost is not read."""
    dates = find_dates(text, end_labels)
    end = validity_end(dates)
    if end is None or _start_for_end(end, dates):
        return None
    value = INDEFINITE if end.indefinite else str(end.value)
    return (value, end.evidence, end.offset)


def _start_for_end(end: DateFact, dates: list[DateFact]) -> bool:
    """A lone date under 营业期限 on or before the company's founding (成立日期) is the
    period's start, printed without its end: the company cannot have expired then."""
    if end.role != "single" or end.value is None:
        return False
    founded = [f.value for f in dates if f.label == FOUNDING_LABEL and f.value is not None]
    return any(end.value <= day for day in founded)


def _issue_date(text: str) -> tuple[str, str, int] | None:
    """The day the licence was issued: under an issue label of its own (核准日期 …),
    else the date printed under 登记机关 — never 成立日期, the company's founding."""
    dates = [f for f in find_dates(text) if f.value is not None and f.role == "single"]
    labelled = [f for f in dates if f.label in LICENCE_ISSUE_LABELS]
    authority = text.rfind(AUTHORITY_LABEL)
    below = [f for f in dates if authority >= 0 and f.offset > authority and not f.label]
    found = labelled[-1] if labelled else (below[0] if below else None)
    return (str(found.value), found.evidence, found.offset) if found else None


def _scope(text: str) -> tuple[str, str, int] | None:
    for offset, scope, evidence in scopes(text):
        return (scope_text(scope), evidence, offset)
    return None


def _first_of(
    found: list[_Found], pick: Callable[[_Found], tuple[str, str, int]]
) -> tuple[str, str, int] | None:
    return pick(found[0]) if found else None
