"""The extraction cache: round trips, validity, privacy, damage and concurrency."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from validator.extract import cache as cache_module
from validator.extract.cache import DocumentCache, cache_clear, cache_info
from validator.extract.settings import ExtractSettings, OcrSettings
from validator.model import Document, ExtractionError, Page, Seal

SHA = "ab" * 32
SEAL = Seal(bbox=(10, 20, 110, 120), confidence=0.9, colour="red", ring_text="某某公司")
DOCUMENT = Document(
    path="a/营业执照.pdf",
    sha256=SHA,
    kind="pdf",
    size=1234,
    pages=(
        Page(1, "营业执照", "text", None, (SEAL,), (1654, 2339), 200),
        Page(2, "法定代表人", "ocr", 0.912, (), (1654, 2339), 150),
    ),
)


def test_a_document_comes_back_equal_under_its_new_path(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path, ExtractSettings())
    assert cache.get(SHA, "x.pdf") is None
    cache.put(DOCUMENT)
    again = cache.get(SHA, "renamed/copy.pdf")
    assert again is not None
    assert again == Document(**{**DOCUMENT.__dict__, "path": "renamed/copy.pdf"})


def test_entries_belong_to_one_extractor_version_and_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    DocumentCache(tmp_path, ExtractSettings()).put(DOCUMENT)
    assert DocumentCache(tmp_path, ExtractSettings(ocr=OcrSettings(dpi=300))).get(SHA, "p") is None
    monkeypatch.setattr(cache_module, "EXTRACTOR_VERSION", "next")
    assert DocumentCache(tmp_path, ExtractSettings()).get(SHA, "p") is None


def test_the_cache_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    DocumentCache(folder, ExtractSettings()).put(DOCUMENT)
    (entry,) = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("error", "kept"),
    [
        (ExtractionError("encrypted"), True),
        (ExtractionError("unsupported", "not a PDF"), True),
        (ExtractionError("limit", "big", "pixels"), False),
        (ExtractionError("timeout", "slow", "file_time"), False),
        (ExtractionError("corrupt", "crashed"), False),
    ],
)
def test_only_failures_of_the_bytes_themselves_are_kept(
    tmp_path: Path, error: ExtractionError, kept: bool
) -> None:
    cache = DocumentCache(tmp_path, ExtractSettings())
    cache.put(Document("x.pdf", SHA, "pdf", 10, error=error))
    assert (cache.get(SHA, "x.pdf") is not None) is kept


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"sha256": 1}', json.dumps({"pages": []}).encode()]
)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage: bytes) -> None:
    cache = DocumentCache(tmp_path, ExtractSettings())
    cache.put(DOCUMENT)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(damage)
    assert cache.get(SHA, "p") is None
    cache.put(DOCUMENT)
    assert cache.get(SHA, DOCUMENT.path) == DOCUMENT


def test_an_entry_under_the_wrong_name_is_not_trusted(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path, ExtractSettings())
    cache.put(DOCUMENT)
    (entry,) = tmp_path.iterdir()
    entry.rename(tmp_path / entry.name.replace(SHA, "cd" * 32))
    assert cache.get("cd" * 32, "p") is None


def test_concurrent_writers_and_readers_never_see_half_an_entry(tmp_path: Path) -> None:
    caches = [DocumentCache(tmp_path, ExtractSettings()) for _ in range(4)]
    caches[0].put(DOCUMENT)
    misses: list[int] = []

    def write() -> None:
        for _ in range(50):
            caches[1].put(DOCUMENT)

    def read() -> None:
        misses.extend(1 for _ in range(200) if caches[2].get(SHA, DOCUMENT.path) is None)

    threads = [threading.Thread(target=f) for f in (write, write, read, read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert misses == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []


def test_info_and_clear_touch_only_the_cache_s_own_files(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path, ExtractSettings())
    cache.put(DOCUMENT)
    cache.put(Document("b.pdf", "cd" * 32, "pdf", 1))
    (tmp_path / "notes.txt").write_text("mine")
    info = cache_info(tmp_path)
    assert (info.folder, info.entries) == (tmp_path, 2)
    assert info.size == sum(p.stat().st_size for p in tmp_path.glob("*.json"))
    assert cache_clear(tmp_path) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert cache_info(tmp_path / "absent").entries == 0
