"""Reading a seal's straightened text: the name along its ring and the words in its middle.

RapidOCR reads each strip whole, as one line: the ring's text band as
unwrapped and the same characters set upright in a row (whichever it reads
with more confidence wins: the band keeps the strokes whole, the row undoes
the wedge shape of characters cut along rays), then the lines inside the
ring. All the strips of a page go to the recogniser in one call. Measured
on the public seals of the real-document corpus, RapidOCR read the owner
from the ring for 24 of 37 seals found, Tesseract's per-character reading
for 8, and Tesseract won on none; Tesseract reads the strips only where
RapidOCR is not to be used (``--ocr-engine tesseract``) or cannot be loaded.
Tesseract gets the strips side by side in one image, far apart, read in one
pass as a raw line (page segmentation mode 13, which measured best on seal
text: it neither looks for columns nor drops the short inner lines); each
word goes back to the strip under it.

Ring text goes round: where the gap at the bottom was missed (a seal number
there, or text all round), the reading starts in the middle of the name
(场监督管理局西安市). It is turned round to end where an organisation's name
ends (局, 公司, 中心 …), and seal numbers (runs of digits) are left out.
The bottom arc, read as a strip of its own, is kept only when RapidOCR is
sure of it (``MIN_LOWER_SCORE``).
``chi_sim`` also reads the digits and Latin letters of seal numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from validator.errors import DependencyError
from validator.extract.ocr import rapid
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
ARC_GAIN = 1.8  # worn, half-inked strokes read better darkened (Tesseract)
LINE_GAIN = 1.3  # the inner lines' smaller characters clog when darkened as much
# RapidOCR: the strip's ink is first stretched so that its strokes are full ink
# (this share of the inked pixels reaches 1), then darkened a little. A faded or
# pink stamp's strokes are otherwise pale grey, and read as other characters.
STROKE_PERCENTILE = 90
STROKE_GAIN = 1.2
INKED = 0.05  # ink strength that counts as a stroke when stretching
MIN_STROKE_LEVEL = 0.2  # never stretch paper noise into strokes
KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z（）()]")  # what seal text is made of
SEAL_NUMBER = re.compile(r"[0-9A-Za-z]{3,}")  # a seal's number along the ring, not its name
# Where an organisation's name ends: a ring reading that does not end so is turned round.
NAME_ENDS = (
    "公司",
    "分局",
    "局",
    "中心",
    "合作社",
    "出版社",
    "委员会",
    "协会",
    "研究院",
    "医院",
    "学院",
    "学校",
    "大学",
    "事务所",
    "研究所",
    "银行",
    "支行",
    "分行",
    "信用社",
    "厂",
    "店",
    "站",
    "部",
    "处",
    "馆",
    "社区",
    "村民委员会",
    "办事处",
)
MIN_CENTRE_SCORE = 0.5  # a line inside the ring read with less confidence is the star's debris
# Measured on the corpus: bottom arcs read with less confidence were fragments of a
# number (141, 511) or of the ring's ends; those read surer were whole seal numbers.
MIN_LOWER_SCORE = 0.8
DIGIT_SPACE = re.compile(r"(?<=[0-9]) (?=[0-9])")
MIN_LOWER_CHARS = 3  # fewer read characters along the bottom are the ring text's ends
# The centre's words: a line of digits there is the seal's or the taxpayer's number.
CENTRE_WORDS = re.compile(r"[\u3400-\u9fff]{2,}")


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


# A seal's strips to read, in three groups: the ring's, the inner lines', the bottom arc's.
Groups = tuple[list[Image.Image], list[Image.Image], list[Image.Image]]
Readings = list[tuple[str, float]]


def _images(strips: Strips) -> Groups:
    """Tesseract's: the arc (when there is one), then the inner lines. The bottom arc's
    small characters are left to RapidOCR (a strip of their height in the sheet also
    changes how Tesseract reads the rest)."""
    arc = [text_image(strips.arc, ARC_GAIN)] if strips.arc is not None else []
    return arc, [text_image(line, LINE_GAIN) for line in strips.lines], []


@dataclass(frozen=True)
class SealText:
    """What a seal says: the name along its ring and the kind in its middle (合同专用章)."""

    ring: str
    ring_confidence: float
    centre: str
    lower: str = ""  # along the bottom, read left to right (a seal number, an English name)


def read_seal_texts(seals: Sequence[Strips], engine: str = "auto") -> list[SealText]:
    """The texts of each seal of a page, in one recognition run.

    ``engine`` is the page OCR setting: RapidOCR reads the strips unless it
    is "tesseract" or RapidOCR cannot be loaded here.
    """
    if not seals:
        return []
    if engine != "tesseract" and rapid.available():
        try:
            return _read_with_rapidocr(seals)
        except (rapid.RapidOcrMissing, rapid.RecognitionTimeout):
            pass  # a worker's memory ceiling, or a stuck run: Tesseract reads them instead
    return _read_with_tesseract(seals)


def _read_with_rapidocr(seals: Sequence[Strips]) -> list[SealText]:
    groups = [_rapid_images(strips) for strips in seals]
    lines = rapid.read_lines(_flat(groups), OCR_TIMEOUT_SECONDS)
    readings = [(line.text, line.confidence) for line in lines]
    # The ring's strips are the band and the row of upright characters: the surer wins.
    return [
        _seal_text(
            max(arcs, key=lambda reading: reading[1]),
            [text for text, conf in inner if conf >= MIN_CENTRE_SCORE],
            [text for text, conf in lower if conf >= MIN_LOWER_SCORE],
        )
        for arcs, inner, lower in _per_seal(groups, readings)
    ]


def _flat(groups: Sequence[Groups]) -> list[Image.Image]:
    return [image for seal in groups for group in seal for image in group]


def _per_seal(
    groups: Sequence[Groups], readings: Sequence[tuple[str, float]]
) -> list[tuple[Readings, Readings, Readings]]:
    """The page's readings (of :func:`_flat`'s images) given back to their seals' groups."""
    split, start = [], 0
    for seal in groups:
        given = []
        for group in seal:
            given.append(list(readings[start : start + len(group)]))
            start += len(group)
        split.append((given[0], given[1], given[2]))
    return split


def _rapid_images(strips: Strips) -> Groups:
    """The band and the row of upright characters (when there is one), the inner lines,
    the bottom arc (when there is one)."""
    arcs = [strips.band] + ([strips.arc] if strips.arc is not None else [])
    lower = [strips.lower] if strips.lower is not None else []
    return _full_ink(arcs), _full_ink(strips.lines), _full_ink(lower)


def _full_ink(strips: Sequence[FloatArray]) -> list[Image.Image]:
    return [text_image(stretched(strip), STROKE_GAIN) for strip in strips]


def stretched(ink: FloatArray) -> FloatArray:
    """``ink`` scaled so that its strokes are full ink, however faded the stamp."""
    strokes = ink[ink > INKED]
    if strokes.size == 0:
        return ink
    level = max(float(np.percentile(strokes, STROKE_PERCENTILE)), MIN_STROKE_LEVEL)
    return ink / level


def _read_with_tesseract(seals: Sequence[Strips]) -> list[SealText]:
    groups = [_images(strips) for strips in seals]
    readings = read_strips(_flat(groups))
    return [
        _seal_text(arcs[0] if arcs else ("", 0.0), [text for text, _ in inner], lower_texts=[])
        for arcs, inner, _ in _per_seal(groups, readings)
    ]


def _seal_text(ring: tuple[str, float], centre: list[str], lower_texts: list[str]) -> SealText:
    """The seal's texts from its readings as the engine gave them."""
    name = ring_name(normalise(ring[0]))
    words = "".join(word for text in centre for word in CENTRE_WORDS.findall(normalise(text)))
    return SealText(name, ring[1] if name else 0.0, words, _lower_text(lower_texts))


def _lower_text(readings: list[str]) -> str:
    """The bottom arc's reading, its words apart (an English name); a seal number read
    with gaps is one; nothing when too little was read."""
    words = [normalise(word) for reading in readings for word in reading.split()]
    text = DIGIT_SPACE.sub("", " ".join(word for word in words if word))
    return text if len(text.replace(" ", "")) >= MIN_LOWER_CHARS else ""


def ring_name(text: str) -> str:
    """The name in a ring reading: seal numbers left out, turned to end as a name ends.

    A reading that starts inside the name is turned round where a name's end
    runs across its two ends (司深圳市…有限公), or else after the last name end in
    it (场监督管理局西安市); one that stops on the first characters of a name end
    (…浦东新区分) lost its last characters, not its start, and stays as it is.
    """
    text = SEAL_NUMBER.sub("", text)
    if not text or text.endswith(NAME_ENDS):
        return text
    cut = _joint(text)
    if cut is None and not _cut_short(text):
        cut = max((text.rfind(end) + len(end) for end in NAME_ENDS if end in text), default=0)
    return text[cut:] + text[:cut] if cut and 0 < cut < len(text) else text


def _joint(text: str) -> int | None:
    """Where a name end begins at the reading's end and finishes at its start (公 … 司)."""
    for end in NAME_ENDS:
        for split in range(1, len(end)):
            if text.endswith(end[:split]) and text.startswith(end[split:]):
                return len(end) - split
    return None


def _cut_short(text: str) -> bool:
    """Does the reading stop on the first characters of a name end (…分 for 分局)?"""
    return any(end.startswith(text[-k:]) for end in NAME_ENDS for k in range(1, len(end)))
