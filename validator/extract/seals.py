"""Seal detection on rendered pages and images (SPEC §4).

``detect_seals`` finds round and oval stamps by colour and shape and reads the
text along their rings; it records what it sees and never decides whose seal
it is (the check stage does, knowing the applicant's name).

The search works on a copy reduced to about 100 dpi (:mod:`seal_masks`):
red pixels on colour pages; on greyscale scans, inked pixels with no black
print next to them (a red seal scans mid-grey). Ink closer than 1.5 mm is
grouped into patches (:mod:`seal_components`), so a ring broken by wear or by
text printed across it stays whole. Patches of a seal's size are tested for a
thin elliptical outline with text inside (:mod:`seal_shape`); the ring found
is scaled back to page pixels, where its text is straightened
(:mod:`seal_reading`) and read by Tesseract (:mod:`seal_ocr`), one run per
page.

Images: RGB (or anything convertible; transparency is laid on white paper)
finds red seals; a greyscale image finds grey ones. Rendered PDF pages should
come in colour, at 150-200 dpi, with ``dpi`` given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from validator.extract.seal_components import BoolArray, Component, Labelling, label
from validator.extract.seal_masks import SearchImage, despeckle, dilate, ink_mask, prepare
from validator.extract.seal_ocr import read_seal_texts
from validator.extract.seal_reading import straighten
from validator.extract.seal_shape import Ellipse, RingScore, confidence, ring_failures, score_ring
from validator.model import Seal

# Part of the OCR cache key: bump when detection or reading changes what is found.
DETECTOR_VERSION = "1"
MM_PER_INCH = 25.4
DIAMETER_MM = (24.0, 62.0)  # seals are 38-45 mm; copies are scaled, photos are skewed
MIN_MINOR_MM = 18.0  # the narrowest oval stamp is about 30 mm high
MIN_BOX_RATIO = 0.55  # short/long side of a blob's box: a 40x30 oval is 0.75
# Pictures of unknown scale: a seal spans at least this share of the short side.
UNKNOWN_DPI_MIN_SHARE = 0.08
MIN_BLOB_PIXELS = 60  # smaller blobs cannot hold a ring at the search resolution
UNKNOWN_SCALE_GAP = 0.01  # the same for a picture of unknown scale, as a share of its short side
GROUP_GAP_MM = 1.5  # ink closer than this belongs to one patch: bridges worn or crossed ring
RING_EDGE_GROW = 1.02  # outline fit to the outermost ink; a little margin for blur


@dataclass(frozen=True)
class Candidate:
    """A blob that passed the seal tests, in page pixels."""

    ellipse: Ellipse
    score: RingScore
    confidence: float


def detect_seals(
    image: Image.Image, dpi: float | None = None, *, read_text: bool = True
) -> tuple[Seal, ...]:
    """Seal imprints on a page image (RGB finds red seals; L finds grey ones).

    ``dpi`` is the page resolution when known (rendered PDF pages); otherwise it
    is judged from an A4-shaped pixel size, and for other pictures (images
    embedded in a DOCX) sizes are taken relative to the picture.
    """
    search = prepare(image, dpi)
    candidates = find_candidates(search)
    texts = _read(search, candidates) if read_text else [("", 0.0)] * len(candidates)
    colour = "red" if search.colour else "dark"
    return tuple(
        Seal(
            bbox=_page_box(candidate.ellipse, search.full.size),
            confidence=candidate.confidence,
            colour=colour,
            shape=candidate.ellipse.shape,
            ring_text=text,
            ring_confidence=text_confidence,
        )
        for candidate, (text, text_confidence) in zip(candidates, texts, strict=True)
    )


def _read(search: SearchImage, candidates: list[Candidate]) -> list[tuple[str, float]]:
    strips = [
        straighten(search.full, c.ellipse, search.colour, c.score.thickness) for c in candidates
    ]
    return read_seal_texts(strips) if strips else []


def find_candidates(search: SearchImage) -> list[Candidate]:
    """Seal-like patches of ink, largest first, without ones nested inside another seal."""
    mask = ink_mask(search)
    solid = despeckle(mask)  # specks (grey-scan text edges, noise) would join patches
    per_mm = _pixels_per_mm(search, mask.shape)
    gap = max(1, round(GROUP_GAP_MM * per_mm if per_mm else UNKNOWN_SCALE_GAP * min(mask.shape)))
    regions = label(dilate(solid, gap), MIN_BLOB_PIXELS)
    limits = _size_limits(per_mm, mask.shape)
    found = []
    for region in regions.blobs:
        box = (region.x0 + gap, region.y0 + gap, region.x1 - gap, region.y1 - gap)
        if _fits(box, limits):
            candidate = _test_region(search, (mask, solid), regions, region)
            if candidate is not None:
                found.append(candidate)
    return _drop_nested(found)


def _pixels_per_mm(search: SearchImage, shape: tuple[int, ...]) -> float | None:
    """Search pixels per millimetre, None for a picture of unknown scale."""
    return None if search.dpi is None else search.dpi / search.factor / MM_PER_INCH


def _size_limits(per_mm: float | None, shape: tuple[int, ...]) -> tuple[float, float, float]:
    """Smallest and largest diameter and smallest minor axis, in search pixels."""
    if per_mm is None:
        short = min(shape[:2])
        return max(30.0, UNKNOWN_DPI_MIN_SHARE * short), 1.05 * max(shape[:2]), 20.0
    return DIAMETER_MM[0] * per_mm, DIAMETER_MM[1] * per_mm, MIN_MINOR_MM * per_mm


def _fits(box: tuple[int, int, int, int], limits: tuple[float, float, float]) -> bool:
    """Could the box hold a seal: its size and aspect (rotated ovals included)."""
    width, height = box[2] - box[0], box[3] - box[1]
    long, short = max(width, height), min(width, height)
    smallest, largest, minor = limits
    return smallest <= long <= largest and short >= minor and short / long >= MIN_BOX_RATIO


def _test_region(
    search: SearchImage,
    masks: tuple[BoolArray, BoolArray],
    regions: Labelling,
    region: Component,
) -> Candidate | None:
    """Fit the ring to the region's solid ink and test what lies inside it."""
    mask, solid = masks
    rows, cols = regions.points(region.label)
    inside = np.zeros((region.height, region.width), dtype=np.bool_)
    inside[rows - region.y0, cols - region.x0] = True
    crop = (slice(region.y0, region.y1), slice(region.x0, region.x1))
    ys, xs = np.nonzero(solid[crop] & inside)
    score = score_ring(
        xs.astype(np.float64), ys.astype(np.float64), _box_of(xs, ys), mask[crop] & inside
    )
    if score is None or ring_failures(score):
        return None
    ellipse = score.ellipse.scaled(
        search.factor, (region.x0 * search.factor, region.y0 * search.factor)
    )
    return Candidate(ellipse, score, confidence(score))


def _box_of(xs: np.ndarray, ys: np.ndarray) -> tuple[int, int, int, int]:
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep the outer seal when one ring sits inside another (double-ring bank seals)."""
    found.sort(key=lambda c: c.ellipse.a, reverse=True)
    kept: list[Candidate] = []
    for candidate in found:
        centre = (np.array([candidate.ellipse.cx]), np.array([candidate.ellipse.cy]))
        if not any(outer.ellipse.frame(*centre)[0][0] < 1 for outer in kept):
            kept.append(candidate)
    return kept


def _page_box(ellipse: Ellipse, size: tuple[int, int]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = ellipse.box(RING_EDGE_GROW)
    return (max(0, int(x0)), max(0, int(y0)), min(size[0], int(x1) + 1), min(size[1], int(y1) + 1))
