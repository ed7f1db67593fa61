"""SARIF 2.1.0: valid against the OASIS schema, and shaped for code scanning."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from validator.report import ReportOptions, sarif
from validator.report.locations import as_uri, join_root

from .builders import build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"


def render(lang: str = "en") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(build_result(), ReportOptions(lang=lang)))
    return data


def results_by_rule(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_valid_against_sarif_schema(lang: str) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.validate(render(lang))


def test_rules_have_catalogue_titles_or_ids() -> None:
    rules = {r["id"]: r for r in render()["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["missing-seal"]["shortDescription"]["text"] == "Seal missing"
    assert rules["missing-seal"]["help"]["text"] == "Stamp the company seal and rescan."
    assert rules["unmatched-document"]["shortDescription"]["text"] == "unmatched-document"
    log = render()
    for result in log["runs"][0]["results"]:
        assert (
            log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        )


def test_levels_and_fingerprints() -> None:
    results = results_by_rule(render())
    assert results["missing-seal"]["level"] == "error"
    assert results["missing-topic"]["level"] == "warning"
    assert results["unmatched-document"]["level"] == "note"
    assert results["missing-seal"]["partialFingerprints"] == {"materialValidator/v1": "f0000001"}


def test_document_finding_points_at_file_with_pages_in_message() -> None:
    seal = results_by_rule(render())["missing-seal"]
    location = seal["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "packages/acme/%E6%B1%87%E7%BC%96.pdf"
    assert location["region"] == {"startLine": 1}
    assert seal["message"]["text"] == "No 双方 seal found (pp.5–7)"
    assert (seal["properties"]["page"], seal["properties"]["pageEnd"]) == (5, 7)


def test_finding_without_file_points_at_the_package_not_the_tools_manifest() -> None:
    missing = results_by_rule(render())["missing-item"]
    location = missing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "packages/acme"
    assert location["region"] == {"startLine": 1}


def test_finding_without_file_points_at_the_package_config() -> None:
    result = build_result()
    acme = replace(result.packages[0], config="packages/acme/.material-validator.yaml")
    log = json.loads(sarif.render(replace(result, packages=(acme,)), ReportOptions(lang="en")))
    missing = results_by_rule(log)["missing-item"]
    location = missing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "packages/acme/.material-validator.yaml"


def test_finding_without_file_points_at_a_manifest_kept_in_the_package() -> None:
    result = build_result()
    acme = result.packages[0]
    manifest = replace(acme.manifest, path=str(Path("packages/acme/清单.yaml").absolute()))
    package = replace(acme, manifest=manifest)
    log = json.loads(sarif.render(replace(result, packages=(package,)), ReportOptions(lang="en")))
    location = results_by_rule(log)["missing-item"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "packages/acme/%E6%B8%85%E5%8D%95.yaml"
    assert location["region"] == {"startLine": 88}


def test_waived_finding_is_suppressed() -> None:
    results = results_by_rule(render())
    assert results["expired"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "续期申请已受理"}
    ]
    assert "suppressions" not in results["missing-seal"]


@pytest.mark.parametrize(
    ("root", "path", "uri"),
    [
        ("packages/acme", "a b.pdf", "packages/acme/a%20b.pdf"),
        ("./pkg/", "sub/x.pdf", "pkg/sub/x.pdf"),
        (".", "x.pdf", "x.pdf"),
        ("/srv/pkg", "x.pdf", "file:///srv/pkg/x.pdf"),
        ("C:\\docs\\pkg", "x.pdf", "file:///C:/docs/pkg/x.pdf"),
    ],
)
def test_uris(root: str, path: str, uri: str) -> None:
    assert as_uri(join_root(root, path)) == uri
