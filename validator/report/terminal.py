"""The terminal report (rich): fact sheet, checklist, findings by file, summary.

All document text goes in as ``rich.text.Text`` values, never as console
markup, so square brackets in a document cannot restyle the report.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from validator.model import ItemStatus, PackageResult, ReportedFinding, Result
from validator.report.common import (
    assignment_text,
    checklist,
    fact_sheet,
    finding_message,
    finding_pages,
    findings_by_path,
    fix_hint,
    label,
    sorted_assignments,
    summary_line,
)
from validator.report.options import ReportOptions
from validator.report.pii import redact_result

# Checklist marks and styles per item status: a glance down the first column
# shows what is missing.
STATUS_MARKS = {
    "present": ("✓", "green"),
    "missing": ("✗", "bold red"),
    "defective": ("✗", "yellow"),
    "not_applicable": ("–", "dim"),
}

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}

# Left margin of the lines under a finding (evidence, hint, waiver).
DETAIL_INDENT = "  "

# Longest evidence shown in a terminal, in characters: enough for the sentence
# around the problem; the HTML and JSON reports keep it whole.
EVIDENCE_LIMIT = 160


def render(result: Result, options: ReportOptions) -> str:
    """The terminal report as text (ANSI-styled only when ``options.color``)."""
    result = redact_result(result, options.show_pii)
    console = _console(options)
    for package in result.packages:
        console.print(_package(package, result, options))
    console.print(RichText(summary_line(result, options.lang), style="bold"))
    output = console.file
    assert isinstance(output, StringIO)  # set by _console; narrows the type
    if options.color:
        return output.getvalue()
    # rich pads every cell to its column width; plain text needs no padding.
    return "".join(line.rstrip() + "\n" for line in output.getvalue().splitlines())


def _console(options: ReportOptions) -> Console:
    return Console(
        file=StringIO(),
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        width=options.width,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def _package(package: PackageResult, result: Result, options: ReportOptions) -> RenderableType:
    lang = options.lang
    parts: list[RenderableType] = [
        RichText(label("package", lang, root=package.root), style="bold underline")
    ]
    if not options.quiet:
        parts.append(_facts(package, result, lang))
        parts.append(_heading(label("heading.checklist", lang)))
        parts.append(_checklist(package, lang))
        parts.append(_heading(label("heading.findings", lang)))
    parts.extend(_findings(package, lang))
    parts.append(RichText(""))
    return Group(*parts)


def _heading(text: str) -> RichText:
    return RichText("\n" + text, style="bold")


def _facts(package: PackageResult, result: Result, lang: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for row in fact_sheet(package, result.as_of, lang):
        value = RichText(row.value, style="" if row.known else "dim italic")
        if row.source:
            value.append(f"  ({row.source})", style="dim")
        table.add_row(RichText(row.label), value)
    return table


def _checklist(package: PackageResult, lang: str) -> Table:
    """One table for all categories, so the columns line up down the page."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True)  # mark
    table.add_column(overflow="fold")  # item title
    table.add_column(no_wrap=True)  # status
    table.add_column(overflow="fold")  # files and pages
    for rows in checklist(package):
        table.add_row(RichText(""), RichText(rows.title.get(lang), style="bold underline"))
        for status in rows.items:
            table.add_row(*_checklist_row(status, lang))
    return table


def _checklist_row(status: ItemStatus, lang: str) -> tuple[RichText, ...]:
    mark, style = STATUS_MARKS.get(status.status, ("?", ""))
    documents = [assignment_text(a, lang) for a in sorted_assignments(status.documents)]
    return (
        RichText(mark, style=style),
        RichText(status.title.get(lang)),
        RichText(label(f"status.{status.status}", lang), style=style),
        RichText("\n".join(documents) or label("no_documents", lang), style="dim"),
    )


def _findings(package: PackageResult, lang: str) -> list[RenderableType]:
    if not package.findings:
        return [RichText(label("no_findings", lang), style="green")]
    parts: list[RenderableType] = []
    for path, findings in findings_by_path(package.findings):
        parts.append(RichText(path or label("package_wide", lang), style="bold"))
        parts.append(_finding_table(findings, lang))
    return parts


def _finding_table(findings: list[ReportedFinding], lang: str) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)  # indent
    table.add_column(no_wrap=True)  # severity
    table.add_column(no_wrap=True)  # rule id
    table.add_column(no_wrap=True)  # page
    table.add_column()  # message and details
    for reported in findings:
        table.add_row(*_finding_row(reported, lang))
    return table


def _finding_row(reported: ReportedFinding, lang: str) -> tuple[RichText, ...]:
    severity = reported.severity.value
    style = "dim" if reported.waived else SEVERITY_STYLES[severity]
    return (
        RichText(DETAIL_INDENT),
        RichText(label(f"severity.{severity}", lang), style=style),
        RichText(reported.finding.rule, style="dim" if reported.waived else "magenta"),
        RichText(finding_pages(reported.finding, lang)),
        _finding_body(reported, lang),
    )


def _finding_body(reported: ReportedFinding, lang: str) -> RichText:
    body = RichText(finding_message(reported, lang), style="dim" if reported.waived else "")
    finding = reported.finding
    if finding.evidence:
        body.append(f"\n{label('evidence', lang)}: ", style="dim")
        body.append(_snippet(finding.evidence), style="italic")
    hint = fix_hint(finding.rule, lang)
    if hint:
        body.append(f"\n{label('hint', lang)}: ", style="dim")
        body.append(hint)
    if reported.waived:
        body.append("\n" + label("waived_reason", lang, reason=reported.waiver_reason), "dim")
    elif reported.waiver_reason:
        body.append("\n" + label("waiver_expired", lang, reason=reported.waiver_reason))
    return body


def _snippet(evidence: str) -> str:
    """Evidence on one line, cut at ``EVIDENCE_LIMIT`` characters."""
    flat = " ".join(evidence.split())
    if len(flat) <= EVIDENCE_LIMIT:
        return flat
    return flat[: EVIDENCE_LIMIT - 1] + "…"
