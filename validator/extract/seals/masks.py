"""Seal-coloured pixels: red ink on colour pages, dark ink on greyscale scans.

The search runs on a reduced copy of the page (about 100 dpi): seals are
38-45 mm wide, so they stay well over 100 pixels across while the mask and its
labelling cost a tenth of the full page. Pillow's ``reduce`` averages boxes,
which keeps a thin ring visible as a lighter stroke rather than dropping it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

SEARCH_DPI = 100  # resolution of the seal search; seals are still >150 px wide at it
A4_SHORT_INCHES = 210 / 25.4  # page width used to judge a scan's resolution (SPEC §4)
A4_RATIO_RANGE = (1.30, 1.50)  # height/width of A4, Letter and scanner crops of them
MAX_SEARCH_SIDE = 1400  # pictures of unknown resolution are reduced to about this size
# Red ink is searched at three strengths, each (least lead of red over green/blue,
# least red level, whether the paper's cast is taken out first): clear stamps as
# printed; faded ones and pink ones on tinted paper, against the paper's colour.
# A paler mask would take in the tint around a clear stamp and widen its ring.
RED_LEVELS = ((40, 100, False), (24, 60, True), (12, 60, True))
RED_MIN_EXCESS, RED_MIN_LEVEL, _ = RED_LEVELS[0]
INK_LEVELS = tuple(range(len(RED_LEVELS)))
PAPER_PERCENTILE = 90  # the paper's colour: most of a page is paper, its brightest share too
PAPER_MIN_LEVEL = 120  # a darker "paper" is a photo's background: no gain beyond this
RED_HUE_SLACK = 0.5  # |green - blue| relative to red's lead: about +-27 degrees of hue
COLOUR_CHROMA = 60  # max-min channel spread that marks a pixel as really coloured
COLOUR_PAGE_SHARE = 0.0003  # share of coloured pixels that makes a page a colour page
GREY_INK_LEVEL = 165  # a greyscale pixel darker than this is ink (worn seal ink included)
MIN_NEIGHBOURHOOD = 3  # set pixels in a 3x3 square (centre included) for a pixel to stay
BLACK_PRINT_LEVEL = 55  # printed text is darker: seal ink scanned in grey stays above it

UInt8Array = NDArray[np.uint8]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class SearchImage:
    """The page prepared for the search: full-size RGB, reduced copy, and how they relate."""

    full: Image.Image  # RGB (colour pages) or L, white background
    small: UInt8Array  # reduced copy: H x W x 3 (colour) or H x W (grey)
    factor: int  # full-size pixels per reduced pixel
    dpi: float | None  # resolution of the full image, None for a picture that is no page
    colour: bool  # True: look for red ink; False: look for dark ink

    @property
    def preview(self) -> Image.Image:
        """The reduced copy as a picture (about 100 dpi): enough for a thumbnail or a tilt."""
        return Image.fromarray(self.small)


def flatten(image: Image.Image) -> Image.Image:
    """An RGB or L copy on white: transparent seal pictures in DOCX files have no paper."""
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("1", "I", "I;16", "F"):
        return image.convert("L")
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(paper, rgba).convert("RGB")


def page_dpi(size: tuple[int, int], dpi: float | None) -> float | None:
    """The given resolution, or one judged from an A4-shaped pixel size (SPEC §4)."""
    if dpi:
        return float(dpi)
    short, long = sorted(size)
    if short and A4_RATIO_RANGE[0] <= long / short <= A4_RATIO_RANGE[1]:
        return short / A4_SHORT_INCHES
    return None


def reduction(size: tuple[int, int], dpi: float | None) -> int:
    """Integer reduction factor that brings the page near the search resolution."""
    if dpi is not None:
        return max(1, round(dpi / SEARCH_DPI))
    return max(1, round(max(size) / MAX_SEARCH_SIDE))


def prepare(image: Image.Image, dpi: float | None = None) -> SearchImage:
    """Flatten, reduce and decide whether the page is in colour."""
    full = flatten(image)
    resolution = page_dpi(full.size, dpi)
    factor = reduction(full.size, resolution)
    small_image = full.reduce(factor) if factor > 1 else full
    small = np.asarray(small_image, dtype=np.uint8)
    colour = full.mode == "RGB" and is_colour(small)
    if full.mode == "RGB" and not colour:
        # a grey page in RGB clothing: one conversion here serves the search, the
        # seal reading and (see worker) OCR, each of which would convert again
        full = full.convert("L")
        small = np.asarray(small_image.convert("L"), dtype=np.uint8)
    return SearchImage(full, small, factor, resolution, colour)


def is_colour(rgb: UInt8Array) -> bool:
    """True when more than a trace of the page is saturated (not a grey scan saved as RGB)."""
    red, green, blue = (rgb[..., i].astype(np.int16) for i in range(3))
    spread = np.maximum(np.maximum(red, green), blue) - np.minimum(np.minimum(red, green), blue)
    return bool(np.count_nonzero(spread > COLOUR_CHROMA) > COLOUR_PAGE_SHARE * spread.size)


def red_mask(
    rgb: UInt8Array,
    min_excess: int = RED_MIN_EXCESS,
    min_level: int = RED_MIN_LEVEL,
    balance: bool = False,
) -> BoolArray:
    """Pixels whose hue is red and whose red clearly leads green and blue.

    With ``balance``, colours are first taken relative to the paper's: a phone
    photo's warm or blue cast shifts every pixel, and a faded stamp differs
    from its paper by little more than such a cast.
    """
    gain = np.ones(3, dtype=np.float32)
    if balance:
        paper = np.percentile(rgb[::4, ::4].reshape(-1, 3), PAPER_PERCENTILE, axis=0)
        gain = (255.0 / np.maximum(paper, PAPER_MIN_LEVEL)).astype(np.float32)
    balanced = rgb * gain
    red, green, blue = balanced[..., 0], balanced[..., 1], balanced[..., 2]
    lead = red - np.maximum(green, blue)
    hue_ok = np.abs(green - blue) <= RED_HUE_SLACK * (red - np.minimum(green, blue))
    mask: BoolArray = (lead >= min_excess) & (red >= min_level) & hue_ok
    return mask


def grey_seal_mask(grey: UInt8Array, factor: int) -> BoolArray:
    """Seal ink on a greyscale scan, reduced by ``factor`` (any ink pixel marks the cell).

    A red seal scanned in grey is mid-grey, lighter than black print, so it is
    kept where the pixel is inked but its 3x3 neighbourhood holds no black: that
    drops printed text and its anti-aliased edges, which touch black cores.
    """
    mask = (grey < GREY_INK_LEVEL) & away_from_print(grey)
    return pool(mask, factor)


def away_from_print(grey: UInt8Array) -> BoolArray:
    """Pixels with no black print in their 3x3 neighbourhood (image border excluded)."""
    near_min = cv2.erode(np.ascontiguousarray(grey), np.ones((3, 3), dtype=np.uint8))
    away: BoolArray = near_min >= BLACK_PRINT_LEVEL
    away[[0, -1], :] = False
    away[:, [0, -1]] = False
    return away


def pool(mask: BoolArray, factor: int) -> BoolArray:
    """Reduce a mask by ``factor``: a cell is set when any of its pixels is."""
    if factor == 1:
        return mask
    height, width = mask.shape[0] // factor, mask.shape[1] // factor
    # area averaging in float: any set pixel leaves its cell above zero
    share = cv2.resize(
        mask[: height * factor, : width * factor].astype(np.float32),
        (width, height),
        interpolation=cv2.INTER_AREA,
    )
    pooled: BoolArray = share > 0
    return pooled


def dilate(mask: BoolArray, radius: int) -> BoolArray:
    """Grow the mask by a (2 radius + 1) square."""
    square = np.ones((2 * radius + 1, 2 * radius + 1), dtype=np.uint8)
    grown: BoolArray = cv2.dilate(mask.astype(np.uint8), square).astype(np.bool_)
    return grown


def neighbours(mask: BoolArray) -> NDArray[np.uint8]:
    """How many set pixels each 3x3 square around a pixel holds (the pixel included)."""
    counts = cv2.boxFilter(
        mask.astype(np.uint8), -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT
    )
    return np.asarray(counts, dtype=np.uint8)


def despeckle(mask: BoolArray) -> BoolArray:
    """Drop pixels with fewer than two set neighbours: noise and text-edge specks, not strokes."""
    kept: BoolArray = mask & (neighbours(mask) >= MIN_NEIGHBOURHOOD)
    return kept


def ink_mask(search: SearchImage, level: int = 0) -> BoolArray:
    """Seal-coloured pixels of the reduced page; ``level`` indexes ``INK_LEVELS`` for red."""
    if search.colour:
        return red_mask(search.small, *RED_LEVELS[level])
    grey = np.asarray(search.full if search.full.mode == "L" else search.full.convert("L"))
    return grey_seal_mask(grey, search.factor)


def ink_strength(crop: Image.Image, colour: bool) -> NDArray[np.float32]:
    """0..1 ink of a full-size crop, for reading the seal's text.

    Red seals: how dark the green channel is, where the pixel is red. JPEG
    keeps colour at half resolution, so redness only gates; the sharp strokes
    come from the (full-resolution) green channel. Black print drops out.
    Grey scans: darkness away from black print (see ``grey_seal_mask``).
    """
    pixels = np.asarray(crop, dtype=np.float32)
    if colour and pixels.ndim == 3:
        lead = pixels[..., 0] - np.maximum(pixels[..., 1], pixels[..., 2])
        redness = np.clip((lead - 10.0) / 50.0, 0.0, 1.0)
        darkness = np.clip((235.0 - pixels[..., 1]) / 160.0, 0.0, 1.0)
        return redness * darkness  # type: ignore[no-any-return]
    grey = np.asarray(crop.convert("L"), dtype=np.uint8)
    darkness = np.clip((215.0 - grey.astype(np.float32)) / 150.0, 0.0, 1.0)
    return darkness * away_from_print(grey)  # type: ignore[no-any-return]
