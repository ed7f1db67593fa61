"""ZIP archives in a package folder: telling them from documents, and listing their members.

Applicants often hand in a folder with a ``材料.zip`` in it. Discovery treats
such an archive as one more folder (one level deep): each member becomes a
file of its own, ``材料.zip!/营业执照.pdf``. Only the central directory is read
here (names, sizes, flags); decompressing a member, with its size limits, is
the extract stage's work, done outside the checked folder.

Member names written without the UTF-8 flag are decoded as UTF-8 when they
are valid UTF-8, else as GBK (what Chinese Windows writes), unless the archive
carries the Info-ZIP Unicode path field, which wins. A name that leads out of
the archive (``../``, an absolute path, a drive letter) is never opened: it is
listed with an ``unsafe`` problem, as are links stored in the archive.
"""

from __future__ import annotations

import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from validator.model import ExtractionError
from validator.safeopen import open_regular

# Separates an archive's path from a member's in a SourceFile path.
MEMBER_SEPARATOR = "!/"
# A package archive holds dozens of files; thousands are an attack on the listing.
MAX_MEMBERS = 5_000
# Index of "total entries" in the end record zipfile reads.
_END_RECORD_TOTAL_ENTRIES = 4
# ZIP local-file and empty-archive signatures.
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# A ZIP file with one of these at its root is a document (OOXML, ODF/EPUB, OFD),
# not an archive of documents.
_DOCUMENT_MARKERS = frozenset({"[Content_Types].xml", "mimetype", "OFD.xml"})
# General-purpose flag bits: encrypted member; name stored as UTF-8.
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
# Info-ZIP Unicode Path extra field: version 1, CRC-32 of the stored name, UTF-8 name.
_UNICODE_PATH_FIELD = 0x7075
# Compression methods Python's zipfile can decompress.
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
# "C:" at the start of a name: an absolute Windows path.
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Member:
    """One file stored in an archive."""

    name: str  # decoded, "/"-separated: what reports show after the "!/"
    key: str  # the name zipfile looks the member up by
    size: int  # declared uncompressed size
    problem: ExtractionError | None = None


def is_archive(location: Path) -> bool:
    """True for a readable ZIP file that is not itself a document (DOCX, XLSX, OFD …).

    A damaged ZIP is not an archive here: it stays a file, and extraction
    reports it as corrupt. One whose directory declares more members than
    any package holds is an archive (its listing then reports the limit).
    """
    with open_regular(location) as stream:
        if not stream.read(4).startswith(_ZIP_MAGICS):
            return False
        try:
            if declared_entries(stream) > MAX_MEMBERS:
                return True
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return False
    return not _DOCUMENT_MARKERS.intersection(names)


def declared_entries(stream: BinaryIO) -> int:
    """How many entries the ZIP's end record declares, read before the directory itself.

    zipfile reads the whole central directory into memory when it opens an
    archive (2.4 GB for 5 M entries), so the count is checked first. zipfile's
    own end-record reader is used (ZIP64 included); it is private but has not
    changed in decades, and a second hand-written one would be worse.
    """
    end_record = getattr(zipfile, "_EndRecData")(stream)  # noqa: B009 - private, see above
    if end_record is None:
        raise zipfile.BadZipFile("no end of central directory record")
    stream.seek(0)
    return int(end_record[_END_RECORD_TOTAL_ENTRIES])


def open_zip(stream: BinaryIO, max_entries: int) -> zipfile.ZipFile:
    """A ZipFile over ``stream`` once its declared entry count is within ``max_entries``."""
    entries = declared_entries(stream)
    if entries > max_entries:
        raise ValueError(f"{entries} archive members")
    return zipfile.ZipFile(stream)


def list_members(location: Path) -> list[Member]:
    """The archive's files (folders left out), in stored order; raises ValueError if too many."""
    with open_regular(location) as stream, open_zip(stream, MAX_MEMBERS) as archive:
        infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ValueError(f"{len(infos)} archive members")
    members: list[Member] = []
    last_key = {info.filename: index for index, info in enumerate(infos)}
    for index, info in enumerate(infos):
        if info.is_dir():
            continue
        member = _member(info)
        if last_key[info.filename] != index:  # zipfile only opens the last of equal names
            member = Member(member.name, member.key, member.size, _duplicate())
        members.append(member)
    return members


def _member(info: zipfile.ZipInfo) -> Member:
    name = decoded_name(info)
    return Member(name, info.filename, info.file_size, _problem(info, name))


def decoded_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it, with "/" separators."""
    name = info.filename
    if not info.flag_bits & _FLAG_UTF8:
        raw = name.encode("cp437")  # zipfile decoded the stored bytes as CP437
        name = _unicode_path(info, raw) or _decode(raw)
    name = name.replace("\\", "/")
    # Undecodable bytes shown as \xNN, as discovery shows file names (after the
    # separators are unified, so that the escapes' backslashes stay).
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "surrogateescape")


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path field's name, if present and written for this stored name."""
    extra = info.extra
    while len(extra) >= 4:
        field, size = struct.unpack("<HH", extra[:4])
        data, extra = extra[4 : 4 + size], extra[4 + size :]
        if field == _UNICODE_PATH_FIELD and _names_this(data, raw):
            return data[5:].decode("utf-8", "backslashreplace")
    return None


def _names_this(field: bytes, raw: bytes) -> bool:
    """A version-1 Unicode Path field written for ``raw`` (an editor may have renamed it since)."""
    if len(field) <= 5 or field[0] != 1:
        return False
    return bool(struct.unpack("<I", field[1:5])[0] == zlib.crc32(raw))


def _problem(info: zipfile.ZipInfo, name: str) -> ExtractionError | None:
    """Why the member cannot be read at all, known from the directory alone."""
    if leads_outside(name):
        return ExtractionError("unsafe", f"the member's name leads out of the archive: {name}")
    if stat.S_ISLNK(info.external_attr >> 16):
        return ExtractionError("unsafe", "a link stored in the archive")
    if info.flag_bits & _FLAG_ENCRYPTED:
        return ExtractionError("encrypted", "the archive member needs a password")
    if info.compress_type not in _READABLE_METHODS:
        detail = f"compression method {info.compress_type}; re-pack the archive as plain ZIP"
        return ExtractionError("unsupported", detail)
    return None


def leads_outside(name: str) -> bool:
    """An absolute name, a drive letter or a ``..`` step: unpacked, it would land elsewhere."""
    return name.startswith("/") or bool(_DRIVE.match(name)) or ".." in name.split("/")


def _duplicate() -> ExtractionError:
    return ExtractionError("corrupt", "the archive stores another file under the same name")
