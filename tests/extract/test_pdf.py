"""PDF extraction: text layers, scans, garbled fonts, passwords, damage, limits."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import extract_here
from inputs import LICENCE_LINES, LOOPING_PDF, scan_pdf, text_image, text_pdf, without_unicode_maps

from validator.extract.formats.pdf import opened_pdf
from validator.extract.normalize import meaningful_chars, normalize_text
from validator.extract.settings import ExtractSettings, Limits, OcrSettings

SECOND_PAGE = ["统一社会信用代码：91110000MA01ABCD1X", "经营范围：第二类增值电信业务"]
# Over a hundred distinct characters: without Unicode maps their glyph numbers
# run into the codes of Latin letters and digits, so the garbage looks like text.
MANY_CHARACTERS = [
    "申请单位承诺所提交的全部材料真实有效",
    "公司具备开展增值电信业务的技术条件",
    "并已落实网络与信息安全保障措施和管理制度",
    "本报告说明业务模式服务内容市场定位及发展规划",
    "用户注册使用付费流程清晰数据备份访问控制加密",
    "防火墙入侵检测病毒防护定期演练应急响应机制",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs of this module, written once (embedding a CJK font takes a while)."""
    folder = tmp_path_factory.mktemp("pdf")
    text_pdf(folder / "text.pdf", [LICENCE_LINES, SECOND_PAGE])
    text_pdf(folder / "owner.pdf", [LICENCE_LINES], owner_password="only-the-owner")
    text_pdf(folder / "user.pdf", [LICENCE_LINES], user_password="secret")
    without_unicode_maps(text_pdf(folder / "garbled.pdf", [MANY_CHARACTERS]))
    scan_pdf(folder / "scan.pdf", [text_image()], dpi=150)
    data = (folder / "text.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    text_pdf(folder / "giant.pdf", [["大"]], page_mm=(5080, 5080))
    return folder


def test_text_layer_pages_are_read_without_ocr(folder: Path) -> None:
    document = extract_here(folder / "text.pdf")
    assert document.error is None
    assert (document.kind, document.paged) == ("pdf", True)
    first, second = document.pages
    assert first.text.splitlines() == [
        "营业执照",
        "名称:北京某某网络科技有限公司",
        "法定代表人:张三",
        "成立日期:2018年03月15日",
    ]
    assert second.text == "统一社会信用代码:91110000MA01ABCD1X\n经营范围:第二类增值电信业务"
    assert [(p.number, p.source, p.confidence) for p in document.pages] == [
        (1, "text", None),
        (2, "text", None),
    ]
    # every page is still rendered, for the seal detector: A4 at the OCR dpi
    assert (first.size, first.dpi) == ((1654, 2339), 200)


def test_a_short_text_layer_page_is_ocr_d(folder: Path) -> None:
    settings = ExtractSettings(min_text_chars=1000)
    page = extract_here(folder / "text.pdf", settings).pages[0]
    assert page.source == "ocr"
    assert "北京某某网络科技有限公司" in page.text
    assert page.confidence is not None and page.confidence > 0.7


def test_a_scanned_page_is_ocr_d_and_keeps_the_scan_resolution(folder: Path) -> None:
    document = extract_here(folder / "scan.pdf")
    (page,) = document.pages
    assert document.error is None
    assert page.source == "ocr"
    assert "法定代表人:张三" in page.text
    assert "2018年03月15日" in page.text
    assert page.confidence is not None and page.confidence > 0.7
    assert page.dpi == 150  # the embedded scan's, not the 200 dpi rendering's
    assert page.size is not None and abs(page.size[0] - 1000 / 150 * 200) <= 1


def test_a_garbled_text_layer_is_replaced_by_ocr(folder: Path) -> None:
    with opened_pdf(folder / "garbled.pdf") as document:
        garbage = normalize_text(document[0].get_textpage().get_text_bounded())
    assert meaningful_chars(garbage) > ExtractSettings().min_text_chars  # enough to pass as text
    (page,) = extract_here(folder / "garbled.pdf").pages
    assert page.source == "ocr"
    assert "网络与信息安全保障措施" in page.text


def test_ocr_mode_never_leaves_scans_unread(folder: Path, no_ocr: ExtractSettings) -> None:
    (page,) = extract_here(folder / "scan.pdf", no_ocr).pages
    assert (page.source, page.text, page.confidence) == ("none", "", None)
    assert page.size is not None  # still rendered for seals


def test_ocr_mode_always_reads_text_pages_by_ocr_too(folder: Path) -> None:
    settings = ExtractSettings(ocr=OcrSettings(mode="always"))
    document = extract_here(folder / "text.pdf", settings)
    assert [page.source for page in document.pages] == ["ocr", "ocr"]


def test_an_owner_password_does_not_stop_reading(folder: Path) -> None:
    document = extract_here(folder / "owner.pdf")
    assert document.error is None
    assert "营业执照" in document.text


def test_a_user_password_is_reported_as_encrypted(folder: Path) -> None:
    document = extract_here(folder / "user.pdf")
    assert document.error is not None
    assert (document.kind, document.error.code) == ("pdf", "encrypted")
    assert document.pages == ()


def test_a_truncated_pdf_is_corrupt(folder: Path) -> None:
    document = extract_here(folder / "truncated.pdf")
    assert document.error is not None and document.error.code == "corrupt"


def test_a_looping_page_tree_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "loop.pdf"
    path.write_bytes(LOOPING_PDF)
    document = extract_here(path)
    assert document.error is not None and document.error.code == "corrupt"


def test_pages_over_the_limit(folder: Path) -> None:
    settings = ExtractSettings(limits=Limits(max_pages=1))
    document = extract_here(folder / "text.pdf", settings)
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "pages")


def test_a_page_too_large_to_render_is_a_pixel_limit(folder: Path) -> None:
    """14,400 pt sides would be a 1.6-gigapixel bitmap at 200 dpi: refused before rendering."""
    document = extract_here(folder / "giant.pdf")
    assert document.error is not None
    assert (document.error.code, document.error.limit) == ("limit", "pixels")


def test_the_pixel_limit_counts_the_render_resolution(folder: Path) -> None:
    a4_pixels_at_200_dpi = 1654 * 2339
    limits = Limits(max_pixels=a4_pixels_at_200_dpi - 10_000)
    document = extract_here(folder / "text.pdf", ExtractSettings(limits=limits))
    assert document.error is not None and document.error.limit == "pixels"
    low = dataclasses.replace(ExtractSettings(limits=limits), ocr=OcrSettings(dpi=150))
    assert extract_here(folder / "text.pdf", low).error is None
