"""Boxes of text put back into lines: rows, stacked labels, columns (boxes as RapidOCR gave them)."""

from __future__ import annotations

from validator.extract.ocr.choice import SPARSE_PAGE_CHARS, wants_second_reading
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


def test_a_licence_tesseract_garbled_is_read_again_however_sure_it_was() -> None:
    # 0044.jpg as Tesseract 5.5 (tesserocr's wheel) read it, at a mean confidence of 0.606:
    # of the licence's labels only 法定代表人 came through, and 执照 in its scope's last line.
    licence = (
        "91310113631896624]和 AAA 有和上\n,名称,五治集团上海有限公司注册资林、A 展币100000.0060万元1\n"
        "1法定代表人张。、住 ” “所上海市宝山区东太路301号0\n"
        "下|经营范围许可项目,建设工程施工施工专业作业;建筑物拆除作业《爆破作业除 U\n"
        "外);特种设备安装改造修理;输电、供电、受电电力设施的安装、维修\n"
        "WU 和试验;房地产开发经营;建设工程设计,测绘服务,道路货物运输〈不,\n"
        "人含危险货物。《依法须经批准的项目,经相关部门批准后方可开展经营 L\n"
        "5活动,具体经四需目以相关部月批准文件或许可证作汶准)一 Se\n"
        "攻 E 下二般据目,营通机相设备安装服务,电于、机械设各维护《不售特种必 “ 和 sa = c 叶用录外\n"
        "2各下,建筑材料销售,建筑征程机械与设各租赁,货物进出口;技术进出|全 NSS [二\n"
        "几口上对外承包工程二技术服务、技术开发技术咨询、技术交流、技术转 Xe 人次 R\n"
        "让技术推户,装印搬天劳务服务〈不冤劳务派造),正程管理服务。着2由\n"
        "人《除依法须经批准的项目外,赁营业执照依法自主开展经营活动)登记机奖 NS\n"
        "RE 家企业信用信息公示系统报送公示年度报和国家市场监督管理总局监制"
    )
    assert sum(ch.isalnum() for ch in licence) >= SPARSE_PAGE_CHARS  # no sparse page
    assert wants_second_reading(OcrReading(licence, 0.606))
