"""Shared helpers of the extractor tests: run one file through phase 1 and 2 in-process."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from validator.discover import source_file
from validator.extract.assemble import assemble_document
from validator.extract.records import PageJob
from validator.extract.settings import ExtractSettings, OcrSettings
from validator.extract.worker import plan_file, run_page_job
from validator.model import Document

# One Tesseract thread, as in the workers (SPEC §10, §11).
os.environ["OMP_THREAD_LIMIT"] = "1"


def extract_here(path: Path, settings: ExtractSettings | None = None) -> Document:
    """What a worker pool would produce for ``path``, computed in this process.

    The extractor tests use it to avoid a pool start per test; the pool itself
    is tested in test_run.py.
    """
    settings = settings or ExtractSettings()
    plan = plan_file(path, settings)
    location = plan.converted or path  # a .doc is rendered from its PDF conversion
    results = [
        result
        for ref in plan.refs
        for result in run_page_job(PageJob(plan.kind, location, (ref,)), settings)
    ]
    if plan.converted is not None:
        shutil.rmtree(plan.converted.parent)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return assemble_document(source_file(path), sha256, plan, results)


@pytest.fixture
def no_ocr() -> ExtractSettings:
    return ExtractSettings(ocr=OcrSettings(mode="never"))
