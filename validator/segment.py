"""Split a combined PDF into page ranges, one per material it holds.

Agencies merge a whole package into one PDF, often behind a 目录 page. A page
starts a new range when its content clearly belongs to another material than
the range before it: its title lines carry that material's keywords, or its
whole text scores far better there. The 目录 page, when there is one, adds the
start pages it lists (``营业执照 ……… 3``), shifted by the offset that best
agrees with the content. A document whose pages all tell one story stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from validator.model import Document, MatchSpec, Page

# Lines at the top of a page that count as its title.
TITLE_LINES = 4
# Title lines longer than this are body text, not a heading.
TITLE_MAX_CHARS = 40
# A keyword in the title lines counts this many times its weight (see match.py).
TITLE_FACTOR = 3.0
# A page must score this much for a material before it can start a range for it.
START_MIN_SCORE = 4.5
# ... and carry in its title lines a keyword at least this heavy: a material's own
# title (营业执照, 公司章程) rather than a topic word (防火墙) that any plan mentions.
HEADING_MIN_WEIGHT = 3.0
# ... and its score for the range it would interrupt must be below this share.
INTERRUPT_SHARE = 0.5
# A page naming this many materials' keywords in its lines is a table of contents.
TOC_MIN_ENTRIES = 3
# 目录 entry: keyword text, dot leaders or spaces, then a page number at the line end.
TOC_ENTRY = re.compile(r"^(?P<title>.+?)[\s.·…_\-—]*(?P<page>\d{1,3})\s*$")
# Offsets tried between the page numbers a 目录 prints and the PDF's own.
TOC_OFFSETS = range(-1, 4)


@dataclass(frozen=True)
class Segment:
    first: int | None  # None: the whole document
    last: int | None
    text: str

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
    starts = _content_starts(document.pages, specs, toc_pages)
    for page, spec in _toc_starts(document.pages, specs, toc_pages).items():
        starts.setdefault(page, spec)
    if len(set(starts.values())) < 2:
        return whole
    return _ranges(document, starts, toc_pages)


def _page_scores(page: Page, specs: Sequence[MatchSpec]) -> list[float]:
    title = "\n".join(title_lines(page.text)).lower()
    text = page.text.lower()
    scores = []
    for spec in specs:
        score = 0.0
        for keyword in spec.content:
            word = keyword.text.lower()
            score += keyword.weight * (TITLE_FACTOR if word in title else word in text)
        scores.append(score)
    return scores


def _content_starts(
    pages: Sequence[Page], specs: Sequence[MatchSpec], toc_pages: set[int]
) -> dict[int, int]:
    """Pages that start a material, by content alone: page number -> spec index."""
    starts: dict[int, int] = {}
    current: int | None = None
    for page in pages:
        if page.number in toc_pages:
            continue
        scores = _page_scores(page, specs)
        best = max(range(len(specs)), key=lambda n: scores[n])
        if scores[best] < START_MIN_SCORE or best == current:
            continue
        if not _has_heading(page, specs[best]):
            continue
        if current is None or scores[current] < scores[best] * INTERRUPT_SHARE:
            starts[page.number] = best
            current = best
    return starts


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
    """The spec whose heaviest keyword the title contains, if any."""
    best: tuple[float, int] | None = None
    for n, spec in enumerate(specs):
        for keyword in spec.content:
            if keyword.text in title and (best is None or keyword.weight > best[0]):
                best = (keyword.weight, n)
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
            total += _page_scores(page, specs)[spec] if page else -1.0
        return total

    offset = max(TOC_OFFSETS, key=lambda o: (agreement(o), -abs(o)))
    return {
        printed + offset: spec
        for printed, spec in entries.items()
        if printed + offset in by_number and printed + offset not in toc_pages
    }


def _ranges(document: Document, starts: dict[int, int], toc_pages: set[int]) -> list[Segment]:
    """Consecutive pages from each start to the next; a repeated material extends its range."""
    ordered = sorted(starts.items())
    merged: list[tuple[int, int]] = []
    for page, spec in ordered:
        if not merged or merged[-1][1] != spec:
            merged.append((page, spec))
    last_page = document.pages[-1].number
    found = []
    for n, (first, _) in enumerate(merged):
        end = merged[n + 1][0] - 1 if n + 1 < len(merged) else last_page
        pages = [p for p in document.pages if first <= p.number <= end]
        pages = [p for p in pages if p.number not in toc_pages]
        if pages:
            text = "\n".join(p.text for p in pages)
            found.append(Segment(pages[0].number, pages[-1].number, text))
    return found
