"""Scanned images (JPEG, PNG, TIFF incl. multi-page, BMP, HEIF/HEIC): one page per frame.

Also the helpers every page image goes through, whatever file it came from:
safe opening (decompression bombs are errors), RGB conversion, EXIF rotation,
and the effective resolution judged from the pixel size of the page.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from validator.extract.formats.head import Head
from validator.extract.ocr.reading import text_height
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.model import Page, TextLine

# iPhones save photos as HEIC: Pillow opens them once pillow-heif registers itself.
register_heif_opener()

KIND = "image"
PICTURES = False
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".heic", ".heif")
# Signatures of the accepted formats: JPEG, PNG, TIFF (both byte orders and
# BigTIFF), BMP.
MAGICS = (
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",
    b"MM\x00*",
    b"II+\x00",
    b"MM\x00+",
    b"BM",
)
# HEIF (iPhone photos): an ISO-BMFF "ftyp" box at offset 4 with one of these brands.
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
# Scans carry no trustworthy physical size (phones write 72 dpi), so a page is
# taken to be A4 and its short side to be 8.27 inches: 1240 px wide is 150 dpi.
A4_SHORT_SIDE_INCHES = 8.27
# A page scanned flat keeps A4's proportions (1.414, within a scanner's margins);
# a photo (4:3, 16:9, a cropped card) rarely does.
A4_RATIO_RANGE = (1.38, 1.45)
# Body text of the documents in a package is set at about 10.5 pt (五号); the
# height of RapidOCR's box around a line of it, per dpi (measured on 10.5 pt Noto
# Serif CJK rendered at 100, 150, 200 and 300 dpi: 0.190, 0.167, 0.165, 0.165).
LINE_HEIGHT_PER_DPI = 0.167
# A scan finer than the OCR resolution by more than this factor is scaled down
# before OCR and seal detection: Tesseract gains nothing and takes longer.
DOWNSCALE_ABOVE = 1.25


@contextmanager
def opened_image(source: Path | IO[bytes], max_pixels: int) -> Iterator[Image.Image]:
    """Open an image lazily; more than ``max_pixels`` (or a bomb Pillow sees) is a limit error.

    Pillow's own threshold is set to ``max_pixels`` for the call and its warning
    made an error: Pillow only warns between its limit and twice that.
    """
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_many_pixels(max_pixels) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        # Pillow names the file by its full path: keep where the folder is out of
        # findings, so their fingerprints survive moving the package.
        detail = str(exc).replace(str(source), "").replace("''", "").strip(" :")
        raise failure("corrupt", f"unreadable image: {detail}") from exc
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    with image:
        check_pixels(image.size, max_pixels)
        yield image


def check_pixels(size: tuple[int, int], max_pixels: int) -> None:
    if size[0] * size[1] > max_pixels:
        raise _too_many_pixels(max_pixels)


def _too_many_pixels(max_pixels: int) -> Exception:
    return failure("limit", f"more than {max_pixels} pixels", "pixels")


def sniff(head: Head) -> bool:
    data = head.data
    return data.startswith(MAGICS) or (data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS)


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """One placeholder page per frame, each to be OCR'd and searched for seals."""
    with opened_image(location, settings.limits.max_pixels) as image:
        frames = getattr(image, "n_frames", 1)
    if frames > settings.limits.max_pages:
        raise failure("limit", f"{frames} frames", "pages")
    ocr = settings.ocr.mode != "never"
    pages = tuple(Page(number=i + 1, text="", source="none") for i in range(frames))
    refs = tuple(PageRef(page=i, index=i, ocr=ocr) for i in range(frames))
    return FilePlan(kind=KIND, pages=pages, refs=refs)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage:
    """The frame, upright; its resolution judged from its pixel size."""
    frame = load_frame(location, ref.index, settings)
    dpi = effective_dpi(frame.size)
    return PageImage(frame, dpi, dpi, measured=False)


def load_frame(location: Path, index: int, settings: ExtractSettings) -> Image.Image:
    """Frame ``index`` of an image file, upright, in RGB or greyscale (see ``upright``)."""
    with opened_image(location, settings.limits.max_pixels) as image:
        image.seek(index)
        check_pixels(image.size, settings.limits.max_pixels)
        return upright(image)


def upright(image: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says, transparency flattened onto white,
    in greyscale when it has no colour (a grey scan stays one channel), else in RGB."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or damaged pixel data
        raise failure("corrupt", f"unreadable image data: {exc}") from exc
    turned = ImageOps.exif_transpose(image)
    if turned.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: keep the high byte; a plain convert would clip to white.
        turned = turned.point(lambda value: value / 256).convert("L")
    if "A" in turned.getbands() or "transparency" in turned.info:
        rgba = turned.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if turned.mode in ("L", "RGB"):
        return turned
    return turned.convert("L" if turned.mode == "1" else "RGB")


def effective_dpi(size: tuple[int, int]) -> int:
    """Resolution of a scanned page judged from its pixel size, taking the page to be A4."""
    return max(1, round(min(size) / A4_SHORT_SIDE_INCHES))


def is_photo(size: tuple[int, int]) -> bool:
    """Whether an image's proportions say it is a photo or a crop, not a flat A4 scan."""
    ratio = max(size) / max(1, min(size))
    low, high = A4_RATIO_RANGE
    return not low <= ratio <= high


def text_dpi(lines: Sequence[TextLine]) -> int | None:
    """A picture's resolution judged from the size of its text (RapidOCR's line boxes),
    as if it were set at 10.5 pt.

    A phone photo of a licence carries no physical size: how legible it is
    depends on how many pixels its characters span, whatever the frame's size.
    """
    height = text_height(lines)
    return None if height is None else max(1, round(height / LINE_HEIGHT_PER_DPI))


def working_copy(image: Image.Image, dpi: int, ocr_dpi: int) -> tuple[Image.Image, float, int]:
    """The image at no more than the OCR resolution, the scale applied, and its dpi."""
    if dpi <= ocr_dpi * DOWNSCALE_ABOVE:
        return image, 1.0, dpi
    scale = ocr_dpi / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0), scale, ocr_dpi
