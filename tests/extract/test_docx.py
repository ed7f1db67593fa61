"""DOCX extraction: story order, hidden text places, embedded images, container attacks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from conftest import extract_here
from docx.oxml import parse_xml
from inputs import add_member, rewrite_member, text_image, word_document

from validator.extract.settings import ExtractSettings, Limits

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
# A tracked insertion, a content control and a text box whose fallback copy
# repeats it: text python-docx's Paragraph.text would miss or double.
HIDDEN_PLACES = f"""
<w:body {NAMESPACES}>
  <w:p><w:r><w:t>甲方：</w:t></w:r><w:ins w:id="1" w:author="x"><w:r><w:t>北京某某公司</w:t></w:r></w:ins></w:p>
  <w:sdt><w:sdtContent><w:p><w:r><w:t>乙方：某某云计算有限公司</w:t></w:r></w:p></w:sdtContent></w:sdt>
  <w:p><w:r><mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>文本框：盖章处</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><w:txbxContent>
      <w:p><w:r><w:t>文本框：盖章处</w:t></w:r></w:p>
    </w:txbxContent></w:pict></mc:Fallback>
  </mc:AlternateContent></w:r><w:r><w:delText>已删除</w:delText></w:r></w:p>
</w:body>
"""


def test_headers_body_tables_and_footers_in_reading_order(tmp_path: Path) -> None:
    document = extract_here(word_document(tmp_path / "report.docx"))
    assert (document.kind, document.paged, document.error) == ("docx", False, None)
    (page,) = document.pages
    assert (page.number, page.source, page.confidence, page.size) == (1, "text", None, None)
    assert [line for line in page.text.splitlines() if line] == [
        "页眉:北京某某网络科技有限公司",
        "业务发展报告",
        "服务内容在线数据处理",
        "市场定位中小企业",
        "发展规划:三年内覆盖全国。",
        "页脚:第1页",
    ]


def test_tracked_insertions_content_controls_and_text_boxes_are_read(tmp_path: Path) -> None:
    path = tmp_path / "agreement.docx"
    document = docx.Document()
    body = document.element.body
    for element in parse_xml(HIDDEN_PLACES):
        body.insert(len(body) - 1, element)  # before the section properties
    document.save(str(path))
    lines = [line for line in extract_here(path).text.splitlines() if line]
    assert lines == ["甲方:北京某某公司", "乙方:某某云计算有限公司", "文本框:盖章处"]


def test_embedded_images_are_ocr_d_and_appended(tmp_path: Path) -> None:
    picture = text_image(["附件:信息安全负责人任命书"])
    (page,) = extract_here(word_document(tmp_path / "report.docx", image=picture)).pages
    assert page.source == "text"  # the body has text; the picture adds to it
    assert page.text.startswith("页眉:")
    assert page.text.splitlines()[-1] == "附件:信息安全负责人任命书"


def test_a_scan_pasted_into_word_counts_as_ocr(tmp_path: Path) -> None:
    path = tmp_path / "pasted.docx"
    document = docx.Document()
    picture = tmp_path / "scan.png"
    text_image().save(picture)
    document.add_picture(str(picture))
    document.save(str(path))
    (page,) = extract_here(path).pages
    assert page.source == "ocr"
    assert "北京某某网络科技有限公司" in page.text
    assert page.confidence is not None and page.confidence > 0.7


def test_ocr_mode_never_skips_embedded_images(tmp_path: Path, no_ocr: ExtractSettings) -> None:
    path = word_document(tmp_path / "report.docx", image=text_image(["附件"]))
    assert "附件" not in extract_here(path, no_ocr).text


def _error(path: Path, settings: ExtractSettings | None = None) -> tuple[str, str, str | None]:
    error = extract_here(path, settings).error
    assert error is not None
    return error.code, error.detail, error.limit


def test_a_doctype_is_rejected_and_named(tmp_path: Path) -> None:
    entity = b'<!DOCTYPE w:document [<!ENTITY name "x">]>\n'
    path = rewrite_member(
        word_document(tmp_path / "entity.docx"),
        "word/document.xml",
        lambda xml: xml.replace(b"?>", b"?>" + entity, 1),
    )
    code, detail, _ = _error(path)
    assert code == "corrupt"
    assert "word/document.xml" in detail and "DOCTYPE" in detail


def test_a_utf16_doctype_is_rejected_too(tmp_path: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16-le")
    path = add_member(word_document(tmp_path / "entity.docx"), "word/extra.xml", xml)
    assert _error(path)[:1] == ("corrupt",)


def test_a_member_that_expands_enormously_is_a_bomb(tmp_path: Path) -> None:
    path = add_member(word_document(tmp_path / "bomb.docx"), "word/media/x.bin", bytes(4 << 20))
    code, detail, limit = _error(path)
    assert (code, limit) == ("limit", "uncompressed_size")
    assert "word/media/x.bin" in detail


def test_the_declared_uncompressed_size_is_limited(tmp_path: Path) -> None:
    path = word_document(tmp_path / "report.docx")
    settings = ExtractSettings(limits=Limits(max_uncompressed_bytes=10_000))
    assert _error(path, settings)[2] == "uncompressed_size"


def test_thousands_of_members_are_refused(tmp_path: Path) -> None:
    path = word_document(tmp_path / "many.docx")
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(5_001):
            archive.writestr(f"customXml/item{i}.bin", b"")
    assert _error(path)[2] == "uncompressed_size"


def test_broken_xml_is_corrupt(tmp_path: Path) -> None:
    path = rewrite_member(
        word_document(tmp_path / "broken.docx"), "word/document.xml", lambda xml: xml[:200]
    )
    assert _error(path)[0] == "corrupt"
