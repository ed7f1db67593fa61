"""The HTML report: one self-contained file (inline CSS and JS, no network).

Jinja2 renders it with autoescaping on, so document text such as
``<script>`` shows as text. The page carries a Content-Security-Policy that
forbids every fetch: the report opens the same offline, in a mail client or
from an archive years later.

It is a working document: a table of contents, checklist rows linked to
their findings and back, each finding's page with the box of what it
concerns (drawn from the finding's region, never looked up), and the audit
data a reviewer files with it (each file's sha256, manifest, tool version,
as-of date, when the report was made).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2

from validator.model import Document, ItemStatus, PackageResult, Region, ReportedFinding, Result
from validator.report.common import (
    SEVERITIES,
    FactRow,
    assignment_text,
    checklist,
    display_status,
    fact_sheet,
    finding_message,
    finding_pages,
    findings_by_path,
    fix_hint,
    label,
    rule_title,
    sorted_assignments,
    summary_line,
)
from validator.report.options import ReportOptions

TEMPLATE = "report.html.j2"

# Checklist marks per displayed status, as in the terminal report.
STATUS_MARKS = {
    "present": "✓",
    "missing": "✗",
    "defective": "✗",
    "not_applicable": "–",
    "undecided": "?",
}

# <html lang> per catalogue language.
HTML_LANG = {"zh": "zh-CN", "en": "en"}

# Characters an HTML id keeps from an item id or fingerprint; others become "-".
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("validator.report", "templates"),
    autoescape=True,  # every value is text, never markup
    undefined=jinja2.StrictUndefined,  # a misspelt field fails the tests, not the reader
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class FindingLink:
    anchor: str
    label: str


@dataclass(frozen=True)
class ItemRow:
    id: str
    anchor: str
    title: str
    status: str
    status_label: str
    mark: str
    required_label: str
    documents: tuple[str, ...]
    findings: tuple[FindingLink, ...]


@dataclass(frozen=True)
class CategoryView:
    title: str
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True)
class Figure:
    """A page thumbnail with the finding's box drawn over it (percent of the page)."""

    thumbnail: str
    alt: str
    kind: str
    box_style: str  # CSS left/top/width/height; empty when the whole page is meant


@dataclass(frozen=True)
class FindingView:
    anchor: str
    item_anchor: str
    severity: str
    severity_label: str
    rule: str
    rule_title: str
    pages: str
    item_title: str
    message: str
    evidence: str
    hint: str
    waived: bool
    waiver_reason: str
    figure: Figure | None


@dataclass(frozen=True)
class FileGroup:
    path: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class FileRow:
    """One line of the audit table: what exactly was checked."""

    path: str
    kind: str
    size: int
    pages: int
    sha256: str


@dataclass(frozen=True)
class PackageView:
    anchor: str
    root: str
    facts: tuple[FactRow, ...]
    categories: tuple[CategoryView, ...]
    groups: tuple[FileGroup, ...]
    files: tuple[FileRow, ...]
    manifest: str


@dataclass(frozen=True)
class SeverityFilter:
    value: str
    label: str
    count: int


def render(result: Result, options: ReportOptions) -> str:
    """The HTML report as one string."""
    lang = options.lang

    def translate(key: str, **args: object) -> str:
        return label(key, lang, **args)

    packages = [
        _package_view(n, package, result, lang) for n, package in enumerate(result.packages)
    ]
    return _ENVIRONMENT.get_template(TEMPLATE).render(
        html_lang=HTML_LANG.get(lang, lang),
        t=translate,
        version=result.tool_version,
        as_of=result.as_of.isoformat(),
        generated_at=options.generated_at or "",
        packages=packages,
        severities=_severity_filters(result, lang),
        summary=summary_line(result, lang),
    )


def box_style(region: Region) -> str:
    """The region's box as CSS percentages of its page; empty for a whole page."""
    if region.box is None or region.page_size is None:
        return ""
    width, height = region.page_size
    if width <= 0 or height <= 0:
        return ""
    x0, y0, x1, y1 = region.box
    left, top = _percent(x0, width), _percent(y0, height)
    return (
        f"left:{left}%;top:{top}%;"
        f"width:{_percent(x1 - x0, width)}%;height:{_percent(y1 - y0, height)}%"
    )


def _percent(value: int, whole: int) -> float:
    return round(max(0.0, min(100.0, 100 * value / whole)), 2)


def anchor(*parts: str) -> str:
    """An HTML id made of ``parts``: stable across runs, safe in a URL fragment."""
    return "-".join(_ID_UNSAFE.sub("-", part) for part in parts)


def _severity_filters(result: Result, lang: str) -> list[SeverityFilter]:
    counts = result.summary()
    return [
        SeverityFilter(s.value, label(f"severity.{s.value}", lang), counts[s.value])
        for s in SEVERITIES
    ]


def _package_view(number: int, package: PackageResult, result: Result, lang: str) -> PackageView:
    prefix = f"p{number + 1}"
    context = _FindingContext(package, prefix, lang)
    groups = tuple(
        FileGroup(path or label("package_wide", lang), tuple(map(context.view, findings)))
        for path, findings in findings_by_path(package.findings)
    )
    links = _links_by_item(groups, package)
    categories = tuple(
        CategoryView(
            rows.title.get(lang),
            tuple(_item_row(s, package, prefix, links.get(s.item, ()), lang) for s in rows.items),
        )
        for rows in checklist(package)
    )
    manifest = package.manifest
    return PackageView(
        anchor=prefix,
        root=package.root,
        facts=tuple(fact_sheet(package, result.as_of, lang)),
        categories=categories,
        groups=groups,
        files=tuple(_file_row(d) for d in sorted(package.documents, key=lambda d: d.path)),
        manifest=f"{manifest.id} v{manifest.version}",
    )


def _links_by_item(
    groups: tuple[FileGroup, ...], package: PackageResult
) -> dict[str, tuple[FindingLink, ...]]:
    """Each item's findings, as links from its checklist row (in report order)."""
    links: dict[str, list[FindingLink]] = {}
    views = [view for group in groups for view in group.findings]
    reported = [r for _, found in findings_by_path(package.findings) for r in found]
    for view, finding in zip(views, reported, strict=True):
        if finding.finding.item:
            text = f"{view.severity_label} {view.rule}"
            links.setdefault(finding.finding.item, []).append(FindingLink(view.anchor, text))
    return {item: tuple(found) for item, found in links.items()}


def _item_row(
    status: ItemStatus,
    package: PackageResult,
    prefix: str,
    findings: tuple[FindingLink, ...],
    lang: str,
) -> ItemRow:
    shown = display_status(status)
    return ItemRow(
        id=status.item,
        anchor=anchor(prefix, "item", status.item),
        title=status.title.get(lang),
        status=shown,
        status_label=label(f"status.{shown}", lang),
        mark=STATUS_MARKS.get(shown, "?"),
        required_label=label(f"required.{status.required}", lang),
        documents=tuple(assignment_text(a, lang) for a in sorted_assignments(status.documents)),
        findings=findings,
    )


def _file_row(document: Document) -> FileRow:
    return FileRow(
        document.path, document.kind, document.size, len(document.pages), document.sha256
    )


class _FindingContext:
    """What a finding's view needs from its package: item titles and anchors."""

    def __init__(self, package: PackageResult, prefix: str, lang: str) -> None:
        self.lang = lang
        self.prefix = prefix
        self.titles = {status.item: status.title.get(lang) for status in package.items}
        self.count = 0

    def view(self, reported: ReportedFinding) -> FindingView:
        finding = reported.finding
        lang = self.lang
        self.count += 1  # findings come in report order: the same anchors every run
        return FindingView(
            anchor=anchor(self.prefix, "finding", str(self.count)),
            item_anchor=anchor(self.prefix, "item", finding.item) if finding.item else "",
            severity=reported.severity.value,
            severity_label=label(f"severity.{reported.severity.value}", lang),
            rule=finding.rule,
            rule_title=rule_title(finding.rule, lang),
            pages=finding_pages(finding, lang),
            item_title=self.titles.get(finding.item or "", finding.item or ""),
            message=finding_message(reported, lang),
            evidence=finding.evidence,
            hint=fix_hint(finding.rule, lang, finding) or "",
            waived=reported.waived,
            waiver_reason=reported.waiver_reason,
            figure=self.figure(reported),
        )

    def figure(self, reported: ReportedFinding) -> Figure | None:
        """The finding's page with its box, when the rule gave a region on a page with a picture."""
        region = reported.finding.region
        if region is None or not region.thumbnail:
            return None
        alt = label("thumbnail", self.lang, path=reported.finding.path or "", page=region.page)
        return Figure(region.thumbnail, alt, region.kind, box_style(region))
