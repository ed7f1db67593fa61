"""Start-up: a command imports only the stacks it uses (how fast is for benchmarks/startup.py).

``--help`` needs neither the extraction stack nor the schema validator, and a
warm run (every file in the cache) never loads the readers, the worker pool
or the image and PDF libraries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.samples import write_docx_materials

# Prints the top-level modules (and the package's own) imported by one CLI run.
_PROBE = """
import sys
from validator.cli import main
sys.argv = ["material-validator", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n" + "\\n".join(sorted(sys.modules)))
"""
# Never needed by a run that finds every file in the cache.
EXTRACTION_STACK = (
    "numpy",
    "pypdfium2",
    "pebble",
    "docx",
    "openpyxl",
    "xlrd",
    "pillow_heif",
    "validator.extract.formats",
    "validator.extract.schedule",
    "validator.extract.worker",
    "validator.extract.seals",
)
# Not needed to print the help either.
HELP_EXTRAS = ("PIL", "tesserocr", "jsonschema", "yaml", "rich", "jinja2", "validator.engine")


def _imported(*args: str) -> set[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True, check=True
    )
    return set(done.stdout.rsplit("\n\n", 1)[-1].split())


def _loaded(modules: set[str], watched: tuple[str, ...]) -> list[str]:
    return [w for w in watched if any(m == w or m.startswith(f"{w}.") for m in modules)]


def test_help_imports_neither_extraction_nor_validation() -> None:
    modules = _imported("--help")
    assert "click" in modules  # the probe did run the command
    assert _loaded(modules, EXTRACTION_STACK + HELP_EXTRAS) == []


def test_a_warm_run_loads_no_reader_pool_or_image_library(tmp_path: Path) -> None:
    package = write_docx_materials(tmp_path / "pkg", ["company.business_license"])
    report = tmp_path / "report.json"
    args = ["check", str(package), "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"]
    args += ["--format", "json", "--output", str(report), "--as-of", "2026-06-01"]
    cold = _imported(*args)
    assert _loaded(cold, ("validator.extract.formats", "validator.extract.schedule"))
    cold_report = report.read_text("utf-8")
    warm = _imported(*args)
    assert _loaded(warm, EXTRACTION_STACK) == []
    assert report.read_text("utf-8") == cold_report  # the same result, from the cache
    assert json.loads(cold_report)["packages"][0]["documents"][0]["kind"] == "docx"
