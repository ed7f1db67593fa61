"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

All packages go into one run (GitHub rejects several runs of one tool in one
upload). SARIF has no pages: the page is in the message and in the result's
properties. Waived findings carry an external suppression, so viewers list
them as dismissed instead of dropping them.
"""

from __future__ import annotations

import json
from typing import Any

from validator.model import PackageResult, ReportedFinding, Result, Severity
from validator.report.common import TOOL_NAME, fix_hint, rule_title, sorted_findings
from validator.report.locations import as_uri, finding_location, message_with_pages
from validator.report.options import ReportOptions

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# Key of the fingerprint in partialFingerprints; the version suffix changes
# if the fingerprint recipe ever does, so old alerts are not matched wrongly.
FINGERPRINT_KEY = "materialValidator/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

JsonObject = dict[str, Any]


def render(result: Result, options: ReportOptions) -> str:
    """The SARIF log as JSON text with a trailing newline."""
    log = sarif_log(result, options.lang)
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sarif_log(result: Result, lang: str) -> JsonObject:
    rule_ids = sorted({f.finding.rule for p in result.packages for f in p.findings})
    index = {rule: position for position, rule in enumerate(rule_ids)}
    results = [
        _result(package, reported, index, lang)
        for package in result.packages
        for reported in sorted_findings(package.findings)
    ]
    run = {
        "tool": {"driver": _driver(result, rule_ids, lang)},
        "results": results,
        "properties": {"asOf": result.as_of.isoformat()},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _driver(result: Result, rule_ids: list[str], lang: str) -> JsonObject:
    return {
        "name": TOOL_NAME,
        "version": result.tool_version,
        "rules": [_rule(rule, lang) for rule in rule_ids],
    }


def _rule(rule: str, lang: str) -> JsonObject:
    title = rule_title(rule, lang)
    descriptor: JsonObject = {
        "id": rule,
        "shortDescription": {"text": title},
        "fullDescription": {"text": title},
    }
    hint = fix_hint(rule, lang)
    if hint:
        descriptor["help"] = {"text": hint}
    return descriptor


def _result(
    package: PackageResult, reported: ReportedFinding, index: dict[str, int], lang: str
) -> JsonObject:
    finding = reported.finding
    location = finding_location(package, reported)
    sarif_result: JsonObject = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[reported.severity],
        "message": {"text": message_with_pages(reported, lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": as_uri(location.path)},
                    "region": {"startLine": location.line},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: reported.fingerprint},
        "properties": _properties(package, reported),
    }
    if reported.waived:
        sarif_result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": reported.waiver_reason}
        ]
    return sarif_result


def _properties(package: PackageResult, reported: ReportedFinding) -> JsonObject:
    """What SARIF has no field for: package, item, pages, stable message id, evidence."""
    finding = reported.finding
    properties: JsonObject = {"package": package.root, "messageId": finding.message_id}
    optional = {
        "item": finding.item,
        "page": finding.page,
        "pageEnd": finding.page_end,
        "evidence": finding.evidence or None,
    }
    properties.update({key: value for key, value in optional.items() if value is not None})
    return properties
