"""Which packages a pre-commit run touches (SPEC §8).

pre-commit hands the hook the changed files, with paths relative to the top
of the repository (it runs hooks from there). Each file belongs to the
package whose root is the nearest folder above it that either holds a
``.material-validator.yaml`` or is the default root given with ``--root``;
a file under neither belongs to no package and is left alone.

The search stops at the working directory: a config in a parent of the
repository (a home folder, say) must never turn the whole repository into
one package to walk. A config above the ``--root`` folder still applies to
it, as it does for ``check`` (the config is looked up in parents), but it
does not widen the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from validator.config import CONFIG_NAME


def package_roots(
    files: Iterable[Path], default_root: Path | None, top: Path | None = None
) -> list[Path]:
    """The distinct package roots of ``files``, sorted; relative to ``top`` when inside it.

    ``top`` is where the search for a config stops, and what relative paths
    are relative to (default: the working directory, which is the top of the
    repository under pre-commit).
    """
    stop_at = (top or Path.cwd()).resolve()
    default = (stop_at / default_root).resolve() if default_root is not None else None
    roots = {_root_of(_file_path(stop_at / file), default, stop_at) for file in files}
    return sorted(_shown(root, stop_at) for root in roots if root is not None)


def _root_of(file: Path, default_root: Path | None, top: Path) -> Path | None:
    """The nearest folder above ``file`` that holds a config or is the default root."""
    limit = top if file.is_relative_to(top) else default_root
    if limit is None or not file.is_relative_to(limit):
        return None
    for folder in file.parents:
        if folder == default_root or (folder / CONFIG_NAME).is_file():
            return folder
        if folder == limit:
            break
    return None


def _file_path(path: Path) -> Path:
    """``path`` with its folders resolved, so that two spellings of one folder compare equal.

    The file's own name is kept: a link inside a package is a file of that
    package even when it points elsewhere (discovery judges where it points).
    """
    return path.parent.resolve() / path.name


def _shown(root: Path, top: Path) -> Path:
    """The root as reports label it: relative to ``top`` when inside it (``.`` for top)."""
    return root.relative_to(top) if root.is_relative_to(top) else root
