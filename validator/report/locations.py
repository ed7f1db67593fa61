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
    """A document's findings point at it; a package's (a missing material) stay inside it.

    They point at the item's line of a manifest kept in the package folder,
    else at the package's config file, else at the folder itself: never at a
    manifest that ships with the tool, which the user cannot see or change.
    """
    finding = reported.finding
    if finding.path is not None:
        return Location(join_root(package.root, finding.path), 1)
    manifest = package.manifest
    if _inside(manifest.path, package.root):
        line = manifest.lines.get(finding.item or "", 0)
        return Location(_shown_beside(manifest.path, package.root), max(line, 1))
    return Location(package_location(package, None), 1)


def package_location(package: PackageResult, path: str | None) -> str:
    """``root/path`` for a document; the package's config file, else its folder, without one."""
    if path is not None:
        return join_root(package.root, path)
    if package.config is not None and _inside(package.config, package.root):
        return _shown_beside(package.config, package.root)
    return join_root(package.root, ".")


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` lies in the folder ``root`` (both as strings; no file is opened)."""
    folder = posixpath.abspath(root.replace("\\", "/"))
    return posixpath.abspath(path.replace("\\", "/")).startswith(folder.rstrip("/") + "/")


def _shown_beside(path: str, root: str) -> str:
    """``path`` spelled from where ``root`` was given (``packages/acme/<config>``)."""
    folder = posixpath.abspath(root.replace("\\", "/"))
    inner = posixpath.relpath(posixpath.abspath(path.replace("\\", "/")), folder)
    return join_root(root, inner)


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
