"""What a file is, judged by its bytes: a renamed scan is still a scan."""

from __future__ import annotations

import zipfile
from pathlib import Path

from validator.extract.records import failure

# Bytes read to recognise a file; PDF allows junk before its header within 1 KiB.
_HEAD_BYTES = 1024
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
# OLE2 compound files: .doc/.xls, and also password-protected .docx.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Image signatures of the accepted formats: JPEG, PNG, TIFF (both byte orders
# and BigTIFF), BMP.
_IMAGE_MAGICS = (
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",
    b"MM\x00*",
    b"II+\x00",
    b"MM\x00+",
    b"BM",
)
# The main part of a WordprocessingML package.
_DOCX_MAIN_PART = "word/document.xml"


def detect_kind(path: Path) -> str:
    """``pdf``, ``docx`` or ``image``; raises ExtractFailure (empty, unsupported, corrupt)."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    if not head:
        raise failure("empty")
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(_OLE2_MAGIC):
        raise failure("unsupported", "legacy or password-protected Office file")
    if head.startswith(_IMAGE_MAGICS):
        return "image"  # before the PDF test: a photo's metadata may quote "%PDF-"
    if _PDF_MAGIC in head:
        return "pdf"
    raise failure("unsupported", "not a PDF, Word (.docx) or image file")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise failure("corrupt", f"damaged ZIP container: {exc}") from exc
    if _DOCX_MAIN_PART not in names:
        raise failure("unsupported", "ZIP archive that is not a Word document")
    return "docx"
