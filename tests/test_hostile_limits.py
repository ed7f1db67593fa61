"""Every piece of work has a limit: comparisons, a file's time, a reader's memory.

Work is measured by what it does, never by the clock: the number of string
comparisons a seal-owner decision makes, the pages of a file read after its
time budget ran out, the label a reader's death gets.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

from tests.extract.inputs import LICENCE_LINES, scan_pdf, text_image
from validator import names, seal_owners
from validator.discover import discover
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents
from validator.facts import parties
from validator.manifest import load_manifest
from validator.model import Seal

APPLICANT = "北京云栈网络科技有限公司"


def _comparisons(signer: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many windows of text the seal-owner decision compares for this signer."""
    calls = 0
    real_ratio = names._ratio

    def counting(word: str, window: str) -> float:
        nonlocal calls
        calls += 1
        return real_ratio(word, window)

    monkeypatch.setattr(names, "_ratio", counting)
    cached = getattr(names.similarity, "cache_clear", None)
    if cached is not None:
        cached()
    seal = Seal((0, 0, 10, 10), 1.0, "electronic", "electronic", signer=signer)
    words = load_manifest("icp").seal_words
    seal_owners.owner_of(seal, APPLICANT, ("上海某某信息技术有限公司",), words)
    return calls


def test_a_huge_signer_name_costs_what_a_long_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    long_name = "某" * 1_000 + "有限公司"
    huge_name = "某" * 20_000 + "有限公司"
    assert _comparisons(huge_name, monkeypatch) == _comparisons(long_name, monkeypatch) > 0


def test_company_names_are_compared_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    real = parties.Levenshtein

    class Recording:
        @staticmethod
        def distance(first: str, second: str) -> int:
            seen.append((len(first), len(second)))
            return int(real.distance(first, second))

    monkeypatch.setattr(parties, "Levenshtein", Recording)
    parties.company_name_distance("某" * 320_000 + "有限公司", APPLICANT)
    assert seen and max(seen[0]) <= parties.MAX_NAME_CHARS


def _inflating_pdf(path: Path, inflated: int) -> None:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    compressor = zlib.compressobj(1)
    chunk = b" " * (64 * 1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated // len(chunk)))
    stream += compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="no address-space ceiling there")
def test_a_stream_inflating_past_the_memory_ceiling_is_labelled_memory(tmp_path: Path) -> None:
    _inflating_pdf(tmp_path / "bomb.pdf", 1536 * 1024 * 1024)
    settings = ExtractSettings(ocr=OcrSettings(mode="never"), limits=Limits(memory_mb=512))
    (document,) = extract_documents(discover(tmp_path), settings, jobs=1, cache_dir=None)
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "memory")


@pytest.mark.ocr
def test_the_time_limit_is_the_whole_files_budget(tmp_path: Path) -> None:
    """Each page takes well under the limit; all of them together do not fit in it."""
    pages = [text_image([f"第{n}页", *LICENCE_LINES]) for n in range(40)]
    scan_pdf(tmp_path / "scan.pdf", pages)
    settings = ExtractSettings(limits=Limits(file_timeout_s=3))
    (document,) = extract_documents(discover(tmp_path), settings, jobs=2, cache_dir=None)
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("timeout", "file_time")
    read = [page for page in document.pages if page.text]
    assert len(read) < len(pages)  # the pages after the budget ran out were not read
