"""DOCX: headers, body (paragraphs, tables, text boxes, content controls), footers.

The text becomes one page (DOCX has no fixed pages); embedded images are
referenced for OCR and seal detection, their text appended to that page.
The XML is walked directly, after python-docx has opened and resolved the
package, because python-docx's own ``Paragraph.text`` skips tracked
insertions, content controls and text boxes, where applicants' names live.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from PIL import Image

from validator.extract.formats.head import Head
from validator.extract.formats.image import effective_dpi, opened_image, upright
from validator.extract.normalize import normalize_text
from validator.extract.records import ExtractFailure, FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.extract.zipsafe import check_package
from validator.model import Page

KIND = "docx"
PICTURES = True
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".docx",)
# The main part of a WordprocessingML package.
MAIN_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Inline elements and the text they stand for.
_INLINE_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_INLINE_TEXT[f"{_W}noBreakHyphen"] = "-"
# Not descended into while reading a paragraph's own text: the fallback copy
# of alternate content (it repeats the preferred copy) and text boxes, which
# are read as blocks of their own after the paragraph that anchors them.
_INLINE_SKIPPED = frozenset({_MC_FALLBACK, f"{_W}txbxContent"})


def sniff(head: Head) -> bool:
    return MAIN_PART in head.zip_names


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """The document's text as page 1, and a reference per embedded image."""
    check_package(location, settings.limits)
    try:
        document = docx.Document(str(location))
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors
        raise failure("corrupt", f"unreadable Word document: {exc}") from exc
    parts = _story_parts(document)
    text = normalize_text("\n".join(line for element, _ in parts for line in _block_lines(element)))
    ocr = settings.ocr.mode != "never"
    refs = tuple(
        PageRef(page=0, index=i, ocr=ocr, member=member)
        for i, member in enumerate(_image_members(parts))
    )
    page = Page(number=1, text=text, source="text")
    return FilePlan(kind=KIND, pages=(page,), refs=refs, paged=False)


def _story_parts(document: Any) -> list[tuple[Any, Any]]:
    """(XML element, package part) of headers, body and footers, in reading order."""
    headers: list[tuple[Any, Any]] = []
    footers: list[tuple[Any, Any]] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            if not header.is_linked_to_previous:
                headers.append((header.part.element, header.part))
        for footer in (section.first_page_footer, section.footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                footers.append((footer.part.element, footer.part))
    return [*headers, (document.element.body, document.part), *footers]


def _block_lines(container: Any) -> Iterator[str]:
    """Lines of the paragraphs, tables and content controls directly in ``container``."""
    for child in container:
        if child.tag == f"{_W}p":
            yield from _paragraph_lines(child)
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(child)
        elif child.tag == f"{_W}sdt":
            for content in child.iterfind(f"{_W}sdtContent"):
                yield from _block_lines(content)


def _paragraph_lines(paragraph: Any) -> Iterator[str]:
    text_boxes: list[Any] = []
    yield "".join(_inline_text(paragraph, text_boxes))
    for box in text_boxes:
        yield from _block_lines(box)


def _inline_text(element: Any, text_boxes: list[Any]) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):  # XML comments and processing instructions
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in _INLINE_TEXT:
            yield _INLINE_TEXT[tag]
        elif tag == f"{_W}txbxContent":
            text_boxes.append(child)
        elif tag not in _INLINE_SKIPPED:
            yield from _inline_text(child, text_boxes)


def _table_lines(table: Any) -> Iterator[str]:
    """One line per row, cells separated by a space (merged cells appear once)."""
    for row in table.iterfind(f"{_W}tr"):
        cells = (" ".join(_block_lines(cell)).strip() for cell in row.iterfind(f"{_W}tc"))
        yield " ".join(cell for cell in cells if cell)


def _image_members(parts: list[tuple[Any, Any]]) -> list[str]:
    """ZIP member names of the images shown, in reading order, each once."""
    members: dict[str, None] = {}
    for element, part in parts:
        for node in element.iter(_A_BLIP, _V_IMAGEDATA):
            rel_id = node.get(f"{_R}embed") or node.get(f"{_R}id")
            target = part.related_parts.get(rel_id) if rel_id else None
            if target is not None and str(target.content_type).startswith("image/"):
                members[str(target.partname).lstrip("/")] = None
    return list(members)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage | None:
    """A picture stored as a member of the ZIP container (DOCX and OFD alike)."""
    embedded = load_embedded_image(location, ref.member, settings)
    if embedded is None:
        return None
    return PageImage(embedded, effective_dpi(embedded.size), None, measured=False)


def load_embedded_image(
    location: Path, member: str, settings: ExtractSettings
) -> Image.Image | None:
    """An embedded image in RGB; None for formats Pillow cannot read (EMF, WMF, SVG)."""
    with zipfile.ZipFile(location) as archive:
        data = archive.read(member)
    try:
        with opened_image(io.BytesIO(data), settings.limits.max_pixels) as image:
            return upright(image)
    except ExtractFailure as exc:
        if exc.error.code == "corrupt":
            return None
        raise
