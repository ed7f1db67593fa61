"""Baseline files: the findings a team accepts as they are, by fingerprint (SPEC §7).

A baseline lists each accepted finding's fingerprint and, beside it, what a
reviewer needs to judge it without running the tool: rule, item, path, page
and message. Only the fingerprints decide; the rest is for people reading
the file in a diff. Files written before the details existed (fingerprints
only) still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from validator.errors import UsageError
from validator.model import ReportedFinding

BASELINE_VERSION = 1


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints a baseline file accepts."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return frozenset(str(f) for f in data["fingerprints"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(
            f"{path}: not a baseline file: {exc}",
            hint="write one with `material-validator check FOLDER --write-baseline FILE`",
        ) from exc


def baseline_document(findings: Iterable[tuple[ReportedFinding, str]]) -> dict[str, Any]:
    """The baseline of ``findings`` (each with its message in the run's language)."""
    entries: dict[str, dict[str, Any]] = {}
    for reported, text in findings:
        if reported.waived:
            continue
        finding = reported.finding
        entries.setdefault(
            reported.fingerprint,
            {
                "fingerprint": reported.fingerprint,
                "rule": finding.rule,
                "item": finding.item,
                "path": finding.path,
                "page": finding.page,
                "message": text,
            },
        )
    ordered = [entries[key] for key in sorted(entries)]
    return {
        "schema_version": BASELINE_VERSION,
        "fingerprints": [entry["fingerprint"] for entry in ordered],
        "findings": ordered,
    }


def write_baseline(path: Path, findings: Iterable[tuple[ReportedFinding, str]]) -> None:
    text = json.dumps(baseline_document(findings), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
