"""What an OCR engine returns, whichever it is: lines with boxes and confidences.

Engines see a page differently: Tesseract hands back words grouped into its
own lines; RapidOCR hands back separate boxes of text, one per run of
characters, so a licence's spaced-out label (名　　称) and its value come as
three boxes on one row. :func:`rows` puts such boxes back into reading
order: boxes that overlap vertically form a row, read left to right, and a
row splits where a wide gap separates two columns (a licence's left and
right halves), so that a label and the value beside it stay on one line of
text and the other column's field starts a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from validator.extract.normalize import normalize_text
from validator.model import TextLine

# Two boxes belong to one row when they overlap by this share of the lower one's height.
ROW_OVERLAP = 0.5
# A gap wider than this many text heights between two boxes of a row is a column gap.
COLUMN_GAP_HEIGHTS = 6.0


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
    weights = [max(1, len(line.text)) for line in lines]
    if not lines:
        return None
    total = sum(line.confidence * weight for line, weight in zip(lines, weights, strict=True))
    return round(total / sum(weights), 3)


def rows(boxes: Iterable[TextLine]) -> list[TextLine]:
    """Boxes of text put into reading order: rows top to bottom, columns split by wide gaps."""
    ordered = sorted(boxes, key=lambda line: (line.box[1] + line.box[3]) / 2)
    grouped: list[list[TextLine]] = []
    for line in ordered:
        if grouped and _same_row(grouped[-1], line):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    cells = []
    for row in grouped:
        cells.extend(_cells(sorted(row, key=lambda line: line.box[0])))
    return cells


def text_height(lines: Sequence[TextLine]) -> float | None:
    """The median height of the lines' boxes, in pixels: the size of the page's text."""
    heights = [line.box[3] - line.box[1] for line in lines if line.box[3] > line.box[1]]
    return float(median(heights)) if heights else None


def _same_row(row: Sequence[TextLine], line: TextLine) -> bool:
    top = min(other.box[1] for other in row)
    bottom = max(other.box[3] for other in row)
    overlap = min(bottom, line.box[3]) - max(top, line.box[1])
    lower = min(bottom - top, line.box[3] - line.box[1])
    return lower > 0 and overlap >= ROW_OVERLAP * lower


def _cells(row: Sequence[TextLine]) -> list[TextLine]:
    """One row's boxes joined into cells; a column gap starts a new cell."""
    height = median(line.box[3] - line.box[1] for line in row)
    cells: list[list[TextLine]] = [[row[0]]]
    for line in row[1:]:
        gap = line.box[0] - cells[-1][-1].box[2]
        if gap > COLUMN_GAP_HEIGHTS * height:
            cells.append([line])
        else:
            cells[-1].append(line)
    return [_joined(cell) for cell in cells]


def _joined(cell: Sequence[TextLine]) -> TextLine:
    box = (
        min(line.box[0] for line in cell),
        min(line.box[1] for line in cell),
        max(line.box[2] for line in cell),
        max(line.box[3] for line in cell),
    )
    confidence = mean_confidence(cell) or 0.0
    return TextLine(" ".join(line.text for line in cell), box, confidence)
