"""Hostile folders that change under the run, and files built to make a step unbounded.

The folder belongs to someone else: between the walk and the reading a file
can become a FIFO, a link to ``/dev/zero`` or other content. Each test walks
a real folder with the real discover stage, changes it the way an attacker
would at that moment, and runs the real extraction (real DOCX parsing, real
worker processes). A pytest timeout guards the ones that used to hang.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from validator.discover import discover
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents
from validator.extract import schedule as schedule_module
from validator.model import Document

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")

NO_OCR = ExtractSettings(ocr=OcrSettings(mode="never"))
COMPANY_A = "甲公司网络科技有限公司"
COMPANY_B = "乙公司信息技术有限公司"


def _word(path: Path, text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"申请单位：{text}")
    document.save(str(path))
    return path.read_bytes()


def _extract(
    folder: Path, *, cache: Path | None = None, settings: ExtractSettings = NO_OCR
) -> list[Document]:
    return extract_documents(discover(folder), settings, jobs=1, cache_dir=cache)


def _walk_then(folder: Path, change: Callable[[], None]) -> list[Document]:
    """Walk ``folder``, then ``change`` it, then extract what the walk found."""
    files = discover(folder)
    change()
    return extract_documents(files, NO_OCR, jobs=1, cache_dir=None)


@pytest.mark.timeout(60)
def test_a_file_swapped_for_a_fifo_after_the_walk_is_reported_not_waited_for(
    tmp_path: Path,
) -> None:
    _word(tmp_path / "a.docx", COMPANY_A)
    _word(tmp_path / "b.docx", COMPANY_B)

    def swap() -> None:
        (tmp_path / "a.docx").unlink()
        os.mkfifo(tmp_path / "a.docx")

    first, second = _walk_then(tmp_path, swap)
    assert first.error is not None and first.error.code == "unsupported"
    assert COMPANY_B in second.text  # the other file is still read


@pytest.mark.timeout(60)
def test_a_file_swapped_for_a_link_to_dev_zero_is_reported_not_read(tmp_path: Path) -> None:
    _word(tmp_path / "a.docx", COMPANY_A)

    def swap() -> None:
        (tmp_path / "a.docx").unlink()
        (tmp_path / "a.docx").symlink_to("/dev/zero")

    (document,) = _walk_then(tmp_path, swap)
    assert document.error is not None and document.error.code == "link"


def test_the_bytes_hashed_are_the_bytes_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file rewritten after hashing, before a worker reads it, cannot poison the cache."""
    folder = tmp_path / "package"
    folder.mkdir()
    original = _word(folder / "申请表.docx", COMPANY_A)
    _word(tmp_path / "other.docx", COMPANY_B)
    real_run = schedule_module.Scheduler.run

    def rewrite_then_run(self: schedule_module.Scheduler, pending: list[object]) -> None:
        # Hashing is done; the workers have not opened anything yet.
        (folder / "申请表.docx").write_bytes((tmp_path / "other.docx").read_bytes())
        real_run(self, pending)  # type: ignore[arg-type]

    monkeypatch.setattr(schedule_module.Scheduler, "run", rewrite_then_run)
    cache = tmp_path / "cache"
    (document,) = _extract(folder, cache=cache)
    assert document.sha256 == hashlib.sha256(original).hexdigest()
    assert COMPANY_A in document.text and COMPANY_B not in document.text
    monkeypatch.undo()
    # The next run over the original bytes gets the original's reading from the cache.
    (folder / "申请表.docx").write_bytes(original)
    (cached,) = _extract(folder, cache=cache)
    assert COMPANY_A in cached.text and COMPANY_B not in cached.text


@pytest.mark.timeout(60)
def test_an_oversized_sparse_file_is_refused_before_it_is_hashed(tmp_path: Path) -> None:
    with (tmp_path / "huge.pdf").open("wb") as stream:
        stream.write(b"%PDF-1.7\n")
        stream.truncate(2 * 1024**3)  # 2 GiB of holes: instant to make, slow to read
    (document,) = _extract(tmp_path)
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "file_size")
    assert document.sha256 == ""  # no hash: not a byte was read to decide


def _zip_with_declared_entries(path: Path, entries: int) -> None:
    """A real one-member ZIP whose end record declares ``entries`` entries (ZIP64)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("营业执照.pdf", b"%PDF-1.7\n")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[end + 12 : end + 20])
    zip64_end = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, cd_size, cd_offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    classic = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0
    )
    path.write_bytes(bytes(data[:end]) + zip64_end + locator + classic)


def test_an_archive_declaring_millions_of_members_is_refused_before_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _zip_with_declared_entries(tmp_path / "材料.zip", 5_000_000)
    listed: list[int] = []
    real_contents = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def counting(self: zipfile.ZipFile) -> None:
        listed.append(1)
        real_contents(self)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", counting)
    (found,) = discover(tmp_path)
    assert found.problem is not None
    assert (found.problem.code, found.problem.limit) == ("limit", "uncompressed_size")
    assert listed == []  # the central directory was never read into memory


def test_a_file_over_the_size_limit_is_refused_whatever_the_walk_saw(tmp_path: Path) -> None:
    """The size that counts is the open file's, not the one the walk recorded."""
    _word(tmp_path / "a.docx", COMPANY_A)

    def grow() -> None:
        with (tmp_path / "a.docx").open("ab") as stream:
            stream.write(b"\0" * 2 * 1024 * 1024)

    files = discover(tmp_path)
    grow()
    small = ExtractSettings(ocr=OcrSettings(mode="never"), limits=Limits(max_file_bytes=1024**2))
    (document,) = extract_documents(files, small, jobs=1, cache_dir=None)
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "file_size")
