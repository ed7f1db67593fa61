"""The extraction cache: one JSON file per (file content, extractor, settings).

Entries hold ID-card numbers, so the folder is private to its owner (0700,
files 0600). Writes go to a temporary file renamed into place, so two runs
sharing the cache never see half an entry; an entry that does not load is
ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from validator.extract import versions
from validator.extract.settings import ExtractSettings
from validator.model import Document, ExtractionError, Page, Seal, TextLine

# Raise whenever the same file and settings would now extract differently.
EXTRACTOR_VERSION = "8"  # 7: OCR lines with boxes, RapidOCR; 8: other formats told from broken ones
# Failures worth remembering: they depend on the bytes alone. Limits, timeouts
# and crashes depend on the machine and the settings, so they are retried.
CACHED_ERRORS = frozenset({"encrypted", "unsupported", "other_format"})
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}-[0-9a-f]{16}\.json$")
_TEMP_PREFIX = ".tmp-"


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("material-validator"))


@dataclasses.dataclass(frozen=True)
class CacheInfo:
    folder: Path
    entries: int
    size: int  # bytes


def _engine_version(settings: ExtractSettings) -> str:
    """The OCR engines' versions; loading Tesseract is the price of knowing its own."""
    from validator.extract.ocr import engine_versions  # noqa: PLC0415 - heavy, see ``versions``

    return engine_versions(settings.ocr)


class DocumentCache:
    """Documents by file sha256, for one extractor version and one set of settings."""

    def __init__(self, folder: Path, settings: ExtractSettings) -> None:
        self.folder = folder
        detector = versions.DETECTOR_VERSION
        # Another engine, or another version of its models, reads the same page differently.
        engine = _engine_version(settings)
        variant = f"{EXTRACTOR_VERSION}|{detector}|{engine}|{settings.key()}"
        self._variant = hashlib.sha256(variant.encode()).hexdigest()[:16]

    def get(self, sha256: str, path: str) -> Document | None:
        """The stored document for these bytes, with ``path`` applied; None on a miss."""
        try:
            data = json.loads(self._entry(sha256).read_text("utf-8"))
            document = _from_json(data, path)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # absent, or damaged: it will be rewritten
        return document if document.sha256 == sha256 else None

    def put(self, document: Document) -> None:
        if document.error is not None and document.error.code not in CACHED_ERRORS:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_atomically(self._entry(document.sha256), _to_json(document))

    def _entry(self, sha256: str) -> Path:
        return self.folder / f"{sha256}-{self._variant}.json"


def _write_atomically(target: Path, content: dict[str, Any]) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX, suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(content, stream, ensure_ascii=False, sort_keys=True)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _to_json(document: Document) -> dict[str, Any]:
    content = dataclasses.asdict(document)
    del content["path"]  # the same bytes may sit under another name
    return content


def _from_json(data: dict[str, Any], path: str) -> Document:
    error = data["error"]
    return Document(
        path=path,
        sha256=str(data["sha256"]),
        kind=str(data["kind"]),
        size=int(data["size"]),
        pages=tuple(_page(page) for page in data["pages"]),
        error=ExtractionError(**error) if error else None,
        paged=bool(data["paged"]),
    )


def _page(data: dict[str, Any]) -> Page:
    seals = tuple(Seal(**{**seal, "bbox": tuple(seal["bbox"])}) for seal in data["seals"])
    size = tuple(data["size"]) if data["size"] else None
    lines = tuple(TextLine(**{**line, "box": tuple(line["box"])}) for line in data["lines"])
    return Page(**{**data, "seals": seals, "size": size, "lines": lines})


def _own_files(folder: Path) -> list[Path]:
    """Entries, and temporary files a killed run left behind."""
    if not folder.is_dir():
        return []
    return [
        entry
        for entry in folder.iterdir()
        if _ENTRY_NAME.match(entry.name) or entry.name.startswith(_TEMP_PREFIX)
    ]


def cache_info(folder: Path) -> CacheInfo:
    """Where the cache is, how many entries it holds and their total size."""
    entries = [entry for entry in _own_files(folder) if _ENTRY_NAME.match(entry.name)]
    size = 0
    for entry in entries:
        with contextlib.suppress(OSError):  # removed meanwhile by another run
            size += entry.stat().st_size
    return CacheInfo(folder, len(entries), size)


def cache_clear(folder: Path) -> int:
    """Delete the cache's own files (nothing else in ``folder``); the number removed."""
    removed = 0
    for entry in _own_files(folder):
        with contextlib.suppress(FileNotFoundError):
            entry.unlink()
            removed += 1
    return removed
