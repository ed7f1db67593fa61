"""What ``material-validator extract FILE`` shows: a document and the facts read from it.

A diagnostic view for people tuning a manifest or wondering why a file did
not match: per page, the dates (with the label that decided what they mean)
and the identifiers (with their checksum verdict).
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.facts.dates import DateFact, find_dates
from validator.facts.identifiers import IdentifierFact, find_identifiers
from validator.model import Document, Page


@dataclass(frozen=True)
class PageView:
    page: Page
    dates: tuple[DateFact, ...]
    identifiers: tuple[IdentifierFact, ...]


@dataclass(frozen=True)
class DocumentView:
    document: Document
    pages: tuple[PageView, ...]


def describe(document: Document) -> DocumentView:
    return DocumentView(
        document=document,
        pages=tuple(
            PageView(
                page=page,
                dates=tuple(find_dates(page.text)),
                identifiers=tuple(find_identifiers(page.text)),
            )
            for page in document.pages
        ),
    )
