"""Plain text files (.txt, .md, .yaml notes): read as text, UTF-8 or GBK.

Agencies keep notes next to the materials (交接说明.txt, 清单.md). They are
read like a text layer, so a note that is in fact a material (a pasted
服务流程说明) is matched like any other document, and a note that is not one
is an unmatched document, never an unreadable one. A text file has no pages:
its findings carry no page number, as for DOCX.

The two encodings are tried in turn rather than guessed by a detector: files
written on Chinese Windows are GBK (GB18030 is its superset), everything else
is UTF-8, and a strict UTF-8 decode never mistakes GBK bytes for text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from validator.extract.formats.head import Head
from validator.extract.normalize import normalize_text
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.model import Page

KIND = "text"
PICTURES = False
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".yaml", ".yml")
# Tried in this order: UTF-8 (with or without a byte-order mark), then GBK's superset;
# UTF-16 (Windows Notepad's "Unicode") when its byte-order mark says so.
ENCODINGS = ("utf-8-sig", "gb18030")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters a text file may hold: tab, line feed, form feed, carriage return.
_TEXT_CONTROLS = frozenset("\t\n\f\r")


def sniff(head: Head) -> bool:
    """Whether the first bytes of a file decode as text in one of ``ENCODINGS``.

    Asked last: every other format has its magic bytes, and a PDF's header is text.
    """
    if b"\x00" in head.data and not head.data.startswith(_UTF16_BOMS):
        return False
    decoded = _decode(head.data, final=False)
    return decoded is not None and not any(_is_binary_control(c) for c in decoded)


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """One unpaged page holding the whole file's text."""
    # Files over the size limit never reach a reader (see extract.run).
    text = _decode(location.read_bytes(), final=True)
    if text is None:
        raise failure("unsupported", "a text file in neither UTF-8 nor GBK")
    normalised = normalize_text(text)
    page = Page(number=1, text=normalised, source="text" if normalised.strip() else "none")
    return FilePlan(kind=KIND, pages=(page,), paged=False)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage | None:
    """Never asked: a text file's plan has no page images."""
    return None


def _decode(data: bytes, *, final: bool) -> str | None:
    encodings = ("utf-16",) if data.startswith(_UTF16_BOMS) else ENCODINGS
    for encoding in encodings:
        try:
            return codecs.getincrementaldecoder(encoding)().decode(data, final=final)
        except UnicodeDecodeError:
            continue
    return None


def _is_binary_control(char: str) -> bool:
    return char < " " and char not in _TEXT_CONTROLS
