"""The readers, one module per input format, and the one registry that orders them.

A reader module declares its ``KIND`` (the stable name reports show),
``PICTURES`` (whether its page references are pictures inside a page, as in
DOCX and OFD, rather than renderings of whole pages), and three functions:
``sniff(head)`` says from the file's first bytes (and container names)
whether the file is its format; ``plan(location, settings)`` is phase 1 (the
text layer and the page images to look at); ``load(location, ref, settings)``
is phase 2's page image. Adding a format means one module and one line in
``READERS``; nothing outside this package decides what a file is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from validator.extract.formats import docx, image, legacy, ofd, pdf, sheets, text
from validator.extract.formats.head import Head, unrecognised
from validator.extract.records import UNKNOWN_KIND, FilePlan, PageImage, PageRef
from validator.extract.settings import ExtractSettings


class Reader(Protocol):
    KIND: str
    PICTURES: bool
    SUFFIXES: tuple[str, ...]

    def sniff(self, head: Head) -> bool: ...

    def plan(self, location: Path, settings: ExtractSettings) -> FilePlan: ...

    def load(self, location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage | None: ...


# In the order they are asked. Within ZIP, Word before Excel before OFD; within
# OLE2, Word before Excel. Images before PDF: a PDF is recognised by "%PDF-"
# anywhere in the first KiB, and a photo's metadata may quote it. Plain text
# last: it has no magic bytes, only the absence of binary ones.
READERS: tuple[Reader, ...] = (docx, legacy, sheets, ofd, image, pdf, text)

# Every kind a Document may have, in registry order.
KINDS: tuple[str, ...] = (*(reader.KIND for reader in READERS), UNKNOWN_KIND)


# Names a readable document goes by: any reader's, and the archives the walk unpacks.
DOCUMENT_SUFFIXES = frozenset(
    {".zip", *(suffix for reader in READERS for suffix in reader.SUFFIXES)}
)


def sniff(location: Path) -> Reader:
    """The reader for the file at ``location``; raises ExtractFailure (empty,
    unsupported, encrypted, corrupt) when there is none."""
    head = Head(location)
    for reader in READERS:
        if reader.sniff(head):
            return reader
    raise unrecognised(head, location.suffix.lower() in DOCUMENT_SUFFIXES)


def reader_for(kind: str) -> Reader:
    """The reader that produced a plan of this kind."""
    return next(reader for reader in READERS if kind == reader.KIND)
