"""Tesseract OCR of one page image, with a time limit and orientation recovery.

Images reach Tesseract as uncompressed BMP files written by this module:
pytesseract would PNG-encode them first, which on a noisy 200-dpi scan costs
about as much as a third of the recognition itself.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from validator.errors import DependencyError
from validator.extract.normalize import normalize_text
from validator.extract.records import failure
from validator.extract.settings import OcrSettings
from validator.i18n import DEFAULT_LANGUAGE, message

# Tesseract refuses images with a side longer than this.
MAX_TESSERACT_SIDE = 32_767
# Below this mean word confidence a page may be upside down or sideways:
# only then is orientation detection (about half an OCR pass) worth running.
ORIENTATION_CHECK_BELOW = 0.6
# Tesseract's orientation confidence under which its guess is ignored.
MIN_ORIENTATION_CONFIDENCE = 2.0
# Resolutions Tesseract accepts; a small picture judged as an A4 page can fall below.
TESSERACT_DPI_RANGE = (70, 2400)
# Tesseract's data-output level of a single word.
_WORD_LEVEL = 5


@dataclass(frozen=True)
class OcrReading:
    text: str  # normalised
    confidence: float | None  # mean word confidence 0..1; None when no word was read


def read_page(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """OCR a page; a poorly read page is retried upright if Tesseract finds it rotated."""
    reading = ocr_image(image, settings, dpi, timeout_s)
    if reading.confidence is None or reading.confidence >= ORIENTATION_CHECK_BELOW:
        return reading  # read well, or nothing there to turn
    rotation = detect_rotation(image, dpi, timeout_s)
    if rotation == 0:
        return reading
    upright = ocr_image(image.rotate(-rotation, expand=True), settings, dpi, timeout_s)
    return upright if _score(upright) > _score(reading) else reading


def ocr_image(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """One Tesseract pass: text rebuilt line by line from the word boxes, and its confidence."""
    config = f"--psm {settings.psm} --dpi {_tesseract_dpi(dpi)}"
    data = _run(pytesseract.image_to_data, image, timeout_s, lang=settings.lang, config=config)
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        if data["level"][i] != _WORD_LEVEL or not str(word).strip():
            continue
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(line, []).append(str(word))
        if float(data["conf"][i]) >= 0:
            confidences.append(float(data["conf"][i]))
    text = normalize_text("\n".join(" ".join(words) for words in lines.values()))
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return OcrReading(text, confidence)


def detect_rotation(image: Image.Image, dpi: int, timeout_s: float) -> int:
    """Clockwise degrees that make the page upright; 0 when unsure or too little text."""
    try:
        config = f"--psm 0 --dpi {_tesseract_dpi(dpi)}"
        osd = _run(pytesseract.image_to_osd, image, timeout_s, config=config)
    except pytesseract.TesseractError:
        return 0  # too few characters to tell, or no orientation data installed
    if float(osd["orientation_conf"]) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(osd["rotate"]) % 360


def _run(function: Callable[..., Any], image: Image.Image, timeout_s: float, **options: str) -> Any:
    """Call a pytesseract function on ``image`` saved as BMP, its timeout mapped to a limit."""
    if max(image.size) > MAX_TESSERACT_SIDE:
        raise failure("limit", f"image side over {MAX_TESSERACT_SIDE} px", "pixels")
    with tempfile.TemporaryDirectory(prefix="material-validator-") as folder:
        path = Path(folder) / "page.bmp"
        image.convert("L").save(path, format="BMP")
        try:
            return function(
                str(path), output_type=pytesseract.Output.DICT, timeout=timeout_s, **options
            )
        except pytesseract.TesseractError:
            raise  # a RuntimeError too, but Tesseract's own failure, not the timeout
        except RuntimeError as exc:  # pytesseract's timeout kills Tesseract and raises this
            raise failure("limit", f"OCR took over {timeout_s:g} s", "ocr_time") from exc


def _tesseract_dpi(dpi: int) -> int:
    low, high = TESSERACT_DPI_RANGE
    return min(max(dpi, low), high)


def _score(reading: OcrReading) -> float:
    return (reading.confidence or 0.0) * len(reading.text)


def check_ocr_available(lang: str, ui_lang: str = DEFAULT_LANGUAGE) -> None:
    """Raise DependencyError (exit 3) with an install hint unless Tesseract can read ``lang``."""
    hint = message("extract.ocr_install_hint", ui_lang)
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise DependencyError(message("extract.ocr_missing", ui_lang), hint) from exc
    missing = [name for name in lang.split("+") if name not in installed]
    if missing:
        args = {"languages": ", ".join(missing)}
        raise DependencyError(message("extract.ocr_language_missing", ui_lang, args), hint)
