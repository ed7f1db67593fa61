"""JUnit XML: one case per item, failures for errors, a suite for file findings."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from validator.report import ReportOptions, junit

from .builders import build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")


def parse(output: str) -> ET.Element:
    return ET.fromstring(output.encode("utf-8"))


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", "").split(" ")[0]: case for case in root.iter("testcase")}


def test_one_case_per_item_and_failures_for_errors() -> None:
    root = parse(junit.render(build_result(), ReportOptions(lang="en")))
    first = root.findall("testsuite")[0]
    assert len(first.findall("testcase")) == 6
    by_item = {c.get("name", "").split(" ")[0]: c for c in first.findall("testcase")}
    failing = {name for name, case in by_item.items() if case.find("failure") is not None}
    assert failing == {"company.legal_rep_id", "funding.proof", "other.hosting_agreement"}
    assert by_item["company.shareholders"].find("skipped") is not None
    assert by_item["business.technical_plan"].find("failure") is None  # a warning only
    assert by_item["company.business_license"].find("failure") is None  # error waived
    assert by_item["funding.proof"].get("classname") == "packages/acme.funding"
    assert by_item["funding.proof"].get("name") == "funding.proof Bank reference or statements"


def test_findings_without_item_get_their_own_suite() -> None:
    root = parse(junit.render(build_result(), ReportOptions(lang="en")))
    suite = root.findall("testsuite")[1]
    assert suite.get("name") == "packages/acme: Findings without an item"
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names == ["unmatched-document notes/readme.pdf", "unreadable-document notes/扫描件.pdf"]
    assert suite.get("failures") == "1"


def test_counts_add_up() -> None:
    root = parse(junit.render(build_result(), ReportOptions()))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("9", "4", "1")


def test_control_characters_do_not_break_xml() -> None:
    result = build_result()
    package = result.packages[0]
    findings = tuple(
        dataclasses.replace(
            f, finding=dataclasses.replace(f.finding, args=(("detail", "a\x00\x1bb"),))
        )
        if f.finding.rule == "unreadable-document"
        else f
        for f in package.findings
    )
    broken = dataclasses.replace(package, findings=findings)
    output = junit.render(dataclasses.replace(result, packages=(broken,)), ReportOptions())
    assert "a\ufffd\ufffdb" in cases(parse(output))["unreadable-document"].findtext("failure", "")
