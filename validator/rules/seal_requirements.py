"""Which seals an item's pages need, and which of them the pages show.

Shared by the three seal rules (missing-seal, seal-not-imprinted,
seal-owner-unverified), so they judge every item the same way. An item (or
the any_of alternative a document was matched as) lists seal kinds; each kind
of the manifest names who must own it: parties (``owner: [applicant,
counterparty]`` — one seal per party) or words of the ring text
(``owner_text: [档案查询, …]`` — one seal carrying any of them).

Whose each seal is, and of which kind (公章, 合同专用章, 财务专用章 …), was
decided once for the package (:mod:`validator.seal_owners`); the rules read
``package.seal_owners``. Each requirement (a *slot*) is filled by a distinct
seal imprint on the assignment's own pages: *verified* when the seal's owner
is established, *unverified* when only an unreadable seal could fill it,
*missing* when none. A kind's ``refused_kinds`` never fill it: the
applicant's 财务专用章 is not its 公章 (the slot is missing, and names the
imprint that was found instead).
An item is judged as a whole: when several documents make it up (an
appointment letter and the certificate it cites), a seal on one of them
serves the item, and the others' slots are filled *elsewhere*; an
unverified seal is reported where it is, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from validator.model import (
    Assignment,
    Document,
    Package,
    Page,
    Region,
    RegionKind,
    Requirements,
    Seal,
    SealAttribution,
    SealKind,
    page_region,
)
from validator.names import clean

# Words that refer to a seal to be affixed, besides a kind's own text_evidence.
# They apply to kinds owned by parties: a 章程's "股东盖章" says nothing about
# the archive-query seal, so owner_text kinds use only their own words.
DEFAULT_REFERENCES = ("(盖章)", "盖章处", "盖章", "公章", "签章", "(章)")
EVIDENCE_CONTEXT = 12  # characters of page text shown on each side of a seal reference

VERIFIED, UNVERIFIED, MISSING = "verified", "unverified", "missing"
ELSEWHERE = "elsewhere"  # filled on another document of the item, which answers for it
# How well each status fills a slot: the item takes the best of its documents.
RANK = {MISSING: 0, UNVERIFIED: 1, VERIFIED: 2}


@dataclass(frozen=True)
class Slot:
    """One seal a kind requires: a party's, or one whose ring text carries ``words``."""

    kind: str
    party: str | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fill:
    """How a slot is filled: status, and the seal (with its page) that fills it.

    A missing slot may name the seal that was there but is of a refused kind
    (``refused``: finance for the applicant's 财务专用章 under a 公章 requirement).
    """

    slot: Slot
    status: str
    seal: Seal | None = None
    page: int | None = None
    refused: str = ""


@dataclass(frozen=True)
class Imprint:
    """A seal on an assignment's pages, with the owner and kind the package gave it."""

    page: int
    seal: Seal
    attribution: SealAttribution


@dataclass(frozen=True)
class Reference:
    """A word in the page text that asks for a seal, with its page and context."""

    word: str
    page: int
    snippet: str
    box: tuple[int, int, int, int] | None = None  # the OCR line printing it, when known


@dataclass(frozen=True)
class SealCheck:
    """One seal kind checked on one assignment (a document or page range of an item)."""

    item: str
    document: Document
    assignment: Assignment
    kind: str
    fills: tuple[Fill, ...]
    owners: tuple[str, ...]  # owner of every imprint on the pages
    reference: Reference | None

    @property
    def first_page(self) -> int | None:
        """Page a finding points at: the range's first page; None for unpaged (DOCX) files."""
        if not self.document.paged:
            return None
        pages = self.document.pages_of(self.assignment.first, self.assignment.last)
        return pages[0].number if pages else None

    @property
    def imprinted(self) -> bool:
        """Does any seal at all show on the pages (an unsealed draft shows none)?"""
        return bool(self.owners)

    def fills_with(self, status: str) -> tuple[Fill, ...]:
        return tuple(fill for fill in self.fills if fill.status == status)

    def region(
        self, number: int | None, kind: RegionKind, seal: Seal | None = None
    ) -> Region | None:
        """Where on the document a finding of this check points: page ``number``, the seal's
        box, or where the page asks for the missing seal (the OCR line of its 盖章)."""
        if seal is None and self.reference is not None and self.reference.page == number:
            return region_on(self.document, number, kind, box=self.reference.box)
        return region_on(self.document, number, kind, seal)


def region_on(
    document: Document,
    number: int | None,
    kind: RegionKind,
    seal: Seal | None = None,
    box: tuple[int, int, int, int] | None = None,
) -> Region | None:
    """The region of page ``number`` of ``document`` (boxing ``seal`` when given).

    None for unpaged documents (DOCX), whose pages are no pictures to point into.
    """
    if number is None or not document.paged:
        return None
    page = next((p for p in document.pages if p.number == number), None)
    if page is None:
        return None
    return page_region(page, kind, seal.bbox if seal is not None else box)


def requirements_of(package: Package, assignment: Assignment) -> Requirements:
    """The item's requirements, or those of the any_of alternative it was matched as."""
    item = package.manifest.item(assignment.item)
    for alternative in item.any_of:
        if alternative.id == assignment.alternative:
            return alternative.requirements
    return item.requirements


def slots_of(kind_id: str, kind: SealKind) -> tuple[Slot, ...]:
    if kind.owner:
        return tuple(Slot(kind_id, party=party) for party in kind.owner)
    return (Slot(kind_id, words=kind.owner_text),)


class _LastPackage:
    """The checks of the package asked about last.

    missing-seal, seal-not-imprinted and seal-owner-unverified read the same
    checks of the same package one after another; filling every slot once is
    enough. The package is recognised by identity (records are never
    changed in place), and only the last one is kept.
    """

    def __init__(self) -> None:
        self._package: Package | None = None
        self._checks: tuple[SealCheck, ...] = ()

    def checks(self, package: Package) -> tuple[SealCheck, ...]:
        if package is not self._package:
            self._checks = tuple(_evaluated(package))
            self._package = package
        return self._checks


_LAST = _LastPackage()


def seal_checks(package: Package) -> tuple[SealCheck, ...]:
    """Every (assignment, seal kind) pair of the package, evaluated item by item."""
    return _LAST.checks(package)


def _evaluated(package: Package) -> Iterator[SealCheck]:
    checks = list(_assignment_checks(package))
    best = _best_of_items(checks)
    for check in checks:
        statuses = best[_group(check)]
        fills = tuple(_settled(fill, statuses[i]) for i, fill in enumerate(check.fills))
        yield replace(check, fills=fills)


def _assignment_checks(package: Package) -> Iterator[SealCheck]:
    """Each (assignment, seal kind) pair judged on the assignment's own pages alone."""
    for assignment in package.assignments:
        document = _document(package, assignment.path)
        if document is None or document.error is not None or not document.pages:
            continue  # unreadable-document speaks for it
        pages = document.pages_of(assignment.first, assignment.last)
        for kind_id in requirements_of(package, assignment).seal:
            kind = package.manifest.seal_kinds.get(kind_id, SealKind(owner=("applicant",)))
            yield _check(package, assignment, document, pages, kind_id, kind)


Group = tuple[str, str | None, str]  # item, any_of alternative, seal kind


def _group(check: SealCheck) -> Group:
    return check.item, check.assignment.alternative, check.kind


def _best_of_items(checks: list[SealCheck]) -> dict[Group, list[str]]:
    """For each item and seal kind, the best status each slot reaches on any of its documents."""
    best: dict[Group, list[str]] = {}
    for check in checks:
        statuses = best.setdefault(_group(check), [MISSING] * len(check.fills))
        for index, fill in enumerate(check.fills):
            if RANK[fill.status] > RANK[statuses[index]]:
                statuses[index] = fill.status
    return best


def _settled(fill: Fill, best: str) -> Fill:
    """The fill, or ELSEWHERE when another document of the item fills the slot better.

    An unverified seal keeps its own finding; a slot missing here but held by
    an unreadable seal elsewhere is that document's warning, not an error here.
    """
    if RANK[best] > RANK[fill.status]:
        return Fill(fill.slot, ELSEWHERE)
    return fill


def _document(package: Package, path: str) -> Document | None:
    try:
        return package.document(path)
    except KeyError:
        return None


def _check(
    package: Package,
    assignment: Assignment,
    document: Document,
    pages: tuple[Page, ...],
    kind_id: str,
    kind: SealKind,
) -> SealCheck:
    imprints = [
        Imprint(page.number, seal, package.attribution(document.path, page.number, index))
        for page in pages
        for index, seal in enumerate(page.seals)
    ]
    return SealCheck(
        item=assignment.item,
        document=document,
        assignment=assignment,
        kind=kind_id,
        fills=fill_slots(slots_of(kind_id, kind), imprints, package.facts.applicant is None, kind),
        owners=tuple(imprint.attribution.owner for imprint in imprints),
        reference=find_reference(pages, references_for(kind)),
    )


def references_for(kind: SealKind) -> tuple[str, ...]:
    words = kind.text_evidence + (DEFAULT_REFERENCES if kind.owner else ())
    return tuple(dict.fromkeys(clean(word) for word in words if word))


def find_reference(pages: tuple[Page, ...], words: tuple[str, ...]) -> Reference | None:
    """The first seal reference in the pages' text (longest word first at each page)."""
    ordered = sorted(words, key=len, reverse=True)
    for page in pages:
        text = clean(page.text)
        for word in ordered:
            at = text.find(word)
            if at >= 0:
                snippet = text[max(0, at - EVIDENCE_CONTEXT) : at + len(word) + EVIDENCE_CONTEXT]
                line = next((line for line in page.lines if word in clean(line.text)), None)
                return Reference(word, page.number, snippet, line.box if line else None)
    return None


def accepts(slot: Slot, attribution: SealAttribution, applicant_unknown: bool) -> str | None:
    """VERIFIED or UNVERIFIED when the seal can fill the slot, None when it cannot.

    The kind's ``refused_kinds`` are left out before (see :func:`fill_slots`).
    """
    owner = attribution.owner
    if slot.party is None:
        if slot.kind in attribution.carries:
            return VERIFIED
        # an authority's seal on an archive printout is most likely the query seal
        return UNVERIFIED if owner in ("unknown", "authority", "archive") else None
    if owner == slot.party:
        return VERIFIED
    if slot.party == "counterparty" and (
        owner == "bank" or (applicant_unknown and owner == "applicant")
    ):
        return VERIFIED
    return UNVERIFIED if owner == "unknown" else None


def fill_slots(
    slots: tuple[Slot, ...],
    imprints: list[Imprint],
    applicant_unknown: bool,
    kind: SealKind,
) -> tuple[Fill, ...]:
    """Give each slot a distinct seal: verified ones first, then unreadable ones.

    An imprint of one of the kind's ``refused_kinds`` fills no slot; a slot
    it would have filled, left missing, names it.
    """
    refused = [i for i in imprints if i.attribution.kind in kind.refused_kinds]
    usable = [i for i in imprints if i.attribution.kind not in kind.refused_kinds]
    used: set[int] = set()
    fills: dict[int, Fill] = {}
    for wanted in (VERIFIED, UNVERIFIED):
        for index, slot in enumerate(slots):
            if index in fills:
                continue
            for number, imprint in enumerate(usable):
                if number in used:
                    continue
                if accepts(slot, imprint.attribution, applicant_unknown) == wanted:
                    used.add(number)
                    fills[index] = Fill(slot, wanted, imprint.seal, imprint.page)
                    break
    return tuple(
        fills.get(index) or _missing(slot, refused, applicant_unknown)
        for index, slot in enumerate(slots)
    )


def _missing(slot: Slot, refused: list[Imprint], applicant_unknown: bool) -> Fill:
    """A missing slot, naming the refused imprint that would otherwise have filled it."""
    for imprint in refused:
        if accepts(slot, imprint.attribution, applicant_unknown) is not None:
            return Fill(slot, MISSING, imprint.seal, imprint.page, imprint.attribution.kind)
    return Fill(slot, MISSING)
