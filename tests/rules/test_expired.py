"""expired: validity ends before the as-of date, printed or estimated from the catalogue."""

from __future__ import annotations

import pytest

from tests.builders import doc, ocr_doc
from tests.rules.text_helpers import ID_NUMBER, clean_documents, rows, run
from validator.model import Document, Severity
from validator.rules import expired

E = "expired"
ID_CARD = (
    "中华人民共和国\n居民身份证\n签发机关 北京市公安局\n有效期限 {}\n公民身份号码 " + ID_NUMBER
)
OFFICER = "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n{}"


def _domain(end: str, kind: str = "pdf", source: str = "text") -> Document:
    name = "域名证书.docx" if kind == "docx" else "域名证书.pdf"
    text = f"域名注册证书\n域名 yunqi-tech.cn\n注册日期 2019年06月01日\n到期日期 {end}"
    return doc(name, text, kind=kind, source=source)


CASES = [
    ("id card ended", doc("身份证.jpg", ID_CARD.format("2010.05.01-2020.05.01"), kind="image", source="ocr"),
     [(E, "company.legal_rep_id", "身份证.jpg", 1, None)]),
    ("id card valid", doc("身份证.jpg", ID_CARD.format("2020.05.01-2040.05.01")), []),
    ("id card indefinite", doc("身份证.jpg", ID_CARD.format("2016.05.01-长期")), []),
    ("licence 长期", doc("营业执照.pdf", "营业执照\n成立日期 2000年01月01日\n营业期限 2000年01月01日至长期"), []),
    ("licence ended", doc("营业执照.pdf", "营业执照\n成立日期 2000年01月01日\n营业期限 2000年01月01日至2020年01月01日"),
     [(E, "company.business_license", "营业执照.pdf", 1, None)]),
    ("domain ended", _domain("2026年05月31日"), [(E, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("ends on the as-of day", _domain("2026年06月01日"), []),
    ("OCR O for 0", _domain("2O26年O5月3l日", kind="image", source="ocr"),
     [(E, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("OCR spaces", _domain("2 0 2 6 年 5 月 3 1 日", source="ocr"),
     [(E, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("full-width digits", _domain("２０２６－０５－３１"), [(E, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("Chinese numerals", _domain("二〇二六年五月三十一日"), [(E, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("DOCX has no page", _domain("2020-01-01", kind="docx"), [(E, "other.domain_certificate", "域名证书.docx", None, None)]),
    ("domain 长期 is undated's business", _domain("长期"), []),
    ("an old issue date is no expiry",
     doc("服务器托管协议.pdf", "服务器托管协议\n甲方 北京云启智联科技有限公司\n签订日期 2019年01月01日\n服务期限 2025年01月01日至2027年12月31日"), []),
    ("end on the second page", doc("IDC许可证.pdf", "增值电信业务经营许可证\n许可证编号 B1-20180123", "业务种类 互联网数据中心业务\n有效期至 2023年05月30日"),
     [(E, "other.provider_license", "IDC许可证.pdf", 2, None)]),
    ("printed certificate end", doc("安全负责人任命书.pdf", OFFICER.format("CISP 证书编号 CNITSEC2017CISE02995\n发证日期 2017年05月01日\n有效期至 2020年04月30日")),
     [(E, "personnel.security_officer", "安全负责人任命书.pdf", 1, None)]),
    ("estimated certificate end", doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书\n签发日期 2020-01-01")),
     [(E, "personnel.security_officer", "安全负责人任命书.pdf", 1, Severity.WARNING)]),
    ("certificate within its catalogue validity", doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书\n签发日期 2025-01-01")), []),
    ("a qualification that never expires", doc("安全负责人任命书.pdf", OFFICER.format("软考信息安全工程师 发证日期 2010年01月01日")), []),
    # Tesseract on real licence photos: the range's end half-read, or 长期 misread.
    ("end half-read is unread, never the start",
     doc("营业执照.jpg", "营业执照\n法定代表人汤卑渊营业期限2011年03月14日至2031年03月13晶中", kind="image", source="ocr"),
     [(E, "company.business_license", "营业执照.jpg", 1, Severity.INFO)]),
    ("end cut to 年月日", doc("营业执照.jpg", "营业执照\n1法定代表人王玉琢营业期限2019年05月08日至年月日", kind="image", source="ocr"),
     [(E, "company.business_license", "营业执照.jpg", 1, Severity.INFO)]),
    ("end cut after its month", doc("营业执照.jpg", "营业执照\n营业期限2014年07月15日至2034年07", kind="image", source="ocr"),
     [(E, "company.business_license", "营业执照.jpg", 1, Severity.INFO)]),
    ("长期 misread as 长其", doc("营业执照.jpg", "营业执照\n营业期限2014年07月15日至长其|", kind="image", source="ocr"), []),
    ("ID card end lost", doc("身份证.jpg", ID_CARD.format("2018.05.20-"), kind="image", source="ocr"),
     [(E, "company.legal_rep_id", "身份证.jpg", 1, Severity.INFO)]),
    ("each certificate on its own", doc("安全负责人任命书.pdf", OFFICER.format("CISSP 有效期至2027年1月1日\nCISP 有效期至2021年1月1日")),
     [(E, "personnel.security_officer", "安全负责人任命书.pdf", 1, None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_expired(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(expired, document)) == expected


def test_message_names_the_end_and_quotes_the_line() -> None:
    (finding,) = run(expired, _domain("2026年05月31日"))
    assert finding.message_id == "expired.end"
    assert finding.arguments == {"end": "2026-05-31", "as_of": "2026-06-01"}
    assert finding.evidence == "到期日期 2026年05月31日"


def test_estimated_end_says_how_it_was_counted() -> None:
    document = doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书\n签发日期 2020-01-01"))
    (finding,) = run(expired, document)
    assert finding.message_id == "expired.estimated"
    assert finding.arguments["end"] == "2022-12-31"
    assert (finding.arguments["issued"], finding.arguments["years"]) == ("2020-01-01", "3")
    assert finding.arguments["certification"] == "CISSP"


def test_printed_certificate_end_names_the_certificate() -> None:
    text = OFFICER.format("CISP 证书编号 CNITSEC2017CISE02995\n有效期至 2020年04月30日")
    (finding,) = run(expired, doc("安全负责人任命书.pdf", text))
    assert finding.message_id == "expired.certificate"
    assert finding.arguments["certification"] == "CISP"


def test_page_of_a_range_in_a_combined_pdf() -> None:
    licence = "营业执照\n统一社会信用代码 91110108MA01ABCDEN\n名称 北京云启智联科技有限公司\n营业期限 长期"
    idc = "增值电信业务经营许可证\n许可证编号 B1-20180123\n业务种类 互联网数据中心业务\n有效期至 2023年05月30日"
    combined = doc("申请材料合订本.pdf", licence, idc)
    assert rows(run(expired, combined)) == [
        (E, "other.provider_license", "申请材料合订本.pdf", 2, None)
    ]


def test_silent_on_the_clean_package() -> None:
    assert run(expired, *clean_documents()) == []


def test_an_unread_end_is_said_as_read() -> None:
    licence = doc(
        "营业执照.jpg", "营业执照\n营业期限2014年07月15日至2034年07", kind="image", source="ocr"
    )
    (finding,) = run(expired, licence)
    assert finding.message_id == "expired.unread"
    assert finding.arguments == {"printed": "2034年07"}


@pytest.mark.parametrize(("confidence", "severity"), [(0.5, Severity.INFO), (0.95, None)])
def test_an_expiry_needs_a_confidently_read_date(
    confidence: float, severity: Severity | None
) -> None:
    card = ocr_doc(
        "身份证.jpg",
        [
            ("居民身份证", 0.99),
            ("签发机关 北京市公安局", 0.97),
            ("有效期限 2010.05.01-2020.05.01", confidence),
        ],
    )
    (finding,) = run(expired, card)
    assert finding.severity == severity
    assert finding.message_id == ("expired.unsure" if severity else "expired.end")


def test_a_certificate_named_twice_is_judged_by_its_printed_end() -> None:
    # RapidOCR's reading of the sample CISP certificate: the title and 证书类别 both name it.
    certificate = doc(
        "CISP证书.png",
        "注册信息安全专业人员\nCertified Information Security Professional\n姓名孙浩然\n"
        "证书类别注册信息安全工程师(CISE)\n证书编号 CNITSEC2024CISE01234\n"
        "发证日期2023年02月28日\n有效期至2026年02月27日\n经考核,该同志符合注册信息安全专业人员资质要求,特发此证。",
        kind="image",
        source="ocr",
    )
    (finding,) = run(expired, certificate)
    assert (finding.message_id, finding.severity) == ("expired.certificate", None)


def test_a_finding_from_an_ocr_reading_carries_the_box_of_its_line() -> None:
    card = ocr_doc(
        "身份证.jpg",
        [
            ("居民身份证", 0.99),
            ("签发机关 北京市公安局", 0.97),
            ("有效期限 2010.05.01-2020.05.01", 0.96),
        ],
    )
    (finding,) = run(expired, card)
    assert finding.region is not None
    assert (finding.region.page, finding.region.kind) == (1, "reading")
    assert finding.region.box == card.pages[0].lines[2].box  # the line the end was read from
    (printed,) = run(expired, doc("身份证.pdf", ID_CARD.format("2010.05.01-2020.05.01")))
    assert printed.region is None  # a text layer keeps no boxes
