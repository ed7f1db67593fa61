"""The terminal report: colour switch, literal document text, multi-package summary."""

from __future__ import annotations

import dataclasses

import pytest
from rich.cells import cell_len

from validator.report import ReportOptions, terminal

from .builders import build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")

ESCAPE = "\x1b["


def test_no_colour_when_off() -> None:
    output = terminal.render(build_result(), ReportOptions(color=False, width=100))
    assert ESCAPE not in output
    assert not any(line != line.rstrip() for line in output.splitlines())


def test_colour_when_on() -> None:
    output = terminal.render(build_result(), ReportOptions(color=True, width=100))
    assert ESCAPE in output


def test_width_is_respected() -> None:
    output = terminal.render(build_result(), ReportOptions(width=60))
    assert max(cell_len(line) for line in output.splitlines()) <= 60


def test_document_text_is_not_console_markup() -> None:
    result = build_result()
    package = result.packages[0]
    findings = tuple(
        dataclasses.replace(f, finding=dataclasses.replace(f.finding, evidence="[bold]甲方[/bold]"))
        for f in package.findings
    )
    marked = dataclasses.replace(
        result, packages=(dataclasses.replace(package, findings=findings),)
    )
    output = terminal.render(marked, ReportOptions(width=100))
    assert "[bold]甲方[/bold]" in output


def test_fact_sheet_checklist_findings_and_summary() -> None:
    output = terminal.render(build_result(), ReportOptions(lang="en", width=100))
    lines = output.splitlines()
    assert lines[0] == "Package packages/acme"
    assert any(line.startswith("Applicant") and "北京示例科技有限公司" in line for line in lines)
    assert any("Hosting agreement" in line and "汇编.pdf p.3" in line for line in lines)
    assert any(line.strip() == "汇编.pdf pp.5–7" for line in lines)
    assert any("✗" in line and "Bank reference or statements" in line for line in lines)
    assert "Evidence: 乙方（盖章）<script>alert(1)</script>" in output
    assert "How to fix: Stamp the company seal and rescan." in output
    assert "waived: 续期申请已受理" in output
    assert lines[-1] == "2 packages: 4 errors, 3 warnings, 1 info (1 waived)"


def test_quiet_keeps_only_findings_and_summary() -> None:
    output = terminal.render(build_result(), ReportOptions(lang="en", width=100, quiet=True))
    assert "Applicant" not in output
    assert "Checklist" not in output
    assert "No 双方 seal found" in output
    assert output.splitlines()[-1].startswith("2 packages:")


@pytest.mark.parametrize("width", [30, 60, 120])
def test_long_evidence_is_wrapped_whole_at_any_width(width: int) -> None:
    result = build_result()
    package = result.packages[0]
    long_text = "甲方\n" + "很长的原文" * 100
    findings = tuple(
        dataclasses.replace(f, finding=dataclasses.replace(f.finding, evidence=long_text))
        if f.finding.rule == "missing-seal"
        else f
        for f in package.findings
    )
    changed = dataclasses.replace(
        result, packages=(dataclasses.replace(package, findings=findings),)
    )
    output = terminal.render(changed, ReportOptions(width=width))
    assert "…" not in output
    assert "".join(output.split()).count("很长的原文") == 100
    assert max(cell_len(line) for line in output.splitlines()) <= width


def test_chinese_pages_read_as_chinese() -> None:
    output = terminal.render(build_result(), ReportOptions(lang="zh", width=100))
    assert "汇编.pdf 第5–7页" in output
    assert "p." not in output
