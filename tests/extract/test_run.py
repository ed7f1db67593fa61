"""The extraction run: worker pool, order, job count, cache, limits and failures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from inputs import LICENCE_LINES, scan_pdf, text_image, text_pdf, word_document
from PIL import Image

from validator.discover import discover, source_file
from validator.errors import DependencyError
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents, extract_one
from validator.extract import schedule as schedule_module
from validator.model import Document

NAME = "北京某某网络科技有限公司"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small mixed package: text PDF, scans, DOCX, and files that cannot be read."""
    root = tmp_path_factory.mktemp("package")
    text_pdf(root / "licence.pdf", [LICENCE_LINES, ["第二页"]])
    scan_pdf(root / "scan.pdf", [text_image(), text_image(["法定代表人:张三"])])
    text_image().save(root / "photo.jpg")
    word_document(root / "report.docx")
    (root / "empty.pdf").write_bytes(b"")
    (root / "notes.txt").write_text("not a document")
    return root


def _run(root: Path, jobs: int = 2, **options: object) -> list[Document]:
    settings = options.pop("settings", ExtractSettings())
    assert isinstance(settings, ExtractSettings)
    return extract_documents(discover(root), settings, jobs=jobs, cache_dir=None, **options)  # type: ignore[arg-type]


def test_every_file_gets_a_document_in_order(package: Path) -> None:
    progress: list[tuple[str, int, int]] = []
    documents = _run(package, progress=lambda *call: progress.append(call))
    assert [(d.path, d.kind) for d in documents] == [
        ("empty.pdf", "unknown"),
        ("licence.pdf", "pdf"),
        ("notes.txt", "text"),
        ("photo.jpg", "image"),
        ("report.docx", "docx"),
        ("scan.pdf", "pdf"),
    ]
    errors = {d.path: d.error.code if d.error else None for d in documents}
    assert errors == {
        "empty.pdf": "empty",
        "licence.pdf": None,
        "notes.txt": None,
        "photo.jpg": None,
        "report.docx": None,
        "scan.pdf": None,
    }
    scan = documents[-1]
    assert [p.source for p in scan.pages] == ["ocr", "ocr"]
    assert NAME in scan.pages[0].text and "张三" in scan.pages[1].text
    licence = documents[1]
    assert len(licence.sha256) == 64
    assert licence.size == (package / "licence.pdf").stat().st_size
    assert sorted(done for _, done, _ in progress) == [1, 2, 3, 4, 5, 6]
    assert {total for _, _, total in progress} == {6}
    assert {path for path, _, _ in progress} == set(errors)


def test_the_result_does_not_depend_on_the_number_of_workers(package: Path) -> None:
    assert _run(package, jobs=1) == _run(package, jobs=3)


def test_a_warm_run_starts_no_worker(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cold = extract_documents(discover(package), ExtractSettings(), jobs=2, cache_dir=cache)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm run must not start workers")

    monkeypatch.setattr(schedule_module, "ProcessPool", no_pool)
    warm = extract_documents(discover(package), ExtractSettings(), jobs=2, cache_dir=cache)
    assert warm == cold


def test_a_renamed_copy_is_served_from_the_cache_under_its_own_name(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = extract_one(source_file(package / "photo.jpg"), ExtractSettings(), cache_dir=cache)
    copy = tmp_path / "copy" / "营业执照.jpg"
    copy.parent.mkdir()
    shutil.copy(package / "photo.jpg", copy)
    monkeypatch.setattr(schedule_module, "ProcessPool", None)
    again = extract_one(source_file(copy), ExtractSettings(), cache_dir=cache)
    assert again.path == "营业执照.jpg"
    assert again.pages == first.pages and again.sha256 == first.sha256


def test_a_file_over_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    Image.new("RGB", (9000, 9000), "white").save(tmp_path / "huge.png")  # 81 Mpx, 243 MB decoded
    text_image().save(tmp_path / "small.png")
    # a worker maps about 600 MB (OpenCV's libraries included) before it reads a file
    settings = ExtractSettings(limits=Limits(memory_mb=950))
    huge, small = _run(tmp_path, settings=settings)
    assert huge.error is not None
    assert (huge.error.code, huge.error.limit) == ("limit", "memory")
    assert small.error is None and NAME in small.text


def test_a_task_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    text_image().save(tmp_path / "scan.png")
    (tmp_path / "tiny.txt").write_text("x")
    settings = ExtractSettings(limits=Limits(file_timeout_s=0.05))
    scan, tiny = _run(tmp_path, settings=settings)
    assert scan.error is not None
    assert (scan.error.code, scan.error.limit) == ("timeout", "file_time")
    assert tiny.error is None and tiny.text == "x"


def test_an_ocr_timeout_keeps_the_other_pages(tmp_path: Path) -> None:
    text_pdf(tmp_path / "mixed.pdf", [LICENCE_LINES])
    scan_pdf(tmp_path / "scan.pdf", [text_image(), text_image()])
    settings = ExtractSettings(limits=Limits(ocr_timeout_s=0.001))
    documents = {d.path: d for d in _run(tmp_path, settings=settings)}
    assert documents["mixed.pdf"].error is None  # text layer: no OCR, no time limit hit
    scan = documents["scan.pdf"]
    assert scan.error is not None
    assert (scan.error.code, scan.error.limit) == ("limit", "ocr_time")
    assert [page.number for page in scan.pages] == [1, 2]


def test_a_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    name = b"\xb2\xc4\xc1\xcf.pdf"
    plain = scan_pdf(tmp_path / "plain.pdf", [text_image(["营业执照"])])
    os.rename(plain, os.fsencode(tmp_path) + b"/" + name)
    (document,) = _run(tmp_path)
    assert document.path == "\\xb2\\xc4\\xc1\\xcf.pdf"
    assert document.error is None and document.text == "营业执照"


def test_a_missing_tesseract_stops_the_run_before_any_work(
    package: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no tesseract command
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    with pytest.raises(DependencyError):
        _run(package)
    never = ExtractSettings(ocr=OcrSettings(mode="never"))
    assert all(d.path for d in _run(package, settings=never))  # no OCR wanted: no Tesseract needed


def test_byte_identical_copies_are_extracted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_image().save(tmp_path / "a.png")
    shutil.copy(tmp_path / "a.png", tmp_path / "b.png")
    planned: list[Path] = []
    real_schedule = schedule_module.Scheduler._submit

    def counting(
        self: object, function: object, target: object, then: object, item: object
    ) -> None:
        if isinstance(target, Path):
            planned.append(target)
        real_schedule(self, function, target, then, item)  # type: ignore[arg-type]

    monkeypatch.setattr(schedule_module.Scheduler, "_submit", counting)
    first, second = _run(tmp_path)
    assert len(planned) == 1  # a private copy of a.png, planned once for both
    assert (first.path, second.path) == ("a.png", "b.png")
    assert second.pages == first.pages and NAME in second.text
