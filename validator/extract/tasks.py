"""The bookkeeping that ``run`` and ``schedule`` share: files waiting for a worker, progress.

Kept apart from the scheduler so that a run that needs no worker (every file
in the cache) never loads the pool or the readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from validator.extract.records import FilePlan, PageResult
from validator.model import SourceFile

Progress = Callable[[str, int, int], None]


@dataclass
class Pending:
    """A file that needs a worker, and what has come back for it so far."""

    index: int
    source: SourceFile
    sha256: str
    plan: FilePlan | None = None
    results: list[PageResult] = field(default_factory=list)
    jobs_left: int = 0


class Counter:
    """Reports each finished document to the progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self._total = total
        self._done = 0

    def step(self, path: str) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(path, self._done, self._total)
