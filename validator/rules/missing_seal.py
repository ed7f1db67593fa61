"""missing-seal: an item's pages lack a seal it requires, and their text asks for none.

For every item whose manifest entry lists seal kinds (``seal: [company]``),
each kind must be imprinted on the item's own pages: ``company`` needs the
applicant's own seal, ``both_parties`` one seal of each party,
``archive_query`` a seal whose ring or centre reads 档案查询 / 查询专用章,
``bank`` a bank's seal. The item's documents (or page ranges) count
together: an appointment letter sealed by the applicant covers the
certificate filed with it; when the item lacks the seal, each of its
documents is named. A business-licence copy that bears only the
registration authority's seal (printed on every licence) lacks the
applicant's.

Whose each seal is (the applicant, a counterparty, a bank, an authority, an
archive office) and of which kind (公章, 合同专用章, 财务专用章, 发票专用章,
档案查询专用章, a person's name seal) is decided once for the package, from
the text along the ring, the centre text, the shape and the organisations
the pages name; the words that name authorities and banks are the
manifest's ``seal_words``. A seal kind's ``refused_kinds`` do not stand for
it: in the built-in manifests the applicant's 财务专用章, 发票专用章 or a
person's name seal is no 公章 (financial statements take the 财务专用章).
An unreadable seal is given the benefit of the doubt (seal-owner-unverified
warns about it). A document that asks for a seal (（盖章）, 公章) and bears
none at all is an unsealed draft, which seal-not-imprinted reports instead;
one that bears some seals but not the one required (乙方 did not seal) is
reported here.

Options: none.

Passes: ``营业执照复印件.pdf`` bearing the authority's seal and, stamped over
the copy, a red round seal reading 北京云栈科技有限公司.

Fails: the same copy without the company's stamp, or stamped with the
company's 财务专用章 instead of its 公章::

    missing-seal  company.business_license  营业执照复印件.pdf p.1
    仅有登记机关的印章，缺少申请单位（北京云栈科技有限公司）加盖的公章
    missing-seal  company.business_license  营业执照复印件.pdf p.1
    页面上的印章是财务专用章，不能代替清单要求的申请单位公章
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Region, Severity
from validator.rules.options import Options
from validator.rules.seal_requirements import MISSING, Fill, SealCheck, seal_checks

ID = "missing-seal"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the manifest's seal kinds and the package facts decide
    applicant = package.facts.applicant.value if package.facts.applicant else "?"
    for seal_check in seal_checks(package):
        if seal_check.reference is not None and not seal_check.imprinted:
            continue  # an unsealed draft that asks for its seal: seal-not-imprinted reports it
        for fill in seal_check.fills_with(MISSING):
            yield _finding(seal_check, fill, applicant)


def message_for(seal_check: SealCheck, fill: Fill) -> str:
    """The message id naming what is missing."""
    if fill.refused:
        return "missing-seal.refused-kind"
    if fill.slot.party is None:
        return "missing-seal.owner-text"
    if fill.slot.party == "applicant":
        only_authority = bool(seal_check.owners) and set(seal_check.owners) == {"authority"}
        return "missing-seal.authority-only" if only_authority else "missing-seal.applicant"
    if fill.slot.party == "counterparty":
        return "missing-seal.counterparty"
    return "missing-seal.party"


def _page(seal_check: SealCheck, fill: Fill) -> int | None:
    """The page of the seal that does not count, else the range's first page."""
    if fill.refused and seal_check.document.paged:
        return fill.page
    return seal_check.first_page


def _region(seal_check: SealCheck, fill: Fill) -> Region | None:
    """The authority's seal when it is the only one; else the page the seal belongs on,
    boxing the OCR line that asks for it (申请单位(盖章)) where there is one."""
    if message_for(seal_check, fill) == "missing-seal.authority-only":
        pages = seal_check.document.pages_of(
            seal_check.assignment.first, seal_check.assignment.last
        )
        sealed = next((page for page in pages if page.seals), None)
        if sealed is not None:
            return seal_check.region(sealed.number, "seal", sealed.seals[0])
    if fill.refused and fill.seal is not None:
        return seal_check.region(fill.page, "seal", fill.seal)  # the seal that does not count
    return seal_check.region(seal_check.first_page, "seal-missing")


def _finding(seal_check: SealCheck, fill: Fill, applicant: str) -> Finding:
    words = "/".join(fill.slot.words)
    party = fill.slot.party or ""
    return Finding(
        rule=ID,
        message_id=message_for(seal_check, fill),
        args=(
            ("applicant", applicant),
            ("kind", seal_check.kind),
            ("party", party),
            ("words", words),
            ("imprint", fill.refused),
        ),
        item=seal_check.item,
        path=seal_check.document.path,
        page=_page(seal_check, fill),
        region=_region(seal_check, fill),
        # The page text that asks for the seal, when there is one.
        evidence=seal_check.reference.snippet if seal_check.reference else "",
        # The seal kind and whose seal is wanted: stable, and distinct per kind.
        key=f"{seal_check.kind}: {party or words}",
    )
