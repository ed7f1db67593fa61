"""The worker pool and the scheduler that feeds it, in two phases.

Phase 1 plans a file; as soon as a plan arrives its page jobs join the same
queue, so OCR of one file's pages overlaps the planning of the next. Any way
a task can end without a result (timeout, crash, memory) becomes that file's
or page's ExtractionError; only a pool that cannot start at all stops the run.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from validator.errors import DependencyError
from validator.extract.assemble import assemble_document
from validator.extract.cache import DocumentCache
from validator.extract.records import UNKNOWN_KIND, FilePlan, PageJob, PageRef, PageResult
from validator.extract.settings import ExtractSettings
from validator.extract.tasks import Counter, Pending
from validator.extract.worker import init_worker, plan_file, run_page_job
from validator.model import Document, ExtractionError

# Pages that need no OCR (seal search only) are handed out this many at a time:
# each takes milliseconds, so one task per page would cost more in overhead.
PAGE_BATCH = 16

# How a worker that ran out of memory dies (see ``_expired``).
_OUT_OF_MEMORY_SIGNALS = frozenset({signal.SIGABRT, getattr(signal, "SIGKILL", signal.SIGABRT)})
# How often the scheduler looks whether a queued file has started (its budget
# starts then): a file's budget may start this much late.
_START_POLL_S = 0.1
# Shortest timeout given to a task: a file out of budget gets its tasks cancelled.
_LEAST_TIMEOUT_S = 0.01

_T = TypeVar("_T")


@contextmanager
def worker_pool(jobs: int, settings: ExtractSettings) -> Iterator[ProcessPool]:
    """``jobs`` worker processes (0: one per CPU), each with the memory ceiling."""
    workers = jobs if jobs > 0 else os.cpu_count() or 1
    pool = ProcessPool(
        max_workers=workers,
        initializer=init_worker,
        initargs=(settings.limits.memory_mb,),
        context=_context(),
    )
    try:
        yield pool
    except BrokenProcessPool as exc:
        # No worker can start (the interpreter cannot be run, no processes left):
        # a problem of the machine, reported like a missing program, not a traceback.
        pool.stop()  # type: ignore[no-untyped-call]
        reason = exc.__cause__ or exc
        raise DependencyError(
            f"cannot start the extraction worker processes: {reason}",
            hint=f"check that this account can run {sys.executable}",
        ) from exc
    except BaseException:
        pool.stop()  # type: ignore[no-untyped-call]
        raise
    finally:
        pool.close()  # type: ignore[no-untyped-call]
        pool.join()


# Longest temporary folder the forkserver's socket path (folder + ~24 bytes) fits under.
_MAX_SOCKET_DIR = 80


def _context() -> multiprocessing.context.BaseContext:
    """forkserver, not fork: the caller may run threads (a progress display), and a
    forked copy of a lock one of them holds would never be released. The server
    imports the extractors once, so that each worker starts without importing them.
    """
    if sys.platform == "win32" or len(multiprocessing.util.get_temp_dir()) > _MAX_SOCKET_DIR:
        # The server listens on a Unix socket in the temporary folder, and socket
        # paths are short (108 bytes): under a deep TMPDIR, start workers afresh.
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([init_worker.__module__])
    return context


class Scheduler:
    """Feeds the pool: each finished plan schedules that file's page jobs."""

    def __init__(
        self,
        pool: ProcessPool,
        settings: ExtractSettings,
        cache: DocumentCache | None,
        documents: list[Document | None],
        counter: Counter,
    ) -> None:
        self._pool = pool
        self._settings = settings
        self._cache = cache
        self._documents = documents
        self._counter = counter
        # Each task running or queued: the file it belongs to and what to do once it is done.
        self._waiting: dict[Future[Any], tuple[Pending, Callable[[Future[Any]], None]]] = {}

    def run(self, pending: list[Pending]) -> None:
        try:
            for item in pending:
                self._submit(plan_file, item.source.location, partial(self._planned, item), item)
            while self._waiting:
                done, _ = wait(
                    list(self._waiting), timeout=self._next_deadline(), return_when=FIRST_COMPLETED
                )
                for future in done:
                    _, then = self._waiting.pop(future)
                    then(future)
                self._expire()
        finally:
            # Interrupted (Ctrl-C, SIGTERM): converted copies of unfinished files go too.
            for item in pending:
                if item.plan is not None and item.plan.converted is not None:
                    shutil.rmtree(item.plan.converted.parent, ignore_errors=True)

    def _submit(
        self,
        function: Callable[..., Any],
        target: object,
        then: Callable[[Future[Any]], None],
        item: Pending,
    ) -> None:
        """Schedule a task of ``item``'s file, within what is left of the file's budget.

        ``file_timeout_s`` is the file's whole budget, from the start of its
        first task to the end of its last, however many pages it has (see
        ``_expire``); waiting in the queue behind other files does not count.
        """
        timeout = self._settings.limits.file_timeout_s  # pebble counts from the task's start
        if item.deadline is not None:
            timeout = max(item.deadline - time.monotonic(), _LEAST_TIMEOUT_S)
        try:
            future = self._pool.schedule(function, args=(target, self._settings), timeout=timeout)
        except OSError as exc:
            # pebble starts its processes on the first task; a helper process that
            # cannot be run shows up here as a broken pipe, not as a broken pool.
            raise BrokenProcessPool(str(exc)) from exc
        self._waiting[future] = (item, then)

    def _next_deadline(self) -> float | None:
        """Seconds to wait at most: until a budget runs out, or until the next look
        at whether a file still waiting in the queue has started."""
        items = [item for item, _ in self._waiting.values()]
        deadlines = [item.deadline for item in items if item.deadline is not None]
        if any(item.deadline is None for item in items):
            deadlines.append(time.monotonic() + _START_POLL_S)
        return max(min(deadlines) - time.monotonic(), 0.0) if deadlines else None

    def _expire(self) -> None:
        """Start the budget of each file whose first task runs; cancel the tasks, queued
        or running, of every file whose budget has run out."""
        now = time.monotonic()
        for future, (item, _) in self._waiting.items():
            if item.deadline is None and future.running():  # time in the queue is free
                item.deadline = now + self._settings.limits.file_timeout_s
        for future, (item, _) in self._waiting.items():
            if item.deadline is not None and item.deadline <= now:
                future.cancel()  # pebble stops the worker running it

    def _planned(self, item: Pending, future: Future[FilePlan]) -> None:
        plan = _outcome(future, self._settings, lambda error: FilePlan(UNKNOWN_KIND, error=error))
        item.plan = plan
        page_jobs = _page_jobs(plan, item)
        item.jobs_left = len(page_jobs)
        if not page_jobs:
            self._finish(item)
        for job in page_jobs:
            self._submit(run_page_job, job, partial(self._looked, item, job), item)

    def _looked(self, item: Pending, job: PageJob, future: Future[tuple[PageResult, ...]]) -> None:
        results = _outcome(
            future,
            self._settings,
            lambda error: tuple(PageResult(r, error=error) for r in job.refs),
        )
        item.results.extend(results)
        item.jobs_left -= 1
        if item.jobs_left == 0:
            self._finish(item)

    def _finish(self, item: Pending) -> None:
        assert item.plan is not None
        document = assemble_document(item.source, item.sha256, item.plan, item.results)
        self._documents[item.index] = document
        if item.plan.converted is not None:
            shutil.rmtree(item.plan.converted.parent, ignore_errors=True)
        if self._cache is not None:
            self._cache.put(document)
        self._counter.step(item.source.path)


def _page_jobs(plan: FilePlan, item: Pending) -> list[PageJob]:
    """OCR pages one per job (they take seconds); the others in batches."""
    if plan.error is not None:
        return []
    location = plan.converted or item.source.location
    jobs = [PageJob(plan.kind, location, (ref,)) for ref in plan.refs if ref.ocr]
    quick: list[PageRef] = [ref for ref in plan.refs if not ref.ocr]
    for start in range(0, len(quick), PAGE_BATCH):
        jobs.append(PageJob(plan.kind, location, tuple(quick[start : start + PAGE_BATCH])))
    return jobs


def _outcome(
    future: Future[_T], settings: ExtractSettings, failed: Callable[[ExtractionError], _T]
) -> _T:
    """The task's result, or ``failed`` applied to why the worker gave none."""
    try:
        return future.result()
    except (FutureTimeout, CancelledError):  # CancelledError: the file's budget ran out
        limit = settings.limits.file_timeout_s
        return failed(ExtractionError("timeout", f"over {limit:g} s", "file_time"))
    except ProcessExpired as exc:
        return failed(_expired(exc.exitcode))
    except MemoryError:
        return failed(ExtractionError("limit", "out of memory", "memory"))
    except BrokenProcessPool:
        raise  # no worker can start: the run cannot go on, whatever the file
    except Exception as exc:  # a result that could not travel back (unpicklable, cut off)
        return failed(ExtractionError("corrupt", f"{type(exc).__name__}: {exc}"))


def _expired(exit_code: int | None) -> ExtractionError:
    """Why a worker died, by how: not a timeout (that is ``FutureTimeout``).

    Under the address-space ceiling a C++ reader that cannot allocate throws
    ``std::bad_alloc`` and aborts (SIGABRT); the kernel's out-of-memory killer
    sends SIGKILL. Either is the memory limit; any other death is a crash.
    """
    if exit_code is not None and -exit_code in _OUT_OF_MEMORY_SIGNALS:
        name = signal.Signals(-exit_code).name
        return ExtractionError("limit", f"the reader ran out of memory ({name})", "memory")
    return ExtractionError("corrupt", f"the reader crashed (exit code {exit_code})")
