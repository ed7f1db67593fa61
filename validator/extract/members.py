"""Archive members and private copies of files, outside the checked folder.

The extractors (and LibreOffice) open files by path, in two phases that may
run in different worker processes, so each member to extract is decompressed
once into a private temporary folder (mode 0700, in the system's temporary
directory) that lives as long as the run. Nothing is ever written next to the
archive, and the member's own name is never used as a path: a hostile
``../`` name cannot place a file anywhere.

Before a byte is decompressed, the declared sizes are checked: the member
against the file-size limit, its compression ratio, and the archive's total
against the uncompressed-size limit. zipfile stops at the declared size, so
the check also bounds what a lying header can produce.

A plain file that needs a worker is copied into the same folder, from the
descriptor its hash was read from (see ``validator.safeopen``): the folder's
owner can change the original at any moment, never the copy.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO

from validator.archives import MAX_MEMBERS, open_zip
from validator.extract.records import failure
from validator.extract.settings import Limits
from validator.extract.zipsafe import MAX_COMPRESSION_RATIO, RATIO_CHECKED_ABOVE
from validator.model import SourceFile
from validator.safeopen import open_regular

# Copy size while decompressing a member.
_CHUNK_BYTES = 1024 * 1024
# Extensions kept on the unpacked copy (LibreOffice and people debugging read
# them); anything else is dropped, so a name never shapes the path beyond this.
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")


class MemberStore:
    """Unpacks archive members for one run; removes them all when closed."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._folder: Path | None = None
        self._archives: dict[Path, zipfile.ZipFile] = {}
        self._totals: dict[Path, int] = {}
        self._streams: list[BinaryIO] = []
        self._count = 0

    def __enter__(self) -> MemberStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        for archive in self._archives.values():
            archive.close()
        self._archives.clear()
        for stream in self._streams:
            stream.close()
        self._streams.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def unpack(self, source: SourceFile) -> tuple[Path, str]:
        """Where the member now is as a plain file, and its sha256; raises ExtractFailure."""
        archive = self._archive(source.location)
        try:
            info = archive.getinfo(source.member)
        except KeyError as exc:  # the archive changed since discovery listed it
            raise failure("corrupt", "the member is gone from the archive") from exc
        self._check_sizes(source.location, info)
        target = self._target(source.member)
        try:
            return target, _copy(archive, info, target)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            # RuntimeError: zipfile's "password required", for an encryption flag it missed
            target.unlink(missing_ok=True)
            raise failure("corrupt", f"damaged archive member: {exc}") from exc

    def copy(self, stream: BinaryIO, name: str, max_bytes: int) -> tuple[Path, str, int]:
        """A private copy of an open file: where, its sha256 and its size; raises ExtractFailure.

        The workers read the copy, so the bytes hashed are the bytes read,
        whatever happens to the original meanwhile; a file that grew past
        ``max_bytes`` since its size was checked is over the file-size limit.
        """
        target = self._target(name)
        digest = hashlib.sha256()
        size = 0
        with target.open("xb") as out:
            while chunk := stream.read(_CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    out.close()
                    target.unlink(missing_ok=True)
                    raise failure("limit", f"over {max_bytes} bytes", "file_size")
                digest.update(chunk)
                out.write(chunk)
        return target, digest.hexdigest(), size

    def discard(self, location: Path) -> None:
        """Remove an unpacked copy that turned out not to be needed (a cache hit)."""
        if self._folder is not None and location.parent == self._folder:
            location.unlink(missing_ok=True)

    def _archive(self, location: Path) -> zipfile.ZipFile:
        """The archive, opened once per run: its directory is read only once."""
        if location not in self._archives:
            # The archive as it is now, opened once, as discovery opened it.
            stream = open_regular(location)
            try:
                archive = open_zip(stream, MAX_MEMBERS)
            except (zipfile.BadZipFile, EOFError, ValueError) as exc:
                stream.close()
                raise failure("corrupt", f"damaged ZIP archive: {exc}") from exc
            self._streams.append(stream)
            self._archives[location] = archive
            self._totals[location] = sum(info.file_size for info in archive.infolist())
        return self._archives[location]

    def _check_sizes(self, location: Path, info: zipfile.ZipInfo) -> None:
        total = self._totals[location]
        if total > self._limits.max_uncompressed_bytes:
            raise failure("limit", f"the archive holds {total} bytes", "uncompressed_size")
        if info.file_size > self._limits.max_file_bytes:
            raise failure("limit", f"{info.file_size} bytes", "file_size")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise failure("limit", f"it expands {ratio:.0f} times", "uncompressed_size")

    def _target(self, member: str) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="material-validator-members-"))
        self._count += 1
        suffix = PurePosixPath(member.replace("\\", "/")).suffix
        return self._folder / f"{self._count}{suffix if _SAFE_SUFFIX.match(suffix) else ''}"


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
    """Decompress ``info`` into ``target``; the sha256 of its bytes."""
    digest = hashlib.sha256()
    with archive.open(info) as stream, target.open("xb") as out:
        while chunk := stream.read(_CHUNK_BYTES):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()
