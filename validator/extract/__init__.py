"""The extract stage: files -> Documents (text per page, its source, confidence, seals).

PDF and OFD text layers, DOCX XML, Excel cells, .doc/.wps through LibreOffice,
OCR of scans, photos and rendered pages, and PDF signatures as electronic
seals; archive members arrive as files of their own (see ``members``). Run in
a process pool with per-file limits and cached by content. Extraction records
what it sees; it never decides findings.

The names below are loaded on first use: a warm run (every document in the
cache) and ``--help`` must not pay for the image, PDF and OCR libraries and
the worker pool that only a cold extraction needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from validator.extract.cache import (
        EXTRACTOR_VERSION,
        CacheInfo,
        cache_clear,
        cache_info,
        default_cache_dir,
    )
    from validator.extract.normalize import normalize_text
    from validator.extract.ocr import check_ocr_available
    from validator.extract.run import extract_documents
    from validator.extract.settings import (
        LIMIT_NAMES,
        OCR_ENGINES,
        OCR_MODES,
        ExtractSettings,
        Limits,
        OcrSettings,
    )
    from validator.extract.tasks import Progress
    from validator.model import Document, SourceFile

# Each public name and the submodule that defines it.
_HOMES = {
    "EXTRACTOR_VERSION": "cache",
    "CacheInfo": "cache",
    "cache_clear": "cache",
    "cache_info": "cache",
    "default_cache_dir": "cache",
    "normalize_text": "normalize",
    "check_ocr_available": "ocr",
    "extract_documents": "run",
    "Progress": "tasks",
    "LIMIT_NAMES": "settings",
    "OCR_ENGINES": "settings",
    "OCR_MODES": "settings",
    "ExtractSettings": "settings",
    "Limits": "settings",
    "OcrSettings": "settings",
}

__all__ = [
    "EXTRACTOR_VERSION",
    "LIMIT_NAMES",
    "OCR_ENGINES",
    "OCR_MODES",
    "CacheInfo",
    "ExtractSettings",
    "Limits",
    "OcrSettings",
    "Progress",
    "cache_clear",
    "cache_info",
    "check_ocr_available",
    "default_cache_dir",
    "extract_documents",
    "extract_one",
    "normalize_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def extract_one(
    source: SourceFile, settings: ExtractSettings, *, cache_dir: Path | None = None
) -> Document:
    """One file, for ``material-validator extract FILE`` (see ``discover.source_file``)."""
    from validator.extract.run import extract_documents  # noqa: PLC0415 - see the module docstring

    return extract_documents([source], settings, jobs=1, cache_dir=cache_dir)[0]
