"""The JSON report: the machine contract described by ``report.schema.json``.

Output is byte-identical across runs on the same result: keys sorted,
documents sorted by path, findings by (path, page, rule, item, fingerprint),
floats rounded to 3 decimals. Page text is left out: it is large and holds
personal data; ``material-validator extract`` shows it on request.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from validator.model import (
    Assignment,
    ConfigInfo,
    Document,
    ExtractionError,
    Fact,
    ItemStatus,
    ManifestInfo,
    MatchScore,
    PackageFacts,
    PackageResult,
    Page,
    Region,
    ReportedFinding,
    Result,
    Seal,
    SealAttribution,
    Text,
    attribution_of,
)
from validator.report.common import (
    FACT_FIELDS,
    TOOL_NAME,
    finding_message,
    sorted_assignments,
    sorted_findings,
)
from validator.report.options import ReportOptions

SCHEMA_VERSION = 1

# Decimals kept for scores and confidences: enough to compare, few enough to
# keep the output stable across platforms' float formatting.
FLOAT_DECIMALS = 3

JsonObject = dict[str, Any]


def render(result: Result, options: ReportOptions) -> str:
    """The JSON report as text, with a trailing newline."""
    return dump(report_document(result, options.lang))


def dump(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def report_document(result: Result, lang: str) -> JsonObject:
    """The report as plain JSON data (the result is expected masked already)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.tool_version},
        "as_of": result.as_of.isoformat(),
        "summary": result.summary(),
        "packages": [_package(package, lang) for package in result.packages],
    }


def _package(package: PackageResult, lang: str) -> JsonObject:
    matches = dict(package.matches)
    documents = sorted(package.documents, key=lambda d: d.path)
    return {
        "root": package.root,
        "manifest": _manifest(package.manifest),
        "facts": _facts(package.facts),
        "items": [_item(status) for status in package.items],
        "documents": [
            _document(d, matches.get(d.path, ()), package.seal_owners) for d in documents
        ],
        "findings": [_finding(f, lang) for f in sorted_findings(package.findings)],
        "summary": package.summary(),
        "config": _config(package.config_info),
    }


def _config(info: ConfigInfo) -> JsonObject:
    return {
        "path": info.path,
        "isolated": info.isolated,
        "rules_off": list(info.rules_off),
        "severities": dict(info.severities),
        "exclude": list(info.exclude),
        "fail_on": info.fail_on,
        "waivers": info.waivers,
    }


def _text(text: Text) -> JsonObject:
    return {"zh": text.zh, "en": text.en}


def _manifest(info: ManifestInfo) -> JsonObject:
    provenance = info.provenance
    return {
        "id": info.id,
        "version": info.version,
        "title": _text(info.title),
        "provenance": {
            "source": provenance.source,
            "date": provenance.date,
            "province": provenance.province,
        },
    }


def _facts(facts: PackageFacts) -> JsonObject:
    return {name: _fact(getattr(facts, name)) for name in FACT_FIELDS}


def _fact(fact: Fact | None) -> JsonObject | None:
    if fact is None:
        return None
    return {
        "value": fact.value,
        "path": fact.path,
        "page": fact.page,
        "evidence": fact.evidence,
        "confidence": _round(fact.confidence),
    }


def _pages(first: int | None, last: int | None) -> list[int] | None:
    """``[first, last]`` of a page range; None for a whole document."""
    if first is None:
        return None
    return [first, last if last is not None else first]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, FLOAT_DECIMALS)


def _item(status: ItemStatus) -> JsonObject:
    return {
        "id": status.item,
        "category": status.category,
        "title": _text(status.title),
        "status": status.status,
        "required": status.required,
        "documents": [_assignment(a) for a in sorted_assignments(status.documents)],
    }


def _assignment(assignment: Assignment) -> JsonObject:
    return {
        "path": assignment.path,
        "pages": _pages(assignment.first, assignment.last),
        "score": _round(assignment.score),
    }


def _document(
    document: Document, matches: Sequence[MatchScore], owners: Sequence[SealAttribution]
) -> JsonObject:
    ranked = sorted(matches, key=lambda m: (-m.score, m.item, m.first or 0, m.alternative or ""))
    return {
        "path": document.path,
        "sha256": document.sha256,
        "kind": document.kind,
        "size": document.size,
        "error": _error(document.error),
        "pages": [
            _page(page, _attributions(owners, document.path, page))
            for page in sorted(document.pages, key=lambda p: p.number)
        ],
        "matches": [_match(match) for match in ranked],
    }


def _error(error: ExtractionError | None) -> JsonObject | None:
    if error is None:
        return None
    return {"code": error.code, "detail": error.detail, "limit": error.limit}


def _attributions(
    owners: Sequence[SealAttribution], path: str, page: Page
) -> list[SealAttribution]:
    """Owner and kind of each of the page's seals, in the page's order."""
    return [attribution_of(owners, path, page.number, index) for index in range(len(page.seals))]


def _page(page: Page, attributions: Sequence[SealAttribution]) -> JsonObject:
    return {
        "number": page.number,
        "source": page.source,
        "confidence": _round(page.confidence),
        "size": list(page.size) if page.size is not None else None,
        "dpi": page.dpi,
        "seals": [
            _seal(seal, attribution)
            for seal, attribution in sorted(
                zip(page.seals, attributions, strict=True), key=lambda pair: pair[0].bbox
            )
        ],
    }


def _seal(seal: Seal, attribution: SealAttribution) -> JsonObject:
    return {
        "owner": attribution.owner,
        "kind": attribution.kind,
        "bbox": list(seal.bbox),
        "confidence": _round(seal.confidence),
        "colour": seal.colour,
        "shape": seal.shape,
        "ring_text": seal.ring_text,
        "ring_confidence": _round(seal.ring_confidence),
        "centre_text": seal.centre_text,
        "lower_text": seal.lower_text,
        "signer": seal.signer,
    }


def _match(match: MatchScore) -> JsonObject:
    return {
        "item": match.item,
        "alternative": match.alternative,
        "pages": _pages(match.first, match.last),
        "score": _round(match.score),
    }


def _finding(reported: ReportedFinding, lang: str) -> JsonObject:
    finding = reported.finding
    return {
        "rule": finding.rule,
        "severity": reported.severity.value,
        "item": finding.item,
        "path": finding.path,
        "page": finding.page,
        "page_end": finding.page_end,
        "message_id": finding.message_id,
        "args": dict(finding.args),
        "message": finding_message(reported, lang),
        "evidence": finding.evidence,
        "fingerprint": reported.fingerprint,
        "waived": reported.waived,
        "waiver_reason": reported.waiver_reason,
        "region": _region(finding.region),
    }


def _region(region: Region | None) -> JsonObject | None:
    """The page and box a finding concerns; the thumbnail stays out (reports inline it)."""
    if region is None:
        return None
    return {
        "page": region.page,
        "kind": region.kind,
        "box": list(region.box) if region.box is not None else None,
        "page_size": list(region.page_size) if region.page_size is not None else None,
    }
