"""Garbled text layers: GBK shown as Latin-1 is repaired, meaningless codes are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from tests.extract.conftest import extract_here
from validator.extract.mojibake import repair_text
from validator.extract.settings import ExtractSettings, OcrSettings

LICENCE = "营业执照 统一社会信用代码 91110108MA7HQ3KTXH"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (LICENCE.encode("gbk").decode("latin-1"), (LICENCE, "repaired")),
        ("Hôtel Côte d'Azur, résumé", ("Hôtel Côte d'Azur, résumé", "ok")),  # real French stays
        (LICENCE, (LICENCE, "ok")),
        ("\ue001\ue0a2\ue013\ue044 12", ("", "garbled")),  # private-use glyph codes
        ("\ufffd\ufffd\ufffd营", ("", "garbled")),
        ("", ("", "ok")),
    ],
)
def test_repair_text(raw: str, expected: tuple[str, str]) -> None:
    assert repair_text(raw) == expected


def test_a_pdf_whose_chinese_came_out_as_latin1_is_read_as_chinese(tmp_path: Path) -> None:
    # An old tool drew GBK bytes with a Latin-1 font: the text layer holds
    # ÓªÒµÖ´ÕÕ… where the page shows 营业执照.
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in (
        "营业执照",
        "名称 北京启衡云联科技有限公司",
        "统一社会信用代码 91110108MA7HQ3KTXH",
    ):
        pdf.cell(0, 10, line.encode("gbk").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "licence.pdf"
    pdf.output(str(path))
    document = extract_here(path, ExtractSettings(ocr=OcrSettings(mode="never")))
    (page,) = document.pages
    assert page.source == "text"
    assert "营业执照" in page.text
    assert "北京启衡云联科技有限公司" in page.text
