"""Phone photos of pages: a slight tilt is straightened before OCR; resolution comes from pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_here
from inputs import text_image
from PIL import Image
from seal_pages import round_seal, scanned

from validator.extract.deskew import estimate_skew, straightened

# Full-width lines, as on a real licence: tilted, they drift across each other's rows.
LINES = (
    "经营范围：技术开发、技术咨询、技术服务；第二类增值电信业务",
    "住所：北京市海淀区某某路甲一号某某大厦十八层一八零一室",
    "营业期限：2018年03月15日至长期 登记机关：北京市海淀区市场监督管理局",
) * 3
A4_WIDTH_200DPI = 1654


def _tilted(degrees: float, seed: int = 0) -> Image.Image:
    """The page photographed turned ``degrees`` counter-clockwise, with a scanner's noise."""
    page = text_image(LINES, width=A4_WIDTH_200DPI)
    turned = page.rotate(degrees, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    return scanned(turned, seed=seed).convert("RGB")


@pytest.mark.parametrize("degrees", [-8.0, -3.0, -1.2, 2.0, 5.5])
def test_the_tilt_is_measured(degrees: float) -> None:
    assert estimate_skew(_tilted(degrees)) == pytest.approx(degrees, abs=0.25)


def test_a_level_or_empty_page_is_left_alone() -> None:
    level = _tilted(0.0)
    assert estimate_skew(level) == 0.0
    assert straightened(level) is level
    blank = Image.new("RGB", (1200, 1600), "white")
    assert straightened(blank) is blank


def test_a_straightened_page_measures_level() -> None:
    assert abs(estimate_skew(straightened(_tilted(6.0)))) < 0.25


def test_a_tilted_photo_is_read_after_straightening(tmp_path: Path) -> None:
    path = tmp_path / "IMG_2041.jpg"
    _tilted(-7.0, seed=3).save(path, quality=85, dpi=(72, 72))
    (page,) = extract_here(path).pages
    assert page.text.count("第二类增值电信业务") == 3  # read 0 times without straightening
    assert page.text.count("至长期") == 3
    assert page.confidence is not None and page.confidence > 0.8


def test_seal_boxes_stay_in_the_photo_s_own_pixels(tmp_path: Path) -> None:
    photo = _tilted(-5.0, seed=4)
    box = round_seal(photo, 200, (150, 60), "北京某某网络科技有限公司", diameter_mm=40)
    path = tmp_path / "sealed.png"
    photo.save(path)
    (page,) = extract_here(path).pages
    (seal,) = page.seals
    assert all(abs(got - want) <= 12 for got, want in zip(seal.bbox, box, strict=True))


@pytest.mark.parametrize(("width", "dpi"), [(1240, 150), (2480, 300), (620, 75)])
def test_a_72_dpi_phone_photo_is_judged_by_its_pixels(tmp_path: Path, width: int, dpi: int) -> None:
    """Phones write 72 dpi whatever the photo: an A4 page 1240 px wide is a 150 dpi scan."""
    photo = Image.new("RGB", (width, round(width * 297 / 210)), "white")
    path = tmp_path / "photo.jpg"
    photo.save(path, dpi=(72, 72))
    assert Image.open(path).info["dpi"] == (72, 72)
    (page,) = extract_here(path).pages
    assert page.dpi == dpi
