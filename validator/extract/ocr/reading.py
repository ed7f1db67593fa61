"""What an OCR engine returns, whichever it is: lines with boxes and confidences.

Engines see a page differently: Tesseract hands back words grouped into its
own lines; RapidOCR hands back separate boxes of text, one per run of
characters, so a licence's spaced-out label (名　　称) and its value come as
three boxes on one row. :func:`rows` puts such boxes back into reading
order: boxes that overlap vertically form a row, read left to right, as
one line of text, so that a label and the value beside it stay together
(名称 北京…有限公司), and so do a 目录 entry and its page number however far
apart they are printed (公司章程 …… 3-4). Where a wide gap parts two boxes
of a row (a licence's left and right halves) they are joined by
:data:`COLUMN_MARK`, which ends a field's value: 法定代表人 李星亮 │ 东莞市…
keeps the name apart from the address beside it. A licence's
spaced labels stand in a column (名 above 类, 称 above 型), which the
detector may read as one tall box 名类: such a box is cut into its
characters first, each joining its own row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from validator.extract.normalize import normalize_text
from validator.model import TextLine

# Two boxes belong to one row when they overlap by this share of the lower one's height.
ROW_OVERLAP = 0.5
# A gap wider than this many text heights between two boxes of a row parts two columns
# (a spaced label's characters stand under three heights apart).
COLUMN_GAP_HEIGHTS = 4.0
# What joins two columns' boxes in a line of text.
COLUMN_MARK = " │ "
# A box this many text heights tall, and at most STACK_WIDTH wide, holds a column
# of characters, one above the other.
STACK_HEIGHT = 1.8
STACK_WIDTH = 1.6


@dataclass(frozen=True)
class OcrReading:
    """One page as an engine read it; ``text`` is the lines' texts joined by newlines."""

    text: str
    confidence: float | None  # mean line (or word) confidence 0..1; None when nothing was read
    lines: tuple[TextLine, ...] = ()
    engine: str = ""

    @property
    def score(self) -> float:
        """How much was read, and how well: for choosing between two readings."""
        return (self.confidence or 0.0) * sum(ch.isalnum() for ch in self.text)


def reading_of(lines: Iterable[TextLine], engine: str, confidence: float | None) -> OcrReading:
    """The reading whose text is the normalised lines, empty lines dropped."""
    kept = []
    for line in lines:
        text = normalize_text(line.text).replace("\n", " ")
        if text:
            kept.append(TextLine(text, line.box, line.confidence))
    return OcrReading("\n".join(line.text for line in kept), confidence, tuple(kept), engine)


def mean_confidence(lines: Sequence[TextLine]) -> float | None:
    """Confidence weighted by each line's length: a long line read well counts more."""
    if not lines:
        return None
    weights = [max(1, len(line.text)) for line in lines]
    total = sum(line.confidence * weight for line, weight in zip(lines, weights, strict=True))
    return round(total / sum(weights), 3)


def rows(boxes: Iterable[TextLine]) -> list[TextLine]:
    """Boxes of text put into reading order: one line per row, top to bottom."""
    unstacked = _unstacked(list(boxes))
    ordered = sorted(unstacked, key=lambda line: (line.box[1] + line.box[3]) / 2)
    grouped: list[list[TextLine]] = []
    for line in ordered:
        if grouped and _same_row(grouped[-1], line):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    return [_joined(sorted(row, key=lambda line: line.box[0])) for row in grouped]


def text_height(lines: Sequence[TextLine]) -> float | None:
    """The median height of the lines' boxes, in pixels: the size of the page's text."""
    heights = [line.box[3] - line.box[1] for line in lines if line.box[3] > line.box[1]]
    return float(median(heights)) if heights else None


def _same_row(row: Sequence[TextLine], line: TextLine) -> bool:
    """Whether ``line`` sits on the row its first box opened (never a row grown by others)."""
    seed = row[0].box
    overlap = min(seed[3], line.box[3]) - max(seed[1], line.box[1])
    lower = min(seed[3] - seed[1], line.box[3] - line.box[1])
    return lower > 0 and overlap >= ROW_OVERLAP * lower


def _unstacked(boxes: list[TextLine]) -> list[TextLine]:
    """Boxes holding a column of characters cut into one box per character."""
    height = text_height(boxes)
    if height is None:
        return boxes
    kept = []
    for line in boxes:
        x0, y0, x1, y1 = line.box
        stacked = y1 - y0 > STACK_HEIGHT * height and x1 - x0 < STACK_WIDTH * height
        if not stacked or len(line.text) < 2:
            kept.append(line)
            continue
        step = (y1 - y0) / len(line.text)
        for index, char in enumerate(line.text):
            top = round(y0 + index * step)
            kept.append(TextLine(char, (x0, top, x1, round(top + step)), line.confidence))
    return kept


def _joined(cell: Sequence[TextLine]) -> TextLine:
    box = (
        min(line.box[0] for line in cell),
        min(line.box[1] for line in cell),
        max(line.box[2] for line in cell),
        max(line.box[3] for line in cell),
    )
    confidence = mean_confidence(cell) or 0.0
    height = median(line.box[3] - line.box[1] for line in cell)
    parts = [cell[0].text]
    for before, line in pairwise(cell):
        wide = line.box[0] - before.box[2] > COLUMN_GAP_HEIGHTS * height
        parts.append((COLUMN_MARK if wide else " ") + line.text)
    return TextLine("".join(parts), box, confidence)
