"""invalid-licence-number: telecom licence and ICP filing numbers in their published form."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import doc
from tests.rules.text_helpers import ICP, clean_documents, rows, run
from validator.model import Category, Document, Manifest, Severity
from validator.rules import invalid_licence_number

N = "invalid-licence-number"
ITEM = "other.provider_license"
IDC = "中华人民共和国\n增值电信业务经营许可证\n许可证编号 {}\n业务种类 互联网数据中心业务\n有效期至 2028年05月30日"
DOMAIN = "域名注册证书\n域名 yunqi-tech.cn\n注册所有人 北京云启智联科技有限公司\n网站备案号 {}\n到期日期 2028年06月01日"


def _idc(number: str, kind: str = "pdf", source: str = "text") -> Document:
    name = "IDC许可证.docx" if kind == "docx" else "IDC许可证.pdf"
    return doc(name, IDC.format(number), kind=kind, source=source)


def _with_icp_record(manifest: Manifest) -> Manifest:
    """The icp manifest with the domain certificate declaring an ICP filing number."""

    def declare(category: Category) -> Category:
        items = tuple(
            replace(i, requirements=replace(i.requirements, identifiers=("icp_record",)))
            if i.id == "other.domain_certificate"
            else i
            for i in category.items
        )
        return replace(category, items=items)

    return replace(manifest, categories=tuple(declare(c) for c in manifest.categories))


CASES = [
    ("cross-regional", _idc("B1-20180123"), []),
    ("provincial, several categories", _idc("沪B1.B2-20100032"), []),
    ("OCR spaces and O for 0", _idc("京 B2 - 2O2O 1234", source="ocr"), []),
    ("full-width", _idc("粤Ｂ２－２０２０１２３４"), []),
    ("short serial", _idc("B1-2018012"), [(N, ITEM, "IDC许可证.pdf", 1, None)]),
    ("unknown category", _idc("京B3-20201234"), [(N, ITEM, "IDC许可证.pdf", 1, None)]),
    ("serial without a year", _idc("京B2-18001234"), [(N, ITEM, "IDC许可证.pdf", 1, None)]),
    ("OCR-read short serial", _idc("B1 - 2O18O12", source="ocr"), [(N, ITEM, "IDC许可证.pdf", 1, None)]),
    ("DOCX", _idc("B1-2018012", kind="docx"), [(N, ITEM, "IDC许可证.docx", None, None)]),
    ("a filing number where a licence number is declared", _idc("B1-20180123\n网站备案号 ICP备12345678号"), []),
    ("numbers in items that declare none",
     doc("服务器托管协议.pdf", "服务器托管协议\n甲方 北京云启智联科技有限公司\n乙方 北京数港云数据科技有限公司\n乙方许可证编号 B1-2018012"), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_invalid_licence_number(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(invalid_licence_number, document)) == expected


@pytest.mark.parametrize(
    ("number", "message_id"),
    [
        ("B1-2018012", "invalid-licence-number.serial-length"),
        ("京B3-20201234", "invalid-licence-number.unknown-category"),
        ("京B2-18001234", "invalid-licence-number.serial-year"),
    ],
)
def test_message_says_what_is_wrong(number: str, message_id: str) -> None:
    (finding,) = run(invalid_licence_number, _idc(number))
    assert (finding.message_id, finding.arguments) == (message_id, {"number": number})
    assert finding.evidence == f"许可证编号 {number}"


@pytest.mark.parametrize(
    ("number", "message_id"),
    [
        ("京ICP备12345678号-1", None),
        ("京ICP证123456号", None),
        ("ICP备12345678号", "invalid-licence-number.province"),
        ("京ICP备12345号", "invalid-licence-number.digits"),
        ("京ICP备12345678号-0", "invalid-licence-number.site"),
    ],
)
def test_icp_record_numbers(number: str, message_id: str | None) -> None:
    manifest = _with_icp_record(ICP)
    document = doc("域名证书.pdf", DOMAIN.format(number))
    found = run(invalid_licence_number, document, manifest=manifest)
    assert [f.message_id for f in found] == ([message_id] if message_id else [])
    assert all(f.item == "other.domain_certificate" for f in found)
    # Without the declaration in the manifest the same number is not read.
    assert run(invalid_licence_number, document) == []


def test_default_severity_is_warning() -> None:
    assert invalid_licence_number.SEVERITY is Severity.WARNING


def test_silent_on_the_clean_package() -> None:
    assert run(invalid_licence_number, *clean_documents()) == []
