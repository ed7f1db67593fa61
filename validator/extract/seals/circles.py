"""Round stamps inside a patch of ink that holds more than one thing.

The patch search in :mod:`seals` groups ink that lies close together, which
is right for a lone stamp but merges two stamps pressed over each other (a
licence copy sealed beside the issuer's seal) and, on greyscale scans, a
stamp with the signature line printed across it. Such a patch is too large
or too ragged to be one seal, yet a seal's outer ring is still in it: a thin
closed circle of ink with paper just outside.

This module finds those circles with a ring-contrast filter: for every
centre and radius, the share of the circle that is inked minus the share of
a slightly larger circle that is inked. A seal's ring scores near 1; text,
rules and tables score near 0, since ink there is as likely just outside any
circle as on it. A filled disc (the printed emblem) scores high too, and is
turned away later by the ring tests, which see that it is solid. The filter
runs as one convolution per radius (OpenCV's ``filter2D``, through the DFT
for kernels this large) on a coarse copy of the patch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from validator.extract.seals.masks import BoolArray, pool

FloatArray = NDArray[np.float64]

RADIUS_STEP = 0.05  # radii tried grow by 5%: the ring (and the 1-pixel slack) stays on the circle
RING_HALF_WIDTH = 0.75  # pixels either side of the circle that count as on it
OUTSIDE_SCALE = 1.12  # the paper circle lies this much further out: clear of the ring stroke
OUTSIDE_GAP = 2.0  # plus this many pixels, for small seals at coarse resolution
MIN_CONTRAST = 0.45  # ring minus paper share: a worn seal ring scores 0.8-0.95, text about 0
SUPPRESS_RADIUS = 0.8  # a second circle centred closer than this (share of r) is the same one
COARSE_RADIUS = 15.0  # the search works on a copy where the smallest seal is about this radius
MAX_CIRCLES = 6  # more stamps than this in one patch is a pattern, not seals
MAX_COARSE_SIDE = 400  # cells along a coarse copy's longer side: bounds the FFT cost of a photo


@dataclass(frozen=True)
class Circle:
    """A ring found in the patch: centre, radius (patch pixels) and ring contrast."""

    cx: float
    cy: float
    r: float
    contrast: float


def radii(smallest: float, largest: float) -> list[float]:
    """Radii from ``smallest`` to ``largest``, each ``RADIUS_STEP`` larger than the last."""
    count = max(1, math.ceil(math.log(max(largest, smallest) / smallest) / math.log1p(RADIUS_STEP)))
    return [smallest * (1 + RADIUS_STEP) ** i for i in range(count + 1)]


def ring_kernel(radius: float, outside: float) -> FloatArray:
    """Thin circle of radius ``radius`` (weight +1) minus the circle of radius ``outside`` (-1)."""
    half = math.ceil(outside + RING_HALF_WIDTH)
    rows, cols = np.mgrid[-half : half + 1, -half : half + 1]
    distance = np.hypot(rows, cols)
    kernel = np.zeros(distance.shape)
    for size, weight in ((radius, 1.0), (outside, -1.0)):
        circle = np.abs(distance - size) < RING_HALF_WIDTH
        kernel[circle] += weight / max(int(circle.sum()), 1)
    return kernel


def coarse(mask: BoolArray, factor: int) -> BoolArray:
    """Reduce by ``factor`` (a cell is inked when any of its pixels is), then grow by one.

    Growing lets a ring that is not quite round, or slightly off the sampled
    radius, still lie on the circle.
    """
    mask = pool(mask, factor)
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown


def contrast_map(mask: BoolArray, sizes: list[float]) -> tuple[FloatArray, FloatArray]:
    """Best ring contrast at each pixel over ``sizes``, and the radius that gave it."""
    ink = mask.astype(np.float32)
    best = np.full(mask.shape, -1.0)
    best_radius = np.zeros(mask.shape)
    for radius in sizes:
        kernel = ring_kernel(radius, radius * OUTSIDE_SCALE + OUTSIDE_GAP).astype(np.float32)
        # OpenCV correlates large kernels through the DFT; the kernel is symmetric,
        # so correlation is the convolution; paper (zero) lies beyond the patch
        score = cv2.filter2D(ink, -1, kernel, borderType=cv2.BORDER_CONSTANT)
        better = score > best
        best[better] = score[better]
        best_radius[better] = radius
    return best, best_radius


def peaks(score: FloatArray, radius: FloatArray) -> list[Circle]:
    """Strongest circles first; each one hides weaker centres near it."""
    work = score.copy()
    rows, cols = np.ogrid[: score.shape[0], : score.shape[1]]
    found: list[Circle] = []
    while len(found) < MAX_CIRCLES:
        y, x = np.unravel_index(int(np.argmax(work)), work.shape)
        if work[y, x] < MIN_CONTRAST:
            break
        r = float(radius[y, x])
        found.append(Circle(float(x), float(y), r, round(float(work[y, x]), 3)))
        work[(rows - y) ** 2 + (cols - x) ** 2 < (SUPPRESS_RADIUS * r) ** 2] = -1.0
    return found


def find_circles(mask: BoolArray, smallest: float, largest: float) -> list[Circle]:
    """Seal rings of radius ``smallest``..``largest`` (pixels of ``mask``), strongest first."""
    factor = max(1, int(smallest // COARSE_RADIUS), math.ceil(max(mask.shape) / MAX_COARSE_SIDE))
    small = coarse(mask, factor)
    if min(small.shape) < 2 * smallest / factor * 0.9:
        return []  # too narrow to hold even the smallest ring
    score, radius = contrast_map(small, radii(smallest / factor, largest / factor))
    # centre of a coarse cell, back in patch pixels
    return [
        Circle((c.cx + 0.5) * factor, (c.cy + 0.5) * factor, c.r * factor, c.contrast)
        for c in peaks(score, radius)
    ]
