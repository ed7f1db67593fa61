"""What a file is, judged by its bytes: a renamed scan is still a scan.

A ``Head`` is what the readers' ``sniff`` functions look at: the first bytes
of the file and, for the two containers several formats share (ZIP: DOCX,
XLSX, OFD; OLE2: DOC, WPS, XLS), the names inside, read once and only when a
reader asks. When no reader claims a file, ``unrecognised`` says why.
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

import olefile  # type: ignore[import-untyped]  # no type information published

from validator.extract.records import ExtractFailure, failure

# Bytes read to recognise a file; PDF allows junk before its header within 1 KiB.
HEAD_BYTES = 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# OLE2 compound files: .doc/.wps/.xls, and also password-protected .docx/.xlsx.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Archives that are not unpacked (only ZIP is): 7z, RAR 4 and 5.
_OTHER_ARCHIVES = (b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
# Root entries of other ZIP-based documents (OOXML presentations, ODF, EPUB).
_ZIP_DOCUMENT_MARKERS = frozenset({"[Content_Types].xml", "mimetype"})
# The encrypted package of a password-protected .docx/.xlsx, inside an OLE2 file.
_OLE2_ENCRYPTED = "EncryptedPackage"


class Head:
    """The start of one file, and the member names of its container when asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as stream:
            self.data = stream.read(HEAD_BYTES)
        if not self.data:
            raise failure("empty")

    @property
    def is_zip(self) -> bool:
        return self.data.startswith(_ZIP_MAGICS)

    @property
    def is_ole2(self) -> bool:
        return self.data.startswith(_OLE2_MAGIC)

    @functools.cached_property
    def zip_names(self) -> frozenset[str]:
        """Member names of a ZIP file (empty for any other file); a damaged ZIP is corrupt."""
        if not self.is_zip:
            return frozenset()
        try:
            with zipfile.ZipFile(self.path) as archive:
                return frozenset(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise failure("corrupt", f"damaged ZIP container: {exc}") from exc

    @functools.cached_property
    def ole2_streams(self) -> frozenset[str]:
        """Stream names of an OLE2 file (empty for any other file).

        A password-protected .docx/.xlsx is an OLE2 file holding the encrypted
        package: it is reported as encrypted before any reader looks further.
        """
        if not self.is_ole2:
            return frozenset()
        try:
            with self.path.open("rb") as stream, olefile.OleFileIO(stream) as ole:
                streams = frozenset("/".join(entry) for entry in ole.listdir())
        except (OSError, ValueError, IndexError, TypeError) as exc:  # olefile's parse errors
            raise failure("corrupt", f"damaged Office file: {exc}") from exc
        if _OLE2_ENCRYPTED in streams:
            raise failure("encrypted", "a password-protected Office file")
        return streams


def unrecognised(head: Head, named_as_document: bool) -> ExtractFailure:
    """Why no reader claimed the file, as the failure to raise: ``other_format`` for a
    file of a format the tool does not read (a .psd), ``unsupported`` for one named as
    a document it reads (a mislabelled or damaged material)."""
    if head.is_zip:
        if head.zip_names & _ZIP_DOCUMENT_MARKERS:
            return failure("unsupported", "a ZIP-based document that is not Word, Excel or OFD")
        return failure(
            "unsupported",
            "a ZIP archive: only archives directly in the checked folder are unpacked",
        )
    if head.is_ole2:
        return failure("unsupported", "an Office file that is not Word or Excel")
    if head.data.startswith(_OTHER_ARCHIVES):
        return failure("unsupported", "a 7z or RAR archive: only ZIP archives are unpacked")
    code = "unsupported" if named_as_document else "other_format"
    return failure(code, "not a PDF, OFD, Word, Excel, image or text file")
