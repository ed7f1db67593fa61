"""The terminal report (rich): fact sheet, checklist, findings by file, summary.

All document text goes in as ``rich.text.Text`` values, never as console
markup, so square brackets in a document cannot restyle the report.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from validator.model import ItemStatus, PackageResult, ReportedFinding, Result
from validator.report.common import (
    assignment_text,
    checklist,
    config_lines,
    display_status,
    fact_sheet,
    finding_message,
    finding_pages,
    findings_by_path,
    fix_hint,
    label,
    note_message,
    sorted_assignments,
    summary_line,
)
from validator.report.options import ReportOptions
from validator.report.printable import printable_result

# Checklist marks and styles per item status: a glance down the first column
# shows what is missing.
STATUS_MARKS = {
    "present": ("✓", "green"),
    "missing": ("✗", "bold red"),
    "defective": ("✗", "yellow"),
    "not_applicable": ("–", "dim"),
    "undecided": ("?", "cyan"),
}

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}

# Left margin of a finding's heading line, and of its message and details.
HEADING_INDENT = 2
DETAIL_INDENT = 4

# Width of a report that goes to a pipe or a file, where no terminal says how
# wide it is: a finding's message and its details stay one readable block.
PIPE_WIDTH = 100


def render(result: Result, options: ReportOptions) -> str:
    """The terminal report as text (ANSI-styled only when ``options.color``)."""
    result = printable_result(result)  # no document or name drives the terminal
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
        width=options.width or (None if options.color else PIPE_WIDTH),
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def _package(package: PackageResult, result: Result, options: ReportOptions) -> RenderableType:
    lang = options.lang
    parts: list[RenderableType] = [
        RichText(label("package", lang, root=package.root), style="bold underline")
    ]
    # Always shown, --quiet too: a config can switch checks off.
    parts.extend(RichText(line, style="yellow") for line in config_lines(package.config_info, lang))
    if not options.quiet:
        parts.append(_facts(package, result, lang))
        parts.append(_heading(label("heading.checklist", lang)))
        parts.append(_checklist(package, lang))
        parts.append(_heading(label("heading.findings", lang)))
    parts.extend(_findings(package, lang))
    for note in package.notes:
        text = RichText(f"{label('severity.warning', lang)} ", style="yellow", overflow="fold")
        text.append(note_message(note, lang))
        parts.append(text)
    parts.append(RichText(""))
    return Group(*parts)


def _heading(text: str) -> RichText:
    return RichText("\n" + text, style="bold")


def _facts(package: PackageResult, result: Result, lang: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", overflow="fold")
    table.add_column(overflow="fold")
    for row in fact_sheet(package, result.as_of, lang):
        value = RichText(row.value, style="" if row.known else "dim italic")
        if row.source:
            value.append(f"  ({row.source})", style="dim")
        table.add_row(RichText(row.label), value)
    return table


def _checklist(package: PackageResult, lang: str) -> Table:
    """One table for all categories, so the columns line up down the page."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    # Every column folds rather than cuts: nothing is lost at any width.
    table.add_column(overflow="fold")  # mark
    table.add_column(overflow="fold", ratio=3)  # item title
    table.add_column(overflow="fold")  # status
    table.add_column(overflow="fold", ratio=3)  # files and pages
    for rows in checklist(package):
        table.add_row(RichText(""), RichText(rows.title.get(lang), style="bold underline"))
        for status in rows.items:
            table.add_row(*_checklist_row(status, package.findings, lang))
    return table


def _checklist_row(
    status: ItemStatus, findings: tuple[ReportedFinding, ...], lang: str
) -> tuple[RichText, ...]:
    shown = display_status(status)
    mark, style = STATUS_MARKS.get(shown, ("?", ""))
    documents = [assignment_text(a, lang) for a in sorted_assignments(status.documents)]
    return (
        RichText(mark, style=style),
        RichText(status.title.get(lang)),
        RichText(label(f"status.{shown}", lang), style=style),
        RichText("\n".join(documents) or label("no_documents", lang), style="dim"),
    )


def _findings(package: PackageResult, lang: str) -> list[RenderableType]:
    if not package.findings:
        return [RichText(label("no_findings", lang), style="green")]
    parts: list[RenderableType] = []
    for path, findings in findings_by_path(package.findings):
        parts.append(RichText(path or label("package_wide", lang), style="bold", overflow="fold"))
        for reported in findings:
            parts.append(Padding(_finding_heading(reported, lang), (0, 0, 0, HEADING_INDENT)))
            parts.append(Padding(_finding_body(reported, lang), (0, 0, 0, DETAIL_INDENT)))
    return parts


def _finding_heading(reported: ReportedFinding, lang: str) -> RichText:
    """``错误 missing-seal 第1页``: severity, rule id and pages, folded rather than cut."""
    severity = reported.severity.value
    waived = reported.waived
    heading = RichText(overflow="fold")
    heading.append(
        label(f"severity.{severity}", lang), "dim" if waived else SEVERITY_STYLES[severity]
    )
    heading.append(" ")
    heading.append(reported.finding.rule, "dim" if waived else "magenta")
    pages = finding_pages(reported.finding, lang)
    if pages:
        heading.append(" " + pages)
    return heading


def _finding_body(reported: ReportedFinding, lang: str) -> RichText:
    """The message, then evidence, hint and waiver: wrapped, and long words folded, never cut."""
    body = RichText(
        finding_message(reported, lang), style="dim" if reported.waived else "", overflow="fold"
    )
    finding = reported.finding
    if finding.evidence:
        body.append(f"\n{label('evidence', lang)}: ", style="dim")
        body.append(" ".join(finding.evidence.split()), style="italic")
    hint = fix_hint(finding.rule, lang, finding)
    if hint:
        body.append(f"\n{label('hint', lang)}: ", style="dim")
        body.append(hint)
    if reported.waived:
        body.append("\n" + label("waived_reason", lang, reason=reported.waiver_reason), "dim")
    elif reported.waiver_reason:
        body.append("\n" + label("waiver_expired", lang, reason=reported.waiver_reason))
    return body
