"""Where a finding points in formats built for source files (SARIF, GitHub).

Those formats know files and lines, not pages: a finding on a document points
at the document (line 1) and carries its pages in the message; a finding
without a file (a missing item) points at the item's line in the manifest.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from validator.model import PackageResult, ReportedFinding
from validator.report.common import finding_message, finding_pages, label

# A Windows drive at the start of a path given on the command line (C:/...).
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


@dataclass(frozen=True)
class Location:
    """A file (POSIX path as the user gave it) and a 1-based line."""

    path: str
    line: int


def finding_location(package: PackageResult, reported: ReportedFinding) -> Location:
    finding = reported.finding
    if finding.path is not None:
        return Location(join_root(package.root, finding.path), 1)
    manifest = package.manifest
    line = manifest.lines.get(finding.item or "", 0)
    return Location(join_root("", manifest.path), max(line, 1))


def join_root(root: str, path: str) -> str:
    """``root/path`` with POSIX separators, ``./`` and ``..`` resolved."""
    return posixpath.normpath(posixpath.join(root.replace("\\", "/"), path.replace("\\", "/")))


def as_uri(path: str) -> str:
    """A URI reference for ``path``: relative stays relative, absolute becomes file://."""
    if _WINDOWS_DRIVE.match(path):
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def message_with_pages(reported: ReportedFinding, lang: str) -> str:
    """The finding's message, followed by its pages when it has some."""
    text = finding_message(reported, lang)
    pages = finding_pages(reported.finding, lang)
    return label("with_pages", lang, message=text, pages=pages) if pages else text
