"""Where the seals on a page are: patches of seal ink that pass the ring tests.

See :mod:`validator.extract.seals` for the method; this module returns
candidates (an ellipse in page pixels and its scores), not seals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from validator.extract import versions
from validator.extract.seals.circles import Circle, find_circles
from validator.extract.seals.masks import (
    INK_LEVELS,
    BoolArray,
    SearchImage,
    despeckle,
    dilate,
    ink_mask,
)
from validator.extract.seals.shape import (
    Ellipse,
    RingScore,
    box_ellipse,
    confidence,
    ring_failures,
    ring_trace,
    score_ring,
)
from validator.extract.seals.square import score_square, square_confidence
from validator.model import SealShape

# Part of the OCR cache key, kept in ``versions`` so that the key is cheap to compute.
DETECTOR_VERSION = versions.DETECTOR_VERSION
MM_PER_INCH = 25.4
DIAMETER_MM = (24.0, 62.0)  # seals are 38-45 mm; copies are scaled, photos are skewed
MIN_MINOR_MM = 18.0  # the narrowest oval stamp is about 30 mm high
MIN_BOX_RATIO = 0.55  # short/long side of a blob's box: a 40x30 oval is 0.75
# Pictures of unknown scale: a seal spans at least this share of the short side.
UNKNOWN_DPI_MIN_SHARE = 0.08
MIN_BLOB_PIXELS = 60  # smaller blobs cannot hold a ring at the search resolution
UNKNOWN_SCALE_GAP = 0.01  # the same for a picture of unknown scale, as a share of its short side
GROUP_GAP_MM = 1.5  # ink closer than this belongs to one patch: bridges worn or crossed ring
SQUARE_MM = (14.0, 70.0)  # long side of square stamps: name seals 15-20 mm, copy chops 60
SQUARE_UNKNOWN_SHARE = 0.6  # pictures of unknown scale: a name seal is smaller than a round one
RING_EDGE_GROW = 1.02  # outline fit to the outermost ink; a little margin for blur
CIRCLE_SPAN = 1.1  # a circle found in a patch is at most this share of the patch's longer side
RING_REACH = 1.08  # ink this far out (share of a found circle's radius) may be its ring's edge
RING_REACH_PIXELS = 2  # and this many pixels more: the circle is found on a coarse copy
NEST_SLACK = 1.1  # an inner ring may poke this far (share of the outer radius) past the outer one
SAME_CENTRE = 0.3  # centres closer than this share of the radius: one seal found twice
# A ring cut out of a wider patch must be inked in this share of directions
# (worn seals on faint grey scans about 0.7; a ring drawn by text about 0.5).
MIN_RING_TRACE = 0.65


@dataclass(frozen=True)
class Candidate:
    """A patch (or a ring inside one) that passed the seal tests, in page pixels.

    A square stamp keeps its frame as the ellipse inscribed in it (``a`` along
    the long side): the reading walks inside that, and ``box`` gives the frame's.
    """

    ellipse: Ellipse
    score: RingScore
    confidence: float
    square: bool = False

    @property
    def shape(self) -> SealShape:
        return "square" if self.square else self.ellipse.shape

    def box(self, grow: float = 1.0) -> tuple[float, float, float, float]:
        """Axis-aligned box of the outline grown by ``grow``."""
        if not self.square:
            return self.ellipse.box(grow)
        e = self.ellipse
        cos, sin = abs(math.cos(e.angle)), abs(math.sin(e.angle))
        half_w = grow * (e.a * cos + e.b * sin)
        half_h = grow * (e.a * sin + e.b * cos)
        return (e.cx - half_w, e.cy - half_h, e.cx + half_w, e.cy + half_h)


def find_candidates(search: SearchImage) -> list[Candidate]:
    """Seal-like patches of ink, largest first, without ones nested inside another seal.

    Red pages are searched twice: for stamps in clear red, then for faded and
    pink ones, whose paler mask would also take in the tint around a clear stamp.
    """
    found: list[Candidate] = []
    for level in INK_LEVELS if search.colour else (0,):
        # a stamp found in clearer ink keeps that outline: a paler mask widens it
        found.extend(
            candidate
            for candidate in _drop_nested(_candidates(search, ink_mask(search, level)))
            if not any(_overlap(candidate.ellipse, kept.ellipse) for kept in found)
        )
    return _drop_nested(found)


def _overlap(one: Ellipse, other: Ellipse) -> bool:
    return _nested(one, other) or _nested(other, one)


def _candidates(search: SearchImage, mask: BoolArray) -> list[Candidate]:
    solid = despeckle(mask)  # specks (grey-scan text edges, noise) would join patches
    per_mm = _pixels_per_mm(search)
    gap = max(1, round(GROUP_GAP_MM * per_mm if per_mm else UNKNOWN_SCALE_GAP * min(mask.shape)))
    labels, regions = label(dilate(solid, gap))
    limits = _size_limits(per_mm, mask.shape)
    square_limits = _square_limits(per_mm, limits)
    found: list[Candidate] = []
    for region in regions:
        box = (region.x0 + gap, region.y0 + gap, region.x1 - gap, region.y1 - gap)
        fits = _fits(box, limits)
        if fits or _may_hold(box, limits) or _fits_square(box, square_limits):
            patch = _patch(labels, region, mask, solid)
            candidate = _test_patch(search, patch, None) if fits else None
            candidate = candidate or _test_square(search, patch, square_limits)
            found.extend([candidate] if candidate else _split(search, patch, limits))
    return found


def _square_limits(per_mm: float | None, limits: tuple[float, float, float]) -> tuple[float, float]:
    """Smallest long side and largest side of a square stamp, in search pixels."""
    if per_mm is None:
        return limits[0] * SQUARE_UNKNOWN_SHARE, limits[1]
    return SQUARE_MM[0] * per_mm, SQUARE_MM[1] * per_mm


def _fits_square(box: tuple[int, int, int, int], limits: tuple[float, float]) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    return limits[0] <= max(width, height) <= limits[1]


def _test_square(
    search: SearchImage, patch: Patch, limits: tuple[float, float]
) -> Candidate | None:
    """The patch as a square or oblong stamp: a thin frame with characters inside."""
    ys, xs = np.nonzero(patch.solid)
    found = score_square(xs.astype(np.float64), ys.astype(np.float64), patch.mask)
    if found is None:
        return None
    frame, score = found
    if not limits[0] <= 2 * frame.half_long <= limits[1]:
        return None
    ellipse = score.ellipse.scaled(
        search.factor, (patch.x0 * search.factor, patch.y0 * search.factor)
    )
    return Candidate(ellipse, score, square_confidence(score), square=True)


@dataclass(frozen=True)
class Region:
    """One 8-connected group of grown ink: its label and box (x0, y0, x1, y1 exclusive)."""

    label: int
    x0: int
    y0: int
    x1: int
    y1: int


def label(grown: BoolArray) -> tuple[NDArray[np.int32], list[Region]]:
    """The label image of ``grown`` and its groups of at least ``MIN_BLOB_PIXELS`` pixels."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        grown.astype(np.uint8), connectivity=8
    )
    regions = [
        Region(i, int(x), int(y), int(x + w), int(y + h))
        for i, (x, y, w, h, area) in enumerate(stats[1:count].tolist(), start=1)
        if area >= MIN_BLOB_PIXELS
    ]
    return np.asarray(labels, dtype=np.int32), regions


@dataclass(frozen=True)
class Patch:
    """One group of ink in its own frame: seal-coloured pixels, solid ones, and where it lies."""

    x0: int
    y0: int
    mask: BoolArray
    solid: BoolArray


def _patch(labels: NDArray[np.int32], region: Region, mask: BoolArray, solid: BoolArray) -> Patch:
    """The region's ink only: other patches that reach into its box are left out."""
    crop = (slice(region.y0, region.y1), slice(region.x0, region.x1))
    inside = labels[crop] == region.label
    return Patch(region.x0, region.y0, mask[crop] & inside, solid[crop] & inside)


def _pixels_per_mm(search: SearchImage) -> float | None:
    """Search pixels per millimetre, None for a picture of unknown scale."""
    return None if search.dpi is None else search.dpi / search.factor / MM_PER_INCH


def _size_limits(per_mm: float | None, shape: tuple[int, ...]) -> tuple[float, float, float]:
    """Smallest and largest diameter and smallest minor axis, in search pixels."""
    if per_mm is None:
        short = min(shape[:2])
        return max(30.0, UNKNOWN_DPI_MIN_SHARE * short), 1.05 * max(shape[:2]), 20.0
    return DIAMETER_MM[0] * per_mm, DIAMETER_MM[1] * per_mm, MIN_MINOR_MM * per_mm


def _fits(box: tuple[float, float, float, float], limits: tuple[float, float, float]) -> bool:
    """Could the box hold a seal: its size and aspect (rotated ovals included)."""
    width, height = box[2] - box[0], box[3] - box[1]
    long, short = max(width, height), min(width, height)
    smallest, largest, minor = limits
    return smallest <= long <= largest and short >= minor and short / long >= MIN_BOX_RATIO


def _may_hold(box: tuple[int, int, int, int], limits: tuple[float, float, float]) -> bool:
    """Is the patch large enough in both directions to hide a round seal among other ink?"""
    return min(box[2] - box[0], box[3] - box[1]) >= limits[0]


def _test_patch(search: SearchImage, patch: Patch, first: Ellipse | None) -> Candidate | None:
    """Fit the ring to the patch's solid ink and test what lies inside it.

    ``first`` is where to look for the outline: the box of the ink when None.
    """
    ys, xs = np.nonzero(patch.solid)
    if len(xs) == 0:
        return None
    first = first or box_ellipse(_box_of(xs, ys))
    score = score_ring(xs.astype(np.float64), ys.astype(np.float64), first, patch.mask)
    if score is None or ring_failures(score):
        return None
    ellipse = score.ellipse.scaled(
        search.factor, (patch.x0 * search.factor, patch.y0 * search.factor)
    )
    return Candidate(ellipse, score, confidence(score))


def _split(
    search: SearchImage, patch: Patch, limits: tuple[float, float, float]
) -> list[Candidate]:
    """Round seals inside a patch that also holds other ink: overlapping seals, crossing text."""
    smallest, largest, _ = limits
    longest = max(patch.solid.shape)
    circles = find_circles(patch.solid, smallest / 2, min(largest, CIRCLE_SPAN * longest) / 2)
    found = []
    for circle in circles:
        around, near, (cx, cy) = _near(patch, circle)
        candidate = _test_patch(search, near, Ellipse(cx, cy, circle.r, circle.r, 0))
        if (
            candidate is not None
            and _fits(candidate.ellipse.box(1 / search.factor), limits)
            and ring_trace(around.mask, candidate.score) >= MIN_RING_TRACE
        ):
            found.append(candidate)
    return found


def _near(patch: Patch, circle: Circle) -> tuple[Patch, Patch, tuple[float, float]]:
    """The patch cut to the circle's reach: all its ink there, only the ink within reach
    (the ring and what it encloses), and the circle's centre, all in the frame of the cut."""
    reach = circle.r * RING_REACH + RING_REACH_PIXELS
    height, width = patch.mask.shape
    x0, y0 = max(0, math.floor(circle.cx - reach)), max(0, math.floor(circle.cy - reach))
    x1, y1 = (
        min(width, math.ceil(circle.cx + reach) + 1),
        min(height, math.ceil(circle.cy + reach) + 1),
    )
    crop = (slice(y0, y1), slice(x0, x1))
    around = Patch(patch.x0 + x0, patch.y0 + y0, patch.mask[crop], patch.solid[crop])
    rows, cols = np.ogrid[y0:y1, x0:x1]
    within = (cols - circle.cx) ** 2 + (rows - circle.cy) ** 2 <= reach**2
    near = Patch(around.x0, around.y0, around.mask & within, around.solid & within)
    return around, near, (circle.cx - x0, circle.cy - y0)


def _box_of(xs: np.ndarray, ys: np.ndarray) -> tuple[int, int, int, int]:
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep the outer seal when one ring sits inside another (double-ring bank seals)."""
    found.sort(key=lambda c: c.ellipse.a, reverse=True)
    kept: list[Candidate] = []
    for candidate in found:
        if not any(_nested(candidate.ellipse, outer.ellipse) for outer in kept):
            kept.append(candidate)
    return kept


def _nested(inner: Ellipse, outer: Ellipse) -> bool:
    """Does ``inner`` lie within ``outer``, or share its centre (the same seal found twice)?

    Two seals pressed half over each other are not nested: each centre may
    lie inside the other ring, but neither ring lies inside the other.
    """
    distance = math.hypot(inner.cx - outer.cx, inner.cy - outer.cy)
    return distance + inner.b <= NEST_SLACK * outer.a or distance <= SAME_CENTRE * outer.b
