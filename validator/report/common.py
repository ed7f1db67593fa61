"""What several renderers share: labels, ordering, page ranges, the fact sheet.

Everything here reads a finished result; nothing decides a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from validator.i18n import has_message, message
from validator.model import (
    Assignment,
    ConfigInfo,
    Finding,
    ItemStatus,
    Note,
    PackageResult,
    ReportedFinding,
    Result,
    Severity,
    Text,
)

TOOL_NAME = "material-validator"

# Most severe first: the order reports list severities in.
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# The facts of the fact sheet, in the order reports show them.
FACT_FIELDS = (
    "applicant",
    "uscc",
    "legal_representative",
    "registered_capital",
    "business_scope",
    "validity_end",
    "issue_date",
)

# Statuses a checklist row can have (ItemStatus.status).
STATUSES = ("present", "missing", "defective", "not_applicable")


def label(key: str, lang: str, **args: object) -> str:
    """A report label from the catalogue (``report.<key>``)."""
    return message(f"report.{key}", lang, args)


# Arguments whose values are words of a manifest vocabulary (seal kinds, parties,
# scopes, imprint kinds): messages show them through the catalogue as ``{<name>_text}``.
TERM_ARGUMENTS = ("kind", "party", "scope", "limit", "imprint")


def term(vocabulary: str, value: str, lang: str) -> str:
    """A vocabulary word as people read it (``term.kind.archive_query`` -> 档案查询章).

    Values joined by ``/`` are shown one by one; a word the catalogue does not
    know (a provincial pack's own seal kind) is shown as it is.
    """
    words = []
    for part in value.split("/"):
        key = f"term.{vocabulary}.{part}"
        words.append(message(key, lang) if has_message(key) else part)
    return ("、" if lang == "zh" else ", ").join(words)


def message_arguments(args: tuple[tuple[str, str], ...], lang: str) -> dict[str, str]:
    """The arguments of a message, with the ``*_text`` forms of vocabulary words added."""
    arguments = dict(args)
    for name in TERM_ARGUMENTS:
        if name in arguments:
            arguments[f"{name}_text"] = term(name, arguments[name], lang)
    suggestion = arguments.get("suggestion")
    arguments["suggestion_text"] = (
        message("waiver.suggestion", lang, {"suggestion": suggestion})
        if suggestion and has_message("waiver.suggestion")
        else ""
    )
    return arguments


def finding_message(reported: ReportedFinding, lang: str) -> str:
    """The finding's message in ``lang``.

    A message id missing from the catalogue still yields something a reader
    can act on (the id and its arguments) instead of failing the whole report.
    """
    finding = reported.finding
    if has_message(finding.message_id):
        return message(finding.message_id, lang, message_arguments(finding.args, lang))
    details = ", ".join(f"{name}={value}" for name, value in finding.args)
    return f"{finding.message_id} ({details})" if details else finding.message_id


def note_message(note: Note, lang: str) -> str:
    """A note on the run's settings (a waiver that matches nothing) in ``lang``."""
    if not has_message(note.message_id):
        return note.message_id
    return message(note.message_id, lang, message_arguments(note.args, lang))


def fix_hint(rule: str, lang: str, finding: Finding | None = None) -> str | None:
    """How to fix ``finding`` of ``rule``, when the catalogue has a hint.

    The most particular hint wins: one for the finding's seal kind
    (``hint.missing-seal.archive_query``, only for archive printouts such as the
    articles of association), then one for its item, then the rule's own.
    """
    keys = [f"hint.{rule}"]
    if finding is not None:
        if finding.item:
            keys.insert(0, f"hint.{rule}.{finding.item}")
        kind = finding.arguments.get("kind")
        if kind:
            keys.insert(0, f"hint.{rule}.{kind}")
    for key in keys:
        if has_message(key):
            return message(key, lang)
    return None


def display_status(status: ItemStatus) -> str:
    """The status a checklist shows: a conditional item nobody has decided is ``undecided``.

    Such an item is "missing" in the JSON contract, but shown as 视情况 rather
    than a red 缺失: its missing-item finding is only a question until a fact
    says the item applies (the engine marks it, from the rule's verdict).
    """
    return "undecided" if status.undecided else status.status


def rule_title(rule: str, lang: str) -> str:
    """A rule's one-line title (``rule.<rule>.title``), else its id."""
    key = f"rule.{rule}.title"
    return message(key, lang) if has_message(key) else rule


def page_range(first: int | None, last: int | None, lang: str) -> str:
    """``p.5`` or ``p.5–7``; empty when there is no page (whole file, DOCX)."""
    if first is None:
        return ""
    if last is None or last == first:
        return label("page", lang, page=first)
    return label("pages", lang, first=first, last=last)


def finding_pages(finding: Finding, lang: str) -> str:
    return page_range(finding.page, finding.page_end, lang)


def assignment_text(assignment: Assignment, lang: str) -> str:
    """``汇编.pdf p.5–7``: the file (and pages) that satisfied an item."""
    pages = page_range(assignment.first, assignment.last, lang)
    return f"{assignment.path} {pages}" if pages else assignment.path


def sorted_assignments(assignments: Iterable[Assignment]) -> list[Assignment]:
    return sorted(assignments, key=lambda a: (a.path, a.first or 0, a.last or 0))


def finding_sort_key(reported: ReportedFinding) -> tuple[str, int, str, str, str]:
    """Findings sort by file, page, rule, item, fingerprint (``ReportedFinding.sort_key``)."""
    return reported.sort_key


def sorted_findings(findings: Iterable[ReportedFinding]) -> list[ReportedFinding]:
    return sorted(findings, key=finding_sort_key)


def findings_by_path(
    findings: Iterable[ReportedFinding],
) -> list[tuple[str | None, list[ReportedFinding]]]:
    """Sorted findings grouped by file; findings without a file come first."""
    groups: dict[str | None, list[ReportedFinding]] = {}
    for reported in sorted_findings(findings):
        groups.setdefault(reported.finding.path, []).append(reported)
    return list(groups.items())


@dataclass(frozen=True)
class CategoryRows:
    """One checklist section: a manifest category and its items, in manifest order."""

    id: str
    title: Text
    items: tuple[ItemStatus, ...]


def checklist(package: PackageResult) -> list[CategoryRows]:
    """Items grouped by category, categories in manifest order.

    An item whose category the manifest does not list still appears, under
    its category id, rather than vanishing from the report.
    """
    titles = dict(package.manifest.categories)
    order = [category_id for category_id, _ in package.manifest.categories]
    order += sorted({s.category for s in package.items} - set(order))
    rows = []
    for category_id in order:
        items = tuple(s for s in package.items if s.category == category_id)
        if items:
            title = titles.get(category_id, Text(category_id, category_id))
            rows.append(CategoryRows(category_id, title, items))
    return rows


@dataclass(frozen=True)
class FactRow:
    """One line of the fact sheet: a label, a value and where the value was read."""

    key: str
    label: str
    value: str
    source: str = ""
    known: bool = True


def fact_sheet(package: PackageResult, as_of: date, lang: str) -> list[FactRow]:
    """The facts every human report opens with (SPEC §6)."""
    rows = [_fact_row(package, name, lang) for name in FACT_FIELDS]
    manifest = package.manifest
    provenance = manifest.provenance
    manifest_value = label(
        "fact.manifest_value",
        lang,
        title=manifest.title.get(lang),
        id=manifest.id,
        version=manifest.version,
    )
    provenance_value = label(
        "fact.provenance_value",
        lang,
        source=provenance.source,
        date=provenance.date,
        province=provenance.province,
    )
    rows.append(FactRow("manifest", label("fact.manifest", lang), manifest_value))
    rows.append(FactRow("provenance", label("fact.provenance", lang), provenance_value))
    rows.append(FactRow("as_of", label("fact.as_of", lang), as_of.isoformat()))
    return rows


def _fact_row(package: PackageResult, name: str, lang: str) -> FactRow:
    fact = getattr(package.facts, name)
    title = label(f"fact.{name}", lang)
    if fact is None:
        return FactRow(name, title, label("fact.unknown", lang), known=False)
    pages = page_range(fact.page, None, lang)
    location = f"{fact.path} {pages}" if pages else fact.path
    return FactRow(name, title, fact.value, label("fact.source", lang, location=location))


def count(noun: str, number: int, lang: str) -> str:
    """``1 error`` / ``2 errors`` (``report.count.<noun>[.one]``)."""
    return label(f"count.{noun}.one" if number == 1 else f"count.{noun}", lang, n=number)


def waived_count(result: Result) -> int:
    return sum(1 for p in result.packages for f in p.findings if f.waived)


def summary_line(result: Result, lang: str) -> str:
    """One line over all packages: counts per severity, and waived ones apart."""
    counts = result.summary()
    listed = label("count.separator", lang).join(
        count(severity.value, counts[severity.value], lang) for severity in SEVERITIES
    )
    line = label(
        "summary", lang, packages=count("packages", len(result.packages), lang), counts=listed
    )
    waived = waived_count(result)
    if waived:
        line += label("summary.waived", lang, waived=waived)
    return line


def config_lines(info: ConfigInfo, lang: str) -> list[str]:
    """What the package's config is and what it switched off, one line each; [] for none."""
    lines = [label("config.isolated", lang)] if info.isolated else []
    if info.path is not None:
        lines.append(label("config.path", lang, path=info.path))
    if info.rules_off:
        lines.append(label("config.rules_off", lang, rules=", ".join(info.rules_off)))
    if info.severities:
        changed = ", ".join(f"{rule}={severity}" for rule, severity in info.severities)
        lines.append(label("config.severities", lang, rules=changed))
    if info.exclude:
        lines.append(label("config.exclude", lang, globs=", ".join(info.exclude)))
    if info.fail_on is not None:
        lines.append(label("config.fail_on", lang, value=info.fail_on))
    if info.waivers:
        lines.append(label("config.waivers", lang, count=info.waivers))
    return lines
