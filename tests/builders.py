"""Hand-made records for unit tests of matching, rules and the engine."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping

from validator.manifest import load_manifest
from validator.match import match_package
from validator.model import Document, ExtractionError, Manifest, Package, Page, TextLine
from validator.seal_owners import attribute_seals


def doc(
    path: str,
    *pages: str,
    kind: str = "pdf",
    source: str = "text",
    error: ExtractionError | None = None,
    content: bytes | None = None,
) -> Document:
    """A document whose pages hold ``pages``; sha256 from ``content`` or the text."""
    data = content if content is not None else (path + "\f".join(pages)).encode()
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        size=len(data),
        pages=tuple(
            Page(number=n, text=text, source=source) for n, text in enumerate(pages, start=1)
        ),
        error=error,
        paged=kind != "docx",
    )


def ocr_doc(path: str, lines: list[tuple[str, float]], kind: str = "image") -> Document:
    """A one-page document as an OCR engine read it: each line with its confidence."""
    boxes = tuple(
        TextLine(text, (0, 40 * row, 800, 40 * row + 30), confidence)
        for row, (text, confidence) in enumerate(lines)
    )
    text = "\n".join(line.text for line in boxes)
    confidence = sum(line.confidence for line in boxes) / len(boxes)
    page = Page(number=1, text=text, source="ocr", confidence=confidence, lines=boxes)
    data = (path + text).encode()
    return Document(path, hashlib.sha256(data).hexdigest(), kind, len(data), (page,))


@functools.cache
def icp() -> Manifest:
    """The built-in icp manifest, loaded once per test process."""
    return load_manifest("icp")


def package(
    *documents: Document,
    manifest: Manifest | None = None,
    facts: Mapping[str, object] | None = None,
) -> Package:
    """The documents matched against ``manifest`` (the built-in icp by default), their
    seals attributed as the engine does."""
    return attribute_seals(match_package("pkg", list(documents), manifest or icp(), facts or {}))
