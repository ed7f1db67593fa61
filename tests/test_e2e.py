"""End to end: the real command line on the sample packages, with real OCR.

Each package under fixtures/packages/ comes with ``<name>.expected.yaml``
listing exactly the findings it must produce and the item (and page range)
each document must be matched to.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import PACKAGES, REPO

CLI = str(Path(sys.executable).parent / "material-validator")
PACKAGE_NAMES = sorted(p.name for p in PACKAGES.iterdir() if p.is_dir())


def expected(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((PACKAGES / f"{name}.expected.yaml").read_text("utf-8"))
    return loaded


def run_check(
    folder: Path, output: Path, cache_dir: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLI, "check", str(folder), "--format", "json", "--output", str(output),
         "--cache-dir", str(cache_dir), "--quiet", *extra],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


@cache
def _report(name: str, cache_dir: Path, out_dir: Path) -> tuple[int, bytes]:
    output = out_dir / f"{name}.json"
    done = run_check(PACKAGES / name, output, cache_dir)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, output.read_bytes()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports")


def _about_the_document(finding: dict[str, Any]) -> bool:
    """Leave out the notes on OCR's own doubts ('read as …, likely …').

    They say how the scan was read, not what the document holds, and change
    with the Tesseract build; every finding about the documents is compared.
    """
    return not (finding["severity"] == "info" and "-ocr" in finding["message_id"])


@pytest.mark.parametrize("name", PACKAGE_NAMES)
def test_package_gives_exactly_the_expected_findings(
    name: str, shared_cache: Path, out_dir: Path
) -> None:
    code, raw = _report(name, shared_cache, out_dir)
    report = json.loads(raw)
    (package,) = report["packages"]
    found = sorted(
        (f["rule"], f["item"], f["path"]) for f in package["findings"] if _about_the_document(f)
    )
    wanted = sorted((f["rule"], f["item"], f["path"]) for f in expected(name)["findings"])
    assert found == wanted
    has_error = any(f["severity"] == "error" and not f["waived"] for f in package["findings"])
    assert code == (1 if has_error else 0)


@pytest.mark.parametrize("name", PACKAGE_NAMES)
def test_every_document_matches_its_material(name: str, shared_cache: Path, out_dir: Path) -> None:
    _, raw = _report(name, shared_cache, out_dir)
    (package,) = json.loads(raw)["packages"]
    matched = {
        (document["path"], item["id"], tuple(document["pages"] or ()) or None)
        for item in package["items"]
        for document in item["documents"]
    }
    for document in expected(name)["documents"]:
        if document["item"] is None:
            assert not any(path == document["path"] for path, _, _ in matched), document
            continue
        pages = tuple(document["pages"]) if document["pages"] else None
        assert (document["path"], document["item"], pages) in matched, document


def test_report_is_valid_and_byte_identical_across_runs(shared_cache: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    run_check(PACKAGES / "defective", first, shared_cache)
    run_check(PACKAGES / "defective", second, shared_cache, "--jobs", "1")
    assert first.read_bytes() == second.read_bytes()
    schema = json.loads((REPO / "report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(first.read_bytes()))


def test_several_folders_are_several_packages_in_one_report(
    shared_cache: Path, tmp_path: Path
) -> None:
    output = tmp_path / "batch.json"
    done = run_check(PACKAGES / "complete", output, shared_cache)
    assert done.returncode in (0, 1)
    batch = tmp_path / "two.json"
    subprocess.run(
        [CLI, "check", str(PACKAGES / "complete"), str(PACKAGES / "defective"),
         "--format", "json", "--output", str(batch), "--cache-dir", str(shared_cache), "-q"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    report = json.loads(batch.read_text("utf-8"))
    assert [Path(p["root"]).name for p in report["packages"]] == ["complete", "defective"]
    total = sum(p["summary"]["error"] for p in report["packages"])
    assert report["summary"]["error"] == total > 0
