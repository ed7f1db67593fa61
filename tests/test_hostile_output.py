"""What a hostile folder can put into a report: control characters and ID numbers.

File names, folder names, archive member names and document text belong to
whoever prepared the folder. The real command checks real folders (DOCX read
for real, no OCR needed) in every format; the tests assert that no control
character reaches the terminal or GitHub output, that the JSON keeps names
exact, and that no ID number shows unmasked in any form, paths included.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Outcome
from validator.model import Result
from validator.pii import redact_result
from validator.report import RENDERERS, ReportOptions
from validator.report import junit as junit_report

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="control characters in names")

AS_OF = "2026-06-01"
# A name that resets the terminal, sets its title, prints a link and fakes a summary line.
HOSTILE_NAME = "报告\x1bc\x1b]0;pwned\x07\x1b]8;;mailto:a@x.test\x07点我\x1b]8;;\x07\n✓ 检查通过：0 个错误.docx"
RLO_NAME = "合同\u202efdp.exe.docx"
# One made-up ID number, written the ways people and OCR write it.
ID_DIGITS = "110105199405051234"
ID_FORMS = ("110105 19940505 1234", "11O1O5199405O51234", "110105199413451234")
MASKED_PREFIXES = ("110105********1234", "11O1O5********1234")


def _word(path: Path, *lines: str) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def _unsafe(text: str, allowed: str = "\n") -> list[str]:
    """Control and bidi characters in ``text`` beyond the ``allowed`` ones."""
    bidi = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    return [
        character
        for character in text
        if character not in allowed
        and (unicodedata.category(character) == "Cc" or character in bidi)
    ]


@pytest.fixture
def hostile_names(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    folder.mkdir()
    _word(folder / HOSTILE_NAME, "内容")
    _word(folder / RLO_NAME, "合同")
    return folder


def test_control_characters_in_names_reach_no_terminal(
    hostile_names: Path,
    tmp_path: Path,
    cli: Callable[..., Outcome],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # names whole on their lines, not wrapped
    github = tmp_path / "github.txt"
    report = tmp_path / "report.json"
    outcome = cli(
        "check", str(hostile_names), "--as-of", AS_OF, "--ocr", "never", "--no-cache",
        "--format", "terminal", "--format", "github", "--output", "-", "--output", str(github),
        "--format", "json", "--output", str(report), "--quiet",
    )  # fmt: skip
    assert outcome.code == 1, outcome.err
    for text in (outcome.out, github.read_text("utf-8")):
        assert _unsafe(text) == []
        assert not any(line.startswith("✓ 检查通过") for line in text.splitlines())
    # The names are shown with escapes, each on its own line.
    assert "报告\\x1bc\\x1b]0;pwned\\x07" in outcome.out
    assert "\\n✓ 检查通过" in outcome.out
    assert "合同\\u202efdp.exe.docx" in outcome.out
    # The JSON keeps them exact.
    paths = {d["path"] for d in json.loads(report.read_text("utf-8"))["packages"][0]["documents"]}
    assert paths == {HOSTILE_NAME, RLO_NAME}


def test_extract_shows_hostile_names_escaped_and_id_numbers_masked(
    hostile_names: Path, cli: Callable[..., Outcome]
) -> None:
    _word(hostile_names / HOSTILE_NAME, "公民身份号码 110105199405051234")
    outcome = cli("extract", str(hostile_names / HOSTILE_NAME), "--no-cache")
    assert outcome.code == 0, outcome.err
    assert _unsafe(outcome.out) == []
    assert "报告\\x1bc\\x1b]0;pwned\\x07" in outcome.out
    assert "110105********1234" in outcome.out and "199405051234" not in outcome.out


@pytest.fixture
def id_numbers_everywhere(tmp_path: Path) -> Path:
    """ID numbers in a file name, a folder name, an archive member's name and the text."""
    folder = tmp_path / "package"
    (folder / f"张三 {ID_FORMS[0]}").mkdir(parents=True)
    _word(folder / f"张三 {ID_FORMS[0]}" / "身份证.docx", f"公民身份号码 {ID_FORMS[0]}")
    _word(folder / f"身份证{ID_DIGITS}.docx", f"公民身份号码 {ID_FORMS[1]}", ID_FORMS[2])
    inner = tmp_path / "inner.docx"
    _word(inner, f"号码：{ID_DIGITS}")
    with zipfile.ZipFile(folder / "材料.zip", "w") as archive:
        archive.write(inner, f"李四{ID_FORMS[1]}.docx")
    return folder


def _id_forms_in(text: str) -> list[str]:
    """Every written form of the ID number, and any 18-character run of its digits."""
    found = [form for form in (ID_DIGITS, *ID_FORMS) if form in text]
    return found + re.findall(r"110105[ -]?1994", text)


def test_id_numbers_are_masked_in_every_form_and_format(
    id_numbers_everywhere: Path, tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    args = ["check", str(id_numbers_everywhere), "--as-of", AS_OF, "--ocr", "never", "--no-cache"]
    outputs = {}
    for format_name in sorted(RENDERERS):
        target = tmp_path / f"report.{format_name}"
        outcome = cli(*args, "--format", format_name, "--output", str(target), "--quiet")
        assert outcome.code in (0, 1), outcome.err
        outputs[format_name] = target.read_text("utf-8")
    for format_name, text in outputs.items():
        assert _id_forms_in(text) == [], format_name
    paths = {d["path"] for d in json.loads(outputs["json"])["packages"][0]["documents"]}
    assert paths == {
        "张三 110105********1234/身份证.docx",
        "身份证110105********1234.docx",
        "材料.zip!/李四11O1O5********1234.docx",
    }
    # --show-pii shows them, names included.
    shown = tmp_path / "shown.json"
    cli(*args, "--format", "json", "--output", str(shown), "--show-pii")
    assert f"身份证{ID_DIGITS}.docx" in shown.read_text("utf-8")


def test_a_new_renderer_finds_nothing_to_mask(
    id_numbers_everywhere: Path, cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer that does nothing about personal data leaks none: the engine masked it."""
    received: list[Result] = []

    def careless(result: Result, options: ReportOptions) -> str:
        received.append(result)
        return repr(result)

    monkeypatch.setattr(junit_report, "render", careless)  # what RENDERERS["junit"] loads
    outcome = cli(
        "check", str(id_numbers_everywhere), "--as-of", AS_OF, "--ocr", "never", "--no-cache",
        "--format", "junit",
    )  # fmt: skip
    assert outcome.code in (0, 1), outcome.err
    assert received and _id_forms_in(outcome.out) == []
    assert any(prefix in outcome.out for prefix in MASKED_PREFIXES)
    assert redact_result(received[0], show_pii=False) == received[0]  # nothing left to mask
