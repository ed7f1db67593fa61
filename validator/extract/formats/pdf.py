"""PDF: the text layer page by page; pages without usable text are rendered for OCR.

PDFium (through pypdfium2, which pdfplumber itself renders with) reads both
the text layer and the pixels. Its text matches pdfplumber's at about 1 ms a
page instead of 45 ms, it reads the CFF-flavoured CJK fonts that pdfminer
returns nothing for, and it tells exactly which characters have no Unicode
mapping, which is how a garbled text layer is recognised. Text that maps to
the wrong characters (GBK shown as Latin-1, private-use codes) is repaired or
dropped by :mod:`validator.extract.mojibake`; a page left without text is OCR'd.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from validator.extract.formats.head import Head
from validator.extract.mojibake import repair_text
from validator.extract.normalize import meaningful_chars, normalize_text
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.extract.signatures import signature_seals
from validator.model import Page

KIND = "pdf"
PICTURES = False
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".pdf",)
# The header every PDF carries, within its first KiB.
MAGIC = b"%PDF-"
# PDF user space: 72 points to the inch.
POINTS_PER_INCH = 72
# A text layer in which at least this share of characters has no Unicode
# mapping is garbage (fonts without ToUnicode); the page is OCR'd instead.
GARBLED_SHARE = 0.25
# An image covering at least this share of a page makes the page a scan, whose
# resolution is the image's rather than the rendering's.
SCAN_COVERAGE = 0.5
# PDFium's load errors that mean "needs a password" or an unknown security handler.
_ENCRYPTION_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)


@contextmanager
def opened_pdf(location: Path) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF read-only; a user password or damage becomes an ExtractFailure.

    The file object is handed to PDFium, rather than the path, so that names
    which are not valid UTF-8 open too.
    """
    with location.open("rb") as stream:
        try:
            document = pdfium.PdfDocument(stream)
        except pdfium.PdfiumError as exc:
            if exc.err_code in _ENCRYPTION_ERRORS:
                raise failure("encrypted", "the PDF needs a password to open") from exc
            raise failure("corrupt", str(exc)) from exc
        try:
            yield document
        finally:
            document.close()


def sniff(head: Head) -> bool:
    """Junk before the header is allowed, but a ZIP or OLE2 file that quotes it is no PDF."""
    return not (head.is_zip or head.is_ole2) and MAGIC in head.data


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """Every page's text layer, and a reference per page to render (seals, maybe OCR)."""
    with opened_pdf(location) as document:
        count = len(document)
        if count > settings.limits.max_pages:
            raise failure("limit", f"{count} pages", "pages")
        pages = tuple(_text_page(document, i) for i in range(count))
        signed = pdfium_c.FPDF_GetSignatureCount(document.raw) > 0
    if not pages:
        raise failure("corrupt", "the PDF has no pages")
    if signed:  # PDFium counts them cheaply; a second parser reads them only then
        pages = _with_electronic_seals(location, pages, settings.ocr.dpi)
    refs = tuple(
        PageRef(page=i, index=i, ocr=_needs_ocr(page, settings)) for i, page in enumerate(pages)
    )
    return FilePlan(kind=KIND, pages=pages, refs=refs)


def _with_electronic_seals(location: Path, pages: tuple[Page, ...], dpi: int) -> tuple[Page, ...]:
    """Each page with the digital signatures placed on it, as seals of their signers."""
    found = signature_seals(location, dpi)
    return tuple(
        dataclasses.replace(page, seals=page.seals + found.get(i, ()))
        for i, page in enumerate(pages)
    )


def _text_page(document: pdfium.PdfDocument, index: int) -> Page:
    """The page's text layer; a page PDFium cannot load has none (its rendering will fail)."""
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return Page(number=index + 1, text="", source="none")
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_bounded()
        if _garbled(textpage):
            return Page(number=index + 1, text="", source="none")
    finally:
        textpage.close()
        page.close()
    repaired, _ = repair_text(raw)
    text = normalize_text(repaired)
    return Page(number=index + 1, text=text, source="text" if text else "none")


def _garbled(textpage: pdfium.PdfTextPage) -> bool:
    count = textpage.count_chars()
    if count == 0:
        return False
    unmapped = sum(pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, i) == 1 for i in range(count))
    return bool(unmapped >= GARBLED_SHARE * count)


def _needs_ocr(page: Page, settings: ExtractSettings) -> bool:
    mode = settings.ocr.mode
    if mode == "never":
        return False
    return mode == "always" or meaningful_chars(page.text) < settings.min_text_chars


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage:
    """The page rendered at the OCR resolution (a scan's own resolution reported)."""
    rendered, scan_dpi = render_page(location, ref.index, settings)
    return PageImage(rendered, settings.ocr.dpi, scan_dpi, measured=True)


def render_page(location: Path, index: int, settings: ExtractSettings) -> tuple[Image.Image, int]:
    """Page ``index`` in RGB at the OCR resolution, and the resolution of the page's scan.

    Colour is kept for the seal detector; OCR converts to greyscale itself.
    """
    dpi = settings.ocr.dpi
    with opened_pdf(location) as document:
        page = document[index]
        try:
            width, height = page.get_size()
            if width * height * (dpi / POINTS_PER_INCH) ** 2 > settings.limits.max_pixels:
                raise failure("limit", f"page {index + 1} is too large to render", "pixels")
            # rev_byteorder: PDFium's BGR comes out as RGB, with no conversion pass after
            bitmap = page.render(
                scale=dpi / POINTS_PER_INCH, may_draw_forms=True, rev_byteorder=True
            )
            image = bitmap.to_pil()
            if image.mode != "RGB":
                image = image.convert("RGB")
            return image, _scan_dpi(page, width * height) or dpi
        finally:
            page.close()


def _scan_dpi(page: pdfium.PdfPage, page_area: float) -> int | None:
    """The resolution of the image that covers most of the page, if it covers most of it."""
    best: tuple[float, int] | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        try:
            left, bottom, right, top = obj.get_bounds()
            pixel_width, pixel_height = obj.get_px_size()
        except pdfium.PdfiumError:
            continue  # an image PDFium cannot measure says nothing about the scan
        area = (right - left) * (top - bottom)
        if area <= 0 or area < SCAN_COVERAGE * page_area:
            continue
        dpi = math.sqrt(pixel_width * pixel_height / area) * POINTS_PER_INCH
        if best is None or area > best[0]:
            best = (area, round(dpi))
    return best[1] if best else None
