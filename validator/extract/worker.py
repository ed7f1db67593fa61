"""What runs inside the worker processes: phase 1 (plan a file), phase 2 (look at pages).

Every failure is turned into a record here: a hostile file costs its own
result, never the worker's siblings or the run.
"""

from __future__ import annotations

import dataclasses
import sys
import warnings
from pathlib import Path

from validator.extract.deskew import straightened
from validator.extract.formats import reader_for, sniff
from validator.extract.formats.image import is_photo, text_dpi, working_copy
from validator.extract.ocr import RAPIDOCR, OcrReading, read_page
from validator.extract.ocr.choice import is_small, scaled
from validator.extract.records import (
    UNKNOWN_KIND,
    ExtractFailure,
    FilePlan,
    PageImage,
    PageJob,
    PageRef,
    PageResult,
)
from validator.extract.seals import detect, prepare
from validator.extract.settings import ExtractSettings
from validator.extract.thumbnail import make_thumbnail
from validator.model import ExtractionError, Seal

if sys.platform != "win32":
    import resource

# Images smaller than this on either side are bullets, icons and rules: no text, no seal.
MIN_IMAGE_SIDE = 32


def init_worker(memory_mb: int) -> None:
    """Run once in each worker: a ceiling on address space, which turns a runaway
    parser into a MemoryError. (Tesseract's single thread is set where it is
    loaded, in ``tesseract``.)
    """
    # Library warnings about damaged files are no business of the user's terminal:
    # what matters becomes an ExtractionError. (opened_image still turns Pillow's
    # decompression-bomb warning into an error inside its own context.)
    warnings.simplefilter("ignore")
    if sys.platform == "win32":
        return  # no address-space limit there; the wall-clock timeout still applies
    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def plan_file(location: Path, settings: ExtractSettings) -> FilePlan:
    """Phase 1: what the file is, its text layer, and which page images to look at."""
    kind = UNKNOWN_KIND
    try:
        reader = sniff(location)
        kind = reader.KIND
        plan = reader.plan(location, settings)
        return dataclasses.replace(plan, kind=kind, pictures=reader.PICTURES)
    except Exception as exc:  # any parser error is this file's problem only
        return FilePlan(kind=kind, error=describe_failure(exc))


def run_page_job(job: PageJob, settings: ExtractSettings) -> tuple[PageResult, ...]:
    """Phase 2: render or load each referenced page image, find seals, OCR if needed."""
    return tuple(_look_at_page(job, ref, settings) for ref in job.refs)


def describe_failure(exc: BaseException) -> ExtractionError:
    if isinstance(exc, ExtractFailure):
        return exc.error
    if isinstance(exc, MemoryError):
        return ExtractionError("limit", "out of memory", "memory")
    return ExtractionError("corrupt", f"{type(exc).__name__}: {exc}")


def _look_at_page(job: PageJob, ref: PageRef, settings: ExtractSettings) -> PageResult:
    try:
        loaded = reader_for(job.kind).load(job.location, ref, settings)
        if loaded is None or min(loaded.image.size) < MIN_IMAGE_SIDE:
            return PageResult(ref)
        return _read(loaded, ref, settings)
    except Exception as exc:  # one page's failure is recorded on that page
        return PageResult(ref, error=describe_failure(exc))


def _read(loaded: PageImage, ref: PageRef, settings: ExtractSettings) -> PageResult:
    work, scale, work_dpi = working_copy(loaded.image, loaded.dpi, settings.ocr.dpi)
    # One preparation serves all: the page in greyscale unless it is in colour,
    # and a reduced copy for the seal search, the tilt estimate and the thumbnail.
    search = prepare(work, work_dpi if loaded.measured else None)
    seals = tuple(_rescaled(seal, 1 / scale) for seal in detect(search, engine=settings.ocr.engine))
    reading = None
    dpi = loaded.reported_dpi
    if ref.ocr:
        timeout_s = settings.limits.ocr_timeout_s
        # Read level; seals were searched on the page as it is, so their boxes hold.
        page = straightened(search.full, search.preview)
        photo = not loaded.measured and is_photo(loaded.image.size)
        reading = read_page(page, settings.ocr, work_dpi, timeout_s, photo=photo)
        reading = _rescaled_lines(reading, 1 / scale)
        # A photo or a small crop is no A4 page: its text tells how legible it is.
        small = not loaded.measured and is_small(loaded.image)
        if (photo or small) and dpi is not None and reading.engine == RAPIDOCR:
            dpi = text_dpi(reading.lines) or dpi
    size = loaded.image.size
    # Pictures inside a DOCX or OFD are parts of a page, not pages: no thumbnail.
    thumbnail = "" if ref.member else make_thumbnail(search.preview)
    if reading is None:
        return PageResult(ref, None, None, seals, size, dpi, thumbnail=thumbnail)
    return PageResult(
        ref,
        reading.text,
        reading.confidence,
        seals,
        size,
        dpi,
        thumbnail=thumbnail,
        lines=reading.lines,
        engine=reading.engine,
    )


def _rescaled_lines(reading: OcrReading, factor: float) -> OcrReading:
    """Line boxes of a scaled-down copy, in the page's own pixel coordinates."""
    if factor == 1:
        return reading
    return dataclasses.replace(reading, lines=tuple(scaled(line, factor) for line in reading.lines))


def _rescaled(seal: Seal, factor: float) -> Seal:
    """A seal found on the scaled-down copy, in the page's own pixel coordinates."""
    if factor == 1:
        return seal
    x0, y0, x1, y1 = (round(v * factor) for v in seal.bbox)
    return dataclasses.replace(seal, bbox=(x0, y0, x1, y1))
