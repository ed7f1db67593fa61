"""JUnit XML: one test case per manifest item, for CI dashboards.

An item fails when it has an unwaived error finding, or is missing with no
finding to explain it; warnings and info are listed in the case's
``system-out`` without failing it; not-applicable items are skipped. Findings
that belong to no item (an unreadable or unmatched file) get a test suite of
their own, one case per finding.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from validator.model import ItemStatus, PackageResult, ReportedFinding, Result, Severity
from validator.report.common import TOOL_NAME, label, sorted_findings
from validator.report.locations import message_with_pages
from validator.report.options import ReportOptions

# Characters XML 1.0 cannot carry at all; document text (OCR output, file
# names) may contain them, and ElementTree would write them unescaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

FAILURE_TYPE = "error"


def render(result: Result, options: ReportOptions) -> str:
    """The JUnit XML document as text."""
    suites = ET.Element("testsuites", name=TOOL_NAME)
    for package in result.packages:
        suites.append(_item_suite(package, options.lang))
        unassigned = [f for f in package.findings if f.finding.item is None]
        if unassigned:
            suites.append(_unassigned_suite(package, unassigned, options.lang))
    _set_counts(suites, suites.findall("testsuite"))
    ET.indent(suites)
    xml = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def _clean(text: str) -> str:
    return _XML_INVALID.sub("\N{REPLACEMENT CHARACTER}", text)


def _line(reported: ReportedFinding, lang: str) -> str:
    """``错误 missing-seal 汇编.pdf: message`` — one finding as one plain line."""
    finding = reported.finding
    parts = [label(f"severity.{reported.severity.value}", lang), finding.rule]
    if finding.path:
        parts.append(finding.path + ":")
    line = " ".join(parts) + " " + message_with_pages(reported, lang)
    if reported.waived:
        line += " — " + label("waived_reason", lang, reason=reported.waiver_reason)
    return _clean(line)


def _item_suite(package: PackageResult, lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(package.root))
    for status in package.items:
        findings = [f for f in package.findings if f.finding.item == status.item]
        suite.append(_item_case(package, status, findings, lang))
    _set_counts(suite, [suite])
    return suite


def _item_case(
    package: PackageResult, status: ItemStatus, findings: list[ReportedFinding], lang: str
) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=_clean(f"{package.root}.{status.category}"),
        name=_clean(f"{status.item} {status.title.get(lang)}"),
    )
    if status.status == "not_applicable":
        ET.SubElement(case, "skipped", message=label("status.not_applicable", lang))
    errors = [f for f in sorted_findings(findings) if _fails(f)]
    if errors:
        _add_failure(case, _line(errors[0], lang), errors, lang)
    elif status.status == "missing" and status.required == "true" and not findings:
        _add_failure(case, label("status.missing", lang), [], lang)
    _add_output(case, [f for f in sorted_findings(findings) if not _fails(f)], lang)
    return case


def _unassigned_suite(
    package: PackageResult, findings: list[ReportedFinding], lang: str
) -> ET.Element:
    name = f"{package.root}: {label('junit.unassigned', lang)}"
    suite = ET.Element("testsuite", name=_clean(name))
    for reported in sorted_findings(findings):
        finding = reported.finding
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_clean(f"{package.root}.files"),
            name=_clean(f"{finding.rule} {finding.path or ''}".strip()),
        )
        if _fails(reported):
            _add_failure(case, _line(reported, lang), [reported], lang)
        else:
            _add_output(case, [reported], lang)
    _set_counts(suite, [suite])
    return suite


def _fails(reported: ReportedFinding) -> bool:
    return reported.severity is Severity.ERROR and not reported.waived


def _add_failure(
    case: ET.Element, message: str, findings: Sequence[ReportedFinding], lang: str
) -> None:
    failure = ET.SubElement(case, "failure", message=message, type=FAILURE_TYPE)
    failure.text = "\n".join(_line(f, lang) for f in findings) or message


def _add_output(case: ET.Element, findings: Sequence[ReportedFinding], lang: str) -> None:
    if findings:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f, lang) for f in findings)


def _set_counts(target: ET.Element, suites: Sequence[ET.Element]) -> None:
    """tests / failures / errors / skipped attributes summed over ``suites``."""
    cases = [case for suite in suites for case in suite.iter("testcase")]
    target.set("tests", str(len(cases)))
    target.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    target.set("errors", "0")
    target.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
