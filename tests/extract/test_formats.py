"""The reader registry: file type by content (extensions lie, bytes do not), one reader a kind."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from inputs import LICENCE_LINES, text_image, text_pdf, word_document

from validator.extract.formats import KINDS, READERS, reader_for, sniff
from validator.extract.records import ExtractFailure

REPO = Path(__file__).resolve().parents[2]


def detect_kind(path: Path) -> str:
    return sniff(path).KIND


def test_the_report_schema_lists_exactly_the_registered_kinds() -> None:
    schema = json.loads((REPO / "report.schema.json").read_text("utf-8"))
    kinds = schema["$defs"]["document"]["properties"]["kind"]["enum"]
    assert sorted(kinds) == sorted(KINDS)


def test_each_kind_has_one_reader_and_finds_it() -> None:
    kinds = [reader.KIND for reader in READERS]
    assert len(set(kinds)) == len(kinds)
    assert all(reader_for(kind) is reader for kind, reader in zip(kinds, READERS, strict=True))
    assert [r.KIND for r in READERS if r.PICTURES] == ["docx", "ofd"]


def test_kind_comes_from_the_bytes_not_the_extension(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "scan.jpg", [LICENCE_LINES])
    word = word_document(tmp_path / "report.pdf")
    picture = tmp_path / "licence.docx"
    text_image().save(picture, format="PNG")
    assert [detect_kind(p) for p in (pdf, word, picture)] == ["pdf", "docx", "image"]


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "TIFF", "BMP"])
def test_accepted_image_formats(tmp_path: Path, image_format: str) -> None:
    path = tmp_path / "page.bin"
    text_image(["一"]).save(path, format=image_format)
    assert detect_kind(path) == "image"


def _code(path: Path) -> tuple[str, str]:
    with pytest.raises(ExtractFailure) as caught:
        detect_kind(path)
    return caught.value.error.code, caught.value.error.detail


def test_zero_bytes_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _code(path)[0] == "empty"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"\x00\x01binary, not a document", "not a PDF"),
        (b"GIF89a" + b"\0" * 20, "not a PDF"),
    ],
)
def test_other_content_is_unsupported(tmp_path: Path, content: bytes, detail: str) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    code, message = _code(path)
    assert code == "unsupported"
    assert detail in message


@pytest.mark.parametrize(
    "content",
    ["交接说明：营业执照原件已寄出".encode(), "交接说明：营业执照原件已寄出".encode("gbk")],
)
def test_plain_text_is_text(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "交接说明.txt"
    path.write_bytes(content)
    assert detect_kind(path) == "text"


def test_a_zip_based_document_of_another_kind_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "slides.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    assert _code(path) == ("unsupported", "a ZIP-based document that is not Word, Excel or OFD")


def test_a_damaged_office_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert _code(path)[0] == "corrupt"


@pytest.mark.parametrize(
    ("head", "detail"), [(b"7z\xbc\xaf\x27\x1c", "7z or RAR"), (b"Rar!\x1a\x07\x01", "7z or RAR")]
)
def test_other_archive_formats_are_named(tmp_path: Path, head: bytes, detail: str) -> None:
    path = tmp_path / "materials.bin"
    path.write_bytes(head + b"\0" * 64)
    code, message = _code(path)
    assert code == "unsupported" and detail in message


def test_a_broken_zip_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    assert _code(path)[0] == "corrupt"


def test_a_zip_that_quotes_the_pdf_header_is_still_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("%PDF-1.7.txt", "%PDF-1.7")
    assert _code(path)[0] == "unsupported"
