"""The frozen records passed between the stages.

discover -> extract -> match -> check -> report. Each stage reads and returns
only these records (and the manifest records in :mod:`validator.manifest`), so
any stage can be tested with hand-made inputs. This module imports nothing
from the rest of the package.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

# Closed vocabularies: the words the JSON report and the schema use for them.
# Where a page's text came from: a text layer (or DOCX/OFD XML, cells), OCR, nowhere.
PageSource = Literal["text", "ocr", "none"]
# How a seal was recognised: red or dark ink on the page, or a digital signature.
SealColour = Literal["red", "dark", "electronic"]
SealShape = Literal["round", "oval", "square", "electronic"]
# Whose seal an imprint is: the applicant's, the other party's to an agreement, a
# bank's, a registration authority's, an archive office's, or nobody can say.
SealOwner = Literal["applicant", "counterparty", "bank", "authority", "archive", "unknown"]
# What kind of seal it is, from its centre text and shape: the company's own
# 公章 (official), 合同专用章, 财务专用章, 发票专用章, 档案查询专用章, a person's
# square name seal (个人名章), another 专用章 (业务专用章), or too unclear to say.
ImprintKind = Literal[
    "official", "contract", "finance", "invoice", "archive", "personal", "other", "unknown"
]
# Whether a manifest item is required; "conditional" items name the fact that decides.
Required = Literal["true", "false", "conditional"]
# An item's state in the report (``defective``: present with an error finding).
ItemState = Literal["present", "missing", "defective", "not_applicable"]


class Severity(enum.StrEnum):
    """How bad a finding is; ordered so that ``ERROR`` ranks highest."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True)
class Text:
    """A user-facing string in both languages the tool speaks."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


# --------------------------------------------------------------------- discover


@dataclass(frozen=True)
class SourceFile:
    """One file found in a package folder.

    ``path`` is relative to the package root with POSIX separators and
    undecodable bytes escaped; ``location`` is where it can be opened.
    ``problem`` is set when discovery already knows the file cannot be read
    (a link out of the folder, a permission error), as an extraction error code.
    ``member`` is set for a file inside a ZIP archive: ``location`` is then the
    archive, ``member`` the name the archive stores it under, ``path`` reads
    ``archive.zip!/inner/name.pdf`` and ``size`` is the member's declared size.
    """

    path: str
    location: Path
    size: int
    problem: ExtractionError | None = None
    member: str = ""


# ---------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Seal:
    """A seal imprint (or electronic seal) seen on a page.

    Extraction records what it sees; whose seal it is, and of which kind,
    is decided once per package (:class:`SealAttribution`), when the
    applicant's name is known.
    """

    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels
    confidence: float  # 0..1: how sure the detector is that this is a seal
    colour: SealColour
    shape: SealShape = "round"
    ring_text: str = ""  # the name read along the ring, normalised
    ring_confidence: float = 0.0  # 0..1 OCR confidence of ring_text
    centre_text: str = ""  # the kind printed in the middle (合同专用章, 财务专用章), normalised
    # Along the bottom, read left to right: the seal number, a bilingual seal's English name.
    lower_text: str = ""
    signer: str = ""  # electronic seals: the signer's name


@dataclass(frozen=True)
class TextLine:
    """One line of OCR'd text, where the engine saw it and how sure it is."""

    text: str  # normalised, as it appears as one line of the page's text
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the pixels of the page image
    confidence: float  # 0..1


@dataclass(frozen=True)
class Page:
    """One page (or one image, or a whole DOCX body) of a document.

    An OCR'd page keeps its ``lines``: ``text`` is their texts joined by
    newlines, so a character offset in the text finds its line and box.
    ``engine`` names the OCR engine that read it ("" for a text layer).
    """

    number: int  # 1-based; DOCX bodies are one page numbered 1
    text: str  # normalised text
    source: PageSource
    confidence: float | None = None  # mean OCR word confidence 0..1, None if not OCR'd
    seals: tuple[Seal, ...] = ()
    size: tuple[int, int] | None = None  # pixel size of the rendered or scanned image
    dpi: int | None = None  # effective resolution judged from the pixel size
    thumbnail: str = ""  # a small softened JPEG of the page as a data: URI, for reports
    lines: tuple[TextLine, ...] = ()
    engine: str = ""  # "tesseract" | "rapidocr" | ""


@dataclass(frozen=True)
class ExtractionError:
    """Why a file could not be read.

    ``code`` is one of: corrupt, encrypted, unsupported, other_format (a format
    the tool does not read, not named as one it does), empty, limit, timeout,
    permission, link, unsafe (an archive member whose name leads out of the
    archive). ``limit`` names the configured limit for ``code == "limit"``.
    """

    code: str
    detail: str = ""
    limit: str | None = None


@dataclass(frozen=True)
class Document:
    path: str  # POSIX, relative to the package root
    sha256: str
    kind: str  # a reader's KIND (validator/extract/formats), or "unknown"
    size: int = 0  # bytes
    pages: tuple[Page, ...] = ()
    error: ExtractionError | None = None
    paged: bool = True  # False for DOCX: findings on it carry no page number

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    def text_of(self, first: int | None, last: int | None) -> str:
        """The text of pages ``first..last`` (all pages when ``first`` is None)."""
        return "\n".join(page.text for page in self.pages_of(first, last))

    def confidence_at(self, first: int | None, last: int | None, offset: int) -> float | None:
        """How sure OCR was of the line holding character ``offset`` of ``text_of(first,
        last)``: its line's confidence, else its page's; None for a text layer."""
        page, line = self.line_at(first, last, offset)
        if page is None or page.source != "ocr":
            return None
        return line.confidence if line is not None else page.confidence

    def line_at(
        self, first: int | None, last: int | None, offset: int
    ) -> tuple[Page | None, TextLine | None]:
        """The page holding character ``offset`` of ``text_of(first, last)``, and the OCR
        line holding it when the page keeps its lines."""
        position = 0
        for page in self.pages_of(first, last):
            end = position + len(page.text) + 1  # the "\n" that joins pages
            if offset < end:
                index = page.text.count("\n", 0, offset - position)
                return page, page.lines[index] if index < len(page.lines) else None
            position = end
        return None, None

    def page_at(self, first: int | None, last: int | None, offset: int) -> int | None:
        """The page number holding character ``offset`` of ``text_of(first, last)``.

        None for unpaged documents (DOCX), whose findings carry no page.
        """
        if not self.paged:
            return None
        page, _ = self.line_at(first, last, offset)
        return page.number if page is not None else None

    def pages_of(self, first: int | None, last: int | None) -> tuple[Page, ...]:
        if first is None:
            return self.pages
        end = last if last is not None else first
        return tuple(p for p in self.pages if first <= p.number <= end)


# --------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class Keyword:
    """A content keyword; ``weight`` scales its contribution to a match score."""

    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class MatchSpec:
    """How documents are recognised as an item (SPEC §3).

    ``filename``: case-insensitive regular expressions over the file name and
    its parent folders. ``content``: plain keywords; one found in the
    document's title lines weighs more than a passing mention.
    ``exclude``: keywords whose presence in the title argues against the item.
    """

    filename: tuple[str, ...] = ()
    content: tuple[Keyword, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Validity:
    """Where an item's dates are printed and how fresh it must be."""

    end_labels: tuple[str, ...] = ()
    issue_labels: tuple[str, ...] = ()
    allow_indefinite: bool = False
    max_age_days: int | None = None  # stale-document: issue date older than this
    max_period_months: int | None = None  # statements: reporting period not older than this


@dataclass(frozen=True)
class Topic:
    """A content topic an item must cover, with the words that count for it."""

    name: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirements:
    """What one document must show: shared by items and any_of alternatives."""

    match: MatchSpec = MatchSpec()
    seal: tuple[str, ...] = ()  # seal kinds, all required
    validity: Validity | None = None
    topics: tuple[Topic, ...] = ()
    identifiers: tuple[str, ...] = ()  # "uscc" | "id_card" | "telecom_licence" | ...
    applicant_labels: tuple[str, ...] = ()  # labels under which the applicant is named
    checks: tuple[str, ...] = ()  # extra named checks: "registered_capital", "business_scope", ...


@dataclass(frozen=True)
class Alternative:
    id: str
    title: Text
    requirements: Requirements


@dataclass(frozen=True)
class Condition:
    fact: str
    text: Text


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    title: Text
    required: Required
    requirements: Requirements
    condition: Condition | None = None
    any_of: tuple[Alternative, ...] = ()
    source: str = ""  # the manifest file that declares the item (SARIF points at it)
    line: int = 0  # its line in that file

    def expected(self, known_facts: Mapping[str, object]) -> bool | None:
        """Must the package hold this item? None: its condition's fact is unknown."""
        if self.required == "true":
            return True
        if self.required == "false" or self.condition is None:
            return False
        fact = known_facts.get(self.condition.fact)
        return None if fact is None else bool(fact)


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class SealKind:
    """Who must own a seal kind: parties (applicant, counterparty) or ring-text words."""

    owner: tuple[str, ...] = ()
    owner_text: tuple[str, ...] = ()
    text_evidence: tuple[str, ...] = ()  # words in the text that refer to this seal
    refused_kinds: tuple[ImprintKind, ...] = ()  # imprints that never fill it (财务专用章)


@dataclass(frozen=True)
class SealWords:
    """The words that tell whose and which seal an imprint is (manifest ``seal_words``).

    ``authority``, ``bank`` and ``archive`` are words of the name along the
    ring (市场监督管理局, 银行, 档案馆); ``centre`` maps an imprint kind to
    the words of its centre text (contract: 合同专用章).
    """

    authority: tuple[str, ...] = ()
    bank: tuple[str, ...] = ()
    archive: tuple[str, ...] = ()
    centre: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Certification:
    id: str
    names: tuple[str, ...]  # how it is written: acronyms, full names, aliases
    issuer: str = ""
    validity_years: int | None = None  # catalogue validity when no end is printed
    number_patterns: tuple[str, ...] = ()  # regular expressions of certificate numbers


@dataclass(frozen=True)
class Manifest:
    id: str
    version: int
    title: Text
    provenance: Provenance
    path: str
    categories: tuple[Category, ...]
    settings: Mapping[str, object] = field(default_factory=dict)
    seal_kinds: Mapping[str, SealKind] = field(default_factory=dict)
    seal_words: SealWords = SealWords()
    certifications: tuple[Certification, ...] = ()
    vague_certification_phrases: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for category in self.categories for item in category.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def info(self) -> ManifestInfo:
        return ManifestInfo(
            id=self.id,
            version=self.version,
            title=self.title,
            provenance=self.provenance,
            path=self.path,
            categories=tuple((c.id, c.title) for c in self.categories),
            lines={item.id: item.line for item in self.items},
            sources={item.id: item.source for item in self.items},
        )


# ------------------------------------------------------------------------ match


@dataclass(frozen=True)
class MatchScore:
    """How well a document (or a page range of it) fits one manifest item."""

    item: str
    score: float  # 0..1 after normalisation, rounded to 3 decimals
    first: int | None = None  # page range; None = the whole document
    last: int | None = None
    alternative: str | None = None  # for any_of items: which alternative


@dataclass(frozen=True)
class Assignment:
    """A document (or page range) chosen to satisfy an item."""

    item: str
    path: str
    score: float
    first: int | None = None
    last: int | None = None
    alternative: str | None = None


@dataclass(frozen=True)
class TocCorrection:
    """A page range of a combined PDF whose own title overrode its 目录.

    ``listed`` is the item the 目录 put at ``first`` (None: the 目录 lists no
    material starting there, typically an entry OCR dropped); ``titled`` is the
    item the range's title names, which the match followed.
    """

    path: str
    first: int
    last: int
    titled: str
    listed: str | None = None


@dataclass(frozen=True)
class Fact:
    """A value read from a document, with where it came from and how sure the reading is.

    ``evidence`` is the line it was read from, as read; ``confidence`` is the
    OCR engine's for that line (0..1), None when a text layer printed it.
    """

    value: str
    path: str
    page: int | None = None
    evidence: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class PackageFacts:
    """What every rule shares: the applicant as the business licence names it."""

    applicant: Fact | None = None
    uscc: Fact | None = None
    legal_representative: Fact | None = None
    registered_capital: Fact | None = None
    business_scope: Fact | None = None
    validity_end: Fact | None = None  # the licence's 营业期限 end: a date, or 长期
    issue_date: Fact | None = None  # the day the licence was issued (登记机关's date)


@dataclass(frozen=True)
class SealAttribution:
    """Whose seal an imprint is and of which kind, decided once for the package.

    The imprint is ``seals[index]`` of page ``page`` of the document at
    ``path``. ``carries`` lists the manifest seal kinds whose ``owner_text``
    words its text carries (archive_query for 档案查询专用章).
    """

    path: str
    page: int
    index: int
    owner: SealOwner
    kind: ImprintKind
    carries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Package:
    """The matched package that rules read: no files, no clock."""

    root: str
    manifest: Manifest
    documents: tuple[Document, ...]
    scores: tuple[tuple[str, tuple[MatchScore, ...]], ...]  # path -> scores, best first
    assignments: tuple[Assignment, ...]
    facts: PackageFacts
    known_facts: Mapping[str, object] = field(default_factory=dict)  # config, then read facts
    # Condition facts decided by a document rather than the config, with the reading.
    read_facts: Mapping[str, Fact] = field(default_factory=dict)
    toc_corrections: tuple[TocCorrection, ...] = ()  # where page titles overrode a 目录
    seal_owners: tuple[SealAttribution, ...] = ()  # every imprint's owner and kind

    def document(self, path: str) -> Document:
        for document in self.documents:
            if document.path == path:
                return document
        raise KeyError(path)

    def assigned(self, item_id: str) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.item == item_id)

    def attribution(self, path: str, page: int, index: int) -> SealAttribution:
        """Owner and kind of ``seals[index]`` of page ``page`` of ``path``."""
        return attribution_of(self.seal_owners, path, page, index)


def attribution_of(
    attributions: Iterable[SealAttribution], path: str, page: int, index: int
) -> SealAttribution:
    """The attribution of one imprint; an imprint nobody attributed is nobody's known seal."""
    for attribution in attributions:
        if (attribution.path, attribution.page, attribution.index) == (path, page, index):
            return attribution
    return SealAttribution(path, page, index, owner="unknown", kind="unknown")


@dataclass(frozen=True)
class Context:
    """Everything a rule may read besides the package: passed in, never looked up."""

    as_of: date
    settings: Mapping[str, object] = field(default_factory=dict)  # manifest settings
    options: Mapping[str, object] = field(default_factory=dict)  # this rule's options


# ------------------------------------------------------------------------ check


# What a finding's region shows: a seal that was found, the place where a seal
# is missing, a value that was read, or the page as a whole.
RegionKind = Literal["seal", "seal-missing", "reading", "page"]


@dataclass(frozen=True)
class Region:
    """The page (and, when known, the box on it) that a finding concerns.

    Set by the rule that found the problem, from the record it judged (a
    seal's bbox, a fact's box), so reports draw it without looking pages up.
    ``box`` is ``x0, y0, x1, y1`` in the pixels of a page ``page_size`` big;
    None marks the page as a whole (a seal missing where no text box is known).
    ``thumbnail`` is the page's own thumbnail (a ``data:`` URI made, and
    masked, at extraction), empty when the page has none.
    """

    page: int
    kind: RegionKind = "page"
    box: tuple[int, int, int, int] | None = None
    page_size: tuple[int, int] | None = None
    thumbnail: str = ""


def page_region(
    page: Page, kind: RegionKind = "page", box: tuple[int, int, int, int] | None = None
) -> Region:
    """The region of ``box`` (or the whole of) ``page``."""
    return Region(page.number, kind, box, page.size, page.thumbnail)


@dataclass(frozen=True)
class Finding:
    """What a rule yields. The engine stamps severity, message and fingerprint.

    ``severity`` is left None by rules that use their default; a rule sets it
    only when the case itself decides (an undecided conditional item is info).
    """

    rule: str
    message_id: str
    args: tuple[tuple[str, str], ...] = ()
    item: str | None = None
    path: str | None = None
    page: int | None = None
    page_end: int | None = None
    evidence: str = ""  # the page text the finding rests on (empty when none does)
    severity: Severity | None = None
    region: Region | None = None  # the page and box it concerns, when the rule knows them
    # What tells this finding apart for its fingerprint when it rests on no page
    # text (a seal kind, a measurement); the evidence is used when it is empty.
    key: str = ""

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.args)


@dataclass(frozen=True)
class ReportedFinding:
    """A finding as reports show it."""

    finding: Finding
    severity: Severity
    fingerprint: str
    waived: bool = False
    waiver_reason: str = ""

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        """The one order of findings: file, page, rule, item, fingerprint (stable across runs)."""
        f = self.finding
        return (f.path or "", f.page or 0, f.rule, f.item or "", self.fingerprint)


# ----------------------------------------------------------------------- result


@dataclass(frozen=True)
class ItemStatus:
    item: str
    category: str
    title: Text
    status: ItemState
    required: Required
    documents: tuple[Assignment, ...] = ()
    undecided: bool = False  # missing, and conditional on a fact nobody has decided


@dataclass(frozen=True)
class Provenance:
    source: str
    date: str
    province: str


@dataclass(frozen=True)
class ManifestInfo:
    id: str
    version: int
    title: Text
    provenance: Provenance
    path: str  # where the manifest was loaded from (SARIF points at it)
    categories: tuple[tuple[str, Text], ...]  # category id and title, in order
    lines: Mapping[str, int] = field(default_factory=dict)  # item id -> line in its file
    sources: Mapping[str, str] = field(default_factory=dict)  # item id -> manifest file


@dataclass(frozen=True)
class Note:
    """A remark on the run's own settings, not on a document: a waiver that matches nothing."""

    message_id: str
    args: tuple[tuple[str, str], ...] = ()

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.args)


@dataclass(frozen=True)
class ConfigInfo:
    """The config a package was checked with, and what it switched off or changed.

    ``path`` is relative to the package root when the file is inside it;
    None when no config was used. ``isolated`` is ``--isolated`` (every
    config file ignored). ``severities`` lists the rules given a severity.
    """

    path: str | None = None
    isolated: bool = False
    rules_off: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()  # globs of files left unchecked
    fail_on: str | None = None
    waivers: int = 0


@dataclass(frozen=True)
class PackageResult:
    root: str  # as given on the command line
    manifest: ManifestInfo
    facts: PackageFacts
    items: tuple[ItemStatus, ...]
    documents: tuple[Document, ...]
    matches: tuple[tuple[str, tuple[MatchScore, ...]], ...]  # path -> scores
    findings: tuple[ReportedFinding, ...]
    config: str | None = None  # the package's config file, as a path beside ``root``
    notes: tuple[Note, ...] = ()
    config_info: ConfigInfo = ConfigInfo()  # what the config switched off
    seal_owners: tuple[SealAttribution, ...] = ()  # every imprint's owner and kind

    def summary(self) -> dict[str, int]:
        return count_severities(self.findings)


@dataclass(frozen=True)
class Result:
    tool_version: str
    as_of: date
    packages: tuple[PackageResult, ...]

    def summary(self) -> dict[str, int]:
        return count_severities(f for p in self.packages for f in p.findings)


def count_severities(findings: Iterable[ReportedFinding]) -> dict[str, int]:
    """Unwaived findings per severity (waived ones are shown but never counted)."""
    counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for reported in findings:
        if not reported.waived:
            counts[reported.severity.value] += 1
    return counts


# Fields that hold no text a person wrote: content hashes, fingerprints,
# images as data: URIs. Text transformations leave them exact.
EXACT_FIELDS = frozenset({"sha256", "fingerprint", "thumbnail"})


def map_text(value: Any, change: Callable[[str, str], str], name: str = "") -> Any:
    """``value`` rebuilt with ``change(field name, text)`` applied to every string in it.

    Walks frozen records, tuples and mappings (keys are named ``"key"``);
    enums (closed vocabularies), numbers, dates and ``EXACT_FIELDS`` stay as
    they are. Reports use it to mask personal data and to make text safe for
    a terminal, once, over the whole result.
    """
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return change(name, value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: map_text(getattr(value, field.name), change, field.name)
            for field in dataclasses.fields(value)
            if field.init and field.name not in EXACT_FIELDS
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(map_text(item, change, name) for item in value)
    if isinstance(value, Mapping):
        return {map_text(k, change, "key"): map_text(v, change, name) for k, v in value.items()}
    return value
