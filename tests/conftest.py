"""Shared across the whole test run: one OCR cache, one Tesseract thread per process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tesseract's own threads only slow a pool of single-threaded workers (SPEC §10).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPO = Path(__file__).resolve().parent.parent
PACKAGES = REPO / "fixtures" / "packages"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An extraction cache every test of this run shares, xdist workers included.

    The workers' temporary folders are siblings, so their common parent holds
    one cache; the cache's atomic writes make concurrent use safe.
    """
    base = tmp_path_factory.getbasetemp()
    under_xdist = "PYTEST_XDIST_WORKER" in os.environ
    folder = (base.parent if under_xdist else base) / "shared-ocr-cache"
    folder.mkdir(exist_ok=True)
    return folder
