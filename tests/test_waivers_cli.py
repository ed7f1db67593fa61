"""Waivers and baselines through the real command line: they suppress exactly what they name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.samples import MATERIALS, write_docx_materials

CLI = str(Path(sys.executable).parent / "material-validator")


def _package(folder: Path, items: list[str]) -> Path:
    """A package of DOCX files (read without OCR) holding the given items."""
    return write_docx_materials(folder, items)


def _check(package: Path, tmp: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    output = tmp / "report.json"
    done = subprocess.run(
        [CLI, "check", str(package), "--as-of", "2026-06-01", "--cache-dir", str(tmp / "cache"),
         "--format", "json", "--output", str(output), "--quiet", *extra],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(output.read_text("utf-8"))


def _missing(report: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    (package,) = report["packages"]
    return {
        f["item"]: (f["waived"], f["waiver_reason"])
        for f in package["findings"]
        if f["rule"] == "missing-item"
    }


def test_baseline_waives_exactly_the_recorded_findings(tmp_path: Path) -> None:
    items = sorted(MATERIALS)
    package = _package(tmp_path / "package", items[:8])
    baseline = tmp_path / "baseline.json"
    code, first = _check(package, tmp_path, "--write-baseline", str(baseline))
    assert code == 1
    recorded = json.loads(baseline.read_text("utf-8"))["fingerprints"]
    assert len(recorded) == len(first["packages"][0]["findings"]) > 0

    code, again = _check(package, tmp_path, "--baseline", str(baseline))
    assert code == 0
    assert all(waived and reason == "baseline" for waived, reason in _missing(again).values())

    # A material removed after the baseline: only its finding is new, and it fails the run.
    removed = items[0]
    (package / (Path(MATERIALS[removed][0]).stem + ".docx")).unlink()
    code, later = _check(package, tmp_path, "--baseline", str(baseline))
    assert code == 1
    unwaived = {item for item, (waived, _) in _missing(later).items() if not waived}
    assert unwaived == {removed}


def test_waiver_holds_until_it_expires_and_then_says_so(tmp_path: Path) -> None:
    items = sorted(MATERIALS)
    package = _package(tmp_path / "package", [i for i in items if i != "business.service_flow"])
    (package / ".material-validator.yaml").write_text(
        "facts: {has_corporate_shareholders: true, requires_capital_verification: true}\n"
        "rules: {missing-seal: off, seal-not-imprinted: off}\n"
        "waivers:\n"
        "  - rule: missing-item\n    item: business.service_flow\n"
        "    reason: 服务流程说明补充中\n    expires: 2026-06-10\n",
        encoding="utf-8",
    )
    code, report = _check(package, tmp_path)
    assert _missing(report) == {"business.service_flow": (True, "服务流程说明补充中")}
    errors = [
        f for f in report["packages"][0]["findings"] if f["severity"] == "error" and not f["waived"]
    ]
    assert code == (1 if errors else 0)

    code, lapsed = _check(package, tmp_path, "--as-of", "2026-06-11")
    assert _missing(lapsed) == {"business.service_flow": (False, "2026-06-10: 服务流程说明补充中")}
    assert code == 1
