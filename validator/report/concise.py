"""One line per finding, ``path:page: severity rule-id message``, for grep and editors.

Like ruff's concise output and eslint's compact format: paths are joined to
the package root as given on the command line, so an editor opens them from
where the command ran; a finding without a page has no ``page:`` part, and
one without a file names the package's config file or its folder. Waived
findings are accepted, so they are left out. ``statistics`` counts the
findings per rule instead (``--statistics``).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath

from validator.i18n import message
from validator.model import PackageResult, ReportedFinding, Result
from validator.report.common import finding_message, rule_title, sorted_findings, summary_line
from validator.report.locations import package_location
from validator.report.options import ReportOptions
from validator.report.pii import redact_result


def render(result: Result, options: ReportOptions) -> str:
    """Every unwaived finding on its own line, then the summary line."""
    result = redact_result(result, options.show_pii)
    lines = [
        line(package, reported, options.lang)
        for package in result.packages
        for reported in sorted_findings(package.findings)
        if not reported.waived
    ]
    lines.append(summary_line(result, options.lang))
    return "".join(text + "\n" for text in lines)


def line(package: PackageResult, reported: ReportedFinding, lang: str) -> str:
    finding = reported.finding
    place = package_location(package, finding.path)
    where = f"{place}:{finding.page}:" if finding.page is not None else f"{place}:"
    text = " ".join(finding_message(reported, lang).split())  # one line, whatever the message
    return f"{where} {reported.severity.value} {finding.rule} {text}"


def statistics(result: Result, options: ReportOptions) -> str:
    """Unwaived findings counted per rule, most frequent first (ruff's ``--statistics``)."""
    counts = Counter(
        reported.finding.rule
        for package in result.packages
        for reported in package.findings
        if not reported.waived
    )
    width = max((len(rule) for rule in counts), default=0)
    lines = [
        f"{count:5}  {rule:{width}}  {rule_title(rule, options.lang)}"
        for rule, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    lines.append(summary_line(result, options.lang))
    return "".join(text + "\n" for text in lines)


def changed_first(result: Result, options: ReportOptions, changed: Iterable[Path]) -> str:
    """The concise report for a commit: findings in the changed files first, under a heading.

    ``changed`` are the files the commit touches, as pre-commit passes them
    (relative to the top of the repository, where the hook runs).
    """
    result = redact_result(result, options.show_pii)
    touched = {posixpath.normpath(PurePath(path).as_posix()) for path in changed}
    mine: list[str] = []
    others: list[str] = []
    for package in result.packages:
        for reported in sorted_findings(package.findings):
            if reported.waived:
                continue
            place = package_location(package, reported.finding.path)
            text = line(package, reported, options.lang)
            (mine if posixpath.normpath(place) in touched else others).append(text)
    lines: list[str] = []
    if mine:
        lines += [message("hook.changed", options.lang), *mine]
    if others:
        lines += [message("hook.others", options.lang), *others]
    lines += [summary_line(result, options.lang), message("hook.verbose", options.lang)]
    return "".join(text + "\n" for text in lines)
