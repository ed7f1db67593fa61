"""The HTML report: one self-contained file (inline CSS and JS, no network).

Jinja2 renders it with autoescaping on, so document text such as
``<script>`` shows as text. The page carries a Content-Security-Policy that
forbids every fetch: the report opens the same offline, in a mail client or
from an archive years later.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from validator.model import Document, ItemStatus, PackageResult, ReportedFinding, Result
from validator.report.common import (
    SEVERITIES,
    FactRow,
    assignment_text,
    checklist,
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
from validator.report.pii import redact_result

TEMPLATE = "report.html.j2"

# Findings a reader judges better with the page in view: a seal that is not
# there (or unreadable) and a scan that is too poor.
THUMBNAIL_RULES = frozenset(
    {"missing-seal", "seal-not-imprinted", "seal-owner-unverified", "low-quality-scan"}
)

# Checklist marks per item status, as in the terminal report.
STATUS_MARKS = {"present": "✓", "missing": "✗", "defective": "✗", "not_applicable": "–"}

# <html lang> per catalogue language.
HTML_LANG = {"zh": "zh-CN", "en": "en"}

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("validator.report", "templates"),
    autoescape=True,  # every value is text, never markup
    undefined=jinja2.StrictUndefined,  # a misspelt field fails the tests, not the reader
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class ItemRow:
    id: str
    title: str
    status: str
    status_label: str
    mark: str
    required_label: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class CategoryView:
    title: str
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True)
class FindingView:
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
    thumbnail: str | None
    thumbnail_alt: str


@dataclass(frozen=True)
class FileGroup:
    path: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class PackageView:
    root: str
    facts: tuple[FactRow, ...]
    categories: tuple[CategoryView, ...]
    groups: tuple[FileGroup, ...]


@dataclass(frozen=True)
class SeverityFilter:
    value: str
    label: str
    count: int


def render(result: Result, options: ReportOptions) -> str:
    """The HTML report as one string."""
    result = redact_result(result, options.show_pii)
    lang = options.lang

    def translate(key: str, **args: object) -> str:
        return label(key, lang, **args)

    return _ENVIRONMENT.get_template(TEMPLATE).render(
        html_lang=HTML_LANG.get(lang, lang),
        t=translate,
        version=result.tool_version,
        packages=[_package_view(package, result, lang) for package in result.packages],
        severities=_severity_filters(result, lang),
        summary=summary_line(result, lang),
    )


def thumbnail_uri(document: Document | None, page: int | None) -> str | None:
    """The page's thumbnail (a ``data:`` URI made at extraction), or None when there is none.

    Inlined, so the report stays one self-contained file; a finding on a whole
    document shows its first page.
    """
    if document is None:
        return None
    number = page or 1
    found = next((p for p in document.pages if p.number == number), None)
    return found.thumbnail if found is not None and found.thumbnail else None


def _severity_filters(result: Result, lang: str) -> list[SeverityFilter]:
    counts = result.summary()
    return [
        SeverityFilter(s.value, label(f"severity.{s.value}", lang), counts[s.value])
        for s in SEVERITIES
    ]


def _package_view(package: PackageResult, result: Result, lang: str) -> PackageView:
    categories = tuple(
        CategoryView(rows.title.get(lang), tuple(_item_row(s, lang) for s in rows.items))
        for rows in checklist(package)
    )
    context = _FindingContext(package, lang)
    groups = tuple(
        FileGroup(path or label("package_wide", lang), tuple(map(context.view, findings)))
        for path, findings in findings_by_path(package.findings)
    )
    return PackageView(
        package.root, tuple(fact_sheet(package, result.as_of, lang)), categories, groups
    )


def _item_row(status: ItemStatus, lang: str) -> ItemRow:
    return ItemRow(
        id=status.item,
        title=status.title.get(lang),
        status=status.status,
        status_label=label(f"status.{status.status}", lang),
        mark=STATUS_MARKS.get(status.status, "?"),
        required_label=label(f"required.{status.required}", lang),
        documents=tuple(assignment_text(a, lang) for a in sorted_assignments(status.documents)),
    )


class _FindingContext:
    """What a finding's view needs from its package: item titles and documents."""

    def __init__(self, package: PackageResult, lang: str) -> None:
        self.lang = lang
        self.titles = {status.item: status.title.get(lang) for status in package.items}
        self.documents = {document.path: document for document in package.documents}

    def view(self, reported: ReportedFinding) -> FindingView:
        finding = reported.finding
        lang = self.lang
        return FindingView(
            severity=reported.severity.value,
            severity_label=label(f"severity.{reported.severity.value}", lang),
            rule=finding.rule,
            rule_title=rule_title(finding.rule, lang),
            pages=finding_pages(finding, lang),
            item_title=self.titles.get(finding.item or "", finding.item or ""),
            message=finding_message(reported, lang),
            evidence=finding.evidence,
            hint=fix_hint(finding.rule, lang) or "",
            waived=reported.waived,
            waiver_reason=reported.waiver_reason,
            thumbnail=self.thumbnail(reported),
            thumbnail_alt=label("thumbnail", lang, path=finding.path or "", page=finding.page or 1),
        )

    def thumbnail(self, reported: ReportedFinding) -> str | None:
        finding = reported.finding
        if finding.rule not in THUMBNAIL_RULES or finding.path is None:
            return None
        return thumbnail_uri(self.documents.get(finding.path), finding.page)
