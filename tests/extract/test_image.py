"""Scanned images: EXIF rotation, orientation, frames, resolution, bombs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_here
from inputs import LICENCE_LINES, NOTO_SANS, NOTO_SC_INDEX, oversized_png, text_image
from PIL import Image, ImageDraw, ImageFont, ImageOps

from validator.extract.formats.image import effective_dpi, text_dpi, working_copy
from validator.extract.settings import ExtractSettings, Limits

NAME = "北京某某网络科技有限公司"
# EXIF tag 0x0112: 6 means "turn 90° clockwise to view".
ORIENTATION_TAG = 0x0112
TURN_CLOCKWISE = 6


def test_a_jpeg_scan_is_ocr_d(tmp_path: Path) -> None:
    path = tmp_path / "licence.jpg"
    text_image().save(path, quality=90, dpi=(72, 72))
    document = extract_here(path)
    (page,) = document.pages
    assert (document.kind, document.error) == ("image", None)
    assert (page.number, page.source) == (1, "ocr")
    assert NAME in page.text and "成立日期:2018年03月15日" in page.text
    assert page.confidence is not None and page.confidence > 0.7
    assert page.size == text_image().size
    # A 1000×316 crop is no A4 page: its resolution is judged from the size of its
    # text, never from the 72 dpi the file claims.
    assert page.engine == "rapidocr"
    assert page.dpi == text_dpi(page.lines) != 72


@pytest.mark.parametrize("dpi", [100, 200])
def test_a_photo_s_resolution_is_judged_from_its_text(tmp_path: Path, dpi: int) -> None:
    """10.5 pt text photographed at ``dpi`` in a 4:3 frame reads as about ``dpi``."""
    font = ImageFont.truetype(NOTO_SANS, round(10.5 / 72 * dpi), index=NOTO_SC_INDEX)
    photo = Image.new("RGB", (round(4 * dpi), round(3 * dpi)), "white")
    draw = ImageDraw.Draw(photo)
    for row, line in enumerate(LICENCE_LINES):
        draw.text((dpi // 4, dpi // 4 + row * dpi // 3), line, fill="black", font=font)
    photo.save(tmp_path / "photo.jpg", quality=92)
    (page,) = extract_here(tmp_path / "photo.jpg").pages
    assert page.dpi is not None and abs(page.dpi - dpi) <= 0.2 * dpi
    assert abs(effective_dpi(photo.size) - dpi) > 0.2 * dpi  # the A4 judgement would be wrong


def test_a_flat_a4_scan_keeps_the_a4_judgement(tmp_path: Path) -> None:
    scan = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    scan.paste(text_image().convert("L"), (100, 100))
    scan.save(tmp_path / "scan.png")
    (page,) = extract_here(tmp_path / "scan.png").pages
    assert page.engine == "rapidocr"  # a licence's words: read again by RapidOCR
    assert page.dpi == 150


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    upright = text_image()
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as a phone held sideways stores it
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = TURN_CLOCKWISE
    path = tmp_path / "phone.jpg"
    stored.save(path, exif=exif, quality=90)
    (page,) = extract_here(path).pages
    assert page.size == upright.size
    assert NAME in page.text


def test_a_sideways_scan_without_exif_is_turned_upright(tmp_path: Path) -> None:
    path = tmp_path / "sideways.png"
    text_image([*LICENCE_LINES, *LICENCE_LINES]).rotate(90, expand=True).save(path)
    (page,) = extract_here(path).pages
    assert NAME in page.text


def test_transparency_is_flattened_onto_white(tmp_path: Path) -> None:
    ink = ImageOps.invert(text_image().convert("L"))
    clear = Image.new("RGBA", ink.size, (0, 0, 0, 0))  # black everywhere, clear except the ink
    clear.putalpha(ink)
    path = tmp_path / "clear.png"
    clear.save(path)
    (page,) = extract_here(path).pages
    assert NAME in page.text


def test_each_tiff_frame_is_a_page(tmp_path: Path) -> None:
    first = text_image(["第一页", "营业执照"])
    second = text_image(["第二页", "法定代表人:张三"])
    path = tmp_path / "two.tif"
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")
    document = extract_here(path)
    assert [page.number for page in document.pages] == [1, 2]
    assert "营业执照" in document.pages[0].text
    assert "张三" in document.pages[1].text
    assert all(page.source == "ocr" for page in document.pages)


def test_a_bmp_scan_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.bmp"
    text_image().save(path)
    assert NAME in extract_here(path).text


def test_ocr_mode_never_reads_no_image(tmp_path: Path, no_ocr: ExtractSettings) -> None:
    path = tmp_path / "scan.png"
    text_image().save(path)
    (page,) = extract_here(path, no_ocr).pages
    assert (page.source, page.text) == ("none", "")
    assert page.size == text_image().size


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    document = extract_here(oversized_png(tmp_path / "bomb.png", 40_000, 40_000))
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "pixels")


def test_pillow_s_warning_range_is_an_error_too(tmp_path: Path) -> None:
    """Pillow only warns between its limit and twice that; the warning counts as a hit."""
    path = tmp_path / "big.png"
    text_image().save(path)
    pixels = text_image().width * text_image().height
    document = extract_here(path, ExtractSettings(limits=Limits(max_pixels=pixels * 2 // 3)))
    assert document.error is not None and document.error.limit == "pixels"


def test_a_truncated_image_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    text_image().save(path)
    path.write_bytes(path.read_bytes()[:2000])
    document = extract_here(path)
    assert document.error is not None and document.error.code == "corrupt"


@pytest.mark.parametrize(
    ("size", "dpi"),
    [((1240, 1754), 150), ((1754, 1240), 150), ((2480, 3508), 300), ((827, 1169), 100)],
)
def test_effective_dpi_takes_the_page_to_be_a4(size: tuple[int, int], dpi: int) -> None:
    assert effective_dpi(size) == dpi


def test_a_fine_scan_is_scaled_to_the_ocr_resolution() -> None:
    fine = Image.new("RGB", (4960, 7016), "white")  # A4 at 600 dpi
    work, scale, dpi = working_copy(fine, 600, 200)
    assert (work.size, dpi) == ((1653, 2339), 200)
    assert scale == pytest.approx(1 / 3)
    near = Image.new("RGB", (1654, 2339), "white")
    assert working_copy(near, 240, 200) == (near, 1.0, 240)
