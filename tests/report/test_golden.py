"""Golden files: each format rendered from the builder's result, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/report``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.pii import redact_result
from validator.report import RENDERERS, ReportOptions

from .builders import build_result

GOLDEN = Path(__file__).parent / "golden"

# Fixed width: rich would otherwise ask the terminal running the tests.
TERMINAL_WIDTH = 100

CASES = [
    ("terminal", "zh", "terminal.zh.txt"),
    ("terminal", "en", "terminal.en.txt"),
    ("json", "zh", "report.zh.json"),
    ("json", "en", "report.en.json"),
    ("junit", "zh", "junit.zh.xml"),
    ("github", "en", "github.en.txt"),
    ("sarif", "en", "sarif.en.json"),
]


@pytest.mark.usefixtures("test_catalogue")
@pytest.mark.parametrize(("format_name", "lang", "golden"), CASES)
def test_matches_golden(format_name: str, lang: str, golden: str) -> None:
    options = ReportOptions(lang=lang, color=False, width=TERMINAL_WIDTH)
    # Rendered as the engine hands it over: masked.
    output = RENDERERS[format_name](redact_result(build_result(), show_pii=False), options)
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")
