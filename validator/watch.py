"""``check --watch``: check the folders again whenever one of their files changes.

watchfiles reports changes in batches, after the folder has been quiet for a
moment; a file still growing (a scanner writing a PDF, a copy in progress) is
waited for until its size stops changing, so the checklist fills in with
whole files. Each run uses the extraction cache: only the new or changed
files are read again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import click
import watchfiles

# How long a batch of changes must have been quiet, in milliseconds.
DEBOUNCE_MS = 1000
# Interval between two looks at a changed file's size, and how many looks at most.
SETTLE_INTERVAL_S = 0.5
SETTLE_LOOKS = 20


def watch_folders(folders: Sequence[str], run: Callable[[], int]) -> None:
    """Run ``run`` now and after every batch of changes, until interrupted (Ctrl-C).

    No report is written inside a checked folder (the command refuses such an
    ``--output``), so every change is the user's.
    """
    run()
    try:
        for changes in watchfiles.watch(*folders, debounce=DEBOUNCE_MS, raise_interrupt=False):
            changed = [Path(path) for _, path in changes]
            wait_until_written(changed)
            click.echo(click.style(f"--- {len(changed)} change(s); checking again", dim=True))
            run()
    except KeyboardInterrupt:
        return


def wait_until_written(paths: Iterable[Path]) -> None:
    """Return once every file of ``paths`` that still exists has kept its size for one look."""
    previous: dict[Path, int] = {}
    for _ in range(SETTLE_LOOKS):
        sizes = {path: _size(path) for path in paths}
        if sizes == previous:
            return
        previous = sizes
        time.sleep(SETTLE_INTERVAL_S)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # removed (or unreadable): nothing to wait for
