"""Is a patch of seal ink a square (or oblong) stamp? Frame geometry and what lies inside.

财务专用章 and personal name seals (李国庆印) are often square, and copy
chops (此件与原件相符, 审核用) are oblong: a thin rectangular frame of ink
with characters inside. The tests mirror the ring tests of :mod:`shape`:

- the frame is inked along nearly all its length, corners included (a round
  seal touches its bounding square only near the middle of each side, and
  a line of red text has no frame at all);
- the stroke is thin next to the frame's short side, and the inside is a
  band of characters, neither empty nor solid (a filled red redaction box,
  or a decorative chop cut in white out of red, is mostly ink).

The frame is OpenCV's minimum-area rectangle of the patch's solid ink, so a
tilted chop is measured along its own sides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from validator.extract.seals.masks import BoolArray
from validator.extract.seals.shape import Ellipse, RingScore

SIDE_SAMPLES = 60  # positions along each side where the frame is looked for
FRAME_DEPTH = 0.12  # the frame stroke lies within this share of the short side of the edge
MIN_FRAME = 0.88  # share of the positions with ink in the frame band (worn chops lose some)
CORNER_SHARE = 0.1  # each corner's stretch of side, as a share of that side
MIN_CORNER = 0.6  # share of a corner's positions that must be inked: circles leave corners bare
MAX_STROKE = 0.12  # frame stroke / short side (median over the positions)
INSIDE_DENSITY = (0.06, 0.55)  # ink share inside the frame: characters, neither empty nor solid
MIN_ASPECT = (
    0.22  # short/long side: 审核用 and 此件与原件相符 chops are 1:3.5-4; red text lines 1:6
)


@dataclass(frozen=True)
class Frame:
    """A rectangle in patch pixels: centre, half sides (``half_long`` along ``angle``)."""

    cx: float
    cy: float
    half_long: float
    half_short: float
    angle: float  # radians, direction of the long side

    def points(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Image points ``u`` along the long side and ``v`` along the short one from the centre."""
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        return self.cx + u * cos - v * sin, self.cy + u * sin + v * cos


def frame_of(xs: np.ndarray, ys: np.ndarray) -> Frame:
    """The minimum-area rectangle around the points."""
    points = np.column_stack([xs, ys]).astype(np.float32)
    (cx, cy), (width, height), degrees = cv2.minAreaRect(points)
    angle = math.radians(degrees)
    if height > width:
        width, height, angle = height, width, angle + math.pi / 2
    return Frame(float(cx), float(cy), width / 2 + 0.5, height / 2 + 0.5, angle)


def _sample(mask: BoolArray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    xi, yi = np.rint(xs).astype(np.int64), np.rint(ys).astype(np.int64)
    within = (xi >= 0) & (xi < mask.shape[1]) & (yi >= 0) & (yi < mask.shape[0])
    ink = np.zeros(xi.shape, dtype=np.bool_)
    ink[within] = mask[yi[within], xi[within]]
    return ink


def _frame_runs(mask: BoolArray, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Per position along the four sides: position (0..1 along the side) and inward ink run."""
    short = 2 * frame.half_short
    depth = np.arange(0.0, FRAME_DEPTH * short * 2.5, 0.5)
    along = np.linspace(-1, 1, SIDE_SAMPLES)
    positions, runs = [], []
    for half_along, half_across, swap in (
        (frame.half_long, frame.half_short, False),
        (frame.half_short, frame.half_long, True),
    ):
        for sign in (1.0, -1.0):
            t = along[:, None] * half_along * np.ones_like(depth)[None, :]
            n = sign * (half_across - depth[None, :]) * np.ones_like(along)[:, None]
            u, v = (n, t) if swap else (t, n)
            ink = _sample(mask, *frame.points(u, v))
            started = np.maximum.accumulate(ink, axis=1)
            ended = np.maximum.accumulate(started & ~ink, axis=1)
            run = (started & ~ended).sum(axis=1) * 0.5
            first = np.where(ink.any(axis=1), ink.argmax(axis=1) * 0.5, np.inf)
            runs.append(np.where(first <= FRAME_DEPTH * short, run, 0.0))
            positions.append((along + 1) / 2)
    return np.concatenate(positions), np.concatenate(runs)


def score_square(xs: np.ndarray, ys: np.ndarray, mask: BoolArray) -> tuple[Frame, RingScore] | None:
    """The frame of the solid ink ``xs, ys`` and a score of it, None when it is no square seal."""
    if len(xs) == 0:
        return None
    frame = frame_of(xs, ys)
    if frame.half_short < 4 or frame.half_short / frame.half_long < MIN_ASPECT:
        return None
    position, runs = _frame_runs(mask, frame)
    inked = runs > 0
    corners = (position < CORNER_SHARE) | (position > 1 - CORNER_SHARE)
    stroke = float(np.median(runs[inked])) / (2 * frame.half_short) if inked.any() else 1.0
    rows, cols = np.mgrid[0 : mask.shape[0], 0 : mask.shape[1]]
    cos, sin = math.cos(frame.angle), math.sin(frame.angle)
    u = (cols - frame.cx) * cos + (rows - frame.cy) * sin
    v = -(cols - frame.cx) * sin + (rows - frame.cy) * cos
    margin = (stroke + 0.04) * 2 * frame.half_short
    inside = (np.abs(u) < frame.half_long - margin) & (np.abs(v) < frame.half_short - margin)
    density = float((mask & inside).sum() / max(1, int(inside.sum())))
    coverage = float(inked.mean())
    if not (
        coverage >= MIN_FRAME
        and float(inked[corners].mean()) >= MIN_CORNER
        and stroke <= MAX_STROKE
        and INSIDE_DENSITY[0] <= density <= INSIDE_DENSITY[1]
    ):
        return None
    ellipse = Ellipse(frame.cx, frame.cy, frame.half_long, frame.half_short, frame.angle)
    score = RingScore(ellipse, coverage, stroke, density, density, 1.0, density)
    return frame, score


def square_confidence(score: RingScore) -> float:
    """0.5 for a frame that just passes, rising to 1 for a clean, fully inked one."""
    frame_part = min(1.0, max(0.0, (score.coverage - MIN_FRAME) / (1 - MIN_FRAME)))
    stroke_part = min(1.0, max(0.0, (MAX_STROKE - score.thickness) / (MAX_STROKE / 2)))
    return round(0.5 + 0.25 * (frame_part + stroke_part), 3)
