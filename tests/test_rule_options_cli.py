"""Rule options through the command line: checked against each rule's declaration first.

A mistake in a rule option must stop the run with exit code 2 and the option's
YAML path before any file is read: the extraction cache stays empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Outcome
from tests.samples import MATERIALS
from validator.config import CONFIG_NAME

LICENCE = "company.business_license"


def _package(folder: Path, config: str) -> Path:
    """A one-file package (a DOCX licence, read without OCR) with the given config."""
    folder.mkdir()
    name, text = MATERIALS[LICENCE]
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(folder / (Path(name).stem + ".docx")))
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


def test_good_rule_options_are_used(cli: Callable[..., Outcome], tmp_path: Path) -> None:
    """The same package with valid options (an integer for a number, null) runs and reads."""
    config = (
        "rules: {low-quality-scan: {options: {min_dpi: 300, min_confidence: 1}},"
        " expiring-soon: {options: {days: null}}}\n"
    )
    package = _package(tmp_path / "pkg", config)
    cache = tmp_path / "cache"
    outcome = cli("check", str(package), "--cache-dir", str(cache), "--format", "json")
    assert outcome.code in (0, 1)
    report = json.loads(outcome.out)
    assert [d["path"] for d in report["packages"][0]["documents"]] == ["营业执照.docx"]
    assert len(_cached(cache)) == 1
