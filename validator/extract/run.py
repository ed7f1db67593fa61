"""Extraction of a list of files: what needs no worker is settled here.

A discovery problem, an empty or oversized file and a cache hit are decided
in the calling process, so a warm run hashes the files and starts no worker
at all. Each file is opened once (``validator.safeopen``): its size is checked
before a byte is read, and a file that needs a worker is copied privately
from that same descriptor, so what is hashed is what the workers read. The
rest goes to the pool (see ``schedule``). The result does not depend on the
number of workers: documents come back in file order, pages
in page order. Archive members are unpacked here, into a private folder
that lives as long as the run (see ``members``), and extracted like files.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from validator.extract.cache import DocumentCache
from validator.extract.members import MemberStore
from validator.extract.records import UNKNOWN_KIND, ExtractFailure
from validator.extract.settings import ExtractSettings
from validator.extract.tasks import Counter, Pending, Progress
from validator.model import Document, ExtractionError, SourceFile
from validator.safeopen import NotRegularFile, is_link_error, open_regular, opened_size

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
    with MemberStore(settings.limits) as store:
        pending, copies = _triage(files, settings, cache, documents, counter, store)
        if pending:
            _extract_pending(pending, settings, jobs, cache, documents, counter)
    for copy in copies:
        original = next(d for d in documents if d is not None and d.sha256 == copy.sha256)
        documents[copy.index] = dataclasses.replace(original, path=copy.source.path)
        counter.step(copy.source.path)
    finished = [document for document in documents if document is not None]
    if len(finished) != len(files):
        raise RuntimeError("extraction lost track of a file")  # a defect, never a user error
    return finished


def _extract_pending(
    pending: list[Pending],
    settings: ExtractSettings,
    jobs: int,
    cache: DocumentCache | None,
    documents: list[Document | None],
    counter: Counter,
) -> None:
    # The pool, the readers and the OCR engine are loaded only when a file needs
    # them: a warm run settles every file from the cache without them.
    from validator.extract.ocr import check_ocr_available  # noqa: PLC0415
    from validator.extract.schedule import Scheduler, worker_pool  # noqa: PLC0415

    if settings.ocr.mode != "never":
        check_ocr_available(settings.ocr.lang, engine=settings.ocr.engine)
    with worker_pool(jobs, settings) as pool:
        Scheduler(pool, settings, cache, documents, counter).run(pending)


def _triage(
    files: Sequence[SourceFile],
    settings: ExtractSettings,
    cache: DocumentCache | None,
    documents: list[Document | None],
    counter: Counter,
    store: MemberStore,
) -> tuple[list[Pending], list[Pending]]:
    """Settle what needs no worker; return the files to extract and the byte-identical copies.

    A copy (the same licence filed under two items) is extracted once.
    """
    pending: dict[str, Pending] = {}
    copies: list[Pending] = []
    for index, source in enumerate(files):
        ready = _without_worker(index, source, settings, cache, store)
        if isinstance(ready, Document):
            documents[index] = ready
            counter.step(source.path)
        elif ready.sha256 in pending:
            store.discard(ready.source.location)  # the first copy is read for both
            copies.append(ready)
        else:
            pending[ready.sha256] = ready
    return list(pending.values()), copies


def _without_worker(
    index: int,
    source: SourceFile,
    settings: ExtractSettings,
    cache: DocumentCache | None,
    store: MemberStore,
) -> Document | Pending:
    if source.problem is not None:
        return _unread(source, "", source.problem)
    try:
        if source.member:
            return _member(index, source, settings, cache, store)
        with open_regular(source.location) as stream:
            return _plain(index, source, stream, settings, cache, store)
    except (OSError, ExtractFailure) as exc:
        return _unread(source, "", _read_error(exc))


def _plain(
    index: int,
    source: SourceFile,
    stream: BinaryIO,
    settings: ExtractSettings,
    cache: DocumentCache | None,
    store: MemberStore,
) -> Document | Pending:
    """A file of the folder, read only through ``stream``: its size first, then its bytes."""
    source = dataclasses.replace(source, size=opened_size(stream))
    error = _size_error(source.size, settings)
    if error is not None:
        return _unread(source, "", error)  # nothing read: a sparse 10 GiB file costs nothing
    limit = settings.limits.max_file_bytes
    cached = cache.get(_sha256(stream, limit), source.path) if cache else None
    if cached is not None:
        return cached
    stream.seek(0)
    # The workers read a private copy, hashed as it is written: the bytes
    # cached under a hash are the bytes that hash was taken of.
    location, sha256, size = store.copy(stream, source.location.name, limit)
    if size == 0:
        return _unread(source, sha256, ExtractionError("empty"))
    return Pending(index, dataclasses.replace(source, location=location, size=size), sha256)


def _member(
    index: int,
    source: SourceFile,
    settings: ExtractSettings,
    cache: DocumentCache | None,
    store: MemberStore,
) -> Document | Pending:
    """An archive member, unpacked (and hashed) into the private folder."""
    location, sha256 = store.unpack(source)
    readable = dataclasses.replace(source, location=location)
    error = _size_error(source.size, settings)
    if error is not None:
        store.discard(location)
        return _unread(source, sha256, error)
    cached = cache.get(sha256, source.path) if cache else None
    if cached is None:
        return Pending(index, readable, sha256)
    store.discard(location)  # an unpacked member needs no worker after all
    return cached


def _unread(source: SourceFile, sha256: str, error: ExtractionError) -> Document:
    return Document(source.path, sha256, UNKNOWN_KIND, source.size, error=error)


def _read_error(exc: OSError | ExtractFailure) -> ExtractionError:
    if isinstance(exc, ExtractFailure):  # an archive member over a limit, or damaged
        return exc.error
    if isinstance(exc, NotRegularFile):  # replaced by a FIFO or device since the walk
        return ExtractionError("unsupported", "not a regular file")
    if is_link_error(exc):  # replaced by a link since the walk
        return ExtractionError("link", "the file became a link after it was found")
    return ExtractionError("permission", f"cannot read the file: {exc.strerror}")


def _size_error(size: int, settings: ExtractSettings) -> ExtractionError | None:
    if size == 0:
        return ExtractionError("empty")
    if size > settings.limits.max_file_bytes:
        return ExtractionError("limit", f"{size} bytes", "file_size")
    return None


def _sha256(stream: BinaryIO, limit: int) -> str:
    """The hash of at most ``limit`` + 1 bytes: a file that grows meanwhile cannot stall it."""
    digest = hashlib.sha256()
    left = limit + 1
    while left > 0 and (chunk := stream.read(min(_READ_BYTES, left))):
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()
