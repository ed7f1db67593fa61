"""Thumbnails show seals and layout, never a readable number."""

from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from validator.extract.ocr.tesseract_api import recognise
from validator.extract.thumbnail import WIDTH, make_thumbnail

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
ID_NUMBER = "110108199007123154"


def _page() -> Image.Image:
    """An A4 page at 200 dpi with an ID number in large print and a red seal."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    draw.text(
        (150, 300), f"公民身份号码 {ID_NUMBER}", font=ImageFont.truetype(FONT, 56), fill="black"
    )
    draw.ellipse((1000, 1500, 1400, 1900), outline=(220, 30, 30), width=14)
    return page


def _decode(uri: str) -> Image.Image:
    assert uri.startswith("data:image/jpeg;base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")


def test_thumbnail_keeps_the_seal_visible() -> None:
    thumbnail = _decode(make_thumbnail(_page()))
    assert thumbnail.width == WIDTH
    assert thumbnail.height == round(2339 * WIDTH / 1654)
    pixels = np.asarray(thumbnail)
    reds = int(((pixels[..., 0] > 150) & (pixels[..., 1] < 120) & (pixels[..., 2] < 120)).sum())
    assert reds > 50  # the ring survives as a red shape


def _read(image: Image.Image) -> str:
    """What the tool's Tesseract reads on the image, as one string without spaces."""
    return "".join(word.text for word in recognise(image, "chi_sim", 3, None, 60))


def test_no_number_can_be_read_from_a_thumbnail() -> None:
    page = _page()
    # The full page reads fine: the test would mean nothing otherwise.
    assert ID_NUMBER in _read(page)
    thumbnail = _decode(make_thumbnail(page))
    enlarged = thumbnail.resize(
        (thumbnail.width * 4, thumbnail.height * 4), Image.Resampling.LANCZOS
    )
    read = _read(enlarged)
    digits = "".join(ch for ch in read if ch.isdigit())
    assert ID_NUMBER not in digits
    assert ID_NUMBER[6:14] not in digits  # not even the birth date
