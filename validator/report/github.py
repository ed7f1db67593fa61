"""GitHub Actions workflow commands: one annotation per unwaived finding.

``::error file=packages/acme/汇编.pdf,line=1,title=missing-seal::message``.
Values are escaped by the workflow-command rules: ``%``, CR and LF in the
message; additionally ``:`` and ``,`` in properties. Waived findings are
accepted, so they are not annotated.
"""

from __future__ import annotations

from validator.model import PackageResult, ReportedFinding, Result, Severity
from validator.report.common import sorted_findings
from validator.report.locations import finding_location, message_with_pages
from validator.report.options import ReportOptions
from validator.report.printable import printable_result

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result, options: ReportOptions) -> str:
    """All annotations, one command per line."""
    result = printable_result(result, line_breaks=True)  # no document or name drives the terminal
    lines = [
        _annotation(package, reported, options.lang)
        for package in result.packages
        for reported in sorted_findings(package.findings)
        if not reported.waived
    ]
    return "".join(line + "\n" for line in lines)


def _annotation(package: PackageResult, reported: ReportedFinding, lang: str) -> str:
    location = finding_location(package, reported)
    properties = {
        "file": location.path,
        "line": str(location.line),
        "title": reported.finding.rule,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = escape_data(message_with_pages(reported, lang))
    return f"::{COMMANDS[reported.severity]} {joined}::{message}"
