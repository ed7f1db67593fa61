"""Seal detection and ring reading on drawn pages: the fixture seal art and traps.

Pages are A4 at 150-200 dpi with body text, scanned (tint, blur, noise,
JPEG) in colour or grey, with seals stamped the way ink lands (multiplied
over print). Each page lists where its true seals are; detection must find
those and nothing else (letterheads, logos, emblems, QR codes, red text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from seal_pages import (
    BLACK,
    BODY,
    RED,
    blank_page,
    body_text,
    emblem,
    letterhead,
    mm,
    oval_seal,
    qr_like,
    red_logo,
    round_seal,
    scanned,
    stamp,
)

from fixtures.seal_art import (
    SEAL_GREY,
    SealDesign,
    draw_emblem,
    draw_logo,
    draw_qr,
    draw_seal,
    load_font,
)
from validator.extract.seals import detect, prepare
from validator.extract.seals.ocr import ring_name
from validator.manifest import load_manifest
from validator.model import Seal
from validator.names import similarity
from validator.seal_owners import mentions, owner_of

APPLICANT = "北京云栈科技有限公司"
WORDS = load_manifest("icp").seal_words  # who names authorities and banks
SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
COMPANY = SealDesign(APPLICANT)
CONTRACT = SealDesign(APPLICANT, "合同专用章")
AUTHORITY = SealDesign("北京市海淀区市场监督管理局")
ARCHIVE = SealDesign(
    "北京市海淀区市场监督管理局",
    "档案查询专用章",
    shape="oval",
    width_mm=45,
    height_mm=30,
    star=False,
)
BANK = SealDesign("招商银行股份有限公司北京中关村支行", "业务专用章")
FAINT_PRINT = (70, 70, 70)  # worn toner: a grey scan leaves no black core in the strokes
IDC = SealDesign("上海数港云计算服务有限公司", "合同专用章")


@dataclass(frozen=True)
class Sample:
    """A drawn page and the centres (page pixels) of the seals on it."""

    name: str
    image: Image.Image
    centres: tuple[tuple[int, int], ...]


def _licence(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=60, lines=12)
    stamp(page, draw_emblem(dpi=dpi), (105, 30), dpi, ink=False)
    stamp(
        page, draw_qr("https://gsxt.example/91110108MA01ABCD2X", dpi=dpi), (175, 35), dpi, ink=False
    )
    centres = [stamp(page, draw_seal(AUTHORITY, dpi=dpi, seed=2), (150, 215), dpi)]
    if sealed:
        centres.append(
            stamp(page, draw_seal(COMPANY, dpi=dpi, seed=3, rotation=25), (75, 130), dpi)
        )
    return page, centres


def _articles(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=28)
    if not sealed:
        return page, []
    return page, [stamp(page, draw_seal(ARCHIVE, dpi=dpi, seed=4), (140, 240), dpi)]


def _agreement(dpi: int, parties: int) -> tuple[Image.Image, list[tuple[int, int]]]:
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=28)
    centres = [stamp(page, draw_seal(CONTRACT, dpi=dpi, seed=5), (60, 235), dpi)]
    if parties == 2:
        centres.append(stamp(page, draw_seal(IDC, dpi=dpi, seed=6, rotation=-15), (150, 235), dpi))
    return page, centres


def _letterhead(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    page = blank_page(dpi)
    letterhead(page, dpi)
    body_text(page, dpi, top_mm=55, lines=10)
    body_text(page, dpi, top_mm=135, lines=3, colour=RED)
    stamp(page, draw_logo("云栈科技", dpi=dpi), (45, 270), dpi, ink=False)
    red_logo(page, dpi, (170, 262))
    if not sealed:
        return page, []
    return page, [stamp(page, draw_seal(COMPANY, dpi=dpi, seed=1), (150, 190), dpi)]


def _bank(dpi: int, grey_ink: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=20)
    colour = SEAL_GREY if grey_ink else (212, 36, 48)
    return page, [stamp(page, draw_seal(BANK, dpi=dpi, seed=7, colour=colour), (150, 215), dpi)]


def _overlapping(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    """A licence copy: the issuer's seal, and the holder's pressed half over it."""
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=40, lines=22)
    centres = [stamp(page, draw_seal(AUTHORITY, dpi=dpi, seed=8), (140, 205), dpi)]
    if sealed:
        art = draw_seal(IDC, dpi=dpi, seed=9, rotation=-6)
        centres.append(stamp(page, art, (115, 232), dpi))
    return page, centres


def _signed_over(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The signature block printed across the seal, as ink lands over a signed page."""
    page = blank_page(dpi)
    body_text(page, dpi, top_mm=30, lines=24)
    draw = ImageDraw.Draw(page)
    face = load_font(SERIF, mm(4.2, dpi))  # 宋体-like print: thin strokes scan mid-grey
    draw.text((mm(92, dpi), mm(222, dpi)), f"{APPLICANT}（盖章）", fill=BLACK, font=face)
    draw.text((mm(92, dpi), mm(230, dpi)), "2026年5月15日", fill=BLACK, font=face)
    if not sealed:
        return page, []
    return page, [stamp(page, draw_seal(COMPANY, dpi=dpi, seed=10), (140, 226), dpi)]


def _drawn_traps(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The tests' own drawings: a ring-and-spokes emblem, a QR-like block, a red logo."""
    page = blank_page(dpi)
    letterhead(page, dpi)
    body_text(page, dpi)
    emblem(page, dpi, (105, 250))
    qr_like(page, dpi, (20, 262))
    red_logo(page, dpi, (170, 262))
    centres: list[tuple[int, int]] = []
    if sealed:
        box = round_seal(page, dpi, (150, 215), APPLICANT, "合同专用章")
        centres.append(((box[0] + box[2]) // 2, (box[1] + box[3]) // 2))
        box = oval_seal(page, dpi, (60, 215), "北京市海淀区市场监督管理局", "档案查询专用章")
        centres.append(((box[0] + box[2]) // 2, (box[1] + box[3]) // 2))
    return page, centres


def _faint_print(dpi: int, sealed: bool) -> tuple[Image.Image, list[tuple[int, int]]]:
    """A page of thin serif print in dark grey: on a grey scan its text is as light as seal ink."""
    page = blank_page(dpi)
    draw = ImageDraw.Draw(page)
    face = load_font(SERIF, mm(4.2, dpi))
    per_line = (page.width - 2 * mm(25, dpi)) // mm(4.4, dpi)
    text = BODY * 6
    for i in range(34):
        start = (i * per_line) % (len(BODY) * 3)
        line = text[start : start + per_line]
        draw.text((mm(25, dpi), mm(25 + i * 7.5, dpi)), line, fill=FAINT_PRINT, font=face)
    return page, []


Builder = Callable[[int, bool], tuple[Image.Image, list[tuple[int, int]]]]
LAYOUTS: dict[str, tuple[Builder, bool]] = {
    "licence-authority-only": (_licence, False),
    "licence-sealed": (_licence, True),
    "articles-archive": (_articles, True),
    "articles-unsealed": (_articles, False),
    "agreement-one": (lambda d, _: _agreement(d, 1), False),
    "agreement-two": (lambda d, _: _agreement(d, 2), True),
    "letterhead-sealed": (_letterhead, True),
    "letterhead-only": (_letterhead, False),
    "bank": (_bank, False),
    "drawn-traps": (_drawn_traps, False),
    "drawn-seals": (_drawn_traps, True),
    "overlapping": (_overlapping, True),
    "signed-over-seal": (_signed_over, True),
    "signed-unsealed": (_signed_over, False),
    "faint-print": (_faint_print, False),
}


def sample(name: str, dpi: int = 200, grey: bool = False, seed: int = 0) -> Sample:
    builder, flag = LAYOUTS[name]
    page, centres = builder(dpi, flag)
    return Sample(f"{name}@{dpi}{'g' if grey else 'c'}", scanned(page, grey, seed), tuple(centres))


def match(seals: tuple[Seal, ...], centres: tuple[tuple[int, int], ...]) -> tuple[int, int, int]:
    """True positives, false positives, missed seals: a hit has its centre within a quarter diameter."""
    unmatched = list(centres)
    hits = 0
    for seal in seals:
        x0, y0, x1, y1 = seal.bbox
        cx, cy, reach = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 4
        near = [c for c in unmatched if abs(c[0] - cx) <= reach and abs(c[1] - cy) <= reach]
        if near:
            unmatched.remove(near[0])
            hits += 1
    return hits, len(seals) - hits, len(unmatched)


# --------------------------------------------------------------------- detection


@pytest.mark.parametrize("grey", [False, True], ids=["colour", "grey"])
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_detection_finds_the_seals_and_nothing_else(name: str, grey: bool) -> None:
    page = sample(name, grey=grey, seed=len(name))
    seals = detect(prepare(page.image), read_text=False)
    assert match(seals, page.centres) == (len(page.centres), 0, 0), seals
    assert all(seal.colour == ("dark" if grey else "red") for seal in seals)
    assert all(0.5 <= seal.confidence <= 1 for seal in seals)


def test_shapes_and_boxes() -> None:
    (oval,) = detect(prepare(sample("articles-archive").image), read_text=False)
    assert oval.shape == "oval"
    x0, y0, x1, y1 = oval.bbox
    assert abs((x1 - x0) - 354) < 25 and abs((y1 - y0) - 236) < 20  # 45 x 30 mm at 200 dpi
    (round_,) = detect(prepare(sample("bank").image), read_text=False)
    assert round_.shape == "round"


def test_a_seal_picture_of_unknown_scale_as_embedded_in_docx() -> None:
    art = draw_seal(COMPANY, dpi=150, seed=9)  # RGBA, transparent paper
    (seal,) = detect(prepare(art), read_text=False)
    assert seal.colour == "red"
    assert seal.bbox[2] - seal.bbox[0] > 0.9 * art.width


def test_precision_and_recall_over_the_drawn_pages() -> None:
    """Counted per seal: a detection is right when its centre lies within a quarter
    diameter of a true seal (each true seal matched once)."""
    totals = np.zeros(3, dtype=int)
    for name in sorted(LAYOUTS):
        for dpi in (150, 200):
            for grey in (False, True):
                page = sample(name, dpi, grey, seed=dpi + len(name))
                totals += match(detect(prepare(page.image), read_text=False), page.centres)
    hits, false, missed = (int(v) for v in totals)
    precision, recall = hits / (hits + false), hits / (hits + missed)
    print(
        f"seal detection: {hits} hits, {false} false, {missed} missed; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    assert precision >= 0.95 and recall >= 0.95


# ---------------------------------------------------------------------- reading


def _read(name: str, grey: bool = False) -> tuple[Seal, ...]:
    return detect(prepare(sample(name, grey=grey, seed=3).image))


@pytest.mark.ocr
@pytest.mark.parametrize("grey", [False, True], ids=["colour", "grey"])
def test_reading_tells_authority_from_applicant(grey: bool) -> None:
    owners = [owner_of(seal, APPLICANT, (), WORDS) for seal in _read("licence-sealed", grey)]
    assert sorted(owners) in (
        [["applicant", "authority"], ["authority", "unknown"]]
        if grey
        else [["applicant", "authority"]]
    )


@pytest.mark.ocr
@pytest.mark.parametrize("grey", [False, True], ids=["colour", "grey"])
def test_reading_the_archive_query_seal(grey: bool) -> None:
    (seal,) = _read("articles-archive", grey)
    assert mentions(seal, ("档案查询", "查询专用章"))
    assert 0 < seal.ring_confidence <= 1


@pytest.mark.ocr
def test_reading_a_bank_seal() -> None:
    (seal,) = _read("bank")
    assert owner_of(seal, APPLICANT, (), WORDS) == "bank"
    assert seal.ring_text.endswith("支行") and "专用" not in seal.ring_text
    assert "专用" in seal.centre_text  # 业务专用章, under the star


@pytest.mark.ocr
def test_rapidocr_reads_the_rings_unless_tesseract_alone_is_asked_for() -> None:
    """On an oval archive seal RapidOCR reads ring and centre exactly; Tesseract, the
    engine of ``--ocr-engine tesseract``, reads them too, less well."""
    page = prepare(sample("articles-archive", seed=3).image)
    (rapid,) = detect(page)
    (tesseract,) = detect(page, engine="tesseract")
    assert (rapid.ring_text, rapid.centre_text) == (AUTHORITY.owner, "档案查询专用章")
    assert rapid.ring_confidence >= 0.9
    assert similarity(AUTHORITY.owner, tesseract.ring_text) >= 0.6
    assert "查询专用章" in tesseract.centre_text
    assert tesseract.ring_text != rapid.ring_text  # not the same reading twice


@pytest.mark.ocr
@pytest.mark.parametrize("rotation", [60, 120, 200, 290])
def test_a_name_that_runs_all_round_is_read_from_its_start(rotation: int) -> None:
    """A long name nearly closes the ring (财企猫（广州）… on a public licence copy): no gap
    tells where it starts, the reading begins wherever the stamp was turned to, and
    is turned round to start where the name does."""
    owner = "财企猫广州知识产权服务有限公司"
    page = blank_page(200)
    art = draw_seal(SealDesign(owner, arc_degrees=355), dpi=200, rotation=rotation, seed=rotation)
    stamp(page, art, (105, 150), 200)
    (seal,) = detect(prepare(page))
    assert seal.ring_text == owner


def test_a_ring_reading_is_turned_to_start_where_the_name_starts() -> None:
    """Readings as RapidOCR gave them on public seals whose gap was missed."""
    assert ring_name("场监督管理局20271019西安市") == "西安市场监督管理局"  # number in the gap
    assert ring_name("司深圳市赛风电子有限公") == "深圳市赛风电子有限公司"
    assert ring_name("有限公司深圳市瑞新盛科") == "深圳市瑞新盛科有限公司"
    assert ring_name("政干部培训中心江苏教育行") == "江苏教育行政干部培训中心"
    # Complete, or cut short at its end: left as read.
    assert ring_name("北京中导开源科技有限公司") == "北京中导开源科技有限公司"
    assert ring_name("海市工商行政管理局浦东新区分") == "海市工商行政管理局浦东新区分"
    assert ring_name("武汉市市场监督管") == "武汉市市场监督管"


@pytest.mark.ocr
def test_reading_both_parties_of_an_agreement() -> None:
    owners = {owner_of(seal, APPLICANT, (), WORDS) for seal in _read("agreement-two")}
    assert "applicant" in owners and "authority" not in owners and "bank" not in owners


@pytest.mark.ocr
def test_reading_two_seals_pressed_over_each_other() -> None:
    """Each ring is read on its own: the other seal's ink inside it is left out."""
    seals = sorted(_read("overlapping"), key=lambda seal: seal.bbox[1])
    assert len(seals) == 2
    issuer, holder = (seal.ring_text.split(" ")[0] for seal in seals)
    assert similarity(AUTHORITY.owner, issuer) > similarity(IDC.owner, issuer) + 0.2
    assert similarity(IDC.owner, holder) >= 0.75
    assert similarity(AUTHORITY.owner, holder) < 0.3
