"""undated: an item with a validity rule shows no readable date of the kind it needs."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import ID_NUMBER, clean_documents, rows, run
from validator.model import Document
from validator.rules import undated

U = "undated"
BANK = "资信证明\n兹证明北京云启智联科技有限公司在我行开户，存款余额 人民币伍佰万元整\n{}\n中国工商银行"
DOMAIN = "域名注册证书\n域名 yunqi-tech.cn\n注册所有人 北京云启智联科技有限公司\n{}"
OFFICER = "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n{}"
ID_FRONT = f"居民身份证\n姓名 王明远 民族 汉\n住址 北京市海淀区\n公民身份号码 {ID_NUMBER}"
ID_BACK = "中华人民共和国\n居民身份证\n签发机关 北京市公安局海淀分局\n有效期限 {}"

CASES = [
    ("bank letter without a date", [doc("资信证明.pdf", BANK.format("特此证明"))],
     [(U, "funding.proof", "资信证明.pdf", None, None)]),
    ("bank letter dated", [doc("资信证明.pdf", BANK.format("出具日期 2026年05月20日"))], []),
    ("unreadable date", [doc("资信证明.pdf", BANK.format("出具日期 2026年13月45日"), source="ocr")],
     [(U, "funding.proof", "资信证明.pdf", None, None)]),
    ("OCR-noisy date still reads", [doc("资信证明.pdf", BANK.format("出具日期 2 0 2 6 年 O 5 月 2 O 日"), source="ocr")], []),
    ("the second letter carries the date", [doc("资信证明-A.pdf", BANK.format("特此证明")), doc("资信证明-B.pdf", BANK.format("出具日期 2026年05月20日"))], []),
    ("statements without a date", [doc("财务报表.pdf", "财务报表\n资产负债表\n利润表\n现金流量表")],
     [(U, "funding.proof", "财务报表.pdf", None, None)]),
    ("statements dated", [doc("财务报表.pdf", "财务报表\n资产负债表\n利润表\n截至2025年12月31日")], []),
    ("domain without an end", [doc("域名证书.pdf", DOMAIN.format("注册日期 2019年06月01日"))],
     [(U, "other.domain_certificate", "域名证书.pdf", None, None)]),
    ("domain 长期 needs a real end", [doc("域名证书.pdf", DOMAIN.format("到期日期 长期"))],
     [(U, "other.domain_certificate", "域名证书.pdf", 1, None)]),
    ("licence 长期 is allowed", [doc("营业执照.pdf", "营业执照\n成立日期 2018年03月15日\n营业期限 2018年03月15日至长期")], []),
    ("ID front and back together", [doc("身份证-1正面.jpg", ID_FRONT), doc("身份证-2反面.jpg", ID_BACK.format("2020.05.01-2040.05.01"))], []),
    ("ID front and back both undated", [doc("身份证正面.jpg", ID_FRONT), doc("身份证反面.jpg", ID_BACK.format("见正面"))],
     [(U, "company.legal_rep_id", None, None, None)]),
    ("certificate without dates", [doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书"))],
     [(U, "personnel.security_officer", "安全负责人任命书.pdf", None, None)]),
    ("certificate with an issue date", [doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书 签发日期 2024-01-01"))], []),
    ("a qualification that never expires", [doc("安全负责人任命书.pdf", OFFICER.format("软考信息安全工程师"))], []),
    ("no certificate named is unnamed-certification's", [doc("安全负责人任命书.pdf", OFFICER.format("具备相关认证"))], []),
    # A grey 110-dpi hosting agreement: its term printed, its end lost by OCR (expired asks).
    ("a printed term whose end OCR lost is not undated",
     [doc("服务器托管协议.pdf", "服务器托管协议\n甲方 北京云启智联科技有限公司\n服务期限 2025年01月01日至2027年1", source="ocr")], []),
    ("items without a validity rule", [doc("网络安全防护方案.pdf", "网络安全防护方案\n防火墙 入侵检测 数据加密")], []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("documents", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_undated(documents: list[Document], expected: list[tuple[object, ...]]) -> None:
    assert rows(run(undated, *documents)) == expected


@pytest.mark.parametrize(
    ("document", "message_id", "arguments"),
    [
        (doc("资信证明.pdf", BANK.format("特此证明")), "undated.issue",
         {"labels": "出具日期、开具日期、证明日期、日期"}),
        (doc("域名证书.pdf", DOMAIN.format("")), "undated.end",
         {"labels": "到期日期、到期时间、过期时间、有效期至"}),
        (doc("域名证书.pdf", DOMAIN.format("到期日期 永久")), "undated.indefinite", {"printed": "永久"}),
        (doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 和 CISM 证书")), "undated.certificate",
         {"certifications": "CISSP、CISM"}),
    ],
)  # fmt: skip
def test_messages(document: Document, message_id: str, arguments: dict[str, str]) -> None:
    (finding,) = run(undated, document)
    assert (finding.message_id, finding.arguments) == (message_id, arguments)


def test_silent_on_the_clean_package() -> None:
    assert run(undated, *clean_documents()) == []
