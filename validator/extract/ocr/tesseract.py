"""Tesseract OCR of one page image, with a time limit and orientation recovery.

Tesseract runs inside the worker (see :mod:`tesseract_api`): one engine per
process and language, fed raw greyscale pixels. Its words are grouped into
its own lines, each with the box around its words.
"""

from __future__ import annotations

from PIL import Image

from validator.errors import DependencyError
from validator.extract.ocr.reading import OcrReading, reading_of
from validator.extract.ocr.tesseract_api import (
    RecognitionTimeout,
    TesseractMissing,
    Word,
    installed_languages,
    orientation,
    recognise,
    tessdata_dir,
)
from validator.extract.records import failure
from validator.extract.settings import OcrSettings
from validator.i18n import DEFAULT_LANGUAGE, message
from validator.model import TextLine

NAME = "tesseract"

# Tesseract refuses images with a side longer than this.
MAX_TESSERACT_SIDE = 32_767
# Below this mean word confidence a page may be upside down or sideways:
# only then is orientation detection (about half an OCR pass) worth running.
ORIENTATION_CHECK_BELOW = 0.6
# Tesseract's orientation confidence under which its guess is ignored.
MIN_ORIENTATION_CONFIDENCE = 2.0
# Resolutions Tesseract accepts; a small picture judged as an A4 page can fall below.
TESSERACT_DPI_RANGE = (70, 2400)


def read_page(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """OCR a page; a poorly read page is retried upright if Tesseract finds it rotated."""
    reading = ocr_image(image, settings, dpi, timeout_s)
    if reading.confidence is None or reading.confidence >= ORIENTATION_CHECK_BELOW:
        return reading  # read well, or nothing there to turn
    rotation = detect_rotation(image, dpi)
    if rotation == 0:
        return reading
    # The boxes of a turned reading are in the turned image: keep only its text.
    upright = ocr_image(image.rotate(-rotation, expand=True), settings, dpi, timeout_s)
    if upright.score <= reading.score:
        return reading
    return OcrReading(upright.text, upright.confidence, (), upright.engine)


def ocr_image(image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float) -> OcrReading:
    """One Tesseract pass: its lines, each with the box around its words, and its confidence."""
    words = [
        w for w in _recognised(image, settings.lang, settings.psm, dpi, timeout_s) if w.text.strip()
    ]
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        grouped.setdefault((word.block, word.paragraph, word.line), []).append(word)
    confidences = [word.confidence for word in words if word.confidence >= 0]
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return reading_of((_line(group) for group in grouped.values()), NAME, confidence)


def _line(words: list[Word]) -> TextLine:
    box = (
        min(w.left for w in words),
        min(w.top for w in words),
        max(w.left + w.width for w in words),
        max(w.top + w.height for w in words),
    )
    scores = [w.confidence for w in words if w.confidence >= 0]
    confidence = round(sum(scores) / len(scores) / 100, 3) if scores else 0.0
    return TextLine(" ".join(w.text for w in words), box, confidence)


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
