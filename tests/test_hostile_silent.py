"""Nothing skipped in silence, nothing written into the checked folder.

A folder nested deeper than the system's longest path, a cache directory
inside the checked folder and a DOCX whose XML is UTF-32 with a DOCTYPE:
each used to pass without a word. Real folders, the real command.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Outcome
from tests.extract.inputs import rewrite_member
from validator.discover import discover
from validator.errors import EXIT_USAGE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX path limits")

AS_OF = "2026-06-01"
# A folder name of 200 bytes; 25 of them nest beyond Linux's PATH_MAX (4096).
LONG_NAME = "深" * 66 + "x" * 2
DEPTH = 25


def _deep_file(root: Path) -> None:
    """root/LONG/LONG/.../申请表.docx, made relative to open folders (no path is too long then)."""
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(DEPTH):
            os.mkdir(LONG_NAME, dir_fd=descriptor)
            inner = os.open(LONG_NAME, os.O_RDONLY | os.O_DIRECTORY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        created = os.open("申请表.docx", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(created, b"PK\x03\x04")
        os.close(created)
    finally:
        os.close(descriptor)


def test_a_folder_nested_beyond_the_path_limit_is_reported(tmp_path: Path) -> None:
    _deep_file(tmp_path)
    found = discover(tmp_path)
    assert found, "the walk said nothing about the folder it could not enter"
    assert all(source.problem is not None for source in found)
    assert any(source.path.count(LONG_NAME) >= 1 for source in found)
    assert {source.problem.code for source in found if source.problem} == {"unsupported"}


def test_a_cache_inside_the_checked_folder_is_refused(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    package = tmp_path / "package"
    package.mkdir()
    docx.Document().save(str(package / "申请表.docx"))
    before = sorted(p.name for p in package.iterdir())
    outcome = cli(
        "check", str(package), "--cache-dir", str(package / ".mv-cache"), "--ocr", "never"
    )
    assert outcome.code == EXIT_USAGE
    assert "inside the checked folder" in outcome.err
    assert sorted(p.name for p in package.iterdir()) == before


def _utf32_with_doctype(xml: bytes) -> bytes:
    text = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-32"', 1)
    head, body = text.split("?>", 1)
    entity = '<!DOCTYPE w:document [<!ENTITY name "乙公司信息技术有限公司">]>'
    return (head + "?>" + entity + body).encode("utf-32")


def test_a_utf32_docx_with_a_doctype_gets_a_finding(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    package = tmp_path / "package"
    package.mkdir()
    document = docx.Document()
    document.add_paragraph("申请单位：甲公司网络科技有限公司")
    document.save(str(package / "申请表.docx"))
    rewrite_member(package / "申请表.docx", "word/document.xml", _utf32_with_doctype)
    report = tmp_path / "report.json"
    outcome = cli(
        "check", str(package), "--as-of", AS_OF, "--ocr", "never", "--no-cache",
        "--format", "json", "--output", str(report),
    )  # fmt: skip
    assert outcome.code == 1, outcome.err
    findings = json.loads(report.read_text("utf-8"))["packages"][0]["findings"]
    assert any(
        f["rule"] == "unreadable-document" and f["path"] == "申请表.docx" for f in findings
    ), findings
