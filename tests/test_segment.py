from __future__ import annotations

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.manifest import load_manifest
from validator.match import targets
from validator.segment import segments, title_lines


def _specs():  # type: ignore[no-untyped-def]
    return [t.spec for t in targets(load_manifest("icp"))]


def test_single_material_multi_page_document_stays_whole() -> None:
    document = doc(
        "技术方案.pdf",
        MATERIALS["business.technical_plan"][1],
        "三、安全保障措施\n部署防火墙与入侵检测，数据加密传输",
        "四、运维\n7x24 值守",
    )
    assert [s.first for s in segments(document, _specs())] == [None]


def test_combined_pdf_is_split_by_content_with_page_ranges() -> None:
    pages = [
        MATERIALS["company.business_license"][1],
        MATERIALS["company.articles"][1],
        "第二章 股东\n股东出资额与出资方式",  # continuation of the 章程
        MATERIALS["security.protection_plan"][1],
    ]
    pkg = package(doc("汇编.pdf", *pages))
    ranges = {(a.item, a.first, a.last) for a in pkg.assignments}
    assert ranges == {
        ("company.business_license", 1, 1),
        ("company.articles", 2, 3),
        ("security.protection_plan", 4, 4),
    }


def test_toc_page_is_skipped_and_names_start_pages() -> None:
    toc = "目录\n营业执照 ........ 2\n公司章程 ........ 3\n居民身份证 ........ 4"
    # The ID card page carries no heading of its own: only the 目录 says where it starts.
    id_card = "姓名 王明远\n性别 男\n住址 北京市海淀区\n号码 110108198503154318"
    pages = [
        toc,
        MATERIALS["company.business_license"][1],
        MATERIALS["company.articles"][1],
        id_card,
    ]
    pkg = package(doc("材料汇编.pdf", *pages))
    ranges = {(a.item, a.first, a.last) for a in pkg.assignments}
    assert ("company.business_license", 2, 2) in ranges
    assert ("company.articles", 3, 3) in ranges
    assert ("company.legal_rep_id", 4, 4) in ranges
    assert all(a.first != 1 for a in pkg.assignments)


def test_title_lines_are_the_first_short_lines() -> None:
    text = "\n  营业执照 \n(副本)\n" + "很长的正文" * 20 + "\n名称\n法定代表人"
    assert title_lines(text) == ["营业执照", "(副本)", "名称"]
