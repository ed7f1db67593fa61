"""The OCR step with the real Tesseract: text, confidence, limits, dependency checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytesseract
import pytest
from inputs import text_image
from PIL import Image

from validator.errors import EXIT_DEPENDENCY, DependencyError
from validator.extract.ocr import check_ocr_available, ocr_image
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


def test_tesseract_gets_an_uncompressed_bmp(monkeypatch: pytest.MonkeyPatch) -> None:
    """PNG-encoding a noisy page costs about a third of its OCR time: never hand over PNG."""
    seen: list[str] = []
    real: Callable[..., Any] = pytesseract.pytesseract.run_tesseract

    def recording(input_filename: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(input_filename)
        return real(input_filename, *args, **kwargs)

    monkeypatch.setattr(pytesseract.pytesseract, "run_tesseract", recording)
    assert ocr_image(text_image(["营业执照"]), SETTINGS, 200, 30).text == "营业执照"
    assert [Path(name).suffix for name in seen] == [".bmp"]


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


def test_a_missing_tesseract_is_a_dependency_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(DependencyError) as caught:
        check_ocr_available("chi_sim")
    assert caught.value.exit_code == EXIT_DEPENDENCY
    assert "Tesseract" in caught.value.message
    assert "apt-get install" in caught.value.hint
