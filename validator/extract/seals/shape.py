"""Is a patch of seal-coloured ink a stamp? Ring geometry and what lies inside it.

A Chinese official seal is a thin round (or oval) outer ring with text cut
along the inside of the ring and a star or a short line in the middle. The
tests follow that description, which is also what separates a seal from the
look-alikes on real pages:

- red letterheads, rules, body text and logos never have a closed elliptical
  outline of a seal's size;
- the national emblem printed on licences is round but *filled*: going inward
  from its outline the ink does not stop after a thin ring, and its inside is
  mostly ink rather than a band of text around a star;
- a QR code or a photo is a filled square.

The outline is fitted to the outermost ink in each direction, so text crossing
the ring, worn patches of ink and the ring text just inside it do not pull
the fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from validator.extract.seals.masks import BoolArray
from validator.model import SealShape

FloatArray = NDArray[np.float64]

OUTLINE_BINS = 90  # directions in which the outermost ink is taken
FIT_ROUNDS = 3  # outline refits; the centre settles after two
OUTLINE_TOLERANCE = 0.07  # outline points this close (share of radius) lie on the ring
MIN_COVERAGE = 0.7  # share of directions where the ring is intact (text crossings, wear)
MAX_THICKNESS = 0.16  # ring stroke / radius (median over directions); an emblem is solid
MIN_TEXT_RADIUS = 0.42  # inner edge of the ring-text band, normalised radius
CENTRE_RADIUS = 0.35  # the star / middle line lives within this radius
TEXT_DENSITY = (0.03, 0.55)  # ink share of the text band: text, neither empty nor filled
MIN_TEXT_COVERAGE = 0.35  # the ring text runs along at least this share of the circle
MAX_CENTRE_DENSITY = 0.6  # a star fills about 40%; an emblem's gate and disc more
MAX_FILL = 0.5  # ink share of the whole inside: a seal is mostly paper
ROUND_AXIS_RATIO = 0.88  # minor/major axis above which a seal is called round
TRACE_DIRECTIONS = 180  # directions in which ``ring_trace`` looks for the ring stroke


@dataclass(frozen=True)
class Ellipse:
    """An ellipse in image coordinates; ``angle`` is the direction of the ``a`` axis."""

    cx: float
    cy: float
    a: float
    b: float
    angle: float

    def scaled(self, factor: float, offset: tuple[float, float] = (0.0, 0.0)) -> Ellipse:
        return Ellipse(
            self.cx * factor + offset[0],
            self.cy * factor + offset[1],
            self.a * factor,
            self.b * factor,
            self.angle,
        )

    def frame(self, xs: FloatArray, ys: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Normalised radius (1 on the ellipse) and parameter angle of points."""
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        dx, dy = xs - self.cx, ys - self.cy
        u = (dx * cos + dy * sin) / self.a
        v = (-dx * sin + dy * cos) / self.b
        return np.hypot(u, v), np.arctan2(v, u)

    def point(self, rho: FloatArray, phi: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Image coordinates of normalised radius ``rho`` at parameter angle ``phi``."""
        u, v = rho * self.a * np.cos(phi), rho * self.b * np.sin(phi)
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        return self.cx + u * cos - v * sin, self.cy + u * sin + v * cos

    def inset(self, phi: FloatArray, depth: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Image points ``depth`` pixels inside the outline, along its normal at parameter ``phi``.

        Oval seals set each character on the normal of the ring, so walking
        along normals (not along rays from the centre) keeps them upright.
        """
        normal_x, normal_y = self.b * np.cos(phi), self.a * np.sin(phi)
        length = np.hypot(normal_x, normal_y)
        u = self.a * np.cos(phi) - depth * normal_x / length
        v = self.b * np.sin(phi) - depth * normal_y / length
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        return self.cx + u * cos - v * sin, self.cy + u * sin + v * cos

    def box(self, grow: float = 1.0) -> tuple[float, float, float, float]:
        """Axis-aligned bounding box of the ellipse grown by ``grow``."""
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        half_w = grow * math.hypot(self.a * cos, self.b * sin)
        half_h = grow * math.hypot(self.a * sin, self.b * cos)
        return (self.cx - half_w, self.cy - half_h, self.cx + half_w, self.cy + half_h)

    @property
    def shape(self) -> SealShape:
        return "round" if self.b / self.a >= ROUND_AXIS_RATIO else "oval"


@dataclass(frozen=True)
class RingScore:
    """How ring-like a patch is and how seal-like its inside is; shares are 0..1."""

    ellipse: Ellipse  # the outer edge of the ring
    coverage: float  # directions in which the outermost ink lies on the ellipse
    thickness: float  # median ring stroke, as a share of the radius
    fill: float  # ink share inside the ring
    text_density: float
    text_coverage: float
    centre_density: float


def fit_conic(xs: FloatArray, ys: FloatArray) -> Ellipse | None:
    """Least-squares ellipse A x^2 + B xy + C y^2 + D x + E y = 1 through points."""
    mx, my = float(xs.mean()), float(ys.mean())
    x, y = xs - mx, ys - my
    design = np.column_stack([x * x, x * y, y * y, x, y])
    (a, b, c, d, e), *_ = np.linalg.lstsq(design, np.ones_like(x), rcond=None)
    quadratic = np.array([[a, b / 2], [b / 2, c]])
    if np.linalg.det(quadratic) <= 0:
        return None  # a hyperbola or parabola: no ellipse fits these points
    centre = -0.5 * np.linalg.solve(quadratic, np.array([d, e]))
    level = 1 - (centre @ quadratic @ centre + np.array([d, e]) @ centre)
    values, vectors = np.linalg.eigh(quadratic)
    if level <= 0 or values[0] <= 0:
        return None
    major = vectors[:, 0]  # the smaller eigenvalue belongs to the longer axis
    return Ellipse(
        mx + float(centre[0]),
        my + float(centre[1]),
        math.sqrt(level / values[0]),
        math.sqrt(level / values[1]),
        math.atan2(float(major[1]), float(major[0])),
    )


def outline(
    xs: FloatArray, ys: FloatArray, guess: Ellipse
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """The outermost ink point in each direction around ``guess``: x, y, radius and angle."""
    rho, phi = guess.frame(xs, ys)
    bins = ((phi + math.pi) / (2 * math.pi) * OUTLINE_BINS).astype(np.int64) % OUTLINE_BINS
    order = np.lexsort((rho, bins))
    last = np.nonzero(np.diff(np.append(bins[order], -1)))[0]
    chosen = order[last]
    return xs[chosen], ys[chosen], rho[chosen], phi[chosen]


def box_ellipse(box: tuple[int, int, int, int]) -> Ellipse:
    """The upright ellipse that fills ``box``: the first guess for a lone patch of ink."""
    half_w, half_h = max(2.0, (box[2] - box[0]) / 2), max(2.0, (box[3] - box[1]) / 2)
    return Ellipse(box[0] + half_w, box[1] + half_h, half_w, half_h, 0.0)


def fit_outline(xs: FloatArray, ys: FloatArray, first: Ellipse) -> Ellipse | None:
    """The ring's outer edge, refitted from ``first`` on the directions where the outline agrees."""
    guess: Ellipse | None = first
    for _ in range(FIT_ROUNDS):
        assert guess is not None
        bx, by, rho, _ = outline(xs, ys, guess)
        keep = np.abs(rho - np.median(rho)) <= 2 * OUTLINE_TOLERANCE
        if keep.sum() < OUTLINE_BINS / 3:
            return None
        guess = fit_conic(bx[keep], by[keep])
        if guess is None or guess.b < 4:
            return None
    return guess


def _ring_thickness(mask: BoolArray, ellipse: Ellipse, phi: FloatArray) -> float:
    """Median length of the ink run going inward from the outline, as a share of the radius."""
    step = 0.7 / ellipse.a
    rho = np.arange(1.0 + 2 * step, 0.3, -step)
    grid_rho, grid_phi = np.meshgrid(rho, phi, indexing="ij")
    xs, ys = ellipse.point(grid_rho, grid_phi)
    xi = np.clip(np.rint(xs).astype(np.int64), 0, mask.shape[1] - 1)
    yi = np.clip(np.rint(ys).astype(np.int64), 0, mask.shape[0] - 1)
    ink = mask[yi, xi]
    started = np.maximum.accumulate(ink, axis=0)
    ended = np.maximum.accumulate(started & ~ink, axis=0)
    runs = (started & ~ended).sum(axis=0) * step
    return float(np.median(runs))


def ring_trace(mask: BoolArray, score: RingScore) -> float:
    """Share of directions in which ``mask`` holds ink on the ring stroke of ``score``'s ellipse.

    ``coverage`` measures where the outermost ink lies, which is only telling
    when the ink is a patch of its own. A circle cut out of a wider patch
    (see ``seals._split``) has its outermost ink on the cut, wherever the ink
    came from; on a page of faint print, whose text passes for seal ink, the
    cut alone would make a ring. The stroke itself must be there: a seal's
    ring is inked nearly all round (worn ones 70%), text about half.
    """
    ellipse = score.ellipse
    step = 0.5 / ellipse.a
    rho = np.arange(1.0 - score.thickness - 0.03, 1.0 + step, step)
    phi = np.linspace(-math.pi, math.pi, TRACE_DIRECTIONS, endpoint=False)
    xs, ys = ellipse.point(*np.meshgrid(rho, phi, indexing="ij"))
    xi, yi = np.rint(xs).astype(np.int64), np.rint(ys).astype(np.int64)
    within = (xi >= 0) & (xi < mask.shape[1]) & (yi >= 0) & (yi < mask.shape[0])
    ink = np.zeros(xi.shape, dtype=np.bool_)
    ink[within] = mask[yi[within], xi[within]]
    return float(ink.any(axis=0).mean())


def _coverage(phi: FloatArray, bins: int) -> float:
    if len(phi) == 0:
        return 0.0
    index = ((phi + math.pi) / (2 * math.pi) * bins).astype(np.int64) % bins
    return float(len(np.unique(index)) / bins)


def _density(inside: BoolArray, ink: BoolArray) -> float:
    area = int(inside.sum())
    return float((ink & inside).sum() / area) if area else 0.0


def score_ring(xs: FloatArray, ys: FloatArray, first: Ellipse, mask: BoolArray) -> RingScore | None:
    """Outline of the solid ink ``xs, ys`` and the ink ``mask`` inside it (same frame).

    ``first`` is where the outline is looked for first: the patch's box, or a
    circle found by :mod:`circles`.
    """
    ellipse = fit_outline(xs, ys, first)
    if ellipse is None:
        return None
    _, _, rho, phi = outline(xs, ys, ellipse)
    on_ring = np.abs(rho - 1) <= OUTLINE_TOLERANCE + 1.5 / ellipse.b
    thickness = _ring_thickness(mask, ellipse, phi[on_ring]) if on_ring.any() else 1.0
    grid_y, grid_x = np.mgrid[0 : mask.shape[0], 0 : mask.shape[1]]
    all_rho, all_phi = ellipse.frame(grid_x.astype(np.float64), grid_y.astype(np.float64))
    band = (all_rho > MIN_TEXT_RADIUS) & (all_rho < 1 - thickness - 0.02)
    return RingScore(
        ellipse=ellipse,
        coverage=float(on_ring.sum() / OUTLINE_BINS),
        thickness=thickness,
        fill=_density(all_rho < 1 - thickness, mask),
        text_density=_density(band, mask),
        text_coverage=_coverage(all_phi[band & mask], OUTLINE_BINS // 3),
        centre_density=_density(all_rho < CENTRE_RADIUS, mask),
    )


def ring_failures(score: RingScore) -> list[str]:
    """Names of the seal tests the patch fails (empty: it looks like a seal)."""
    checks = {
        "broken-outline": score.coverage >= MIN_COVERAGE,
        "thick": score.thickness <= MAX_THICKNESS,
        "filled": score.fill <= MAX_FILL,
        "no-text": TEXT_DENSITY[0] <= score.text_density <= TEXT_DENSITY[1],
        "text-too-short": score.text_coverage >= MIN_TEXT_COVERAGE,
        "filled-centre": score.centre_density <= MAX_CENTRE_DENSITY,
    }
    return [name for name, ok in checks.items() if not ok]


def _ramp(value: float, low: float, high: float) -> float:
    return min(1.0, max(0.0, (value - low) / (high - low)))


def confidence(score: RingScore) -> float:
    """0.5 for a patch that just passes every test, rising to 1 for a clean stamp."""
    parts = (
        _ramp(score.coverage, MIN_COVERAGE, 0.95),
        _ramp(MAX_THICKNESS - score.thickness, 0.0, MAX_THICKNESS / 2),
        _ramp(score.text_coverage, MIN_TEXT_COVERAGE, 0.6),
        _ramp(MAX_FILL - score.fill, 0.0, MAX_FILL / 2),
    )
    return round(0.5 + 0.5 * sum(parts) / len(parts), 3)
