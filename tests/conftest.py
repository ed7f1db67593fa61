"""Shared across the whole test run: one OCR cache, one Tesseract thread per process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from validator.cli import main

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


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Outcome]:
    """Run the console entry point in this process, as the installed script would."""

    def invoke(*args: str) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["material-validator", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        captured = capsys.readouterr()
        return Outcome(int(exited.value.code or 0), captured.out, captured.err)

    return invoke
