"""Tesseract OCR of one page image, with a time limit and orientation recovery.

Tesseract runs inside the worker (see :mod:`tesseract`): one engine per
process and language, fed raw greyscale pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from validator.errors import DependencyError
from validator.extract.normalize import normalize_text
from validator.extract.records import failure
from validator.extract.settings import OcrSettings
from validator.extract.tesseract import (
    RecognitionTimeout,
    TesseractMissing,
    Word,
    installed_languages,
    orientation,
    recognise,
    tessdata_dir,
)
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


@dataclass(frozen=True)
class OcrReading:
    text: str  # normalised
    confidence: float | None  # mean word confidence 0..1; None when no word was read


def read_page(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """OCR a page; a poorly read page is retried upright if Tesseract finds it rotated."""
    reading = ocr_image(image, settings, dpi, timeout_s)
    if reading.confidence is None or reading.confidence >= ORIENTATION_CHECK_BELOW:
        return reading  # read well, or nothing there to turn
    rotation = detect_rotation(image, dpi)
    if rotation == 0:
        return reading
    upright = ocr_image(image.rotate(-rotation, expand=True), settings, dpi, timeout_s)
    return upright if _score(upright) > _score(reading) else reading


def ocr_image(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """One Tesseract pass: text rebuilt line by line from the word boxes, and its confidence."""
    words = _recognised(image, settings.lang, settings.psm, dpi, timeout_s)
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for word in words:
        if not word.text.strip():
            continue
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word.text)
        if word.confidence >= 0:
            confidences.append(word.confidence)
    text = normalize_text("\n".join(" ".join(line) for line in lines.values()))
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return OcrReading(text, confidence)


def detect_rotation(image: Image.Image, dpi: int) -> int:
    """Clockwise degrees that make the page upright; 0 when unsure or too little text."""
    _check_side(image)
    try:
        found = orientation(image, _tesseract_dpi(dpi))
    except RuntimeError:
        return 0  # no orientation data installed
    if found is None or found[1] < MIN_ORIENTATION_CONFIDENCE:
        return 0  # too few characters to tell
    return found[0]


def _recognised(image: Image.Image, lang: str, psm: int, dpi: int, timeout_s: float) -> list[Word]:
    """Tesseract's words, its time limit and size limit turned into the limits' failures."""
    _check_side(image)
    try:
        return recognise(image, lang, psm, _tesseract_dpi(dpi), timeout_s)
    except RecognitionTimeout as exc:
        raise failure("limit", f"OCR took over {timeout_s:g} s", "ocr_time") from exc


def _check_side(image: Image.Image) -> None:
    if max(image.size) > MAX_TESSERACT_SIDE:
        raise failure("limit", f"image side over {MAX_TESSERACT_SIDE} px", "pixels")


def _tesseract_dpi(dpi: int) -> int:
    low, high = TESSERACT_DPI_RANGE
    return min(max(dpi, low), high)


def _score(reading: OcrReading) -> float:
    return (reading.confidence or 0.0) * len(reading.text)


def check_ocr_available(lang: str, ui_lang: str = DEFAULT_LANGUAGE) -> None:
    """Raise DependencyError (exit 3) with an install hint unless Tesseract can read ``lang``."""
    hint = message("extract.ocr_install_hint", ui_lang)
    try:
        installed = installed_languages(tessdata_dir())
    except TesseractMissing as exc:
        raise DependencyError(message("extract.ocr_missing", ui_lang), hint) from exc
    missing = [name for name in lang.split("+") if name not in installed]
    if missing:
        args = {"languages": ", ".join(missing)}
        raise DependencyError(message("extract.ocr_language_missing", ui_lang, args), hint)
