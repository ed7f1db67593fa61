"""Extraction of a list of files: what needs no worker is settled here.

A discovery problem, an empty or oversized file and a cache hit are decided
in the calling process, so a warm run hashes the files and starts no worker
at all. The rest goes to the pool (see ``schedule``). The result does not
depend on the number of workers: documents come back in file order, pages
in page order.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path

from validator.extract.cache import DocumentCache
from validator.extract.ocr import check_ocr_available
from validator.extract.schedule import Counter, Pending, Progress, Scheduler, worker_pool
from validator.extract.settings import ExtractSettings
from validator.model import Document, ExtractionError, SourceFile

# Hashing read size.
_READ_BYTES = 1024 * 1024


def extract_documents(
    files: Sequence[SourceFile],
    settings: ExtractSettings,
    *,
    jobs: int,
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> list[Document]:
    """One Document per file, in the order of ``files``.

    ``jobs`` worker processes (0: one per CPU); ``cache_dir`` None: no cache.
    """
    cache = DocumentCache(cache_dir, settings) if cache_dir is not None else None
    documents: list[Document | None] = [None] * len(files)
    counter = Counter(progress, len(files))
    pending, copies = _triage(files, settings, cache, documents, counter)
    if pending:
        if settings.ocr.mode != "never":
            check_ocr_available(settings.ocr.lang)
        with worker_pool(jobs, settings) as pool:
            Scheduler(pool, settings, cache, documents, counter).run(pending)
    for copy in copies:
        original = next(d for d in documents if d is not None and d.sha256 == copy.sha256)
        documents[copy.index] = dataclasses.replace(original, path=copy.source.path)
        counter.step(copy.source.path)
    finished = [document for document in documents if document is not None]
    if len(finished) != len(files):
        raise RuntimeError("extraction lost track of a file")  # a defect, never a user error
    return finished


def _triage(
    files: Sequence[SourceFile],
    settings: ExtractSettings,
    cache: DocumentCache | None,
    documents: list[Document | None],
    counter: Counter,
) -> tuple[list[Pending], list[Pending]]:
    """Settle what needs no worker; return the files to extract and the byte-identical copies.

    A copy (the same licence filed under two items) is extracted once.
    """
    pending: dict[str, Pending] = {}
    copies: list[Pending] = []
    for index, source in enumerate(files):
        ready = _without_worker(index, source, settings, cache)
        if isinstance(ready, Document):
            documents[index] = ready
            counter.step(source.path)
        elif ready.sha256 in pending:
            copies.append(ready)
        else:
            pending[ready.sha256] = ready
    return list(pending.values()), copies


def _without_worker(
    index: int, source: SourceFile, settings: ExtractSettings, cache: DocumentCache | None
) -> Document | Pending:
    if source.problem is not None:
        return Document(source.path, "", "unknown", source.size, error=source.problem)
    try:
        sha256 = _sha256(source)
    except OSError as exc:
        error = ExtractionError("permission", f"cannot read the file: {exc.strerror}")
        return Document(source.path, "", "unknown", source.size, error=error)
    size = source.size
    if size == 0:
        return Document(source.path, sha256, "unknown", size, error=ExtractionError("empty"))
    if size > settings.limits.max_file_bytes:
        error = ExtractionError("limit", f"{size} bytes", "file_size")
        return Document(source.path, sha256, "unknown", size, error=error)
    cached = cache.get(sha256, source.path) if cache else None
    return cached or Pending(index, source, sha256)


def _sha256(source: SourceFile) -> str:
    digest = hashlib.sha256()
    with source.location.open("rb") as stream:
        while chunk := stream.read(_READ_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
