"""OFD (GB/T 33190), China's fixed-layout format: electronic licences and e-invoices.

An OFD file is a ZIP: ``OFD.xml`` names the document root, whose
``Document.xml`` lists the pages; each page's ``Content.xml`` holds text
objects (``TextObject/TextCode``, positioned in millimetres) and image objects
that point at files listed in the resource files. Text is put in reading
order from the positions: by baseline top to bottom, then left to right.
Images are referenced for seal detection, and OCR'd when their page has no
usable text (a scan wrapped in OFD), as PDF pages are.

The container gets the DOCX checks first (ZIP bomb, ``<!DOCTYPE>``), so the
standard library's parser only ever sees bounded XML without entities.
"""

from __future__ import annotations

import itertools
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from validator.extract.formats import docx
from validator.extract.formats.head import Head
from validator.extract.normalize import meaningful_chars, normalize_text
from validator.extract.records import ExtractFailure, FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.extract.zipsafe import check_package
from validator.model import Page

KIND = "ofd"
PICTURES = True
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".ofd",)
# The package's entry point.
ENTRY = "OFD.xml"
# Text pieces whose baselines differ by less than this (mm) share a line.
LINE_TOLERANCE_MM = 1.0
# A gap wider than this share of the font size between two pieces on a line is a space.
WORD_GAP = 0.8
# Width of a glyph without an advance given, as a share of the font size.
GLYPH_WIDTH = 0.6
# Font size when a text object states none (mm; about 10.5 pt, 五号).
DEFAULT_SIZE_MM = 3.7
# DeltaX's run-length marker ("g 3 4.2": three advances of 4.2 mm), and a cap
# on one run: no line holds more glyphs, and a hostile count costs nothing.
REPEAT = "g"
MAX_REPEAT = 10_000


@dataclass(frozen=True)
class _Piece:
    """One TextCode: where its baseline starts, what it says, where it ends."""

    y: float
    x: float
    text: str
    end: float
    size: float


class _Package:
    """The OFD's ZIP members, read by resolved path."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive

    def xml(self, path: str) -> ElementTree.Element:
        try:
            # Safe here: check_package refused any part with a DOCTYPE, so no entities.
            return ElementTree.fromstring(self._archive.read(path))  # noqa: S314
        except KeyError as exc:
            raise failure("corrupt", f"the OFD lacks {path}") from exc
        except ElementTree.ParseError as exc:
            raise failure("corrupt", f"broken XML in {path}: {exc}") from exc


def sniff(head: Head) -> bool:
    return ENTRY in head.zip_names


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """A page per OFD page with its text, and a reference per image on it."""
    check_package(location, settings.limits)
    with zipfile.ZipFile(location) as archive:
        package = _Package(archive)
        document_path = _document_path(package)
        document = package.xml(document_path)
        folder = posixpath.dirname(document_path)
        media = _media_files(package, document, folder)
        page_paths = [_resolve(folder, loc) for loc in _page_locations(document)]
        if len(page_paths) > settings.limits.max_pages:
            raise failure("limit", f"{len(page_paths)} pages", "pages")
        contents = [package.xml(path) for path in page_paths]
    pages = tuple(_page(i, content) for i, content in enumerate(contents))
    refs = _image_refs(pages, contents, media, settings)
    return FilePlan(kind=KIND, pages=pages, refs=refs)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage | None:
    """An image object's file, a member of the ZIP container as in DOCX."""
    return docx.load(location, ref, settings)


def _document_path(package: _Package) -> str:
    for element in _all(package.xml(ENTRY), "DocRoot"):
        if element.text and element.text.strip():
            return _resolve("", element.text.strip())
    raise failure("corrupt", "OFD.xml names no document")


def _page_locations(document: ElementTree.Element) -> list[str]:
    return [page.get("BaseLoc", "") for page in _all(document, "Page") if page.get("BaseLoc")]


def _media_files(package: _Package, document: ElementTree.Element, folder: str) -> dict[str, str]:
    """Image resource ID -> ZIP member, from the document's public and document resources."""
    found: dict[str, str] = {}
    for tag in ("PublicRes", "DocumentRes"):
        for element in _all(document, tag):
            res_path = _resolve(folder, (element.text or "").strip())
            try:
                res = package.xml(res_path)
            except ExtractFailure:  # a missing resource file loses its images, not the text
                continue
            res_folder = _resolve(posixpath.dirname(res_path), res.get("BaseLoc", ""))
            for item in _all(res, "MultiMedia"):
                for file in _all(item, "MediaFile"):
                    found[item.get("ID", "")] = _resolve(res_folder, (file.text or "").strip())
    return found


def _page(index: int, content: ElementTree.Element) -> Page:
    text = normalize_text(_reading_order(list(_pieces(content))))
    return Page(number=index + 1, text=text, source="text" if text else "none")


def _pieces(content: ElementTree.Element) -> Iterator[_Piece]:
    for text_object in _all(content, "TextObject"):
        left, top = _box(text_object.get("Boundary", ""))[:2]
        size = _number(text_object.get("Size"), DEFAULT_SIZE_MM)
        for code in _all(text_object, "TextCode"):
            if not code.text:
                continue
            x = left + _number(code.get("X"), 0.0)
            advances = _advances(code.get("DeltaX", ""))
            width = sum(advances[: len(code.text) - 1]) + size * GLYPH_WIDTH
            if not advances:
                width = len(code.text) * size
            yield _Piece(top + _number(code.get("Y"), size), x, code.text, x + width, size)


def _reading_order(pieces: list[_Piece]) -> str:
    """Lines top to bottom, pieces left to right, a space where a gap is wide."""
    lines: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if lines and abs(piece.y - lines[-1][0].y) < LINE_TOLERANCE_MM:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return "\n".join(_line_text(sorted(line, key=lambda p: p.x)) for line in lines)


def _line_text(line: list[_Piece]) -> str:
    parts = [line[0].text]
    for before, piece in itertools.pairwise(line):
        parts.append(" " if piece.x - before.end > WORD_GAP * piece.size else "")
        parts.append(piece.text)
    return "".join(parts)


def _image_refs(
    pages: tuple[Page, ...],
    contents: list[ElementTree.Element],
    media: dict[str, str],
    settings: ExtractSettings,
) -> tuple[PageRef, ...]:
    """Each page's images; OCR'd when the page's own text is too thin to be the document."""
    refs: list[PageRef] = []
    for number, (page, content) in enumerate(zip(pages, contents, strict=True)):
        mode = settings.ocr.mode
        thin = meaningful_chars(page.text) < settings.min_text_chars
        ocr = mode == "always" or (mode == "auto" and thin)
        members = dict.fromkeys(
            media[image.get("ResourceID", "")]
            for image in _all(content, "ImageObject")
            if image.get("ResourceID", "") in media
        )
        refs += [PageRef(number, len(refs), ocr, member) for member in members]
    return tuple(refs)


def _all(element: ElementTree.Element, name: str) -> Iterator[ElementTree.Element]:
    """Descendants named ``name`` in any namespace (producers differ in their prefixes)."""
    return (e for e in element.iter() if isinstance(e.tag, str) and _local(e.tag) == name)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _resolve(folder: str, location: str) -> str:
    """A member path: ``location`` is absolute from the package root or relative to ``folder``."""
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, location)) if location else folder


def _box(value: str) -> tuple[float, ...]:
    numbers = [_number(part, 0.0) for part in value.split()]
    return tuple(numbers + [0.0] * (4 - len(numbers)))


def _advances(value: str) -> list[float]:
    """DeltaX as a list: plain numbers, and ``g N V`` for N times V."""
    parts, advances = value.split(), []
    while parts:
        part = parts.pop(0)
        if part == REPEAT and len(parts) >= 2:
            count, advance = parts.pop(0), parts.pop(0)
            advances += [_number(advance, 0.0)] * min(int(_number(count, 0.0)), MAX_REPEAT)
        else:
            advances.append(_number(part, 0.0))
    return advances


def _number(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
