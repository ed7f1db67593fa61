"""Putting a Document together from its plan (phase 1) and page results (phase 2)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from validator.extract.records import FilePlan, PageResult
from validator.extract.ring_places import with_settled_rings
from validator.model import Document, ExtractionError, Page, SourceFile


def assemble_document(
    source: SourceFile, sha256: str, plan: FilePlan, results: Sequence[PageResult]
) -> Document:
    """The finished record; its error is the plan's, else the first failed page's.

    Pages that were read stay in the document even when another page failed,
    so that findings on them are still made.
    """
    ordered = sorted(results, key=lambda result: (result.ref.page, result.ref.index))
    merge = _with_pictures if plan.pictures else _paged
    pages = tuple(with_settled_rings(page) for page in merge(plan.pages, ordered))
    errors = [plan.error] if plan.error else []
    errors += [result.error for result in ordered if result.error is not None]
    return Document(
        path=source.path,
        sha256=sha256,
        kind=plan.kind,
        size=source.size,
        pages=pages,
        error=_first(errors),
        paged=plan.paged,
    )


def _first(errors: list[ExtractionError]) -> ExtractionError | None:
    return errors[0] if errors else None


def _paged(pages: Sequence[Page], results: Sequence[PageResult]) -> tuple[Page, ...]:
    """PDF pages and image frames: each result completes (or OCR replaces) its page."""
    merged = list(pages)
    for result in results:
        if result.error is not None:
            continue
        page = merged[result.ref.page]
        if result.text is not None:
            page = dataclasses.replace(
                page,
                text=result.text,
                source="ocr",
                confidence=result.confidence,
                lines=result.lines,
                engine=result.engine,
            )
        merged[result.ref.page] = dataclasses.replace(
            page,
            seals=page.seals + result.seals,
            size=result.size,
            dpi=result.dpi,
            thumbnail=result.thumbnail,
        )
    return tuple(merged)


def _with_pictures(pages: Sequence[Page], results: Sequence[PageResult]) -> tuple[Page, ...]:
    """Each page with its pictures' text appended and their seals added."""
    return tuple(
        _page_with_pictures(page, [result for result in results if result.ref.page == index])
        for index, page in enumerate(pages)
    )


def _page_with_pictures(body: Page, results: Sequence[PageResult]) -> Page:
    """A page whose only text came from pictures (a scan pasted into Word) is marked
    as OCR'd, with the pictures' confidence, so a poor scan is still noticed.
    """
    read = [result for result in results if result.error is None and result.text]
    text = "\n".join([body.text, *(result.text or "" for result in read)]).strip("\n")
    seals = body.seals + tuple(seal for result in results for seal in result.seals)
    page = dataclasses.replace(body, text=text, seals=seals)
    if body.text or not read:
        return page
    confidences = [result.confidence for result in read if result.confidence is not None]
    confidence = round(sum(confidences) / len(confidences), 3) if confidences else None
    return dataclasses.replace(page, source="ocr", confidence=confidence)
