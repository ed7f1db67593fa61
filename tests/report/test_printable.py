"""Document text cannot drive a terminal: the text formats escape controls, JSON keeps them."""

from __future__ import annotations

import dataclasses
import json
import unicodedata

import pytest

from validator.model import Finding, ReportedFinding, Result, Severity
from validator.report import RENDERERS, ReportOptions
from validator.report.printable import shown_name, shown_text

from .builders import build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _unsafe(text: str) -> list[str]:
    return [c for c in text if c != "\n" and (unicodedata.category(c) == "Cc" or c in BIDI)]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\x1bc.pdf", "a\\x1bc.pdf"),
        ("a\n✓ b.pdf", "a\\n✓ b.pdf"),
        ("合同\u202efdp.exe", "合同\\u202efdp.exe"),
        ("\x9b31m", "\\x9b31m"),
        ("营业执照.pdf", "营业执照.pdf"),
    ],
)
def test_names_are_shown_with_escapes(name: str, shown: str) -> None:
    assert shown_name(name) == shown


def test_prose_keeps_its_words_and_loses_its_controls() -> None:
    assert shown_text("张三\n李四\x1b[2J") == "张三 李四\\x1b[2J"
    assert shown_text("a\nb", line_breaks=True) == "a\nb"


def _with_hostile_text(result: Result) -> Result:
    package = result.packages[0]
    finding = Finding(
        rule="unmatched-document",
        message_id="test.unreadable",
        args=(("detail", "张三\x1bc\x1b]8;;http://x.test\x07点我\x1b]8;;\x07\u202e"),),
        path="a.pdf",
        evidence="签名人 \x1b[2J\x9b31m李四\u2066",
    )
    reported = ReportedFinding(finding, Severity.ERROR, "f1")
    changed = dataclasses.replace(package, findings=(reported,))
    return dataclasses.replace(result, packages=(changed,))


@pytest.mark.parametrize("format_name", ["terminal", "github"])
def test_control_characters_in_document_text_are_escaped(format_name: str) -> None:
    output = RENDERERS[format_name](_with_hostile_text(build_result()), ReportOptions(width=200))
    assert _unsafe(output) == []
    assert "\\x1bc" in output and "\\u202e" in output


def test_json_keeps_document_text_exact() -> None:
    output = RENDERERS["json"](_with_hostile_text(build_result()), ReportOptions())
    (finding,) = json.loads(output)["packages"][0]["findings"]
    assert finding["evidence"] == "签名人 \x1b[2J\x9b31m李四\u2066"
