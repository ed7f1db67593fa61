"""Which engine reads which page under ``engine: auto``, and how small images are prepared.

Measured on the real-document corpus (``benchmarks/realdocs.py``): RapidOCR
read the fields of licence photos and copies that Tesseract garbled, and
Tesseract reads a long flat scan of prose as well in a third of the time.
So a flat scan is read by Tesseract first, and read again by RapidOCR when
the first reading shows a page where facts live (its words below), when a
USCC-shaped code fails its checksum, when a date range's end did not come out
as a date (the field is read again before a rule must call it unread), or
when Tesseract was unsure of it.
"""

from __future__ import annotations

import dataclasses
import re

from PIL import Image
from stdnum.cn import uscc

from validator.extract.ocr.reading import OcrReading
from validator.model import TextLine

# The version of this choice, in the cache key: 2 reads a licence without its USCC
# again with a finer detector; 3 reads a page with a licence's title by RapidOCR.
POLICY_VERSION = 3
# Field labels (as Tesseract reads them, so short and partial) of the pages that carry
# a package's facts: licences, ID cards, certificates, bank letters, domain
# certificates. Prose names one now and then (公司注册资本为…, 营业期限为长期);
# a fact page prints several, or is sparse.
FACT_PAGE_WORDS = (
    "执照", "信用代码", "注册资本", "营业期限", "登记机关", "法定代表人", "成立日期",
    "公民身份", "居民身份", "签发机关", "有效期限", "证书编号", "发证日期", "有效期至",
    "许可证编号", "资信证明", "存款证明", "注册所有人", "到期日期",
)  # fmt: skip
# A page printing this many of them is a fact page, however much else it holds.
FACT_PAGE_MIN_WORDS = 3
# A page with a licence's title (执照) is one with this many of them, the title counted
# (Tesseract 5.5 read 0044.jpg with 执照 and 法定代表人 only, at confidence 0.61).
LICENCE_MIN_WORDS = 2
# Words a fact page prints that prose uses too (有效期, 甲方 …): they count on a
# sparse page only — a certificate, a signature page — not on a page of prose.
SPARSE_PAGE_WORDS = ("有效期", "证书", "许可证", "域名", "到期", "甲方", "乙方", "盖章")
# A page with fewer letters and digits than this is sparse.
SPARSE_PAGE_CHARS = 400
# A 目录 page says so in its first lines.
CONTENTS_WORD = "目录"
CONTENTS_LINES = 4
# Below this mean word confidence Tesseract's reading is doubtful enough to ask RapidOCR.
DOUBTFUL_CONFIDENCE = 0.6
# A date range whose end did not come out as a date (至2034年07, 2018.05.20-): the
# end is re-read by RapidOCR before the rules have to call it unread.
_HALF_READ_RANGE = re.compile(
    r"[0-9]{4}[年./-][0-9]{1,2}[月./-][0-9]{1,2}日?[ \t]*(?:至|[-—~～])[ \t]*"
    r"(?![0-9]{4}[年./-][0-9]{1,2}[月./-][0-9]{1,2}|长期|今)"
)
# An 18-character code shaped like a USCC (its checksum decides whether it was read right).
_USCC_SHAPE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")
# A second reading replaces the first unless it read much less of the page.
KEEP_FIRST_BELOW = 0.5
# Images with a shorter side than this are enlarged before OCR: an 800×600 licence
# photo loses strokes at its own size that it keeps enlarged.
SMALL_SIDE = 1000
# The largest enlargement: more only blurs.
MAX_ENLARGEMENT = 2.0
# A licence read without the USCC it prints is read again with the detector at the
# image's own size, up to this long side: at 1280 px the detector lost the code's
# line under a heading (0018.jpg, 1215×1740); at 1600 px it finds it.
FINE_DETECTOR_SIDE = 2048
# The gain in detector size below which a finer reading would show nothing new.
FINE_DETECTOR_GAIN = 1.1
# What a licence prints: 执照 in its title; an older one's 注册号 instead of a USCC.
LICENCE_WORD = "执照"
OLD_NUMBER_LABEL = "注册号"


def wants_second_reading(reading: OcrReading) -> bool:
    """Whether a Tesseract reading of a flat scan should be read again by RapidOCR."""
    if reading.confidence is None or reading.confidence < DOUBTFUL_CONFIDENCE:
        return True
    text = reading.text
    labels = sum(word in text for word in FACT_PAGE_WORDS)
    # A licence's title and one of its labels count, however poorly the rest was read:
    # how many labels Tesseract keeps, and how sure it is, differ between its versions.
    wanted = LICENCE_MIN_WORDS if LICENCE_WORD in text else FACT_PAGE_MIN_WORDS
    if labels >= wanted:
        return True
    if CONTENTS_WORD in "".join(text.splitlines()[:CONTENTS_LINES]):
        return True
    sparse = sum(ch.isalnum() for ch in text) < SPARSE_PAGE_CHARS
    if sparse and (labels or any(word in text for word in SPARSE_PAGE_WORDS)):
        return True
    if _HALF_READ_RANGE.search(text):
        return True
    return any(not _uscc_valid(code) for code in _USCC_SHAPE.findall(text.upper()))


def better(first: OcrReading, second: OcrReading) -> OcrReading:
    """RapidOCR's reading of a fact page, unless it read much less than Tesseract did."""
    if second.score < KEEP_FIRST_BELOW * first.score:
        return first
    return second


def finer_detector_side(reading: OcrReading, size: tuple[int, int], side: int) -> int | None:
    """The detector size to read an image again at, when its RapidOCR reading (detector
    at ``side``) is a licence's with no USCC whose check character holds; else None.

    A licence issued since 2016 prints its USCC; one issued before prints a 注册号,
    and an image the detector already saw whole gains nothing from a second look.
    """
    text = reading.text
    if not reading.lines or LICENCE_WORD not in text or OLD_NUMBER_LABEL in text:
        return None
    if any(_uscc_valid(code) for code in _USCC_SHAPE.findall(text.upper())):
        return None
    finer = min(FINE_DETECTOR_SIDE, max(size))
    return finer if finer >= FINE_DETECTOR_GAIN * side else None


def finer(first: OcrReading, second: OcrReading) -> OcrReading:
    """The finer reading of a licence when it found a USCC whose check character
    holds (which the first did not) and read about as much; else the first."""
    found = any(_uscc_valid(code) for code in _USCC_SHAPE.findall(second.text.upper()))
    return second if found and second.score >= KEEP_FIRST_BELOW * first.score else first


def looks_turned(reading: OcrReading) -> bool:
    """Whether RapidOCR's lines run up and down: a page turned a quarter, or upside down
    (read as noise with little confidence)."""
    if not reading.lines:
        return False
    tall = sum(line.box[3] - line.box[1] > line.box[2] - line.box[0] for line in reading.lines)
    unsure = (reading.confidence or 0.0) < DOUBTFUL_CONFIDENCE
    return unsure or tall > len(reading.lines) / 2


def is_small(image: Image.Image) -> bool:
    return min(image.size) < SMALL_SIDE


def enlarged(image: Image.Image) -> Image.Image:
    """``image`` enlarged (bicubic, at most MAX_ENLARGEMENT) when it is small; else itself."""
    if not is_small(image):
        return image
    return image.resize(enlarged_size(image), Image.Resampling.BICUBIC)


def enlarged_size(image: Image.Image) -> tuple[int, int]:
    """The size :func:`enlarged` gives ``image``."""
    if not is_small(image):
        return image.size
    factor = min(MAX_ENLARGEMENT, SMALL_SIDE / max(1, min(image.size)))
    return (round(image.width * factor), round(image.height * factor))


def scaled(line: TextLine, factor: float) -> TextLine:
    """A line found on an enlarged copy, in the original image's pixels."""
    if factor == 1.0:
        return line
    box = tuple(round(value * factor) for value in line.box)
    return dataclasses.replace(line, box=(box[0], box[1], box[2], box[3]))


def _uscc_valid(code: str) -> bool:
    return bool(uscc.is_valid(code))
