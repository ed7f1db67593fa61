"""Tesseract over a seal's straightened text, and normalisation of what it reads.

Each strip is one line of text, so Tesseract runs in single-line mode
(``--psm 7``) with ``chi_sim``, which reads the digits and Latin letters of
seal numbers too. The strips of one seal are stacked into one image so that a
seal costs one Tesseract start, not three.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pytesseract
from PIL import Image

from validator.errors import DependencyError
from validator.extract.seal_reading import FloatArray, Strips

LANGUAGE = "chi_sim"  # seal text is Chinese; chi_sim alone also reads digits
LINE_MODE = "--psm 7"  # one line per strip
BLOCK_MODE = "--psm 6"  # several strips stacked: a uniform block of lines
OCR_TIMEOUT_SECONDS = 20  # a seal strip takes well under a second
STRIP_GAP = 40  # white rows between stacked strips, so Tesseract never joins them
ARC_GAINS = (1.0, 1.8)  # worn imprints read better darkened, clean ones as they are
LINE_GAIN = 1.8  # the short inner lines are read once
KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z（）()]")  # what seal text is made of


def normalise(text: str) -> str:
    """NFKC, then only CJK, digits, Latin letters and brackets: Tesseract adds | _ ~ noise."""
    return "".join(KEEP.findall(unicodedata.normalize("NFKC", text)))


def stack(images: Sequence[Image.Image]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """One image of the strips under each other, and the rows each strip occupies."""
    width = max(image.width for image in images)
    height = sum(image.height for image in images) + STRIP_GAP * (len(images) - 1)
    sheet = Image.new("L", (width, height), 255)
    spans, top = [], 0
    for image in images:
        sheet.paste(image, (0, top))
        spans.append((top, top + image.height))
        top += image.height + STRIP_GAP
    return sheet, spans


def _tesseract(image: Image.Image, mode: str) -> dict[str, list[object]]:
    try:
        data: dict[str, list[object]] = pytesseract.image_to_data(
            image,
            lang=LANGUAGE,
            config=mode,
            output_type=pytesseract.Output.DICT,
            timeout=OCR_TIMEOUT_SECONDS,
        )
    except pytesseract.TesseractNotFoundError as error:
        raise DependencyError(
            "tesseract is not installed", "install tesseract-ocr with the chi_sim data"
        ) from error
    except (RuntimeError, pytesseract.TesseractError):
        return {"text": [], "conf": [], "top": [], "height": []}
    return data


def read_strips(images: Sequence[Image.Image]) -> list[tuple[str, float]]:
    """Text and 0..1 confidence of each strip (empty text when nothing was read)."""
    if not images:
        return []
    sheet, spans = stack(images)
    data = _tesseract(sheet, LINE_MODE if len(images) == 1 else BLOCK_MODE)
    words: list[list[tuple[str, float]]] = [[] for _ in images]
    for text, conf, top, height in zip(
        data["text"], data["conf"], data["top"], data["height"], strict=True
    ):
        word = normalise(str(text))
        middle = int(str(top)) + int(str(height)) / 2
        for index, (first, last) in enumerate(spans):
            if word and first <= middle <= last:
                words[index].append((word, max(0.0, float(str(conf))) / 100))
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


def _images(strips: Strips) -> tuple[list[Image.Image], int]:
    """The arc at each gain, then the inner lines; and how many arc images lead."""
    arcs = [text_image(strips.arc, gain) for gain in ARC_GAINS] if strips.arc is not None else []
    return arcs + [text_image(line, LINE_GAIN) for line in strips.lines], len(arcs)


def _combine(readings: list[tuple[str, float]], arcs: int) -> tuple[str, float]:
    """Best arc reading and the inner lines, joined by spaces, with a length-weighted confidence."""
    parts = [max(readings[:arcs], key=lambda r: r[1])] if arcs else []
    parts = [part for part in parts + readings[arcs:] if part[0]]
    if not parts:
        return "", 0.0
    total = sum(len(text) for text, _ in parts)
    confidence = sum(len(text) * conf for text, conf in parts) / total
    return " ".join(text for text, _ in parts), round(confidence, 3)


def read_seal_texts(seals: Sequence[Strips]) -> list[tuple[str, float]]:
    """Text and confidence of each seal, all strips of a page in one Tesseract run.

    Each arc goes in at every gain of ``ARC_GAINS`` and the most confident
    reading wins; starting Tesseract costs more than reading a few more lines.
    """
    batches = [_images(strips) for strips in seals]
    readings = read_strips([image for images, _ in batches for image in images])
    results, start = [], 0
    for images, arcs in batches:
        results.append(_combine(readings[start : start + len(images)], arcs))
        start += len(images)
    return results
