"""Records exchanged between the extraction workers and the process that schedules them.

Phase 1 reads a file's structure and text layer into a ``FilePlan``; phase 2
runs ``PageJob``s, each naming pages by reference (file, index, member), never
by pixels, so that nothing large crosses a process boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from validator.model import ExtractionError, Page, Seal, TextLine

if TYPE_CHECKING:  # Pillow is loaded by the readers that make images, not by every caller
    from PIL import Image


# The kind of a file no reader could open (unreadable, empty, unsupported); the
# other kinds are the readers' own (see ``formats``).
UNKNOWN_KIND = "unknown"


class ExtractFailure(Exception):
    """Raised inside an extractor when a file (or one page) cannot be read."""

    def __init__(self, error: ExtractionError) -> None:
        super().__init__(error.detail or error.code)
        self.error = error


def failure(code: str, detail: str = "", limit: str | None = None) -> ExtractFailure:
    return ExtractFailure(ExtractionError(code, detail, limit))


@dataclass(frozen=True)
class PageRef:
    """One page image to look at: a PDF page, an image frame or a DOCX embedded image."""

    page: int  # 0-based index into FilePlan.pages
    index: int  # PDF page or image frame; for DOCX, the embedded image's position
    ocr: bool  # whether its text must come from OCR
    member: str = ""  # DOCX: the ZIP member holding the image


@dataclass(frozen=True)
class PageJob:
    """Page references of one file, run together in one worker task."""

    kind: str  # the FilePlan's kind: which reader loads the pages
    location: Path  # the file to read: the original, or the plan's converted copy
    refs: tuple[PageRef, ...]


@dataclass(frozen=True)
class FilePlan:
    """What phase 1 learnt about a file: its kind, its text-layer pages, what to render."""

    kind: str
    pages: tuple[Page, ...] = ()
    refs: tuple[PageRef, ...] = ()
    paged: bool = True
    # The refs are pictures inside a page (DOCX, OFD), not renderings of whole pages.
    pictures: bool = False
    error: ExtractionError | None = None
    # A file phase 1 made for phase 2 to read instead of the original (a .doc
    # converted to PDF), alone in a private folder that is removed, with it,
    # once the document is assembled.
    converted: Path | None = None


@dataclass(frozen=True)
class PageResult:
    """What phase 2 saw on one page image; ``text`` is None when it was not OCR'd."""

    ref: PageRef
    text: str | None = None
    confidence: float | None = None
    seals: tuple[Seal, ...] = ()
    size: tuple[int, int] | None = None
    dpi: int | None = None
    error: ExtractionError | None = None
    thumbnail: str = ""  # of a whole page (not of a picture inside a DOCX or OFD)
    lines: tuple[TextLine, ...] = ()  # OCR'd lines, boxes in the pixels of the page as loaded
    engine: str = ""  # the OCR engine that read ``text``


class PageImage(NamedTuple):
    """A page image a reader loaded for phase 2, with what is known of its resolution."""

    image: Image.Image
    dpi: int  # resolution of ``image`` itself
    reported_dpi: int | None  # what Page.dpi says: the scan's resolution
    measured: bool  # ``dpi`` is known (a rendered page), not judged from the pixel size
