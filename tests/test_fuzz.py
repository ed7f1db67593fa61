"""Fuzzing the extractors: random and mutated files always come back as Documents.

Hypothesis generates batches of files (random bytes, and valid PDFs, DOCX
files and images with bytes flipped, cut off or spliced) and the whole batch
goes through ``extract_documents`` with a real worker pool, once per example:
the pool takes about a second to start, so one file per call would leave no
time for fuzzing. Every file must come back as a Document, with pages or an
error the report can name, within the file time limit; the call itself must
never raise.

The budget is about 20 seconds: a fixed number of examples, each bounded by
the per-file timeout. OCR is off (it reads what the seal search already sees,
only slower), so the parsers, the renderer and the seal search take the blows.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from validator.discover import source_file
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents
from validator.model import Document

# Codes an extraction error may carry (validator.model.ExtractionError): each is
# a finding the report can explain.
KNOWN_ERRORS = frozenset(
    {
        "corrupt",
        "encrypted",
        "unsupported",
        "other_format",
        "empty",
        "limit",
        "timeout",
        "permission",
        "unsafe",
    }
)
# Small limits: a fuzzed header that declares a huge page or image is refused
# quickly, and a file that makes a parser spin costs seconds, not minutes.
FILE_TIMEOUT_S = 5.0
FUZZ_SETTINGS = ExtractSettings(
    ocr=OcrSettings(mode="never"),
    limits=Limits(
        max_pages=50,
        max_pixels=20_000_000,
        max_uncompressed_bytes=50 * 1024 * 1024,
        file_timeout_s=FILE_TIMEOUT_S,
        memory_mb=1024,
    ),
)
# Examples per run and files per example: about 20 s on two cores.
EXAMPLES = 20
FILES_PER_EXAMPLE = (8, 16)


def _text_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in ("Business licence", "Unified social credit code 91110108MA01XXXX1X"):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(text="Page two")
    return bytes(pdf.output())


def _picture() -> Image.Image:
    """A small page with a red ring (seal-like) and black bars (text-like)."""
    page = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(page)
    draw.ellipse((240, 120, 360, 240), outline=(220, 0, 0), width=6)
    for row in range(4):
        draw.rectangle((20, 20 + row * 30, 200, 34 + row * 30), fill="black")
    return page


def _image(image_format: str) -> bytes:
    stream = io.BytesIO()
    _picture().save(stream, format=image_format)
    return stream.getvalue()


def _scan_pdf() -> bytes:
    stream = io.BytesIO()
    _picture().save(stream, format="PDF", resolution=50)
    return stream.getvalue()


def _word() -> bytes:
    document = docx.Document()
    document.add_paragraph("网络安全防护方案：防火墙、入侵检测、数据加密。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "甲方"
    table.cell(0, 1).text = "北京某某网络科技有限公司"
    picture = io.BytesIO(_image("PNG"))
    document.add_picture(picture)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@cache
def seeds() -> dict[str, bytes]:
    """Valid files of every kind the extractors read, made once per test run."""
    return {
        "pdf": _text_pdf(),
        "scan.pdf": _scan_pdf(),
        "docx": _word(),
        "png": _image("PNG"),
        "jpg": _image("JPEG"),
        "tif": _image("TIFF"),
        "bmp": _image("BMP"),
    }


@dataclass(frozen=True)
class Fuzzed:
    """One generated file: its bytes and how they were made (shown when a case fails)."""

    how: str
    data: bytes


def _flipped(seed: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(seed)
    for position, value in flips:
        out[position % len(out)] = value
    return bytes(out)


def _spliced(seed: bytes, start: int, length: int, at: int, insert: bytes) -> bytes:
    """A copy of one region of ``seed`` (plus ``insert``) put in at another place."""
    start %= len(seed)
    at %= len(seed)
    return seed[:at] + seed[start : start + length] + insert + seed[at:]


@st.composite
def fuzzed_files(draw: st.DrawFn) -> Fuzzed:
    """Random bytes, or a valid seed flipped, truncated or spliced."""
    how = draw(st.sampled_from(["random", "flip", "truncate", "splice"]))
    if how == "random":
        return Fuzzed(how, draw(st.binary(max_size=4096)))
    name = draw(st.sampled_from(sorted(seeds())))
    seed = seeds()[name]
    positions = st.integers(min_value=0, max_value=len(seed) - 1)
    if how == "flip":
        flips = draw(st.lists(st.tuples(positions, st.integers(0, 255)), min_size=1, max_size=32))
        return Fuzzed(f"{name} flip {flips}", _flipped(seed, flips))
    if how == "truncate":
        end = draw(positions)
        return Fuzzed(f"{name} cut at {end}", seed[:end])
    start, at = draw(positions), draw(positions)
    length = draw(st.integers(min_value=0, max_value=4096))
    insert = draw(st.binary(max_size=64))
    return Fuzzed(
        f"{name} splice {start}+{length} at {at} with {insert!r}",
        _spliced(seed, start, length, at, insert),
    )


def _assert_reported(document: Document, name: str, case: Fuzzed) -> None:
    assert isinstance(document, Document), case.how
    assert document.path == name, case.how
    if document.error is not None:
        assert document.error.code in KNOWN_ERRORS, (case.how, document.error)
        if document.error.code == "limit":
            assert document.error.limit, (case.how, document.error)
    else:
        assert document.kind != "unknown", case.how
        assert all(page.number >= 1 for page in document.pages), case.how


@pytest.mark.timeout(180)  # a hang the file time limit failed to stop
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(batch=st.lists(fuzzed_files(), min_size=FILES_PER_EXAMPLE[0], max_size=FILES_PER_EXAMPLE[1]))
def test_fuzzed_files_always_come_back_as_documents(batch: list[Fuzzed]) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        names = [f"case-{i:02d}.bin" for i in range(len(batch))]
        for name, case in zip(names, batch, strict=True):
            (Path(folder) / name).write_bytes(case.data)
        sources = [source_file(Path(folder) / name) for name in names]
        documents = extract_documents(sources, FUZZ_SETTINGS, jobs=1, cache_dir=None)
    assert len(documents) == len(batch)
    for document, name, case in zip(documents, names, batch, strict=True):
        _assert_reported(document, name, case)
