"""GitHub workflow-command annotations and their escaping."""

from __future__ import annotations

import dataclasses

import pytest

from validator.model import Finding, ReportedFinding, Severity
from validator.report import ReportOptions, github

from .builders import build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")


def test_escape_data() -> None:
    assert github.escape_data("50%\r\nnext: a, b") == "50%25%0D%0Anext: a, b"


def test_escape_property() -> None:
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_one_annotation_per_unwaived_finding() -> None:
    lines = github.render(build_result(), ReportOptions(lang="en")).splitlines()
    assert len(lines) == 8  # nine findings, one waived
    assert not any("title=expired" in line for line in lines)
    assert (
        "::error file=packages/acme/汇编.pdf,line=1,title=missing-seal::No 双方 seal found (pp.5–7)"
        in lines
    )
    # a missing material points into the package, never at the tool's own manifest
    assert lines[0].startswith("::error file=packages/acme,line=1,title=missing-item::")
    assert any(line.startswith("::notice ") for line in lines)
    assert any(line.startswith("::warning ") for line in lines)


def test_hostile_path_and_message_stay_one_command() -> None:
    result = build_result()
    package = result.packages[0]
    finding = Finding(
        rule="unmatched-document",
        message_id="test.unreadable",
        args=(("detail", "100%\nbroken::x"),),
        path="a,b:c.pdf",
    )
    hostile = dataclasses.replace(
        package, findings=(ReportedFinding(finding, Severity.ERROR, "f1"),)
    )
    output = github.render(dataclasses.replace(result, packages=(hostile,)), ReportOptions())
    assert output == (
        "::error file=packages/acme/a%2Cb%3Ac.pdf,line=1,title=unmatched-document"
        "::文件无法读取：100%25%0Abroken::x\n"
    )
