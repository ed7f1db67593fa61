"""The OCR step with the real Tesseract: text, confidence, limits, dependency checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from inputs import LICENCE_LINES, text_image
from PIL import Image

from validator.errors import EXIT_DEPENDENCY, DependencyError
from validator.extract.ocr import check_ocr_available
from validator.extract.ocr.tesseract import detect_rotation, ocr_image, read_page
from validator.extract.ocr.tesseract_api import _engine
from validator.extract.records import ExtractFailure
from validator.extract.settings import OcrSettings

SETTINGS = OcrSettings()


def test_lines_come_back_in_order_with_a_confidence() -> None:
    reading = ocr_image(text_image(["营业执照", "法定代表人:张三"]), SETTINGS, 200, 30)
    assert reading.text.splitlines() == ["营业执照", "法定代表人:张三"]
    assert reading.confidence is not None and 0.7 < reading.confidence <= 1


def test_a_blank_page_reads_as_nothing() -> None:
    reading = ocr_image(Image.new("RGB", (800, 600), "white"), SETTINGS, 200, 30)
    assert (reading.text, reading.confidence) == ("", None)


def test_each_process_loads_the_language_once() -> None:
    """The engine and its model stay loaded: the second page pays no start-up."""
    _engine.cache_clear()
    assert ocr_image(text_image(["营业执照"]), SETTINGS, 200, 30).text == "营业执照"
    assert ocr_image(text_image(["法定代表人"]), SETTINGS, 200, 30).text == "法定代表人"
    info = _engine.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_a_page_turned_sideways_is_read_upright() -> None:
    turned = text_image(LICENCE_LINES * 2).rotate(90, expand=True)  # a quarter turn to the left
    assert detect_rotation(turned, 200) == 90  # clockwise back
    reading = read_page(turned, SETTINGS, 200, 60)
    assert "北京某某网络科技有限公司" in reading.text and (reading.confidence or 0) > 0.8


def test_the_time_limit_stops_tesseract() -> None:
    with pytest.raises(ExtractFailure) as caught:
        ocr_image(text_image(), SETTINGS, 200, timeout_s=0.001)
    assert (caught.value.error.code, caught.value.error.limit) == ("limit", "ocr_time")


def test_images_tesseract_refuses_are_a_pixel_limit() -> None:
    with pytest.raises(ExtractFailure) as caught:
        ocr_image(Image.new("L", (32_768, 1), 255), SETTINGS, 200, 30)
    assert caught.value.error.limit == "pixels"


def test_installed_languages_pass() -> None:
    check_ocr_available("chi_sim")
    check_ocr_available("chi_sim+eng")


def test_a_missing_language_names_it_with_an_install_hint() -> None:
    with pytest.raises(DependencyError) as caught:
        check_ocr_available("chi_sim+xyz_nope", ui_lang="en")
    assert caught.value.exit_code == EXIT_DEPENDENCY
    assert "xyz_nope" in caught.value.message
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in caught.value.hint
    assert "brew install" in caught.value.hint and "Windows" in caught.value.hint


def test_a_missing_tesseract_is_a_dependency_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract command to ask for its data
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    with pytest.raises(DependencyError) as caught:
        check_ocr_available("chi_sim")
    assert caught.value.exit_code == EXIT_DEPENDENCY
    assert "Tesseract" in caught.value.message
    assert "apt-get install" in caught.value.hint
