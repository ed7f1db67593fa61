"""Both OCR engines for real (Tesseract chi_sim, RapidOCR with its wheel's models), and the
choice between them under ``engine: auto``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from inputs import HEADED_USCC, LICENCE_LINES, licence_under_heading, text_image
from PIL import Image

from validator.extract.cache import DocumentCache
from validator.extract.ocr import engine_versions, rapid, read_page, read_with_rapidocr
from validator.extract.records import ExtractFailure
from validator.extract.settings import ExtractSettings, OcrSettings

PROSE = (
    "第一章 总则",
    "为规范本公司的经营行为，根据有关法律法规，结合本公司实际情况，制定本制度。",
    "本制度适用于公司全体员工，各部门应当认真遵照执行，并定期组织学习和检查。",
)


def _a4_scan(lines: tuple[str, ...]) -> Image.Image:
    """A flat A4 scan at 150 dpi holding ``lines`` near its top."""
    page = Image.new("L", (1240, 1754), 255)
    page.paste(text_image(lines, width=1200).convert("L"), (20, 80))
    return page


def test_rapidocr_reads_lines_with_their_boxes() -> None:
    image = text_image()
    reading = read_with_rapidocr(image, 200, 60)
    assert reading.engine == "rapidocr"
    assert reading.text.splitlines() == [line.replace("：", ":") for line in LICENCE_LINES]
    for line in reading.lines:
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= image.width and 0 <= y0 < y1 <= image.height
        assert 0.9 <= line.confidence <= 1
    # One line of text per box, so that an offset in the text finds its box.
    assert [line.text for line in reading.lines] == reading.text.splitlines()


def test_rapidocr_gives_traditional_characters_back_in_simplified_form() -> None:
    """The recogniser reads traditional characters as such (東莞, 區); the text is simplified."""
    image = text_image(("東莞市工商行政管理局", "深圳市市場監督管理局龍崗分局"))
    lines = [line.text for line in read_with_rapidocr(image, 200, 60).lines]
    assert lines == ["东莞市工商行政管理局", "深圳市市场监督管理局龙岗分局"]
    (strip,) = rapid.read_lines([image.crop((0, 0, image.width, 100))])
    assert strip.text == "东莞市工商行政管理局"


def test_opencc_that_cannot_be_loaded_means_rapidocr_cannot_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under a worker's memory ceiling OpenCC's native library can fail to map (an
    ImportError, "opencc_clib not found"). Loaded with the engine, that makes RapidOCR
    unavailable and Tesseract reads; loaded after a reading, it failed the file as
    corrupt."""
    monkeypatch.setitem(sys.modules, "opencc", None)  # what a failed import leaves
    rapid._converter.cache_clear()
    try:
        with pytest.raises(rapid.RapidOcrMissing):
            rapid._module()
    finally:
        rapid._converter.cache_clear()


def test_rapidocr_stops_at_the_time_limit() -> None:
    with pytest.raises(ExtractFailure) as caught:
        read_with_rapidocr(_a4_scan(PROSE * 8), 150, 0.01)
    assert (caught.value.error.code, caught.value.error.limit) == ("limit", "ocr_time")


@pytest.mark.parametrize(
    ("lines", "photo", "engine"),
    [
        (PROSE, False, "tesseract"),  # a flat scan of prose: Tesseract alone
        (LICENCE_LINES, False, "rapidocr"),  # a licence's words: read again by RapidOCR
        (PROSE, True, "rapidocr"),  # a photo: RapidOCR at once
    ],
)
def test_auto_spends_rapidocr_where_facts_live(
    lines: tuple[str, ...], photo: bool, engine: str
) -> None:
    reading = read_page(_a4_scan(lines), OcrSettings(), 150, 60, photo=photo)
    assert reading.engine == engine


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
def test_one_engine_for_every_page_when_asked(engine: str) -> None:
    reading = read_page(text_image(), OcrSettings(engine=engine), 200, 60, photo=True)
    assert reading.engine == engine
    assert "北京某某网络科技有限公司" in reading.text


def test_the_engines_and_their_models_are_part_of_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "PP-OCRv6_rec_small" in engine_versions(OcrSettings())
    assert "rapidocr" not in engine_versions(OcrSettings(engine="tesseract"))
    settings = ExtractSettings()
    before = DocumentCache(tmp_path, settings)._variant
    # Other models under the same settings: what was cached no longer holds.
    monkeypatch.setattr(rapid, "engine_version", lambda: "rapidocr 9.9.9 PP-OCRv7_rec_small")
    assert DocumentCache(tmp_path, settings)._variant != before
    # Tesseract alone never asks RapidOCR: its entries outlive a new RapidOCR.
    alone = ExtractSettings(ocr=OcrSettings(engine="tesseract"))
    assert DocumentCache(tmp_path, alone)._variant == DocumentCache(tmp_path, alone)._variant
    assert "9.9.9" not in engine_versions(alone.ocr)


@pytest.mark.parametrize("photo", [True, False])  # read by RapidOCR at once, or after Tesseract
def test_a_licence_without_its_uscc_is_read_again_with_a_finer_detector(photo: bool) -> None:
    # 0018.jpg: at 1280 px the detector lost the USCC's line under (副 本); at the
    # image's own size it finds it, and its check character holds.
    image = licence_under_heading()
    coarse = rapid.recognise(image, 60)
    assert not any(HEADED_USCC in line.text for line in coarse)  # the fixture still shows it
    reading = read_page(image, OcrSettings(), 150, 60, photo=photo)
    assert HEADED_USCC in reading.text
    assert "李星亮" in reading.text


def test_a_licence_photo_with_its_uscc_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    image = licence_under_heading(overlap=0)
    calls = []
    recognise = rapid.recognise

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return recognise(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rapid, "recognise", counted)
    reading = read_page(image, OcrSettings(), 150, 60, photo=True)
    assert HEADED_USCC in reading.text
    assert len(calls) == 1
