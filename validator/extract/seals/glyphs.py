"""The ring text of a seal, one upright character at a time.

A polar unwrap straightens the arc but not its characters: each one is cut
along rays from the centre, so its top (nearer the ring) comes out narrower
than its foot, by a third or more on a 40 mm seal, and Tesseract misreads
such wedges. Engravers space the characters of a name evenly along the
arc, so the unwrapped line shows a regular rhythm of ink and gaps: its
period (the character pitch) is found by autocorrelation, and the cuts
between characters by a shortest path through the quiet columns that keeps
each step near that pitch (the spacing drifts a little on oval seals).
Every character is then sampled again in its own frame, square to the ring
at its centre, and the upright characters are set in a row, as if typeset.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from validator.extract.seals.shape import Ellipse

FloatArray = NDArray[np.float64]

TEXT_ROW_SHARE = 0.3  # rows inked at least this share of the busiest row hold the characters
PITCH_RANGE = (0.85, 1.7)  # character pitch / character height: square glyphs, some spacing
PITCH_SLACK = 0.2  # one step may differ this much from the pitch (ovals, uneven wear)
PITCH_PENALTY = 0.5  # cost of a step off the pitch, against the ink a cut goes through
MIN_SLOT_INK = 0.3  # a slot with less ink than this share of a typical one holds no character
MIN_SLOT_WIDTH = 0.6  # narrower slots at the ends of the line are cut-off pieces
SLOT_INK_EDGE = 0.1  # columns with this share of a slot's heaviest column belong to its character
GLYPH_MARGIN = 1.15  # each character is sampled in a square this much larger than its height
GLYPH_PIXELS = 56  # side of a sampled character (Tesseract reads 40-60 px CJK characters best)
GLYPH_SPACING = 0.3  # white space between set characters, as a share of their side
TANGENT_STEP = 1e-3  # parameter step for the direction of the ring at a character


@dataclass(frozen=True)
class Unwrapped:
    """The ring's text band straightened: ink by (depth, column), and what each index means."""

    ink: FloatArray  # rows run from the ring inward, columns along the arc
    angles: FloatArray  # parameter angle of each column
    depths: FloatArray  # distance inside the outline of each row, in pixels


def sample(ink: FloatArray, xs: FloatArray, ys: FloatArray) -> FloatArray:
    """Bilinear samples of ``ink`` at fractional coordinates (0 outside), shaped like ``xs``."""
    # OpenCV maps some 300 MB of address space: loaded when a seal is read, not for every
    # page, so that a worker under a tight memory ceiling still reads pages without seals.
    import cv2  # noqa: PLC0415

    shape = np.shape(xs)
    rows = shape[0] if len(shape) == 2 else 1  # remap takes two-dimensional maps
    map_x = np.asarray(xs, dtype=np.float32).reshape(rows, -1)
    map_y = np.asarray(ys, dtype=np.float32).reshape(rows, -1)
    sampled = cv2.remap(
        ink.astype(np.float32),
        map_x,
        map_y,
        interpolation=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0.0,
    )
    result: FloatArray = sampled.astype(np.float64).reshape(shape)
    return result


def text_rows(ink: FloatArray) -> tuple[int, int]:
    """First and last (exclusive) row of the characters: the inked run of rows with most ink.

    Text printed across a seal on a grey scan and the edge of the ring leave
    thinner runs of ink above or below; the ring text is the heaviest.
    """
    profile = np.convolve(ink.mean(axis=1), np.ones(3) / 3, "same")
    runs = _runs(profile > TEXT_ROW_SHARE * max(float(profile.max()), 1e-9))
    if not runs:
        return 0, ink.shape[0]
    return max(runs, key=lambda run: float(profile[run[0] : run[1]].sum()))


def pitch(columns: FloatArray, height: int) -> float:
    """Character pitch in columns: the autocorrelation peak among plausible pitches."""
    centred = columns - columns.mean()
    shortest = max(2, int(PITCH_RANGE[0] * height))
    longest = min(len(columns) - 2, int(PITCH_RANGE[1] * height))
    if longest <= shortest:
        return float(max(height, 1))
    lags = np.arange(shortest, longest + 1)
    scores = np.array([centred[:-lag] @ centred[lag:] / (len(centred) - lag) for lag in lags])
    best = int(np.argmax(scores))
    if 0 < best < len(scores) - 1:  # a parabola through the peak: sub-column pitch
        left, middle, right = scores[best - 1 : best + 2]
        curvature = left - 2 * middle + right
        if curvature < 0:
            return float(lags[best] + np.clip((left - right) / (2 * curvature), -0.5, 0.5))
    return float(lags[best])


def cuts(columns: FloatArray, step: float) -> list[int]:
    """Columns between characters: the cheapest path of cuts about ``step`` apart.

    A cut costs the ink it goes through plus a penalty for straying from the
    pitch; the path starts within one step of the first column and ends
    within one step of the last, so both ends of the line are covered.
    """
    smooth = np.convolve(columns, np.ones(3) / 3, "same")
    cost = np.append(smooth / max(float(smooth.max()), 1e-9), 0.0)  # a cut at the end is free
    shortest = max(1, round(step * (1 - PITCH_SLACK)))
    longest = max(shortest, round(step * (1 + PITCH_SLACK)))
    total, previous = _cheapest_paths(cost, step, (shortest, longest))
    last = max(0, len(columns) - longest)
    path = [last + int(np.argmin(total[last:]))]
    while previous[path[-1]] >= 0:
        path.append(int(previous[path[-1]]))
    return sorted({0, len(columns), *path})


def _cheapest_paths(
    cost: FloatArray, step: float, steps: tuple[int, int]
) -> tuple[FloatArray, NDArray[np.int64]]:
    """For each column, the cost of the cheapest path of cuts ending there and its previous cut."""
    shortest, longest = steps
    total = np.full(len(cost), np.inf)
    previous = np.full(len(cost), -1, dtype=np.int64)
    total[: longest + 1] = cost[: longest + 1]  # the first cut: within one step of the start
    for column in range(1, len(cost)):
        starts = np.arange(max(0, column - longest), max(0, column - shortest + 1))
        if len(starts) == 0:
            continue
        drift = (column - starts) / step - 1
        candidates = total[starts] + cost[column] + PITCH_PENALTY * drift**2
        best = int(np.argmin(candidates))
        if candidates[best] < total[column]:
            total[column], previous[column] = candidates[best], starts[best]
    return total, previous


def glyph_centres(band: Unwrapped) -> tuple[list[float], tuple[int, int]]:
    """Column of each character's centre, and the rows the characters occupy."""
    top, bottom = text_rows(band.ink)
    columns = band.ink[top:bottom].mean(axis=0)
    step = pitch(columns, bottom - top)
    edges = cuts(columns, step)
    slots = [
        (left, right, float(columns[left:right].mean()))
        for left, right in itertools.pairwise(edges)
        if right - left >= MIN_SLOT_WIDTH * step
    ]
    if not slots:
        return [], (top, bottom)
    typical = float(np.percentile([ink for _, _, ink in slots], 75))
    centres = [
        _ink_middle(columns, left, right)
        for left, right, ink in slots
        if ink >= MIN_SLOT_INK * typical
    ]
    return centres, (top, bottom)


def _ink_middle(columns: FloatArray, left: int, right: int) -> float:
    """Middle of the inked columns of a slot: the slots at the ends run on past their character."""
    inked = np.nonzero(columns[left:right] > SLOT_INK_EDGE * float(columns[left:right].max()))[0]
    return left + (inked[0] + inked[-1] + 1) / 2 if len(inked) else (left + right) / 2


def _frame(ellipse: Ellipse, phi: float, depth: float) -> tuple[float, ...]:
    """Centre of a character and the unit vectors along the ring and inward across it."""
    xs, ys = ellipse.inset(np.array([phi, phi + TANGENT_STEP]), np.array([depth, depth]))
    along_x, along_y = xs[1] - xs[0], ys[1] - ys[0]
    length = math.hypot(along_x, along_y) or 1.0
    along_x, along_y = along_x / length, along_y / length
    inward_x, inward_y = -along_y, along_x
    if (ellipse.cx - xs[0]) * inward_x + (ellipse.cy - ys[0]) * inward_y < 0:
        inward_x, inward_y = -inward_x, -inward_y
    return float(xs[0]), float(ys[0]), along_x, along_y, inward_x, inward_y


def set_glyphs(ink: FloatArray, ellipse: Ellipse, band: Unwrapped) -> FloatArray | None:
    """The ring text as a row of upright characters, each sampled square to the ring."""
    centres, (top, bottom) = glyph_centres(band)
    if not centres:
        return None
    outer, inner = band.depths[top], band.depths[min(bottom, len(band.depths) - 1)]
    half = (inner - outer) * GLYPH_MARGIN / 2
    grid = np.linspace(-half, half, GLYPH_PIXELS)
    along, across = np.meshgrid(grid, grid)  # rows run from the ring inward: tops up
    phis = np.interp(centres, np.arange(len(band.angles)), band.angles)
    space = np.zeros((GLYPH_PIXELS, round(GLYPH_SPACING * GLYPH_PIXELS)))
    pieces: list[FloatArray] = []
    for phi in phis:
        x, y, ax, ay, ix, iy = _frame(ellipse, float(phi), (outer + inner) / 2)
        pieces += [sample(ink, x + along * ax + across * ix, y + along * ay + across * iy), space]
    return np.concatenate(pieces[:-1], axis=1)


def _runs(flags: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Half-open ranges of ``True`` runs."""
    steps = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    starts, stops = np.nonzero(steps == 1)[0].tolist(), np.nonzero(steps == -1)[0].tolist()
    return list(zip(starts, stops, strict=True))
