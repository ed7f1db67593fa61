"""ZIP archives in a package: members listed as files, decoded names, bombs and unsafe names."""

from __future__ import annotations

import io
import stat
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest
from inputs import LICENCE_LINES, text_image, text_pdf, word_document

from validator.discover import discover
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents
from validator.model import Document, SourceFile

NAME = "北京某某网络科技有限公司"
NO_OCR = ExtractSettings(ocr=OcrSettings(mode="never"))


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _stored_as(path: Path, placeholder: str, raw: bytes) -> Path:
    """Rewrite a member's stored name to ``raw`` bytes with the UTF-8 flag unset.

    zipfile itself would write any non-ASCII name as flagged UTF-8, so the
    member is written under an ASCII placeholder of the same length and the
    bytes are swapped in both headers, as a Chinese Windows zip tool leaves them.
    """
    assert len(placeholder.encode()) == len(raw)
    data = path.read_bytes()
    assert data.count(placeholder.encode()) == 2  # local header and central directory
    path.write_bytes(data.replace(placeholder.encode(), raw))
    return path


def _listing(sources: list[SourceFile]) -> list[tuple[str, str | None]]:
    return [(s.path, s.problem.code if s.problem else None) for s in sources]


def _extract(root: Path, settings: ExtractSettings = NO_OCR, **kwargs: object) -> list[Document]:
    return extract_documents(discover(root), settings, jobs=1, cache_dir=None, **kwargs)  # type: ignore[arg-type]


def _files(root: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")
    )


def test_members_are_listed_as_files_of_the_folder(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "licence.pdf", [LICENCE_LINES]).read_bytes()
    word = word_document(tmp_path / "report.docx").read_bytes()
    root = tmp_path / "package"
    root.mkdir()
    _zip(
        root / "材料.zip",
        {
            "公司资料/营业执照.pdf": pdf,
            "报告.docx": word,
            "公司资料/": b"",  # a folder entry
            "__MACOSX/公司资料/._营业执照.pdf": b"fork",
            "公司资料/.DS_Store": b"x",
            "~$报告.docx": b"lock",
        },
    )
    (root / "loose.pdf").write_bytes(pdf)
    sources = discover(root)
    assert _listing(sources) == [
        ("loose.pdf", None),
        ("材料.zip!/公司资料/营业执照.pdf", None),
        ("材料.zip!/报告.docx", None),
    ]
    member = sources[1]
    assert member.location == root / "材料.zip"
    assert (member.member, member.size) == ("公司资料/营业执照.pdf", len(pdf))


def test_a_docx_is_a_document_not_an_archive(tmp_path: Path) -> None:
    word_document(tmp_path / "report.docx")
    assert _listing(discover(tmp_path)) == [("report.docx", None)]


def test_members_are_extracted_without_writing_into_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "package"
    root.mkdir()
    scan = io.BytesIO()
    text_image().save(scan, format="PNG")
    _zip(
        root / "材料.zip",
        {
            "营业执照.pdf": text_pdf(tmp_path / "l.pdf", [LICENCE_LINES]).read_bytes(),
            "扫描/执照.png": scan.getvalue(),
            "报告.docx": word_document(tmp_path / "r.docx").read_bytes(),
        },
    )
    before = _files(root)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the run may unpack
    documents = _extract(root, ExtractSettings())
    assert [(d.path, d.kind, d.error) for d in documents] == [
        ("材料.zip!/扫描/执照.png", "image", None),
        ("材料.zip!/报告.docx", "docx", None),
        ("材料.zip!/营业执照.pdf", "pdf", None),
    ]
    assert NAME in documents[0].text and documents[0].pages[0].source == "ocr"
    assert "业务发展报告" in documents[1].text
    assert NAME in documents[2].text and documents[2].pages[0].source == "text"
    assert _files(root) == before
    # The unpacked copies went to the temporary directory, and are gone with the run
    # (multiprocessing keeps a folder of its own there).
    assert [p.name for p in scratch.iterdir() if not p.name.startswith("pymp-")] == []


def test_a_member_and_a_loose_copy_share_one_extraction(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "licence.pdf", [LICENCE_LINES]).read_bytes()
    root = tmp_path / "package"
    root.mkdir()
    (root / "营业执照.pdf").write_bytes(pdf)
    _zip(root / "a.zip", {"营业执照.pdf": pdf})
    member, loose = _extract(root)
    assert (member.path, loose.path) == ("a.zip!/营业执照.pdf", "营业执照.pdf")
    assert member.sha256 == loose.sha256 and member.pages == loose.pages


def test_a_warm_run_reads_members_from_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "package"
    root.mkdir()
    _zip(
        root / "a.zip",
        {"x/营业执照.pdf": text_pdf(tmp_path / "l.pdf", [LICENCE_LINES]).read_bytes()},
    )
    cache = tmp_path / "cache"
    cold = extract_documents(discover(root), NO_OCR, jobs=1, cache_dir=cache)
    assert len(list(cache.iterdir())) == 1
    warm = extract_documents(discover(root), NO_OCR, jobs=1, cache_dir=cache)
    assert warm == cold and warm[0].path == "a.zip!/x/营业执照.pdf"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("营业执照.pdf".encode("gbk"), "营业执照.pdf"),  # Chinese Windows: GBK, no flag
        ("营业执照.pdf".encode(), "营业执照.pdf"),  # UTF-8 without the flag (macOS ditto)
        (b"\xff\xfe\xfd.pdf", "\\xff\\xfe\\xfd.pdf"),  # neither: escaped like file names
    ],
)
def test_names_without_the_utf8_flag_are_decoded(tmp_path: Path, raw: bytes, shown: str) -> None:
    placeholder = "n" * (len(raw) - 4) + ".pdf"
    _stored_as(_zip(tmp_path / "a.zip", {placeholder: b"%PDF-1.4"}), placeholder, raw)
    (source,) = discover(tmp_path)
    assert source.path == f"a.zip!/{shown}"
    with zipfile.ZipFile(source.location) as archive:  # the key opens the member
        assert archive.read(source.member) == b"%PDF-1.4"


def test_the_unicode_path_field_names_the_member(tmp_path: Path) -> None:
    stored = "营业执照.pdf".encode("gbk")
    name = "营业执照（副本）.pdf"
    field = b"\x01" + struct.pack("<I", zlib.crc32(stored)) + name.encode()
    info = zipfile.ZipInfo("n" * (len(stored) - 4) + ".pdf")
    info.extra = struct.pack("<HH", 0x7075, len(field)) + field
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr(info, b"%PDF-1.4")
    _stored_as(tmp_path / "a.zip", info.filename, stored)
    assert [s.path for s in discover(tmp_path)] == [f"a.zip!/{name}"]


def test_members_with_unsafe_names_or_links_are_skipped_with_a_record(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("link.pdf")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as archive:
        for name in (
            "../../outside.pdf",
            "/etc/passwd.pdf",
            "C:/Windows/x.pdf",
            "a\\..\\..\\b.pdf",
        ):
            archive.writestr(name, b"%PDF-1.4")
        archive.writestr(link, "/etc/passwd")
        archive.writestr("ok.pdf", b"%PDF-1.4")
    sources = discover(tmp_path)
    assert _listing(sources) == [
        ("evil.zip!/../../outside.pdf", "unsafe"),
        ("evil.zip!//etc/passwd.pdf", "unsafe"),
        ("evil.zip!/C:/Windows/x.pdf", "unsafe"),
        ("evil.zip!/a/../../b.pdf", "unsafe"),
        ("evil.zip!/link.pdf", "unsafe"),
        ("evil.zip!/ok.pdf", None),
    ]
    assert "leads out of the archive" in str(sources[0].problem)
    documents = _extract(tmp_path)
    assert [d.error.code if d.error else None for d in documents][:5] == ["unsafe"] * 5
    assert [p.name for p in tmp_path.iterdir()] == ["evil.zip"]  # nothing unpacked anywhere


def test_an_encrypted_member_is_reported(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"secret.pdf": b"%PDF-1.4"})
    data = bytearray(path.read_bytes())  # zipfile writes no encrypted members: set the flag
    data[data.index(b"PK\x03\x04") + 6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert _listing(discover(tmp_path)) == [("a.zip!/secret.pdf", "encrypted")]


def test_a_nested_archive_is_not_unpacked(tmp_path: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"营业执照.pdf": b"%PDF-1.4"}).read_bytes()
    root = tmp_path / "package"
    root.mkdir()
    _zip(root / "outer.zip", {"inner.zip": inner})
    (document,) = _extract(root)
    assert document.path == "outer.zip!/inner.zip"
    assert document.error is not None and document.error.code == "unsupported"
    assert "only archives directly in the checked folder" in document.error.detail


def test_an_empty_archive_is_one_unsupported_file(tmp_path: Path) -> None:
    _zip(tmp_path / "empty.zip", {"folder/": b""})
    assert _listing(discover(tmp_path)) == [("empty.zip", "unsupported")]


def test_too_many_members_make_the_archive_a_limit_hit(tmp_path: Path) -> None:
    _zip(tmp_path / "many.zip", {f"{i}.pdf": b"" for i in range(5_001)})
    (source,) = discover(tmp_path)
    assert source.path == "many.zip" and source.problem is not None
    assert (source.problem.code, source.problem.limit) == ("limit", "uncompressed_size")


def _limit(root: Path, settings: ExtractSettings) -> tuple[str | None, str]:
    (document,) = _extract(root, settings)
    assert document.error is not None and document.error.code == "limit"
    return document.error.limit, document.error.detail


def test_a_member_that_expands_enormously_is_a_bomb(tmp_path: Path) -> None:
    _zip(tmp_path / "bomb.zip", {"bomb.pdf": bytes(8 << 20)})
    limit, detail = _limit(tmp_path, NO_OCR)
    assert limit == "uncompressed_size" and "expands" in detail


def test_the_archive_total_and_member_size_are_limited(tmp_path: Path) -> None:
    _zip(tmp_path / "a.zip", {"a.pdf": b"%PDF-1.4" + bytes(range(256)) * 40})
    total = ExtractSettings(ocr=NO_OCR.ocr, limits=Limits(max_uncompressed_bytes=5_000))
    assert _limit(tmp_path, total)[0] == "uncompressed_size"
    single = ExtractSettings(ocr=NO_OCR.ocr, limits=Limits(max_file_bytes=5_000))
    assert _limit(tmp_path, single)[0] == "file_size"


def test_a_header_that_understates_the_size_yields_no_more_bytes(tmp_path: Path) -> None:
    path = _zip(tmp_path / "liar.zip", {"a.pdf": b"%PDF-1.4" + b"x" * 100_000})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # declared uncompressed size
    path.write_bytes(bytes(data))
    (document,) = _extract(tmp_path)
    assert document.size == 100
    assert document.error is not None and document.error.code == "corrupt"
