"""Straightening a slightly tilted page before OCR (a phone photo, a sheet fed askew).

Tesseract's single-block mode (psm 6) reads lines that run level; a page
turned by a few degrees has its lines cross each other's rows and loses
characters. The tilt is estimated by a projection profile: ink pixels of a
downscaled copy are projected onto the vertical axis along each candidate
slope, and the slope that piles them into the sharpest rows (text lines) wins.
Turns by multiples of 90° are Tesseract's orientation detection's business
(see ``ocr``); only what is within ``MAX_SKEW_DEGREES`` is corrected here.
Seal detection keeps the page as it is, so seal boxes stay in page pixels.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# Tilts searched, either way (degrees): beyond this a photo is a perspective
# problem rather than a tilt, and text search would find false slopes.
MAX_SKEW_DEGREES = 10.0
# Tilts smaller than this are left alone: Tesseract copes, and turning the
# image costs sharpness.
MIN_SKEW_DEGREES = 0.4
# The coarse search step, then the fine step around the coarse best (degrees).
COARSE_STEP = 0.5
FINE_STEP = 0.05
# The estimate works on a copy about this wide (px, at least): text rows stay pixels apart.
WORK_WIDTH = 800
# A pixel darker than this share of the page's median brightness is ink.
INK_SHARE = 0.6
# Too little ink to tell a line from noise: fewer ink pixels than this.
MIN_INK_PIXELS = 500
# The slope search needs no more ink pixels than this (a full page of text has ten times more).
MAX_INK_PIXELS = 40_000
# The best slope must pile ink this much more sharply than no turn at all.
MIN_GAIN = 1.05


def straightened(image: Image.Image, preview: Image.Image | None = None) -> Image.Image:
    """The image turned level when it is tilted by a small angle; else the image itself.

    The tilt is estimated on ``preview`` when given, a reduced copy of the
    image (the seal search makes one), else on the image. A turned image comes
    back in greyscale, which is all OCR reads: turning one channel takes a
    third of the time of three.
    """
    angle = estimate_skew(image if preview is None else preview)
    if abs(angle) < MIN_SKEW_DEGREES:
        return image
    grey = image.convert("L")
    return grey.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def estimate_skew(image: Image.Image) -> float:
    """How far the text lines are turned counter-clockwise (degrees); 0.0 when unsure."""
    ys, xs = _ink(image)
    if len(xs) < MIN_INK_PIXELS:
        return 0.0
    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + COARSE_STEP / 2, COARSE_STEP)
    best = _best_angle(xs, ys, coarse)
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + FINE_STEP / 2, FINE_STEP)
    best = _best_angle(xs, ys, fine)
    if _sharpness(xs, ys, best) < MIN_GAIN * _sharpness(xs, ys, 0.0):
        return 0.0
    return round(float(best), 2)


def _ink(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the ink pixels of a downscaled greyscale copy."""
    grey = image.convert("L")
    factor = grey.width // WORK_WIDTH
    if factor > 1:
        grey = grey.reduce(factor)  # box averages by a whole factor: a fraction of a resize
    pixels = np.asarray(grey, dtype=np.uint8)
    counts = np.cumsum(np.bincount(pixels.ravel(), minlength=256))
    median = int(np.searchsorted(counts, counts[-1] / 2))  # of 256 levels: no sort needed
    ys, xs = np.nonzero(pixels < INK_SHARE * median)
    if len(xs) > MAX_INK_PIXELS:  # an even sample of the ink gives the same slope
        step = -(-len(xs) // MAX_INK_PIXELS)
        ys, xs = ys[::step], xs[::step]
    return ys.astype(np.float64), xs.astype(np.float64)


def _best_angle(xs: np.ndarray, ys: np.ndarray, angles: np.ndarray) -> float:
    scores = [_sharpness(xs, ys, float(angle)) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _sharpness(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    """How sharply ink falls into rows when the page is turned by ``angle``: sum of squares."""
    radians = np.deg2rad(angle)
    rows = ys * np.cos(radians) + xs * np.sin(radians)
    counts = np.bincount((rows - rows.min()).astype(np.int64))
    return float(np.square(counts.astype(np.float64)).sum())
