"""Straightening a seal's text so that an OCR engine can read it as lines.

The name on a seal runs clockwise along the inside of the ring, each
character upright toward the outside, and leaves a gap at the bottom (where a
horizontal line such as 合同专用章 or 档案查询专用章 may sit). The gap is found
from the ink rather than assumed to be "down", which keeps rotated stamps
readable; from it, a polar unwrap lays the text band out straight, and
:mod:`glyphs` cuts it into characters and sets them upright in a row.
The horizontal lines inside the ring are cut out of a copy turned so that
the gap points down.

What runs along the bottom (a seal number, a bilingual seal's English name)
stands the other way: heads towards the centre, read left to right. The gap's
stretch of the ring is unwrapped in that direction as a strip of its own. Its
small characters can reach as far out as the name's top, so where the probe
just under the name's top finds no gap, a deeper one looks again.

Where two seals overlap, each one's reading ignores the ink inside the
other: the other's ring and text would otherwise read as characters of this
one, or fill its gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from validator.extract.seals.glyphs import Unwrapped, sample, set_glyphs, text_rows
from validator.extract.seals.masks import ink_strength
from validator.extract.seals.shape import Ellipse

FloatArray = NDArray[np.float64]

LINE_HEIGHT = 48  # pixel height text strips are scaled to (Tesseract reads 30-60 px text best)
PROFILE_STEPS = 180  # angular samples when looking for the gap in the ring text
GAP_DEPTH = 0.05  # the gap is probed just under the text top: inner lines never reach so far out
DEEP_PROBE = 0.1  # the second probe's depth under the first: below small bottom characters
MIN_GAP = math.radians(20)  # a shorter quiet stretch is the space between two characters
GAP_MARGIN = math.radians(12)  # about half a character: the probe can miss the end ones' feet
QUIET_SHARE = 0.15  # ink below this share of the profile's peak counts as quiet
RING_CLEARANCE = 0.03  # normalised radius kept clear of the ring stroke
TEXT_BOTTOM = 0.44  # innermost normalised radius of the ring text
INNER_LIMIT = 0.6  # outside the gap, inner lines stay within this radius (ring text beyond)
MIN_LINE_ROWS = 0.08  # shortest horizontal line, as a share of the minor axis
MAX_LINE_ROWS = 0.32  # tallest: the star is taller
LINE_MIN_WIDTH_RATIO = 1.6  # a text line is wider than tall; the star is not
CENTRAL_COLUMNS = 0.3  # lines are found in this half-width (share of a) around the centre
CHAR_GAP = 0.8  # spacing between characters of one line, relative to their height
INK_LEVEL = 0.35  # ink strength that counts when looking for lines
OTHER_SEAL_REACH = 1.03  # ink within this normalised radius of an overlapping seal is its own
# The text's outer edge: the outermost radius inside the ring whose ink reaches this
# share of the text band's densest radius (a wide margin under the ring otherwise
# puts the gap probe in blank paper, where any faint character looks like the gap).
TEXT_EDGE_SHARE = 0.5
RADIAL_STEP = 0.01
LOWER_PAD = 0.3  # share of their height kept above and below the bottom arc's characters
RING_ROW = 0.4  # a row of the bottom strip this inked is the ring's stroke, not characters
MIN_LOWER_ROWS = 6  # fewer inked rows are the ring's edge or specks, not characters
SQUARE_FRAME = 0.08  # share of a square stamp's side its frame and margin take, on each side


@dataclass(frozen=True)
class Strips:
    """A seal's text, straightened: 0..1 ink arrays of the ring text and the inner lines."""

    band: FloatArray  # the ring's text band unwrapped, from the gap round to the gap
    arc: FloatArray | None  # the same characters set upright in a row (see :mod:`glyphs`)
    lines: tuple[FloatArray, ...]  # the horizontal lines inside the ring, top first
    # The bottom arc under the gap, read the other way round: left to right with the
    # characters' heads towards the centre (a seal number, a bilingual seal's
    # English name). None where the text runs all round and leaves no gap.
    lower: FloatArray | None = None


def _angular_profile(ink: FloatArray, ellipse: Ellipse, top: float) -> FloatArray:
    phi = np.linspace(0, 2 * math.pi, PROFILE_STEPS, endpoint=False)
    grid_phi, grid_rho = np.meshgrid(phi, np.linspace(top - GAP_DEPTH, top, 6))
    profile = sample(ink, *ellipse.point(grid_rho, grid_phi)).mean(axis=0)
    smooth = np.convolve(np.tile(profile, 3), np.ones(3) / 3, "same")
    return smooth[PROFILE_STEPS : 2 * PROFILE_STEPS]


def text_top(ink: FloatArray, ellipse: Ellipse, ring_inner: float) -> float:
    """Normalised radius where the ring text begins, at most ``ring_inner``."""
    radii = np.arange(ring_inner, TEXT_BOTTOM, -RADIAL_STEP)
    if radii.size == 0:
        return ring_inner
    phi = np.linspace(0, 2 * math.pi, PROFILE_STEPS, endpoint=False)
    grid_rho, grid_phi = np.meshgrid(radii, phi, indexing="ij")
    density = sample(ink, *ellipse.point(grid_rho, grid_phi)).mean(axis=1)
    if float(density.max()) <= 0:
        return ring_inner
    inked = np.nonzero(density >= TEXT_EDGE_SHARE * float(density.max()))[0]
    return float(min(ring_inner, radii[inked[0]] + GAP_DEPTH / 2))


def _visual_down(ellipse: Ellipse) -> float:
    """Parameter angle of the point straight below the centre (an upright seal's gap)."""
    phi = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    xs, ys = ellipse.point(np.ones_like(phi), phi)
    off_down = np.angle(np.exp(1j * (np.arctan2(ys - ellipse.cy, xs - ellipse.cx) - math.pi / 2)))
    return float(phi[np.argmin(np.abs(off_down))])


def _longest_quiet_run(quiet: NDArray[np.bool_]) -> tuple[int, int]:
    """Length and start index of the longest circular run of ``True``."""
    best, start = (0, 0), None
    for i in range(2 * len(quiet)):  # twice round, so a run across index 0 is whole
        if quiet[i % len(quiet)] and start is None:
            start = i
        elif not quiet[i % len(quiet)] and start is not None:
            best = max(best, (i - start, start))
            start = None
    return best


Gap = tuple[float, float]  # start and end parameter angle


def find_gap(ink: FloatArray, ellipse: Ellipse, top: float) -> tuple[Gap, bool]:
    """The quiet stretch below the ring text, and whether there is one.

    Probed just under the text's top first; where that finds no gap, deeper,
    where small characters along the bottom (a seal number, a bilingual seal's
    English name) no longer reach but the name's characters still do. Where
    neither finds one, the stretch returned is where the reading is to start.
    """
    step = 2 * math.pi / PROFILE_STEPS
    profile, length, start = _quiet_run(ink, ellipse, top)
    if not MIN_GAP <= length * step < 2 * math.pi:
        deeper = _quiet_run(ink, ellipse, top - DEEP_PROBE)
        if MIN_GAP <= deeper[1] * step < 2 * math.pi:
            profile, length, start = deeper
    if length >= PROFILE_STEPS:
        down = _visual_down(ellipse)  # no text at all: assume an upright stamp
        return (down - MIN_GAP / 2, down + MIN_GAP / 2), False
    if length * step < MIN_GAP:
        # Text all round: start between two characters, where the ink is thinnest,
        # not through one (the reading is turned to the name's start afterwards).
        quietest = (float(np.argmin(profile)) + 0.5) * step
        return (quietest - MIN_GAP / 2, quietest + MIN_GAP / 2), False
    return (start * step, (start + length) * step), True


def _quiet_run(ink: FloatArray, ellipse: Ellipse, depth: float) -> tuple[FloatArray, int, int]:
    """The angular profile probed at ``depth``, and the length and start of its
    longest quiet run."""
    profile = _angular_profile(ink, ellipse, depth)
    quiet = profile <= QUIET_SHARE * max(float(profile.max()), 1e-6)
    return (profile, *_longest_quiet_run(quiet))


def _even_angles(
    ellipse: Ellipse, first: float, last: float, depth: float, count: int
) -> FloatArray:
    """``count`` parameter angles evenly spaced by arc length along the curve at ``depth``."""
    fine = np.linspace(first, last, 4 * count + 1)
    xs, ys = ellipse.inset(fine, np.full_like(fine, depth))
    travelled = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
    return np.interp(np.linspace(0, travelled[-1], count), travelled, fine)


def unwrap(ink: FloatArray, ellipse: Ellipse, top: float, gap: tuple[float, float]) -> Unwrapped:
    """The text band, from the end of the gap round to its start, one sample per pixel."""
    first, last = gap[1] - GAP_MARGIN, gap[0] + 2 * math.pi + GAP_MARGIN
    outer, inner = (1 - top) * ellipse.b, (1 - TEXT_BOTTOM) * ellipse.b
    middle = (outer + inner) / 2
    length = (last - first) * ((ellipse.a + ellipse.b) / 2 - middle)
    angles = _even_angles(ellipse, first, last, middle, max(16, round(length)))
    depths = np.linspace(outer, inner, max(8, round(inner - outer)))
    grid_depth, grid_phi = np.meshgrid(depths, angles, indexing="ij")
    return Unwrapped(sample(ink, *ellipse.inset(grid_phi, grid_depth)), angles, depths)


def lower_arc(ink: FloatArray, ellipse: Ellipse, reach: float, gap: Gap) -> FloatArray | None:
    """The gap's stretch of the ring, unwrapped left to right, heads towards the centre.

    Clockwise round the top is right to left along the bottom, so the columns
    walk the gap backwards, and the rows run outward, from halfway down the
    ring text to ``reach`` (a normalised radius just into the ring's stroke).
    """
    outer = (1 - reach) * ellipse.b
    inner = (1 - (reach + TEXT_BOTTOM) / 2) * ellipse.b
    length = (gap[1] - gap[0]) * ((ellipse.a + ellipse.b) / 2 - (outer + inner) / 2)
    angles = _even_angles(ellipse, gap[1], gap[0], (outer + inner) / 2, max(16, round(length)))
    depths = np.linspace(inner, outer, max(8, round(inner - outer)))
    grid_depth, grid_phi = np.meshgrid(depths, angles, indexing="ij")
    strip = sample(ink, *ellipse.inset(grid_phi, grid_depth))
    # Seal numbers are small: the inked rows alone, scaled to the height text is read at.
    # Small characters run close to the ring: the strip reaches into it, less its rows.
    rows = strip.mean(axis=1)
    text_end = len(rows)
    while text_end > 0 and rows[text_end - 1] >= RING_ROW:
        text_end -= 1
    strip = strip[:text_end]
    if strip.shape[0] < MIN_LOWER_ROWS:
        return None
    first, last = text_rows(strip)
    pad = round(LOWER_PAD * (last - first))
    first, last = max(0, first - pad), min(strip.shape[0], last + pad)
    if last - first < MIN_LOWER_ROWS:
        return None
    return _scaled(strip[first:last], LINE_HEIGHT / (last - first))


def inner_ink(
    ink: FloatArray, ellipse: Ellipse, top: float, gap: tuple[float, float]
) -> FloatArray:
    """Ink inside the ring text: inside ``INNER_LIMIT``, or anywhere inside the ring in the gap."""
    grid_y, grid_x = np.mgrid[0 : ink.shape[0], 0 : ink.shape[1]].astype(np.float64)
    rho, phi = ellipse.frame(grid_x, grid_y)
    in_gap = np.mod(phi - gap[0], 2 * math.pi) <= np.mod(gap[1] - gap[0], 2 * math.pi)
    keep = (rho < INNER_LIMIT) | (in_gap & (rho < top))
    return np.where(keep, ink, 0.0)


def upright(ink: FloatArray, ellipse: Ellipse, gap: tuple[float, float]) -> FloatArray:
    """``ink`` turned about the seal's centre so that the middle of the gap points down."""
    xs, ys = ellipse.point(np.array([1.0]), np.array([(gap[0] + gap[1]) / 2]))
    turn = math.degrees(math.atan2(ys[0] - ellipse.cy, xs[0] - ellipse.cx)) - 90
    turned = Image.fromarray(ink.astype(np.float32), mode="F").rotate(
        turn, resample=Image.Resampling.BILINEAR, center=(ellipse.cx, ellipse.cy)
    )
    return np.asarray(turned, dtype=np.float64)


def horizontal_lines(inside: FloatArray, ellipse: Ellipse) -> list[FloatArray]:
    """Rows of ink inside the ring that look like a line of text: 合同专用章, 档案查询专用章."""
    half = CENTRAL_COLUMNS * ellipse.a
    centre = inside[:, max(0, round(ellipse.cx - half)) : round(ellipse.cx + half)]
    lines = []
    for top, bottom in _runs(centre.max(axis=1) > INK_LEVEL):
        height = bottom - top
        if not MIN_LINE_ROWS * ellipse.b <= height <= MAX_LINE_ROWS * ellipse.b:
            continue
        left, right = _middle_columns(inside[top:bottom], ellipse.cx, height)
        if right - left >= LINE_MIN_WIDTH_RATIO * height:
            lines.append(_scaled(inside[top:bottom, left:right], LINE_HEIGHT / height))
    return lines


def _scaled(ink: FloatArray, scale: float) -> FloatArray:
    image = Image.fromarray(ink.astype(np.float32), mode="F")
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return np.asarray(image.resize(size, Image.Resampling.BILINEAR), dtype=np.float64)


def _middle_columns(band: FloatArray, centre: float, height: int) -> tuple[int, int]:
    """Columns of the group of characters nearest the centre; cut-off arc glyphs drop out."""
    groups = _runs(band.max(axis=0) > INK_LEVEL, bridge=round(CHAR_GAP * height))
    if not groups:
        return 0, 0

    def distance(group: tuple[int, int]) -> float:
        return 0.0 if group[0] <= centre < group[1] else min(abs(g - centre) for g in group)

    return min(groups, key=distance)


def _runs(flags: NDArray[np.bool_], bridge: int = 0) -> list[tuple[int, int]]:
    """Half-open ranges of ``True`` runs, joining runs separated by ``bridge`` or fewer."""
    steps = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    runs: list[tuple[int, int]] = []
    starts, stops = np.nonzero(steps == 1)[0].tolist(), np.nonzero(steps == -1)[0].tolist()
    for start, stop in zip(starts, stops, strict=True):
        if runs and start - runs[-1][1] <= bridge:
            runs[-1] = (runs[-1][0], stop)
        else:
            runs.append((start, stop))
    return runs


def without_others(ink: FloatArray, others: tuple[Ellipse, ...]) -> FloatArray:
    """``ink`` less what lies inside overlapping seals (given in the same frame)."""
    if not others:
        return ink
    grid_y, grid_x = np.mgrid[0 : ink.shape[0], 0 : ink.shape[1]].astype(np.float64)
    theirs = np.zeros(ink.shape, dtype=np.bool_)
    for other in others:
        theirs |= other.frame(grid_x, grid_y)[0] < OTHER_SEAL_REACH
    return np.where(theirs, 0.0, ink)


def straighten(
    image: Image.Image,
    ellipse: Ellipse,
    colour: bool,
    thickness: float,
    others: tuple[Ellipse, ...] = (),
) -> Strips:
    """Cut the seal out of the page and straighten its arc text and inner lines.

    ``others`` are the other seals found on the page; those that overlap
    this one are left out of its reading.
    """
    x0, y0, x1, y1 = (round(v) for v in ellipse.box(1.05))
    local = ellipse.scaled(1.0, (-x0, -y0))
    ink = ink_strength(image.crop((x0, y0, x1, y1)), colour).astype(np.float64)
    ink = without_others(ink, tuple(other.scaled(1.0, (-x0, -y0)) for other in others))
    top = text_top(ink, local, 1 - thickness - RING_CLEARANCE)
    gap, found = find_gap(ink, local, top)
    inside = upright(inner_ink(ink, local, top, gap), local, gap)
    band = unwrap(ink, local, top, gap)
    arc = set_glyphs(ink, local, band)
    # Text all round leaves no bottom arc: the stretch found is between two characters.
    lower = lower_arc(ink, local, 1 - thickness + RING_CLEARANCE, gap) if found else None
    return Strips(band.ink, arc, tuple(horizontal_lines(inside, local)), lower)


def square_strips(image: Image.Image, frame: Ellipse, colour: bool) -> Strips:
    """A square or oblong stamp's text, straightened for reading as lines.

    ``frame`` is the ellipse inscribed in the stamp's frame (``a`` along its
    long side). The stamp is turned level first. A person's name seal (李国庆印)
    sets four characters in two columns, read down the right one, then down the
    left one: its quarters in that order make the band. An oblong chop (审核用)
    prints its words in a row: the inside as it is makes the arc. The reading
    engine keeps whichever reads better.
    """
    x0, y0, x1, y1 = (round(v) for v in frame.box(1.5))
    crop = image.crop((x0, y0, x1, y1))
    # Turned by the least angle that sets the frame level: a square's long side is
    # either of its sides, and a name seal must not be read on its side.
    quarter_turns = round(math.degrees(frame.angle) / 90)
    level = crop.rotate(
        math.degrees(frame.angle) - 90 * quarter_turns,
        resample=Image.Resampling.BILINEAR,
        center=(frame.cx - x0, frame.cy - y0),
        fillcolor="white",  # the page is RGB or greyscale
    )
    half_w, half_h = (1 - 2 * SQUARE_FRAME) * frame.a, (1 - 2 * SQUARE_FRAME) * frame.b
    if quarter_turns % 2:
        half_w, half_h = half_h, half_w
    cx, cy = frame.cx - x0, frame.cy - y0
    inside = level.crop(
        (round(cx - half_w), round(cy - half_h), round(cx + half_w), round(cy + half_h))
    )
    ink = ink_strength(inside, colour).astype(np.float64)
    height, width = ink.shape
    if min(height, width) < 2:
        return Strips(ink, None, ())
    rows, cols = height // 2, width // 2
    side = min(rows, cols)
    # The right column top and bottom, then the left column.
    quarters = (ink[:rows, cols:], ink[rows:, cols:], ink[:rows, :cols], ink[rows:, :cols])
    band = np.concatenate([quarter[:side, :side] for quarter in quarters], axis=1)
    return Strips(band, ink, ())
