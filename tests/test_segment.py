from __future__ import annotations

import datetime as dt

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.extract.normalize import normalize_text
from validator.i18n import message
from validator.manifest import load_manifest
from validator.match import targets
from validator.model import Context, Page
from validator.rules import ambiguous_match
from validator.segment import _toc_entries, segments, title_lines


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


def test_continuation_page_never_starts_a_material() -> None:
    # Page 2 of a report quotes another material's title near its top, but its
    # footer says it is page 2 of 2: it belongs to the report.
    report = MATERIALS["business.development_report"][1] + "\n第1页共2页"
    page_two = "六、申请许可的必要性\n需取得增值电信业务经营许可证\n公司(盖章)\n第2页共2页"
    document = doc("业务发展报告.pdf", report, page_two)
    assert [s.first for s in segments(document, _specs())] == [None]


def test_wrapped_body_lines_are_not_titles() -> None:
    body = "根据管理办法,公司通过互联网向用户有偿提供信息服务,需取得增值电信业务经营许可证"
    assert title_lines("六、必要性\n" + body) == ["六、必要性"]


def test_toc_with_page_ranges_decides_the_ranges() -> None:
    # Entries run text and page number together, give ranges, and name
    # materials by words the content keywords lack (身份证复印件).
    toc = "目录\n一、企业法人营业执照副本复印件2\n二、公司章程3-4\n三、法定代表人身份证复印件5-6\n四、股东结构说明7"
    pages = [
        toc,
        MATERIALS["company.business_license"][1],
        "区市场\n杂乱的印章文字\n"
        + MATERIALS["company.articles"][1],  # heading buried by seal text
        "第二章 股东\n股东会",
        "法定代表人身份证复印件(正面)\n姓名 王明远",
        "签发机关 北京市公安局",
        MATERIALS["company.shareholders"][1],
    ]
    pkg = package(doc("合订本.pdf", *pages))
    ranges = {(a.item, a.first, a.last) for a in pkg.assignments}
    assert ranges == {
        ("company.business_license", 2, 2),
        ("company.articles", 3, 4),
        ("company.legal_rep_id", 5, 6),
        ("company.shareholders", 7, 7),
    }


def test_two_toc_entries_for_one_item_stay_two_documents() -> None:
    toc = "目录\n一、信息安全负责人任命文件 2\n二、信息安全负责人资质证书(CISP) 3"
    pages = [toc, MATERIALS["personnel.security_officer"][1], "注册信息安全专业人员证书\nCISP"]
    pkg = package(doc("人员.pdf", *pages))
    assert {(a.first, a.last) for a in pkg.assigned("personnel.security_officer")} == {
        (2, 2),
        (3, 3),
    }


# The 目录 of a 20-page scanned binder as Tesseract (chi_sim, psm 6) reads it:
# dot leaders become letter noise, the first and eleventh entries are lost,
# and two page numbers carry stray punctuation (第11页, / :第14页,).
OCR_TOC = normalize_text(
    "目 录\n"
    "二、公 司 章 程 eesssssssssssns    第3页\n"
    "三、法定代表人身份证复印件.es    第5页\n"
    "四、股 东 结 构 说 明 ......... 第7页\n"
    "五、信息安全负责人任命砷eesesessssssssees    第8页\n"
    "六、信息安全负责人资质证书(CISP) ...... 第9页\n"
    "七、银行资信证明      本    第10页\n"
    "八、验 资 报 告 ........ 第11页,\n"
    "九、IDC许可证        和    第12页\n"
    "十、业务发展报告 ......:第14页,\n"
    "十二、服务流程说明     es    第18页\n"
    "十三、主要技术人员简历 ...... 第20页"
)
BINDER = [
    OCR_TOC,  # 1
    MATERIALS["company.business_license"][1],  # 2: its entry was lost
    MATERIALS["company.articles"][1],  # 3
    "第二章 股东\n股东会",  # 4
    MATERIALS["company.legal_rep_id"][1],  # 5
    "签发机关 北京市公安局",  # 6
    MATERIALS["company.shareholders"][1],  # 7
    MATERIALS["personnel.security_officer"][1],  # 8
    "注册信息安全专业人员证书\nCISP",  # 9
    MATERIALS["funding.proof"][1],  # 10
    MATERIALS["funding.capital_verification"][1],  # 11: 第11页,
    MATERIALS["other.provider_license"][1],  # 12
    "业务覆盖范围 北京\n许可证附件",  # 13
    MATERIALS["business.development_report"][1],  # 14: :第14页,
    "五、风险分析\n市场竞争",  # 15
    MATERIALS["business.technical_plan"][1],  # 16: its entry was lost
    "四、运维\n7x24 值守",  # 17
    MATERIALS["business.service_flow"][1],  # 18
    "4. 售后服务\n客服热线",  # 19
    MATERIALS["personnel.staff_resumes"][1],  # 20
]


def test_ocr_damaged_toc_is_cross_checked_with_page_titles() -> None:
    pkg = package(doc("合订本.pdf", *BINDER, source="ocr"))
    ranges = {(a.item, a.first, a.last) for a in pkg.assignments}
    assert ranges == {
        ("company.business_license", 2, 2),
        ("company.articles", 3, 4),
        ("company.legal_rep_id", 5, 6),
        ("company.shareholders", 7, 7),
        ("personnel.security_officer", 8, 8),
        ("personnel.security_officer", 9, 9),
        ("funding.proof", 10, 10),
        ("funding.capital_verification", 11, 11),
        ("other.provider_license", 12, 13),
        ("business.development_report", 14, 15),
        ("business.technical_plan", 16, 17),
        ("business.service_flow", 18, 19),
        ("personnel.staff_resumes", 20, 20),
    }
    # Where the titles overrode the 目录, an info finding says so, page by page.
    assert {(c.titled, c.first, c.listed) for c in pkg.toc_corrections} == {
        ("company.business_license", 2, None),
        ("business.technical_plan", 16, None),
    }


def test_page_number_followed_by_ocr_punctuation_is_still_an_entry() -> None:
    lines = "八、验资报告 ........ 第11页,\n十、业务发展报告 ......:第14页,"
    toc = Page(number=1, text=normalize_text(lines), source="ocr")
    assert _toc_entries(toc, _specs()) == {
        11: _spec_index("funding.capital_verification"),
        14: _spec_index("business.development_report"),
    }


def _spec_index(item: str) -> int:
    return [t.item for t in targets(load_manifest("icp"))].index(item)


def test_toc_findings_name_what_the_titles_said() -> None:
    pkg = package(doc("合订本.pdf", *BINDER, source="ocr"))
    found = {
        (f.message_id, f.item, f.page)
        for f in ambiguous_match.check(pkg, Context(as_of=dt.date(2026, 6, 1)))
    }
    assert found == {
        ("ambiguous-match.toc-missing-entry", "company.business_license", 2),
        ("ambiguous-match.toc-missing-entry", "business.technical_plan", 16),
    }


def test_a_page_titled_as_another_material_than_its_toc_entry_follows_its_title() -> None:
    # The 目录 says the 验资报告 starts on page 3; page 3 is titled 资信证明.
    toc = "目录\n一、营业执照 ...... 第2页\n二、验资报告 ...... 第3页\n三、公司章程 ...... 第4页"
    pages = [
        toc,
        MATERIALS["company.business_license"][1],
        MATERIALS["funding.proof"][1],
        MATERIALS["company.articles"][1],
    ]
    pkg = package(doc("合订本.pdf", *pages))
    assert ("funding.proof", 3, 3) in {(a.item, a.first, a.last) for a in pkg.assignments}
    (finding,) = ambiguous_match.check(pkg, Context(as_of=dt.date(2026, 6, 1)))
    assert finding.message_id == "ambiguous-match.toc-disagrees"
    text = message(finding.message_id, "zh", finding.arguments)
    assert "验资报告" in text and "资信证明" in text
