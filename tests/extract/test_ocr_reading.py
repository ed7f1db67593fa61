"""Boxes of text put back into lines: rows, stacked labels, columns (boxes as RapidOCR gave them)."""

from __future__ import annotations

from validator.extract.ocr.choice import wants_second_reading
from validator.extract.ocr.reading import COLUMN_MARK, OcrReading, reading_of, rows
from validator.model import TextLine
from validator.segment import TOC_ENTRY


def _line(text: str, box: tuple[int, int, int, int]) -> TextLine:
    return TextLine(text, box, 0.99)


def _text(*boxes: TextLine) -> list[str]:
    return reading_of(rows(boxes), "rapidocr", 0.99).text.splitlines()


def test_a_spaced_label_and_its_value_form_one_line() -> None:
    # 1.png of the corpus: 名　　称 湖北荣创科技有限公司, one row of three boxes.
    assert _text(
        _line("湖北荣创科技有限公司", (266, 358, 470, 380)),
        _line("名", (162, 356, 182, 378)),
        _line("称", (238, 357, 258, 379)),
        _line("类", (161, 400, 181, 422)),
        _line("型", (237, 402, 257, 424)),
        _line("有限责任公司", (274, 404, 420, 426)),
    ) == ["名称湖北荣创科技有限公司", "类型有限责任公司"]


def test_a_stacked_column_of_label_characters_is_cut_into_its_rows() -> None:
    # 0000.jpg of the corpus: the detector read 名 above 类 as one tall box.
    assert _text(
        _line("名类", (152, 604, 206, 742)),
        _line("陕西如高电气有限公司", (381, 607, 674, 651)),
        _line("称", (298, 612, 354, 656)),
        _line("有限责任公司(自然人投资或控股)", (381, 690, 807, 731)),
        _line("型", (303, 693, 352, 738)),
    ) == ["名称陕西如高电气有限公司", "类型有限责任公司(自然人投资或控股)"]


def test_a_wide_gap_between_columns_is_marked() -> None:
    lines = _text(
        _line("法定代表人", (156, 775, 355, 822)),
        _line("孔令望", (381, 774, 478, 816)),
        _line("营业期限", (1162, 782, 1347, 828)),
        _line("长期", (1366, 782, 1430, 822)),
    )
    assert lines == [f"法定代表人孔令望{COLUMN_MARK}营业期限长期"]


def test_a_contents_entry_keeps_its_page_number() -> None:
    (line,) = _text(
        _line("二、公司章程", (200, 500, 420, 540)), _line("3-4", (1300, 500, 1350, 540))
    )
    entry = TOC_ENTRY.match(line)
    assert entry is not None and entry.group("page") == "3"


def test_a_half_read_range_end_asks_for_a_second_reading() -> None:
    # Tesseract on a grey 110-dpi hosting agreement: the term's end lost.
    def reading(text: str) -> OcrReading:
        return OcrReading(text, 0.9)

    assert wants_second_reading(reading("服务期限 2025年01月01日至2027年1\n双方签字后生效。" * 3))
    assert wants_second_reading(reading("有效期 2018.05.20-\n" + "本制度自发布之日起施行。" * 40))
    assert not wants_second_reading(
        reading("服务期限 2025年01月01日至2027年12月31日\n" + "双方应当遵守本协议。" * 40)
    )


def test_prose_that_names_a_field_once_is_not_read_twice() -> None:
    # A page of a business report as the benchmark's scans print it: one 注册资本 in prose.
    prose = (
        "本公司注册资本为人民币壹仟万元，主营互联网信息服务。"
        + "我们持续投入研发，完善服务流程。" * 30
    )
    assert not wants_second_reading(OcrReading(prose, 0.92))
    licence = (
        "统一社会信用代码91110108MA01ABCDEN\n注册资本人民币壹仟万元\n营业期限长期\n"
        + "经营范围技术开发。" * 60
    )
    assert wants_second_reading(OcrReading(licence, 0.92))
