"""Seal detection on pictures drawn after the real documents it once missed.

Each case draws one class of stamp the real-document benchmark taught (a
faded pink seal on a phone photo, a seal cut by the edge of a crop, a faint
oval 发票专用章, a 财务专用章 and a square name seal beside the company seal, a
round seal filling the whole frame, a company seal on a grey 800x600 licence
copy, an oblong copy chop, an authority's pink seal with its name set deep
inside the ring) and the look-alikes that must stay unfound (a
decorative chop cut in white out of red, solid red redaction boxes).
The pink photo, the oval, the square and oblong stamps failed before the
detector learnt them; the others guard what it already did.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from rapidfuzz import fuzz
from seal_pages import RED, blank_page, body_text, letterhead, mm, stamp

from fixtures.seal_art import (
    SEAL_GREY,
    SealDesign,
    draw_emblem,
    draw_seal,
    draw_square_seal,
)
from validator.extract.seals import detect, prepare
from validator.model import Seal, SealShape

COMPANY = SealDesign("北京中导开源科技有限公司")
FINANCE = SealDesign("北京中导开源科技有限公司", "财务专用章", width_mm=38, height_mm=38)
AUTHORITY = SealDesign("新泰市行政审批服务局")
INVOICE = SealDesign(
    "容县天平汽车维修厂", "发票专用章", shape="oval", width_mm=40, height_mm=30, star=False
)
# A registration authority's seal as licences carry it: the name set well inside
# the ring, the seal number in small digits along the bottom, the first characters
# worn pale (a public licence photo's seal read nothing from this layout).
REGISTRAR = SealDesign(
    "娄底市工商行政管理局", text_inset_mm=4.5, lower="4313000000001", faint_start=3
)
# A bilingual oval seal: the Chinese name over the top, the English one along the bottom.
BILINGUAL = SealDesign(
    "北京云栈科技有限公司", shape="oval", width_mm=45, height_mm=32, lower="YUNZHAN TECH CO LTD"
)
PINK = (238, 185, 195)  # a stamp pad running dry
FAINT_RED = (226, 118, 128)

Expected = list[tuple[tuple[int, int], SealShape]]


def _jpeg(image: Image.Image, quality: int = 70) -> Image.Image:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


def _photo(page: Image.Image, cast: tuple[int, int, int], blur: float) -> Image.Image:
    """A phone photo's look: coloured light over the whole sheet, soft focus, noise."""
    page = ImageChops.multiply(page, Image.new("RGB", page.size, cast))
    page = page.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(page, dtype=np.float32)
    pixels += np.random.default_rng(1).normal(0, 4, pixels.shape[:2])[..., None]
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))


def _scaled(expected: Expected, factor: float, offset: tuple[int, int] = (0, 0)) -> Expected:
    return [
        ((round((x - offset[0]) * factor), round((y - offset[1]) * factor)), shape)
        for (x, y), shape in expected
    ]


def faded_pink_photo() -> tuple[Image.Image, Expected]:
    """A licence behind glass in daylight: blue cast, soft focus, the authority seal pale pink."""
    dpi = 150
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=60, lines=14)
    stamp(page, draw_emblem(dpi=dpi), (105, 30), dpi, ink=False)
    art = draw_seal(AUTHORITY, dpi=dpi, colour=PINK, seed=11, wear=0.3)
    centre = stamp(page, art, (150, 200), dpi)
    crop = (0, mm(20, dpi), page.width, mm(240, dpi))  # landscape: not an A4 page
    picture = _photo(page.crop(crop), (200, 210, 245), blur=1.2)
    return picture, _scaled([(centre, "round")], 1.0, crop[:2])


def cut_by_edge() -> tuple[Image.Image, Expected]:
    """A tight crop of a signed form that cuts the ring on the left."""
    dpi = 120
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=180, lines=6)
    centre = stamp(page, draw_seal(COMPANY, dpi=dpi, seed=12), (100, 200), dpi)
    r = mm(21, dpi)
    crop = (centre[0] - r * 4 // 5, centre[1] - r - 8, centre[0] + r + 8, centre[1] + r + 8)
    return _jpeg(page.crop(crop)), _scaled([(centre, "round")], 1.0, crop[:2])


def faint_oval_beside_round() -> tuple[Image.Image, Expected]:
    """A signature page at low resolution: a round seal and a faint oval 发票专用章."""
    dpi = 150
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=22)
    round_centre = stamp(page, draw_seal(AUTHORITY, dpi=dpi, seed=13), (55, 240), dpi)
    art = draw_seal(INVOICE, dpi=dpi, colour=FAINT_RED, seed=14, wear=0.3)
    oval_centre = stamp(page, art, (150, 240), dpi)
    factor = 500 / page.width  # 500 x 707: judged as A4 at 60 dpi
    small = page.resize((500, round(page.height * factor)), Image.Resampling.LANCZOS)
    return _jpeg(small), _scaled([(round_centre, "round"), (oval_centre, "oval")], factor)


def finance_and_name_seal_beside_company_seal() -> tuple[Image.Image, Expected]:
    """A specimen sheet: company seal, 财务专用章, and the legal representative's square seal."""
    dpi = 150
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=8)
    expected: Expected = [
        (stamp(page, draw_seal(COMPANY, dpi=dpi, seed=15), (45, 150), dpi), "round"),
        (stamp(page, draw_seal(FINANCE, dpi=dpi, seed=16), (110, 150), dpi), "round"),
        (stamp(page, draw_square_seal("李国庆印", dpi=dpi, seed=17), (170, 150), dpi), "square"),
    ]
    return _jpeg(page), expected


def whole_frame() -> tuple[Image.Image, Expected]:
    """A crisp seal picture cropped to its ring: no paper around it at all."""
    art = draw_seal(COMPANY, dpi=150, seed=18, wear=0.0)
    picture = Image.new("RGB", art.size, "white")
    picture.paste(art, (0, 0), art)
    box = art.getchannel("A").getbbox()
    assert box is not None
    picture = picture.crop(box)
    return picture, [((picture.width // 2, picture.height // 2), "round")]


def grey_licence_copy() -> tuple[Image.Image, Expected]:
    """A grey copy of a licence, 800 x 600, with the holder's red seal stamped over its text."""
    dpi = 100
    page = Image.new("RGB", (800, 600), "white")
    body_text(page, dpi, top_mm=40, lines=16, colour=(90, 90, 90))
    emblem_art = draw_emblem(dpi=dpi).convert("LA").convert("RGBA")
    stamp(page, emblem_art, (100, 20), dpi, ink=False)
    stamp(page, draw_seal(AUTHORITY, dpi=dpi, colour=SEAL_GREY, seed=19), (160, 120), dpi)
    centre = stamp(page, draw_seal(COMPANY, dpi=dpi, seed=20, rotation=12), (70, 90), dpi)
    return _jpeg(page), [(centre, "round")]


def copy_chop() -> tuple[Image.Image, Expected]:
    """An oblong 审核用 chop pressed askew over a licence copy, beside the issuer's seal."""
    dpi = 150
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=40, lines=20)
    chop = draw_square_seal("审核用", columns=3, side_mm=16, dpi=dpi, rotation=30, seed=21)
    expected: Expected = [
        (stamp(page, chop, (60, 90), dpi), "square"),
        (stamp(page, draw_seal(AUTHORITY, dpi=dpi, seed=22), (150, 220), dpi), "round"),
    ]
    return _jpeg(page), expected


def registrar_seal_on_licence() -> tuple[Image.Image, Expected]:
    """A licence's foot: the issuing authority's pink seal over the date line."""
    dpi = 150
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=40, lines=20)
    art = draw_seal(REGISTRAR, dpi=dpi, colour=(236, 140, 165), seed=24, rotation=-12)
    centre = stamp(page, art, (150, 215), dpi)
    return _jpeg(page), [(centre, "round")]


def red_look_alikes() -> tuple[Image.Image, Expected]:
    """Red that is no seal: a chop cut in white out of red, redaction boxes, a red title."""
    dpi = 150
    page = blank_page(dpi)
    letterhead(page, dpi, "Java开发手册")
    body_text(page, dpi, top_mm=60, lines=20)
    cut = draw_square_seal("黄山版", columns=2, side_mm=9, dpi=dpi, cut=True, seed=23)
    stamp(page, cut, (160, 30), dpi, ink=False)
    draw = ImageDraw.Draw(page)
    for top in (80, 110, 140):
        draw.rectangle((mm(60, dpi), mm(top, dpi), mm(140, dpi), mm(top + 7, dpi)), fill=RED)
    draw.rectangle((mm(150, dpi), mm(200, dpi), mm(185, dpi), mm(235, dpi)), fill=RED)
    return _jpeg(page), []


CASES: dict[str, Callable[[], tuple[Image.Image, Expected]]] = {
    "faded-pink-photo": faded_pink_photo,
    "cut-by-edge": cut_by_edge,
    "faint-oval-invoice-seal": faint_oval_beside_round,
    "finance-and-name-seal": finance_and_name_seal_beside_company_seal,
    "whole-frame": whole_frame,
    "grey-licence-copy": grey_licence_copy,
    "copy-chop": copy_chop,
    "registrar-seal": registrar_seal_on_licence,
    "red-look-alikes": red_look_alikes,
}


def _found(seals: tuple[Seal, ...]) -> Expected:
    return [(((s.bbox[0] + s.bbox[2]) // 2, (s.bbox[1] + s.bbox[3]) // 2), s.shape) for s in seals]


def _matches(found: Expected, expected: Expected, reach: int) -> bool:
    """Each expected seal found once, near its centre and in its shape; nothing else."""
    left = list(found)
    for (x, y), shape in expected:
        near = [f for f in left if abs(f[0][0] - x) <= reach and abs(f[0][1] - y) <= reach]
        if not near or near[0][1] != shape:
            return False
        left.remove(near[0])
    return not left


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_class_is_found_in_its_shape(name: str) -> None:
    picture, expected = CASES[name]()
    seals = detect(prepare(picture), read_text=False)
    assert all(seal.colour == "red" for seal in seals)
    reach = max(8, min(picture.size) // 12)
    assert _matches(_found(seals), expected, reach), (_found(seals), expected)


@pytest.mark.ocr
def test_square_stamps_are_read_in_their_own_layout() -> None:
    """A name seal is read down its right column, then down its left; an oblong chop
    along its row. Read as rings, both came out as strings of stray characters."""
    sheet, _ = finance_and_name_seal_beside_company_seal()
    texts = {seal.shape: seal.ring_text for seal in detect(prepare(sheet))}
    assert texts["square"] == "李国庆印"
    (chop,) = (seal for seal in detect(prepare(copy_chop()[0])) if seal.shape == "square")
    assert chop.ring_text == "审核用"


@pytest.mark.ocr
def test_ring_text_set_deep_inside_the_ring_is_read_whole() -> None:
    """The gap is looked for at the text's own outer edge: probed just under the
    ring, in the blank margin, any pale character looked like the gap, and the
    seal number at the bottom like text (the reading was empty)."""
    picture, _ = registrar_seal_on_licence()
    (seal,) = detect(prepare(picture))
    assert seal.ring_text == REGISTRAR.owner


def _alone(art: Image.Image, dpi: int) -> Image.Image:
    page = blank_page(dpi)
    stamp(page, art, (100, 150), dpi)
    return _jpeg(page)


@pytest.mark.ocr
@pytest.mark.parametrize("rotation", [0.0, 10.0, -20.0])
def test_the_bottom_arc_is_read_the_other_way_round(rotation: float) -> None:
    """Along the bottom, characters stand with their heads towards the centre and run
    left to right: the ring's direction reversed. The gap is found under them, so
    the name over the top stays whole, and the English name is read on its own."""
    art = draw_seal(BILINGUAL, dpi=200, seed=3, rotation=rotation)
    (seal,) = detect(prepare(_alone(art, 200), 200))
    assert seal.ring_text == BILINGUAL.owner
    assert fuzz.ratio(seal.lower_text, BILINGUAL.lower) >= 75, seal.lower_text


@pytest.mark.ocr
def test_a_seal_number_along_the_bottom_is_read_as_one() -> None:
    design = SealDesign("娄底市工商行政管理局", text_inset_mm=4.5, lower="4313000000001")
    (seal,) = detect(prepare(_alone(draw_seal(design, dpi=300, seed=7), 300), 300))
    assert (seal.ring_text, seal.lower_text) == (design.owner, design.lower)
