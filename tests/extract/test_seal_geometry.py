"""Units of seal detection and reading on drawn masks: ring search, character cuts, upright glyphs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from validator.extract.seals.circles import find_circles
from validator.extract.seals.glyphs import (
    GLYPH_PIXELS,
    GLYPH_SPACING,
    Unwrapped,
    cuts,
    glyph_centres,
    pitch,
    sample,
    set_glyphs,
)
from validator.extract.seals.reading import without_others
from validator.extract.seals.shape import Ellipse


def ring_mask(
    size: tuple[int, int], rings: list[tuple[int, int, int]], width: int = 3
) -> np.ndarray:
    image = Image.new("1", size, 0)
    draw = ImageDraw.Draw(image)
    for cx, cy, r in rings:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=1, width=width)
    return np.asarray(image, dtype=np.bool_)


def text_like(size: tuple[int, int], rows: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """Lines of blocky 'characters' at ``rows``: ink as dense as print, with no circle in it."""
    rng = np.random.default_rng(seed)
    mask = np.zeros((size[1], size[0]), dtype=np.bool_)
    for top in rows:
        for left in range(5, size[0] - 12, 13):
            mask[top : top + 10, left : left + 10] = rng.random((10, 10)) < 0.45
    return mask


def test_two_rings_pressed_over_each_other_are_both_found() -> None:
    crossing = text_like((400, 300), rows=(120, 136, 200))  # a signature block across both
    mask = ring_mask((400, 300), [(140, 150, 80), (250, 140, 80)]) | crossing
    circles = find_circles(mask, 47, 122)
    assert len(circles) == 2
    for cx, cy in ((140, 150), (250, 140)):
        (circle,) = [c for c in circles if math.hypot(c.cx - cx, c.cy - cy) < 8]
        assert abs(circle.r - 80) < 8
        assert circle.contrast > 0.8


def test_print_alone_holds_no_ring() -> None:
    assert find_circles(text_like((400, 300), rows=tuple(range(5, 290, 16)), seed=1), 47, 122) == []


def test_a_patch_too_narrow_for_a_ring_is_not_searched() -> None:
    assert find_circles(np.ones((60, 400), dtype=np.bool_), 47, 122) == []


# ------------------------------------------------------------------ characters


def character_row(centres: list[float], width: int = 30, height: int = 36) -> np.ndarray:
    """An unwrapped band: blocks of ink ``width`` wide around each centre, bar-shaped inside."""
    ink = np.zeros((height + 8, int(max(centres) + width)), dtype=np.float64)
    for centre in centres:
        left = int(centre - width / 2)
        ink[4 : 4 + height, left : left + width : 3] = 1.0  # vertical strokes with gaps
        ink[4 : 4 + height : 9, left : left + width] = 1.0  # and horizontal ones
    return ink


def test_pitch_is_the_rhythm_of_the_characters() -> None:
    columns = character_row([20 + 40 * i for i in range(10)])[4:40].mean(axis=0)
    assert pitch(columns, 36) == pytest.approx(40, abs=1)


def test_cuts_fall_between_characters_even_when_the_spacing_drifts() -> None:
    centres = [20.0]
    for step in (40, 41, 42, 43, 44, 44, 43, 42, 41):  # an oval's spacing along its arc
        centres.append(centres[-1] + step)
    columns = character_row(centres)[4:40].mean(axis=0)
    edges = cuts(columns, 42.0)
    for left, right in itertools.pairwise(centres):
        assert any(left + 15 <= edge <= right - 15 for edge in edges)  # one cut in each gap
    assert not any(abs(edge - centre) < 12 for edge in edges for centre in centres)


def test_each_character_is_found_once() -> None:
    centres = [25.0 + 40 * i for i in range(12)]
    ink = character_row(centres)
    band = Unwrapped(ink, np.linspace(0, 1, ink.shape[1]), np.arange(ink.shape[0], dtype=float))
    found, rows = glyph_centres(band)
    assert len(found) == 12
    assert all(abs(f - c) < 8 for f, c in zip(found, centres, strict=True))
    assert rows[0] <= 5 and rows[1] >= 38


def test_characters_on_the_ring_are_set_upright() -> None:
    """An 'F' stamped over the top of a ring and one at its side come out as the same upright 'F'."""
    ellipse = Ellipse(200.0, 200.0, 180.0, 180.0, 0.0)
    ink = np.zeros((400, 400))
    phis = [-math.pi / 2 + k * math.pi / 8 for k in range(5)]  # top of the ring round to its side
    for phi in phis:
        _stamp_f(ink, ellipse, phi)
    depths = np.arange(10.0, 75.0)
    first, last = phis[0] - 0.3, phis[-1] + 0.3
    middle_radius = 180.0 - depths.mean()
    angles = np.linspace(first, last, round((last - first) * middle_radius))  # a column a pixel
    grid_depth, grid_phi = np.meshgrid(depths, angles, indexing="ij")
    band = Unwrapped(sample(ink, *ellipse.inset(grid_phi, grid_depth)), angles, depths)
    row = set_glyphs(ink, ellipse, band)
    assert row is not None
    step = GLYPH_PIXELS + round(GLYPH_SPACING * GLYPH_PIXELS)
    tiles = [row[:, i * step : i * step + GLYPH_PIXELS] for i in range(5)]
    assert (row.shape[1] + round(GLYPH_SPACING * GLYPH_PIXELS)) // step == 5
    top, side = tiles[0], tiles[-1]
    assert np.corrcoef(top.ravel(), side.ravel())[0, 1] > 0.8
    # upright: the bar is at the top and the stem on the left
    half = GLYPH_PIXELS // 2
    assert top[:half].sum() > top[half:].sum() and top[:, :half].sum() > top[:, half:].sum()


def _stamp_f(ink: np.ndarray, ellipse: Ellipse, phi: float) -> None:
    """An 'F' 40 px tall, 20-60 px inside the ring, its foot toward the centre."""
    for along in np.arange(-16.0, 16.5, 0.5):
        for depth in np.arange(20.0, 60.5, 0.5):
            stem = along < -4  # as heavy as a CJK character's strokes
            bar = depth < 28
            middle = 36 < depth < 44 and along < 6
            if stem or bar or middle:
                x, y = _at(ellipse, phi, depth, along)
                ink[round(y), round(x)] = 1.0


def _at(ellipse: Ellipse, phi: float, depth: float, along: float) -> tuple[float, float]:
    xs, ys = ellipse.inset(np.array([phi]), np.array([depth]))
    clockwise = (-math.sin(phi), math.cos(phi))  # along the ring on screen (y grows downward)
    return float(xs[0]) + along * clockwise[0], float(ys[0]) + along * clockwise[1]


def test_ink_of_an_overlapping_seal_is_left_out() -> None:
    ink = np.ones((100, 200))
    other = Ellipse(150.0, 50.0, 40.0, 40.0, 0.0)
    kept = without_others(ink, (other,))
    assert kept[50, 150] == 0 and kept[50, 112] == 0  # inside the other ring, and on it
    assert kept[50, 50] == 1 and kept[5, 150] == 1  # clear of it
    assert without_others(ink, ()) is ink
