"""The OCR engines behind one interface: a page image in, lines with boxes and confidences out.

Two engines, chosen per page by ``OcrSettings.engine``:

- ``tesseract`` (``chi_sim``, psm 6, in process through tesserocr): fast on
  long narrative pages of a flat scan;
- ``rapidocr`` (PP-OCRv6 small models on ONNX Runtime, carried by its
  wheel): reads licences, ID cards, certificates and photos far better —
  spaced-out labels, perspective, stamps over text — at two to four times
  Tesseract's CPU time per page.

``auto`` (the default) spends RapidOCR where facts live, as measured on the
real-document corpus (``benchmarks/realdocs.py``) and kept within the
performance budget (``benchmarks/run.py``): photos and small images go to
RapidOCR directly; a flat scan is read by Tesseract first and read again by
RapidOCR when it is a page that carries facts, a key field fails its
checksum, or Tesseract read it poorly (see :mod:`.choice`). A licence RapidOCR
read without its USCC is read once more with the detector at the image's own
size.
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from validator.errors import DependencyError
from validator.extract.ocr import choice, rapid, tesseract, tesseract_api
from validator.extract.ocr.reading import OcrReading, mean_confidence, reading_of, rows
from validator.extract.records import failure
from validator.extract.settings import OcrSettings
from validator.i18n import DEFAULT_LANGUAGE, message

__all__ = ["OcrReading", "check_ocr_available", "engine_versions", "read_page"]

TESSERACT = tesseract.NAME
RAPIDOCR = "rapidocr"


def read_page(
    image: Image.Image, settings: OcrSettings, dpi: int, timeout_s: float, *, photo: bool
) -> OcrReading:
    """The page read by the engine the settings choose (see the module docstring)."""
    if settings.engine == RAPIDOCR:
        return read_with_rapidocr(image, dpi, timeout_s)
    # Tesseract reads a page at its own size: enlarging a crop whose characters are
    # already large made it read worse (北京某有某 for 北京某某); small photos go to RapidOCR.
    if settings.engine == TESSERACT or not rapid.available():
        return tesseract.read_page(image, settings, dpi, timeout_s)
    if photo or choice.is_small(image):
        return _rapidocr_or(
            image, dpi, timeout_s, lambda: tesseract.read_page(image, settings, dpi, timeout_s)
        )
    first = tesseract.read_page(image, settings, dpi, timeout_s)
    if not choice.wants_second_reading(first):
        return first
    return choice.better(first, _rapidocr_or(image, dpi, timeout_s, lambda: first))


def read_with_rapidocr(image: Image.Image, dpi: int, timeout_s: float) -> OcrReading:
    """RapidOCR's reading, upright: a page whose lines run up and down is turned first."""
    reading = _rapidocr(image, timeout_s)
    if not choice.looks_turned(reading):
        return reading
    rotation = tesseract.detect_rotation(image, dpi)
    if rotation == 0:
        return reading
    upright = _rapidocr(image.rotate(-rotation, expand=True), timeout_s)
    if upright.score <= reading.score:
        return reading
    # The boxes of the turned reading are in the turned image: keep only its text.
    return OcrReading(upright.text, upright.confidence, (), upright.engine)


def _rapidocr_or(
    image: Image.Image, dpi: int, timeout_s: float, fallback: Callable[[], OcrReading]
) -> OcrReading:
    """RapidOCR's reading, or the fallback's where RapidOCR cannot load (a memory ceiling).

    A licence read without its USCC is read again with the detector at the image's
    own size (:func:`choice.finer_detector_side`).
    """
    try:
        reading = read_with_rapidocr(image, dpi, timeout_s)
        size = choice.enlarged_size(image)
        side = choice.finer_detector_side(reading, size, rapid.DETECTOR_SIDE)
        return reading if side is None else choice.finer(reading, _rapidocr(image, timeout_s, side))
    except rapid.RapidOcrMissing:
        return fallback()


def _rapidocr(
    image: Image.Image, timeout_s: float, detector_side: int = rapid.DETECTOR_SIDE
) -> OcrReading:
    """One RapidOCR pass, its boxes put in reading order; a small image enlarged first."""
    enlarged = choice.enlarged(image)
    factor = image.width / enlarged.width
    try:
        boxes = rapid.recognise(enlarged, timeout_s, detector_side)
    except rapid.RecognitionTimeout as exc:
        raise failure("limit", f"OCR took over {timeout_s:g} s", "ocr_time") from exc
    lines = [choice.scaled(line, factor) for line in rows(boxes)]
    return reading_of(lines, RAPIDOCR, mean_confidence(lines))


def engine_versions(settings: OcrSettings) -> str:
    """The engines and models that may read a page under ``settings``: part of the cache key."""
    versions = []
    if settings.engine in (TESSERACT, "auto"):
        versions.append(tesseract_api.engine_version())
    if settings.engine in (RAPIDOCR, "auto"):
        versions.append(rapid.engine_version())
    if settings.engine == "auto":  # how it chooses between them reads pages differently too
        versions.append(f"auto {choice.POLICY_VERSION}")
    return " | ".join(versions)


def check_ocr_available(lang: str, ui_lang: str = DEFAULT_LANGUAGE, engine: str = "auto") -> None:
    """Raise DependencyError (exit 3) with an install hint unless the chosen engine can run.

    Tesseract is needed whatever the choice: it reads the seals' rings.
    """
    tesseract.check_ocr_available(lang, ui_lang)
    if engine == RAPIDOCR and not rapid.available():
        hint = message("extract.rapidocr_install_hint", ui_lang)
        raise DependencyError(message("extract.rapidocr_missing", ui_lang), hint)
