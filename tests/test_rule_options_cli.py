"""Rule options through the command line: checked against each rule's declaration first.

A mistake in a rule option must stop the run with exit code 2 and the option's
YAML path before any file is read: the extraction cache stays empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Outcome
from tests.samples import MATERIALS, write_docx_materials
from validator.config import CONFIG_NAME

LICENCE = "company.business_license"


def _package(folder: Path, config: str, text: str | None = None) -> Path:
    """A one-file package (a DOCX licence, read without OCR) with the given config."""
    write_docx_materials(folder, [LICENCE], {LICENCE: text} if text is not None else None)
    (folder / CONFIG_NAME).write_text(f"as_of: 2026-06-01\n{config}", encoding="utf-8")
    return folder


def _cached(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


@pytest.mark.parametrize(
    ("config", "path", "problem"),
    [
        (
            "rules: {expiring-soon: {options: {dayz: 5}}}\n",
            "rules.expiring-soon.options.dayz",
            "unknown option (this rule's options: days)",
        ),
        (
            "rules: {low-quality-scan: {options: {min_dpi: high}}}\n",
            "rules.low-quality-scan.options.min_dpi",
            "'high' is not a whole number of at least 1",
        ),
        (
            "rules: {low-quality-scan: {options: {min_confidence: true}}}\n",
            "rules.low-quality-scan.options.min_confidence",
            "True is not a number of at least 0",
        ),
        (
            "rules: {invalid-identifier: {options: {ocr_unrepaired: loud}}}\n",
            "rules.invalid-identifier.options.ocr_unrepaired",
            "'loud' is not one of info, warning, error",
        ),
        (
            "rules: {missing-item: {severity: info, options: {strict: true}}}\n",
            "rules.missing-item.options.strict",
            "unknown option (this rule's options: none)",
        ),
    ],
)
def test_a_bad_rule_option_exits_2_naming_it_before_any_file_is_read(
    cli: Callable[..., Outcome], tmp_path: Path, config: str, path: str, problem: str
) -> None:
    package = _package(tmp_path / "pkg", config)
    cache = tmp_path / "cache"
    outcome = cli("check", str(package), "--cache-dir", str(cache), "--format", "json")
    assert outcome.code == 2
    assert f"{CONFIG_NAME}: {path}: {problem}" in outcome.err
    assert outcome.out == ""  # no report
    assert _cached(cache) == []  # nothing was extracted


@pytest.mark.parametrize(("days", "expected"), [(30, ["expiring-soon"]), (10, [])])
def test_good_rule_options_are_used(
    cli: Callable[..., Outcome], tmp_path: Path, days: int, expected: list[str]
) -> None:
    """A valid option changes what the rule finds: a licence ending 19 days after as_of
    is expiring within 30 days, not within 10."""
    config = f"rules: {{expiring-soon: {{options: {{days: {days}}}}}}}\n"
    _, text = MATERIALS[LICENCE]
    ending = "\n".join(
        "营业期限 2018年03月15日至2026年06月20日" if line.startswith("营业期限") else line
        for line in text.splitlines()
    )
    package = _package(tmp_path / "pkg", config, ending)
    outcome = cli("check", str(package), "--no-cache", "--format", "json")
    assert outcome.code in (0, 1)
    findings = json.loads(outcome.out)["packages"][0]["findings"]
    assert [f["rule"] for f in findings if f["rule"] == "expiring-soon"] == expected
