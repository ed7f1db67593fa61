"""The extract stage: files -> Documents (text per page, its source, confidence, seals).

PDF and OFD text layers, DOCX XML, Excel cells, .doc/.wps through LibreOffice,
OCR of scans, photos and rendered pages, and PDF signatures as electronic
seals; archive members arrive as files of their own (see ``members``). Run in
a process pool with per-file limits and cached by content. Extraction records
what it sees; it never decides findings.
"""

from __future__ import annotations

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
from validator.extract.schedule import Progress
from validator.extract.settings import (
    LIMIT_NAMES,
    OCR_ENGINES,
    OCR_MODES,
    ExtractSettings,
    Limits,
    OcrSettings,
)
from validator.model import Document, SourceFile

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


def extract_one(
    source: SourceFile, settings: ExtractSettings, *, cache_dir: Path | None = None
) -> Document:
    """One file, for ``material-validator extract FILE`` (see ``discover.source_file``)."""
    return extract_documents([source], settings, jobs=1, cache_dir=cache_dir)[0]
