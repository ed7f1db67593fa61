"""Seal detection on rendered pages and images (SPEC §4).

``detect`` finds round and oval stamps by colour and shape and reads the
text along their rings; it records what it sees and never decides whose seal
it is (the check stage does, knowing the applicant's name).

The search works on a copy reduced to about 100 dpi (:mod:`masks`):
red pixels on colour pages; on greyscale scans, inked pixels with no black
print next to them (a red seal scans mid-grey). Ink closer than 1.5 mm is
grouped into patches (OpenCV connected components, see :mod:`find`), so a ring broken by wear or by
text printed across it stays whole. Patches of a seal's size are tested for a
thin elliptical outline with text inside (:mod:`shape`). A patch that is
too large or too ragged for one seal (two stamps pressed over each other;
on a grey scan, a stamp joined to the signature line printed across it) is
searched for round rings (:mod:`circles`), and each ring is tested on
the ink within its reach. The ring found is scaled back to page pixels, where
its text is straightened (:mod:`reading`, :mod:`glyphs`) and read
by RapidOCR (or Tesseract, see :mod:`ocr`), one run per page.

Images: RGB (or anything convertible; transparency is laid on white paper)
finds red seals; a greyscale image finds grey ones. Rendered PDF pages should
come in colour, at 150-200 dpi, with ``dpi`` given.
"""

from __future__ import annotations

from validator.extract.seals.find import RING_EDGE_GROW, Candidate, find_candidates
from validator.extract.seals.masks import SearchImage, prepare
from validator.extract.seals.ocr import SealText, read_seal_texts
from validator.extract.seals.reading import square_strips, straighten
from validator.model import Seal, SealColour

__all__ = ["SearchImage", "detect", "prepare"]


def detect(
    search: SearchImage, *, read_text: bool = True, engine: str = "auto"
) -> tuple[Seal, ...]:
    """Seal imprints on a page prepared for the search by :func:`prepare`
    (RGB finds red seals; greyscale finds grey ones).

    ``prepare(image, dpi)`` takes the page resolution when known (rendered PDF
    pages); otherwise it is judged from an A4-shaped pixel size, and for other
    pictures (images embedded in a DOCX) sizes are taken relative to the picture.
    ``engine`` is the page OCR setting, which decides the engine that reads the
    rings too (see :mod:`ocr`).
    """
    candidates = find_candidates(search)
    unread = SealText("", 0.0, "")
    texts = _read(search, candidates, engine) if read_text else [unread] * len(candidates)
    colour: SealColour = "red" if search.colour else "dark"
    return tuple(
        Seal(
            bbox=_page_box(candidate, search.full.size),
            confidence=candidate.confidence,
            colour=colour,
            shape=candidate.shape,
            ring_text=text.ring,
            ring_confidence=text.ring_confidence,
            centre_text=text.centre,
            lower_text=text.lower,
        )
        for candidate, text in zip(candidates, texts, strict=True)
    )


def _read(search: SearchImage, candidates: list[Candidate], engine: str) -> list[SealText]:
    """The texts of each candidate, in one recognition run for the page."""
    strips = [
        square_strips(search.full, candidate.ellipse, search.colour)
        if candidate.square
        else straighten(
            search.full,
            candidate.ellipse,
            search.colour,
            candidate.score.thickness,
            tuple(other.ellipse for other in candidates if other is not candidate),
        )
        for candidate in candidates
    ]
    return read_seal_texts(strips, engine)


def _page_box(candidate: Candidate, size: tuple[int, int]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = candidate.box(RING_EDGE_GROW)
    return (max(0, int(x0)), max(0, int(y0)), min(size[0], int(x1) + 1), min(size[1], int(y1) + 1))
