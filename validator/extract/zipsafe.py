"""Checks on a DOCX container before any XML parser sees it.

python-docx reads every ZIP member fully into memory, so the declared sizes,
compression ratios and member count are checked first (a 0.95 MB DOCX can
hold 315 MB of XML). OOXML never carries a DOCTYPE: one is an entity trick,
and python-docx would silently drop the text that used the entities.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from validator.extract.records import failure
from validator.extract.settings import Limits

# A Word document has a few dozen parts; thousands are an attack on the parser.
MAX_MEMBERS = 5_000
# XML compresses about 10:1; beyond this ratio a large member is a bomb.
MAX_COMPRESSION_RATIO = 100
# Members smaller than this may compress at any ratio (a run of spaces) harmlessly.
RATIO_CHECKED_ABOVE = 1024 * 1024
# Read size when scanning XML members for a DOCTYPE.
_CHUNK_BYTES = 64 * 1024
# "<!DOCTYPE" as it appears in the encodings an XML parser reads (UTF-8, UTF-16, UTF-32).
# UTF-32 too: not an encoding OOXML allows, but one an XML parser reads.
_DOCTYPE_CODECS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DOCTYPE_MARKS = tuple("<!doctype".encode(codec) for codec in _DOCTYPE_CODECS)
_OVERLAP = max(len(mark) for mark in _DOCTYPE_MARKS)
_XML_SUFFIXES = (".xml", ".rels")


def check_package(location: Path, limits: Limits) -> None:
    """Raise ExtractFailure for a ZIP bomb (limit) or an XML part with a DOCTYPE (corrupt)."""
    try:
        with zipfile.ZipFile(location) as archive:
            members = archive.infolist()
            _check_sizes(members, limits)
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES):
                    _check_no_doctype(archive, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise failure("corrupt", f"damaged ZIP container: {exc}") from exc


def _check_sizes(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > MAX_MEMBERS:
        raise failure("limit", f"{len(members)} ZIP members", "uncompressed_size")
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        raise failure("limit", f"{total} bytes uncompressed", "uncompressed_size")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            detail = f"{member.filename} expands {ratio:.0f} times"
            raise failure("limit", detail, "uncompressed_size")


def _check_no_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            window = (tail + chunk).lower()
            if any(mark in window for mark in _DOCTYPE_MARKS):
                raise failure("corrupt", f"XML part {member.filename} contains a <!DOCTYPE>")
            tail = window[-_OVERLAP:]
