"""Split a combined PDF into page ranges, one per material it holds.

Agencies merge a whole package into one PDF, often behind a 目录 page. A page
starts a new range when its content clearly belongs to another material than
the range before it: its title lines carry that material's keywords, or its
whole text scores far better there. The 目录 page, when there is one, adds the
start pages it lists (``营业执照 ……… 3``), shifted by the offset that best
agrees with the content. A document whose pages all tell one story stays whole.

A scanned 目录 is read by OCR, which drops lines and leaves stray punctuation
(``第11页,``, ``:第14页,``). So the 目录 is cross-checked with the pages: a
page whose title names another material starts that material even where the
目录 lost its entry or names something else there — the page's own title wins
over the 目录, and the segment records the disagreement (``toc_listed``) so that
a finding can say so. Pages before the first start form a range of their own,
matched by content, instead of being taken for part of the 目录.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from validator.model import Document, MatchSpec, Page

# Lines at the top of a page that count as its title.
TITLE_LINES = 4
# Title lines longer than this are body text, not a heading: the longest material
# titles (中华人民共和国增值电信业务经营许可证) have about 20 characters, a wrapped
# body line of an A4 page about 40.
TITLE_MAX_CHARS = 28
# A keyword in the title lines counts this many times its weight.
TITLE_FACTOR = 3.0
# An exclude keyword in the title lines scales the score down by this factor.
EXCLUDE_FACTOR = 0.3
# A page must score this much for a material before it can start a range for it.
START_MIN_SCORE = 4.5
# ... and carry in its title lines a keyword at least this heavy: a material's own
# title (营业执照, 公司章程) rather than a topic word (防火墙) that any plan mentions.
HEADING_MIN_WEIGHT = 3.0
# ... and its score for the range it would interrupt must be below this share.
INTERRUPT_SHARE = 0.5
# A page naming this many materials' keywords in its lines is a table of contents.
TOC_MIN_ENTRIES = 3
# 目录 entry: a title, dot leaders or spaces, then its first page (or page range)
# at the line end: 营业执照 ……… 2, 公司章程3-4, 资质证书(CISP) 9.
# OCR leaves stray punctuation after the number (第11页, / 14页。): still an entry.
TOC_ENTRY = re.compile(
    r"^(?P<title>.*?\D)[\s.·…_\-—]*(?P<page>\d{1,3})(?:\s*[-–—~至]\s*\d{1,3})?\s*(?:页)?"
    r"[\s,，.。:：;；、|]*$"
)
# A 目录 title naming a material's file-name pattern counts like a keyword this heavy.
TOC_PATTERN_WEIGHT = 3.0
# Offsets tried between the page numbers a 目录 prints and the PDF's own.
TOC_OFFSETS = range(-1, 4)
# A footer like 第2页 共3页 or 2/3: a page after the first of its own document.
CONTINUATION = re.compile(r"第\s*(?P<n>\d{1,3})\s*页\s*[,，/]?\s*共\s*\d{1,3}\s*页")


@dataclass(frozen=True)
class Segment:
    first: int | None  # None: the whole document
    last: int | None
    text: str
    named: int | None = None  # the spec a 目录 entry names for this range, if any
    # When the range's own title overrode the 目录: True, and the spec the 目录 put
    # at this page (None when the 目录 has no entry for it).
    retitled: bool = False
    toc_listed: int | None = None

    @property
    def whole(self) -> bool:
        return self.first is None


def title_lines(text: str) -> list[str]:
    """The first short non-empty lines of a text: where a material states its title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines[:TITLE_LINES] if len(line) <= TITLE_MAX_CHARS]


def segments(document: Document, specs: Sequence[MatchSpec]) -> list[Segment]:
    """Page ranges of a combined document, or the whole document as one segment."""
    whole = [Segment(None, None, document.text)]
    if not document.paged or len(document.pages) < 2:
        return whole
    toc_pages = {p.number for p in document.pages if _is_toc(p, specs)}
    # A 目录 is the agency's own account of the file: when it names two or more
    # materials, it decides the ranges; content decides only without one.
    named = _toc_starts(document.pages, specs, toc_pages)
    pinned = named if len(named) >= 2 else {}
    starts = _content_starts(document.pages, specs, toc_pages, pinned)
    if len(starts) < 2 or (not pinned and len(set(starts.values())) < 2):
        return whole
    return _ranges(document, starts, toc_pages, pinned)


def keyword_score(text: str, spec: MatchSpec) -> float:
    """How strongly ``text`` reads as ``spec``'s material: the one content score.

    A keyword scores its weight, ``TITLE_FACTOR`` times that in the title
    lines; an exclude keyword in the title scales it by ``EXCLUDE_FACTOR``.
    Matching scores documents and page ranges with it, segmentation pages.
    """
    title = "\n".join(title_lines(text)).lower()
    lowered = text.lower()
    score = 0.0
    for keyword in spec.content:
        word = keyword.text.lower()
        score += keyword.weight * (TITLE_FACTOR if word in title else word in lowered)
    if any(word.lower() in title for word in spec.exclude):
        score *= EXCLUDE_FACTOR
    return score


def _page_scores(page: Page, specs: Sequence[MatchSpec]) -> list[float]:
    return [keyword_score(page.text, spec) for spec in specs]


def _content_starts(
    pages: Sequence[Page],
    specs: Sequence[MatchSpec],
    toc_pages: set[int],
    pinned: dict[int, int],
) -> dict[int, int]:
    """Pages that start a material: page number -> spec index.

    ``pinned`` are the 目录's starts. A page's own title starts a material
    between them, and replaces the 目录's material on a listed page, when it
    clearly names another one (the titles win over an OCR-damaged 目录).
    """
    starts: dict[int, int] = {}
    current: int | None = None
    for page in pages:
        if page.number in toc_pages:
            continue
        listed = pinned.get(page.number)
        # On a listed page the title must beat the 目录's material, elsewhere the one running.
        titled = _titled_as(page, specs, listed if listed is not None else current)
        if listed is not None:
            starts[page.number] = current = titled if titled is not None else listed
        elif titled is not None:
            starts[page.number] = current = titled
    return starts


def _titled_as(page: Page, specs: Sequence[MatchSpec], current: int | None) -> int | None:
    """The material a page's title clearly starts, if it interrupts ``current``."""
    scores = _page_scores(page, specs)
    best = max(range(len(specs)), key=lambda n: scores[n])
    if scores[best] < START_MIN_SCORE or best == current:
        return None
    if not _has_heading(page, specs[best]) or _is_continuation(page):
        return None
    if current is not None and scores[current] >= scores[best] * INTERRUPT_SHARE:
        return None
    return best


def _is_continuation(page: Page) -> bool:
    """The page numbers itself as page 2 or later of its own document."""
    return any(int(found["n"]) > 1 for found in CONTINUATION.finditer(page.text))


def _has_heading(page: Page, spec: MatchSpec) -> bool:
    title = "\n".join(title_lines(page.text)).lower()
    return any(k.weight >= HEADING_MIN_WEIGHT and k.text.lower() in title for k in spec.content)


def _is_toc(page: Page, specs: Sequence[MatchSpec]) -> bool:
    if "目录" in "".join(title_lines(page.text)).replace(" ", ""):
        return True
    return len(_toc_entries(page, specs)) >= TOC_MIN_ENTRIES


def _toc_entries(page: Page, specs: Sequence[MatchSpec]) -> dict[int, int]:
    """Printed page number -> spec index, for 目录 lines naming a material."""
    entries: dict[int, int] = {}
    for line in page.text.splitlines():
        found = TOC_ENTRY.match(line.strip())
        if not found:
            continue
        spec = _strongest_named(found["title"], specs)
        if spec is not None:
            entries.setdefault(int(found["page"]), spec)
    return entries


def _strongest_named(title: str, specs: Sequence[MatchSpec]) -> int | None:
    """The spec a 目录 title names best: its keywords and file-name patterns in the title."""
    best: tuple[float, int] | None = None
    for n, spec in enumerate(specs):
        score = sum(k.weight for k in spec.content if k.text in title)
        if any(re.search(p, title, re.IGNORECASE) for p in spec.filename):
            score += TOC_PATTERN_WEIGHT
        if score > 0 and (best is None or score > best[0]):
            best = (score, n)
    return best[1] if best else None


def _toc_starts(
    pages: Sequence[Page], specs: Sequence[MatchSpec], toc_pages: set[int]
) -> dict[int, int]:
    """Start pages a 目录 lists, shifted by the offset that agrees best with the content."""
    entries: dict[int, int] = {}
    for page in pages:
        if page.number in toc_pages:
            entries.update(_toc_entries(page, specs))
    if not entries:
        return {}
    by_number = {p.number: p for p in pages}

    def agreement(offset: int) -> float:
        total = 0.0
        for printed, spec in entries.items():
            page = by_number.get(printed + offset)
            usable = page is not None and page.number not in toc_pages
            total += _page_scores(page, specs)[spec] if page and usable else -1.0
        return total

    offset = max(TOC_OFFSETS, key=lambda o: (agreement(o), -abs(o)))
    return {
        printed + offset: spec
        for printed, spec in entries.items()
        if printed + offset in by_number and printed + offset not in toc_pages
    }


def _ranges(
    document: Document, starts: dict[int, int], toc_pages: set[int], named: dict[int, int]
) -> list[Segment]:
    """Pages from each start to the page before the next start (目录 pages left out).

    Pages before the first start make a range of their own, matched by content.
    """
    ordered = sorted(starts)
    last_page = document.pages[-1].number
    found = []
    leading = [p for p in document.pages if p.number < ordered[0] and p.number not in toc_pages]
    if leading:
        text = "\n".join(p.text for p in leading)
        found.append(Segment(leading[0].number, leading[-1].number, text))
    for n, first in enumerate(ordered):
        end = ordered[n + 1] - 1 if n + 1 < len(ordered) else last_page
        pages = [p for p in document.pages_of(first, end) if p.number not in toc_pages]
        if pages:
            found.append(_segment(pages, starts[first], named, first))
    return found


def _segment(pages: Sequence[Page], spec: int, named: dict[int, int], first: int) -> Segment:
    """A range; when a 目录 exists and disagrees with the range's title, it says so."""
    text = "\n".join(p.text for p in pages)
    listed = named.get(first)
    retitled = bool(named) and listed != spec
    return Segment(
        pages[0].number,
        pages[-1].number,
        text,
        named=None if retitled else listed,
        retitled=retitled,
        toc_listed=listed,
    )
