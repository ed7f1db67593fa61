"""Plain text notes are read as text, in UTF-8 or GBK, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.discover import discover
from validator.extract import ExtractSettings, extract_documents

NOTE = "服务流程说明\n一、用户注册：手机号验证\n二、使用：在线浏览\n三、付费：按月订阅"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("说明.txt", NOTE.encode("utf-8")),
        ("说明-bom.md", b"\xef\xbb\xbf" + NOTE.encode("utf-8")),
        ("说明-gbk.txt", NOTE.encode("gbk")),
        ("notes.yaml", ("# 交接说明\n" + NOTE).encode("gb18030")),
    ],
)
def test_text_file_is_read_as_text(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    (document,) = extract_documents(discover(tmp_path), ExtractSettings(), jobs=1, cache_dir=None)
    assert (document.kind, document.error, document.paged) == ("text", None, False)
    assert "一、用户注册:手机号验证" in document.text  # NFKC folds the full-width colon
    assert document.pages[0].source == "text"


def test_binary_file_is_still_unsupported(tmp_path: Path) -> None:
    (tmp_path / "设计稿.psd").write_bytes(b"8BPS\x00\x01" + bytes(range(256)) * 8)
    (document,) = extract_documents(discover(tmp_path), ExtractSettings(), jobs=1, cache_dir=None)
    assert document.error is not None and document.error.code == "other_format"


def test_a_binary_file_named_as_a_document_is_unsupported_not_another_format(
    tmp_path: Path,
) -> None:
    (tmp_path / "营业执照.pdf").write_bytes(b"8BPS\x00\x01" + bytes(range(256)) * 8)
    (document,) = extract_documents(discover(tmp_path), ExtractSettings(), jobs=1, cache_dir=None)
    assert document.error is not None and document.error.code == "unsupported"


def test_a_utf16_note_from_notepad_is_text(tmp_path: Path) -> None:
    (tmp_path / "交接说明.txt").write_bytes("交接说明\n服务流程说明另附。".encode("utf-16"))
    (document,) = extract_documents(discover(tmp_path), ExtractSettings(), jobs=1, cache_dir=None)
    assert (document.kind, document.error) == ("text", None)
    assert "服务流程说明另附" in document.text
