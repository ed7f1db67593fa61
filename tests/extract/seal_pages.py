"""Synthetic pages for the seal detector tests: stamps, letterheads, emblems, QR-like codes.

Everything is drawn with Pillow at a given dpi so sizes are in millimetres, as
on paper: a company seal is 40 mm round, an archive-query seal 40 x 30 mm oval.
"""

from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC_INDEX = 2  # Simplified Chinese face inside the Noto CJK collections
RED = (220, 30, 40)
DARK_RED = (180, 20, 30)
BLACK = (20, 20, 20)
A4_MM = (210, 297)

BODY = (
    "本公司承诺所提交的全部申请材料真实有效，如有虚假愿承担相应法律责任。"
    "公司具备开展增值电信业务的技术条件与管理制度，并已落实网络与信息安全保障措施。"
)


def mm(value: float, dpi: int) -> int:
    return round(value / 25.4 * dpi)


def font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SANS_BOLD if bold else SANS, size_px, index=SC_INDEX)


def blank_page(dpi: int = 200, mode: str = "RGB") -> Image.Image:
    size = (mm(A4_MM[0], dpi), mm(A4_MM[1], dpi))
    return Image.new(mode, size, "white")


def body_text(
    page: Image.Image,
    dpi: int,
    top_mm: float = 70,
    lines: int = 18,
    colour: tuple[int, int, int] = BLACK,
) -> None:
    """Paragraph lines of ordinary black (or red) text."""
    draw = ImageDraw.Draw(page)
    face = font(mm(4.2, dpi))
    width = page.width - 2 * mm(25, dpi)
    chars_per_line = max(1, width // mm(4.4, dpi))
    text = BODY * 4
    for i in range(lines):
        start = (i * chars_per_line) % (len(BODY) * 3)
        line = text[start : start + chars_per_line]
        draw.text((mm(25, dpi), mm(top_mm + i * 7.5, dpi)), line, fill=colour, font=face)


def letterhead(page: Image.Image, dpi: int, title: str = "北京云栈科技有限公司文件") -> None:
    """A red-header document (红头): big red title and a red double rule."""
    draw = ImageDraw.Draw(page)
    face = font(mm(12, dpi), bold=True)
    width = draw.textlength(title, font=face)
    draw.text(((page.width - width) / 2, mm(20, dpi)), title, fill=RED, font=face)
    y = mm(42, dpi)
    draw.rectangle((mm(20, dpi), y, page.width - mm(20, dpi), y + mm(1.0, dpi)), fill=RED)
    draw.rectangle(
        (mm(20, dpi), y + mm(1.8, dpi), page.width - mm(20, dpi), y + mm(2.2, dpi)), fill=RED
    )


def star(
    draw: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    radius: float,
    colour: object,
    rotation: float = 0.0,
) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.38
        angle = math.radians(-90 + rotation + k * 36)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=colour)


def _paste_char(
    page: Image.Image,
    char: str,
    face: ImageFont.FreeTypeFont,
    colour: object,
    centre: tuple[float, float],
    rotation: float,
    stretch: float = 1.0,
) -> None:
    size = int(face.size * 1.4)
    glyph = Image.new("L", (size, size), 0)
    ImageDraw.Draw(glyph).text((size / 2, size / 2), char, fill=255, font=face, anchor="mm")
    if stretch != 1.0:
        glyph = glyph.resize((max(1, int(size * stretch)), size))
    glyph = glyph.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=True)
    ink = Image.new(page.mode, glyph.size, colour)  # type: ignore[arg-type]
    page.paste(ink, (int(centre[0] - glyph.width / 2), int(centre[1] - glyph.height / 2)), glyph)


def arc_text(
    page: Image.Image,
    text: str,
    centre: tuple[float, float],
    radii: tuple[float, float],
    char_px: int,
    colour: object,
    span: float = 240.0,
    rotation: float = 0.0,
) -> None:
    """Characters upright toward the outside, clockwise over the top (how seals are cut)."""
    face = font(char_px, bold=True)
    n = len(text)
    for i, char in enumerate(text):
        # visual angle, clockwise from the top; page y grows downward
        theta = -span / 2 + span * (i + 0.5) / n + rotation
        t = math.radians(theta - 90)
        x = centre[0] + radii[0] * math.cos(t)
        y = centre[1] + radii[1] * math.sin(t)
        _paste_char(page, char, face, colour, (x, y), -theta, stretch=0.8)


def round_seal(
    page: Image.Image,
    dpi: int,
    centre_mm: tuple[float, float],
    text: str,
    bottom: str = "",
    colour: object = RED,
    diameter_mm: float = 40.0,
    rotation: float = 0.0,
) -> tuple[int, int, int, int]:
    """A round company-style seal; returns its bounding box in page pixels."""
    draw = ImageDraw.Draw(page)
    cx, cy = mm(centre_mm[0], dpi), mm(centre_mm[1], dpi)
    r = mm(diameter_mm / 2, dpi)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=max(2, mm(1.2, dpi)))
    star(draw, cx, cy, r * 0.3, colour, rotation)
    arc_text(page, text, (cx, cy), (r * 0.72, r * 0.72), mm(5.0, dpi), colour, rotation=rotation)
    if bottom:
        face = font(mm(3.6, dpi), bold=True)
        t = math.radians(rotation)
        bx, by = cx - r * 0.55 * math.sin(t), cy + r * 0.55 * math.cos(t)
        label = Image.new("L", (int(face.getlength(bottom)) + 8, face.size + 12), 0)
        ImageDraw.Draw(label).text((4, 2), bottom, fill=255, font=face)
        label = label.rotate(-rotation, resample=Image.Resampling.BICUBIC, expand=True)
        ink = Image.new(page.mode, label.size, colour)  # type: ignore[arg-type]
        page.paste(ink, (int(bx - label.width / 2), int(by - label.height / 2)), label)
    return (cx - r, cy - r, cx + r, cy + r)


def oval_seal(
    page: Image.Image,
    dpi: int,
    centre_mm: tuple[float, float],
    text: str,
    middle: str,
    colour: object = RED,
    size_mm: tuple[float, float] = (40.0, 30.0),
) -> tuple[int, int, int, int]:
    """An oval seal (archive-query / bank style): arc text on top, a line across the middle."""
    draw = ImageDraw.Draw(page)
    cx, cy = mm(centre_mm[0], dpi), mm(centre_mm[1], dpi)
    a, b = mm(size_mm[0] / 2, dpi), mm(size_mm[1] / 2, dpi)
    draw.ellipse((cx - a, cy - b, cx + a, cy + b), outline=colour, width=max(2, mm(1.0, dpi)))
    arc_text(page, text, (cx, cy), (a * 0.74, b * 0.66), mm(4.2, dpi), colour, span=220)
    face = font(mm(3.8, dpi), bold=True)
    width = draw.textlength(middle, font=face)
    draw.text((cx - width / 2, cy + b * 0.05), middle, fill=colour, font=face)
    return (cx - a, cy - b, cx + a, cy + b)


def emblem(
    page: Image.Image,
    dpi: int,
    centre_mm: tuple[float, float],
    colour: object = RED,
    diameter_mm: float = 28.0,
) -> None:
    """A national-emblem-like graphic: ring, filled gate, stars and sheaves joined together."""
    draw = ImageDraw.Draw(page)
    cx, cy = mm(centre_mm[0], dpi), mm(centre_mm[1], dpi)
    r = mm(diameter_mm / 2, dpi)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=mm(1.5, dpi))
    for k in range(24):  # wheat-ear dashes joined to the ring
        t = math.radians(k * 15)
        x0, y0 = cx + r * 0.95 * math.cos(t), cy + r * 0.95 * math.sin(t)
        x1, y1 = cx + r * 0.7 * math.cos(t + 0.2), cy + r * 0.7 * math.sin(t + 0.2)
        draw.line((x0, y0, x1, y1), fill=colour, width=mm(1.5, dpi))
    draw.rectangle((cx - r * 0.45, cy - r * 0.05, cx + r * 0.45, cy + r * 0.45), fill=colour)
    draw.rectangle((cx - r * 0.7, cy + r * 0.45, cx + r * 0.7, cy + r * 0.6), fill=colour)
    star(draw, cx, cy - r * 0.35, r * 0.22, colour)
    for k in range(4):
        t = math.radians(-150 + k * 40)
        star(draw, cx + r * 0.5 * math.cos(t), cy + r * 0.5 * math.sin(t), r * 0.08, colour)


def qr_like(
    page: Image.Image,
    dpi: int,
    corner_mm: tuple[float, float],
    size_mm: float = 22.0,
    seed: int = 3,
) -> None:
    """A QR-code-like block of black modules with three finder squares."""
    draw = ImageDraw.Draw(page)
    x0, y0 = mm(corner_mm[0], dpi), mm(corner_mm[1], dpi)
    n = 25
    cell = mm(size_mm, dpi) / n
    rng = random.Random(seed)
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.5:
                draw.rectangle(
                    (x0 + i * cell, y0 + j * cell, x0 + (i + 1) * cell, y0 + (j + 1) * cell),
                    fill=BLACK,
                )
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        draw.rectangle(
            (x0 + fx * cell, y0 + fy * cell, x0 + (fx + 7) * cell, y0 + (fy + 7) * cell), fill=BLACK
        )
        draw.rectangle(
            (
                x0 + (fx + 1) * cell,
                y0 + (fy + 1) * cell,
                x0 + (fx + 6) * cell,
                y0 + (fy + 6) * cell,
            ),
            fill="white",
        )
        draw.rectangle(
            (
                x0 + (fx + 2) * cell,
                y0 + (fy + 2) * cell,
                x0 + (fx + 5) * cell,
                y0 + (fy + 5) * cell,
            ),
            fill=BLACK,
        )


def red_logo(page: Image.Image, dpi: int, corner_mm: tuple[float, float]) -> None:
    """A non-round red logo: a filled rounded square with a white letter cut out."""
    draw = ImageDraw.Draw(page)
    x0, y0 = mm(corner_mm[0], dpi), mm(corner_mm[1], dpi)
    side = mm(18, dpi)
    draw.rounded_rectangle((x0, y0, x0 + side, y0 + side), radius=mm(4, dpi), fill=RED)
    draw.text(
        (x0 + side / 2, y0 + side / 2),
        "云",
        fill="white",
        font=font(mm(12, dpi), True),
        anchor="mm",
    )


def to_grey(page: Image.Image) -> Image.Image:
    return page.convert("L")


# ------------------------------------------------------------------ fixture art on pages


def stamp(
    page: Image.Image, art: Image.Image, centre_mm: tuple[float, float], dpi: int, ink: bool = True
) -> tuple[int, int]:
    """Put an RGBA drawing on the page centred at ``centre_mm``; ink multiplies over print."""
    left = mm(centre_mm[0], dpi) - art.width // 2
    top = mm(centre_mm[1], dpi) - art.height // 2
    if not ink:
        page.paste(art, (left, top), art)
    else:
        paper = Image.new("RGB", art.size, "white")
        paper.paste(art, (0, 0), art)
        box = (left, top, left + art.width, top + art.height)
        page.paste(ImageChops.multiply(page.crop(box), paper), box[:2])
    return mm(centre_mm[0], dpi), mm(centre_mm[1], dpi)


def scanned(page: Image.Image, grey: bool = False, seed: int = 0, quality: int = 55) -> Image.Image:
    """Office-scanner look: tinted paper, blur, sensor noise, JPEG; optionally greyscale."""
    page = ImageChops.multiply(page, Image.new("RGB", page.size, (241, 239, 233)))
    page = page.filter(ImageFilter.GaussianBlur(0.45))
    if grey:
        page = page.convert("L")
    pixels = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0, 5, pixels.shape[:2])
    pixels += noise[..., None] if pixels.ndim == 3 else noise
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))
