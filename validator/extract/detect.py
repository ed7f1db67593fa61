"""What a file is, judged by its bytes: a renamed scan is still a scan."""

from __future__ import annotations

import zipfile
from pathlib import Path

import olefile  # type: ignore[import-untyped]  # no type information published

from validator.extract.records import failure

# Bytes read to recognise a file; PDF allows junk before its header within 1 KiB.
_HEAD_BYTES = 1024
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# OLE2 compound files: .doc/.wps/.xls, and also password-protected .docx/.xlsx.
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
# HEIF (iPhone photos): an ISO-BMFF "ftyp" box at offset 4 with one of these brands.
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
# Archives that are not unpacked (only ZIP is): 7z, RAR 4 and 5.
_OTHER_ARCHIVES = (b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
# Main parts of the ZIP-based documents read: WordprocessingML, SpreadsheetML, OFD.
_ZIP_KINDS = {"word/document.xml": "docx", "xl/workbook.xml": "spreadsheet", "OFD.xml": "ofd"}
# Root entries of other ZIP-based documents (OOXML presentations, ODF, EPUB).
_ZIP_DOCUMENT_MARKERS = frozenset({"[Content_Types].xml", "mimetype"})
# OLE2 streams: Word (also WPS Office's .wps), Excel (BIFF8 and BIFF5), and the
# encrypted package of a password-protected .docx/.xlsx.
_OLE2_WORD = "WordDocument"
_OLE2_EXCEL = ("Workbook", "Book")
_OLE2_ENCRYPTED = "EncryptedPackage"


def detect_kind(path: Path) -> str:
    """``pdf``, ``docx``, ``spreadsheet``, ``ofd``, ``doc`` or ``image``.

    Raises ExtractFailure (empty, unsupported, encrypted, corrupt).
    """
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    if not head:
        raise failure("empty")
    if head.startswith(_ZIP_MAGICS):
        return _zip_kind(path)
    if head.startswith(_OLE2_MAGIC):
        return _ole2_kind(path)
    if head.startswith(_IMAGE_MAGICS) or _is_heif(head):
        return "image"  # before the PDF test: a photo's metadata may quote "%PDF-"
    if _PDF_MAGIC in head:
        return "pdf"
    if head.startswith(_OTHER_ARCHIVES):
        raise failure("unsupported", "a 7z or RAR archive: only ZIP archives are unpacked")
    raise failure("unsupported", "not a PDF, OFD, Word, Excel or image file")


def _is_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise failure("corrupt", f"damaged ZIP container: {exc}") from exc
    for main_part, kind in _ZIP_KINDS.items():
        if main_part in names:
            return kind
    if names & _ZIP_DOCUMENT_MARKERS:
        raise failure("unsupported", "a ZIP-based document that is not Word, Excel or OFD")
    raise failure(
        "unsupported", "a ZIP archive: only archives directly in the checked folder are unpacked"
    )


def _ole2_kind(path: Path) -> str:
    try:
        with path.open("rb") as stream, olefile.OleFileIO(stream) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except (OSError, ValueError, IndexError, TypeError) as exc:  # olefile's parse errors
        raise failure("corrupt", f"damaged Office file: {exc}") from exc
    if _OLE2_ENCRYPTED in streams:
        raise failure("encrypted", "a password-protected Office file")
    if _OLE2_WORD in streams:
        return "doc"
    if streams.intersection(_OLE2_EXCEL):
        return "spreadsheet"
    raise failure("unsupported", "an Office file that is not Word or Excel")
