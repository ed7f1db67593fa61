"""Tesseract over a seal's straightened text, and normalisation of what it reads.

Every strip (a seal's row of upright ring characters, the lines inside its
ring) is one line of text, so all the strips of a page are set side by side
in one image, far apart, and read in one Tesseract pass as a raw line
(page segmentation mode 13, which measured best on seal text: it neither looks for
columns nor drops the short inner lines); each word goes back to the strip
under it. A page costs one recognition, however many seals it has.
``chi_sim`` also reads the digits and Latin letters of seal numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from PIL import Image

from validator.errors import DependencyError
from validator.extract.ocr.tesseract_api import (
    RecognitionTimeout,
    TesseractMissing,
    Word,
    recognise,
)
from validator.extract.seals.reading import FloatArray, Strips

LANGUAGE = "chi_sim"  # seal text is Chinese; chi_sim alone also reads digits
RAW_LINE_MODE = 13  # page segmentation mode: the strips of a page form one line of text
OCR_TIMEOUT_SECONDS = 20  # a page's seal strips take well under a second
STRIP_GAP = 96  # white columns between strips: wider than any gap between words of one strip
ARC_GAIN = 1.8  # worn, half-inked strokes read better darkened
LINE_GAIN = 1.3  # the inner lines' smaller characters clog when darkened as much
KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z（）()]")  # what seal text is made of


def normalise(text: str) -> str:
    """NFKC, then only CJK, digits, Latin letters and brackets: Tesseract adds | _ ~ noise."""
    return "".join(KEEP.findall(unicodedata.normalize("NFKC", text)))


def side_by_side(images: Sequence[Image.Image]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """One image of the strips in a row, vertically centred, and the columns each occupies."""
    height = max(image.height for image in images)
    width = sum(image.width for image in images) + STRIP_GAP * (len(images) - 1)
    sheet = Image.new("L", (width, height), 255)
    spans, left = [], 0
    for image in images:
        sheet.paste(image, (left, (height - image.height) // 2))
        spans.append((left, left + image.width))
        left += image.width + STRIP_GAP
    return sheet, spans


def _words(image: Image.Image) -> list[Word]:
    """The words of the sheet read as one raw line; none when Tesseract gives up on it."""
    try:
        return recognise(image, LANGUAGE, RAW_LINE_MODE, None, OCR_TIMEOUT_SECONDS)
    except TesseractMissing as error:
        raise DependencyError(
            "tesseract is not installed", "install tesseract-ocr with the chi_sim data"
        ) from error
    except (RecognitionTimeout, RuntimeError):
        return []


def read_strips(images: Sequence[Image.Image]) -> list[tuple[str, float]]:
    """Text and 0..1 confidence of each strip (empty text when nothing was read)."""
    if not images:
        return []
    sheet, spans = side_by_side(images)
    words: list[list[tuple[str, float]]] = [[] for _ in images]
    for found in _words(sheet):
        word = normalise(found.text)
        middle = found.left + found.width / 2
        for index, (first, last) in enumerate(spans):
            if word and first <= middle <= last:
                words[index].append((word, max(0.0, found.confidence) / 100))
    return [_join(line) for line in words]


def _join(words: list[tuple[str, float]]) -> tuple[str, float]:
    """The line's text and its confidence, each word weighted by its length."""
    text = "".join(word for word, _ in words)
    if not text:
        return "", 0.0
    weighted = sum(len(word) * conf for word, conf in words) / len(text)
    return text, round(weighted, 3)


def text_image(ink: FloatArray, gain: float, pad: int = 12) -> Image.Image:
    """Black text on white from 0..1 ink; ``gain`` darkens worn, half-inked strokes."""
    pixels = (255 * (1 - np.clip(ink * gain, 0, 1))).astype(np.uint8)
    return Image.fromarray(np.pad(pixels, pad, constant_values=255), mode="L")


def _images(strips: Strips) -> list[Image.Image]:
    """The arc (when there is one), then the inner lines."""
    arc = [text_image(strips.arc, ARC_GAIN)] if strips.arc is not None else []
    return arc + [text_image(line, LINE_GAIN) for line in strips.lines]


def _combine(readings: list[tuple[str, float]]) -> tuple[str, float]:
    """The readings joined by spaces, with a length-weighted confidence."""
    parts = [part for part in readings if part[0]]
    if not parts:
        return "", 0.0
    total = sum(len(text) for text, _ in parts)
    confidence = sum(len(text) * conf for text, conf in parts) / total
    return " ".join(text for text, _ in parts), round(confidence, 3)


def read_seal_texts(seals: Sequence[Strips]) -> list[tuple[str, float]]:
    """Text and confidence of each seal, all strips of a page in one Tesseract run."""
    batches = [_images(strips) for strips in seals]
    readings = read_strips([image for images in batches for image in images])
    results, start = [], 0
    for images in batches:
        results.append(_combine(readings[start : start + len(images)]))
        start += len(images)
    return results
