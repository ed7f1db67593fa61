"""Discovery: what is listed, what is skipped, and links, permissions and odd names."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from validator.discover import discover, source_file
from validator.errors import UsageError
from validator.model import SourceFile

# The account permission tests switch to when run as root (root reads any file).
NOBODY = 65534


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def _listing(sources: list[SourceFile]) -> list[tuple[str, str | None]]:
    return [(s.path, s.problem.code if s.problem else None) for s in sources]


def test_files_are_listed_sorted_with_sizes_and_openable_locations(tmp_path: Path) -> None:
    _tree(tmp_path, {"b.pdf": b"12345", "a/z.docx": b"1", "a/c/营业执照.jpg": b"12", "A.png": b""})
    sources = discover(tmp_path)
    assert _listing(sources) == [
        ("A.png", None),
        ("a/c/营业执照.jpg", None),
        ("a/z.docx", None),
        ("b.pdf", None),
    ]
    assert [s.size for s in sources] == [0, 2, 1, 5]
    assert all(s.location.read_bytes() is not None for s in sources)


def test_hidden_lock_clutter_and_config_files_are_skipped(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "keep.pdf": b"x",
            ".hidden.pdf": b"x",
            ".git/objects/ab": b"x",
            "~$keep.docx": b"x",
            "Thumbs.db": b"x",
            "sub/desktop.ini": b"x",
            "sub/DESKTOP.INI": b"x",
            ".material-validator.yaml": b"manifest: icp",
        },
    )
    assert _listing(discover(tmp_path)) == [("keep.pdf", None)]


@pytest.mark.parametrize(
    ("patterns", "left"),
    [
        (["*.tmp"], ["a.pdf", "drafts/b.pdf"]),
        (["drafts"], ["a.pdf", "x.tmp"]),
        (["drafts/"], ["a.pdf", "x.tmp"]),
        (["drafts/*"], ["a.pdf", "x.tmp"]),
        (["a.*", "*/b.pdf"], ["drafts/old.tmp", "x.tmp"]),
        (["b.pdf"], ["a.pdf", "drafts/old.tmp", "x.tmp"]),
    ],
)
def test_ignore_globs_match_the_relative_path(
    tmp_path: Path, patterns: list[str], left: list[str]
) -> None:
    _tree(tmp_path, {"a.pdf": b"x", "x.tmp": b"x", "drafts/b.pdf": b"x", "drafts/old.tmp": b"x"})
    assert [s.path for s in discover(tmp_path, patterns)] == left


def test_links_out_of_the_folder_are_listed_as_problems(tmp_path: Path) -> None:
    outside = _tree(tmp_path / "outside", {"secret.pdf": b"x"})
    root = _tree(tmp_path / "package", {"real.pdf": b"x"})
    (root / "escape.pdf").symlink_to(outside / "secret.pdf")
    (root / "escape-dir").symlink_to(outside, target_is_directory=True)
    (root / "relative.pdf").symlink_to("../outside/secret.pdf")
    (root / "dangling.pdf").symlink_to(root / "missing.pdf")
    (root / "alias.pdf").symlink_to(root / "real.pdf")
    sources = discover(root)
    assert _listing(sources) == [
        ("alias.pdf", None),
        ("dangling.pdf", "link"),
        ("escape-dir", "link"),
        ("escape.pdf", "link"),
        ("real.pdf", None),
        ("relative.pdf", "link"),
    ]
    assert "outside" in next(s for s in sources if s.path == "escape.pdf").problem.detail


def test_link_loops_end(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/file.pdf": b"x"})
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a" / "self")
    (tmp_path / "ping").symlink_to(tmp_path / "pong")
    (tmp_path / "pong").symlink_to(tmp_path / "ping")
    assert _listing(discover(tmp_path)) == [
        ("a/file.pdf", None),
        ("a/self", "link"),
        ("ping", "link"),
        ("pong", "link"),
    ]


def test_a_name_that_is_not_utf8_is_escaped_but_still_opens(tmp_path: Path) -> None:
    name = b"\xb2\xc4\xc1\xcf.pdf"  # 材料 in GBK: not valid UTF-8
    with open(os.fsencode(tmp_path) + b"/" + name, "wb") as stream:
        stream.write(b"%PDF-")
    (source,) = discover(tmp_path)
    assert source.path == "\\xb2\\xc4\\xc1\\xcf.pdf"
    assert source.location.read_bytes() == b"%PDF-"


def test_fifos_are_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    assert _listing(discover(tmp_path)) == [("pipe.pdf", "unsupported")]


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    file = _tree(tmp_path, {"a.pdf": b"x"}) / "a.pdf"
    with pytest.raises(UsageError):
        discover(file)


def test_a_single_file_is_described_like_a_discovered_one(tmp_path: Path) -> None:
    file = _tree(tmp_path, {"a.pdf": b"xyz"}) / "a.pdf"
    assert source_file(file) == SourceFile("a.pdf", file, 3)


def test_discovery_writes_nothing(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.pdf": b"x", "b/c.docx": b"y", ".hidden": b"z"})
    before = sorted((str(p), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    discover(tmp_path)
    assert sorted((str(p), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder an unprivileged account can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="discover-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(folder)


def _discover_unprivileged(root: Path) -> list[SourceFile]:
    """discover(root) as an ordinary user: in a forked child that drops root if needed."""
    if os.geteuid() != 0:
        return discover(root)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        os.close(read)
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        with os.fdopen(write, "wb") as stream:
            pickle.dump(discover(root), stream)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        found: list[SourceFile] = pickle.load(stream)
    os.waitpid(child, 0)
    return found


def test_unreadable_files_and_folders_are_permission_problems(shared_tmp: Path) -> None:
    _tree(shared_tmp, {"ok.pdf": b"x", "locked.pdf": b"x", "closed/inner.pdf": b"x"})
    for path in shared_tmp.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (shared_tmp / "locked.pdf").chmod(0o000)
    (shared_tmp / "closed").chmod(0o000)
    found = _discover_unprivileged(shared_tmp)
    assert _listing(found) == [
        ("closed", "permission"),
        ("locked.pdf", "permission"),
        ("ok.pdf", None),
    ]
