"""The discover stage: walk a package folder safely and list the files to check.

Sorted and deterministic; read-only. Hidden files, Office lock files and
system clutter are skipped. A link is followed only while it stays inside the
folder: a link out of it, a broken link or a loop is listed with a ``link``
problem, an unreadable file or folder with a ``permission`` problem, so the
report can say why it was not checked.

A ZIP archive (not a DOCX or other ZIP-based document) is listed as the files
it holds, one level deep, as ``archive.zip!/inner/name.pdf``: its members are
checked as if they were in the folder. Only the archive's directory is read
here (see :mod:`validator.archives`); extraction decompresses the members.
"""

from __future__ import annotations

import dataclasses
import errno
import fnmatch
import os
import stat
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from validator.archives import MEMBER_SEPARATOR, Member, is_archive, list_members
from validator.errors import UsageError
from validator.model import ExtractionError, SourceFile
from validator.safeopen import NotRegularFile, open_regular, opened_size

# System clutter that is never part of a package (compared in lower case).
SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
# Word and Excel write "~$name.docx" next to an open document.
LOCK_FILE_PREFIX = "~$"
# Said of a folder nested deeper than the system's longest path (PATH_MAX).
PATH_TOO_LONG = "路径过长，超出系统限制 (the path is longer than the system allows)"
# macOS Archive Utility adds resource forks under this folder to every ZIP it makes.
MACOS_FORKS = "__MACOSX"


def discover(root: Path, ignore: Sequence[str] = ()) -> list[SourceFile]:
    """Every file under ``root`` worth checking, sorted by relative path.

    ``ignore`` holds globs matched against the relative POSIX path (a glob
    without a slash also matches the bare name at any depth, as in .gitignore).
    """
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}", hint="give the package folder to check")
    walker = _Walker(root.resolve(), tuple(ignore))
    walker.walk(root)
    return sorted(walker.found, key=lambda source: source.path)


def source_file(path: Path) -> SourceFile:
    """A single file named on the command line, described as discovery would."""
    return _Walker(path.parent.resolve(), ()).describe_file(path.resolve(), path.name)


def display_path(relative: str) -> str:
    """A relative path as reports show it: undecodable bytes written as ``\\xNN``."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


class _Walker:
    def __init__(self, real_root: Path, ignore: tuple[str, ...]) -> None:
        self.real_root = real_root
        self.ignore = ignore
        self.found: list[SourceFile] = []
        self._visited: set[tuple[int, int]] = set()

    def walk(self, root: Path) -> None:
        # An explicit stack: folder depth is the user's, not Python's recursion limit.
        stack: list[tuple[Path, str]] = [(root, "")]
        while stack:
            folder, relative = stack.pop()
            if self._first_visit(folder, relative):
                stack.extend(self._list(folder, relative))

    def _first_visit(self, folder: Path, relative: str) -> bool:
        try:
            info = folder.stat()
        except OSError as exc:  # never in silence: the folder's files are not checked
            self._unwalkable(folder, relative, exc)
            return False
        key = (info.st_dev, info.st_ino)
        if key in self._visited:
            return False  # a link back to a folder already walked: a loop or an alias
        self._visited.add(key)
        return True

    def _list(self, folder: Path, relative: str) -> list[tuple[Path, str]]:
        """Record the files in ``folder``; return its subfolders to walk."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self._unwalkable(folder, relative, exc)
            return []
        subfolders: list[tuple[Path, str]] = []
        for entry in entries:
            child = f"{relative}/{entry.name}" if relative else entry.name
            if _skipped(entry) or self._ignored(child, entry.name):
                continue
            location = folder / entry.name
            if self._is_folder(entry, location, child):
                subfolders.append((location, child))
        return subfolders

    def _is_folder(self, entry: os.DirEntry[str], location: Path, relative: str) -> bool:
        """Record ``entry`` if it is a file (or a bad link); True if it is a folder to walk.

        A link to a folder inside the package is not walked: that folder is
        walked where it really is, and a loop cannot start.
        """
        if entry.is_symlink():
            target = self._link_inside(location, relative)
            if target is None:
                return False
            if not target.is_dir():
                # Read where it really is: files are opened without following links.
                self._add_file(target, relative)
            return False
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            return not self._ignored(relative + "/", entry.name)
        self._add_file(location, relative)
        return False

    def _add_file(self, location: Path, relative: str) -> None:
        """Record a file, or the members of an archive in its place."""
        described = self.describe_file(location, relative)
        if described.problem is None and _archive(location):
            self.found.extend(self._members(described))
        else:
            self.found.append(described)

    def _members(self, archive: SourceFile) -> list[SourceFile]:
        """The archive's members that a walk would list; the archive itself if none."""
        try:
            members = list_members(archive.location)
        except ValueError as exc:  # more members than any package holds
            problem = ExtractionError("limit", str(exc), "uncompressed_size")
            return [dataclasses.replace(archive, problem=problem)]
        except (OSError, EOFError, zipfile.BadZipFile) as exc:  # changed or damaged since
            return [dataclasses.replace(archive, problem=ExtractionError("corrupt", str(exc)))]
        listed = [
            _member_source(archive, member)
            for member in members
            if not self._member_skipped(archive.path, member.name)
        ]
        problem = ExtractionError("unsupported", "a ZIP archive with no files in it")
        return listed or [dataclasses.replace(archive, problem=problem)]

    def _member_skipped(self, archive_path: str, name: str) -> bool:
        """Hidden, lock and clutter files inside the archive too, and the ignore globs."""
        parts = name.split("/")
        # "." and ".." are steps, not hidden names: such a member is listed as unsafe.
        named = [part for part in parts if part not in ("", ".", "..")]
        if parts[0] == MACOS_FORKS or any(_hidden_name(part) for part in named):
            return True
        return self._ignored(f"{archive_path}{MEMBER_SEPARATOR}{name}", parts[-1])

    def _link_inside(self, location: Path, relative: str) -> Path | None:
        """Where the link leads, if that is inside the folder; else None, with its problem."""
        try:
            target = location.resolve(strict=True)
        except (OSError, RuntimeError):
            self._problem(relative, location, "link", "broken or looping link")
            return None
        if not target.is_relative_to(self.real_root):
            self._problem(relative, location, "link", "link to a place outside the folder")
            return None
        return target

    def describe_file(self, location: Path, relative: str) -> SourceFile:
        path = display_path(relative)
        try:
            # Opening proves it is a readable regular file (a FIFO does not block
            # it); nothing is read yet. Extraction opens it again the same way.
            with open_regular(location) as stream:
                size = opened_size(stream)
        except NotRegularFile:
            problem = ExtractionError("unsupported", "not a regular file")
            return SourceFile(path, location, 0, problem)
        except OSError as exc:
            code = "permission" if isinstance(exc, PermissionError) else "corrupt"
            return SourceFile(path, location, 0, ExtractionError(code, _reason(exc)))
        return SourceFile(path, location, size)

    def _unwalkable(self, folder: Path, relative: str, exc: OSError) -> None:
        """A folder that cannot be listed: too deep for the system's paths, or not ours."""
        if exc.errno == errno.ENAMETOOLONG:
            self._problem(relative or ".", folder, "unsupported", PATH_TOO_LONG)
        else:
            self._problem(relative or ".", folder, "permission", _reason(exc))

    def _problem(self, relative: str, location: Path, code: str, detail: str) -> None:
        self.found.append(
            SourceFile(display_path(relative), location, 0, ExtractionError(code, detail))
        )

    def _ignored(self, relative: str, name: str) -> bool:
        shown = display_path(relative)
        return any(
            fnmatch.fnmatchcase(shown, pattern)
            or ("/" not in pattern.rstrip("/") and fnmatch.fnmatchcase(name, pattern.rstrip("/")))
            for pattern in self.ignore
        )


def _skipped(entry: os.DirEntry[str]) -> bool:
    """Hidden files (and the tool's own config, which is one), lock files, clutter."""
    return _hidden_name(entry.name) or (sys.platform == "win32" and _hidden_on_windows(entry))


def _hidden_name(name: str) -> bool:
    return name.startswith((".", LOCK_FILE_PREFIX)) or name.lower() in SKIPPED_NAMES


def _archive(location: Path) -> bool:
    try:
        return is_archive(location)
    except OSError:
        return False  # unreadable now: extraction says why


def _member_source(archive: SourceFile, member: Member) -> SourceFile:
    path = f"{archive.path}{MEMBER_SEPARATOR}{member.name}"
    return SourceFile(path, archive.location, member.size, member.problem, member.key)


def _hidden_on_windows(entry: os.DirEntry[str]) -> bool:
    try:
        attributes: int = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & stat.FILE_ATTRIBUTE_HIDDEN)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
