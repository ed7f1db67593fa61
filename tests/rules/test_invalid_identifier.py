"""invalid-identifier: USCC and ID-card checksums; who read the number decides the severity."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import doc
from tests.rules.text_helpers import ID_NUMBER, USCC, clean_documents, rows, run
from validator.model import Document, Severity
from validator.rules import invalid_identifier
from validator.rules.options import OptionError, resolve

V = "invalid-identifier"
LICENCE = "营业执照\n统一社会信用代码 {}\n名称 北京云启智联科技有限公司\n营业期限 长期"
ID_CARD = "居民身份证\n姓名 王明远 民族 汉\n公民身份号码 {}\n签发机关 北京市公安局\n有效期限 2020.05.01-2040.05.01"
HOSTING = "服务器托管协议\n甲方：北京云启智联科技有限公司\n统一社会信用代码：{}\n乙方：北京数港云数据科技有限公司\n统一社会信用代码：{}\n服务期限 2025年01月01日至2027年12月31日"
BAD_CHECK_DIGIT = "91110108MA01ABCDEX"  # check digit wrong: a check-digit repair exists
LOOK_ALIKE = "91110108MA01A8CDEN"  # B read as 8
NO_REPAIR = "9111A108MA01ABCDEN"  # a letter among the leading digits: no one swap helps
BAD_BIRTH_DATE = "11010519901301123X"  # month 13, correct check digit


def _licence(number: str, source: str = "text") -> Document:
    kind = "image" if source == "ocr" else "pdf"
    return doc(
        "营业执照.jpg" if source == "ocr" else "营业执照.pdf",
        LICENCE.format(number),
        kind=kind,
        source=source,
    )


def _id_card(number: str, source: str = "text") -> Document:
    return doc("法人身份证.jpg", ID_CARD.format(number), kind="image", source=source)


LIC, IDC = "company.business_license", "company.legal_rep_id"
CASES = [
    ("valid USCC", _licence(USCC), []),
    ("USCC in a text layer", _licence(BAD_CHECK_DIGIT), [(V, LIC, "营业执照.pdf", 1, None)]),
    ("USCC read by OCR, look-alike", _licence(LOOK_ALIKE, "ocr"), [(V, LIC, "营业执照.jpg", 1, Severity.INFO)]),
    ("USCC read by OCR, check digit", _licence(BAD_CHECK_DIGIT, "ocr"), [(V, LIC, "营业执照.jpg", 1, Severity.INFO)]),
    ("USCC read by OCR, no repair", _licence(NO_REPAIR, "ocr"), [(V, LIC, "营业执照.jpg", 1, Severity.WARNING)]),
    ("OCR O for 0 is a safe fix", _licence("9111O1O8MA01ABCDEN", "ocr"), []),
    ("OCR spaces inside", _licence("9111 0108 MA01 ABCD EN", "ocr"), []),
    ("full-width", _licence("９１１１０１０８ＭＡ０１ＡＢＣＤＥＮ"), []),
    ("valid ID number", _id_card(ID_NUMBER), []),
    ("ID number in a text layer", _id_card("110108198503154310"), [(V, IDC, "法人身份证.jpg", 1, None)]),
    ("ID number read by OCR, look-alike", _id_card("11010819850315431B", "ocr"), [(V, IDC, "法人身份证.jpg", 1, Severity.INFO)]),
    ("ID number OCR, no repair", _id_card("110105199001011B3X", "ocr"), [(V, IDC, "法人身份证.jpg", 1, Severity.WARNING)]),
    ("ID birth date", _id_card(BAD_BIRTH_DATE), [(V, IDC, "法人身份证.jpg", 1, None)]),
    ("ID full-width and spaced", _id_card("１１０１０８ １９８５０３１５ ４３１８", "ocr"), []),
    ("applicant's USCC in a contract", doc("服务器托管协议.pdf", HOSTING.format(BAD_CHECK_DIGIT, USCC)),
     [(V, "other.hosting_agreement", "服务器托管协议.pdf", 1, None)]),
    ("provider's USCC is not the applicant's", doc("服务器托管协议.pdf", HOSTING.format(USCC, BAD_CHECK_DIGIT)), []),
    ("labelled USCC in a bank letter", doc("资信证明.pdf", f"资信证明\n兹证明北京云启智联科技有限公司（统一社会信用代码：{BAD_CHECK_DIGIT}）在我行开户\n存款余额 伍佰万元"),
     [(V, "funding.proof", "资信证明.pdf", 1, None)]),
    ("unlabelled code-like run elsewhere", doc("服务器托管协议.pdf", f"服务器托管协议\n甲方 北京云启智联科技有限公司\n机柜编号 {BAD_CHECK_DIGIT}"), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_invalid_identifier(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(invalid_identifier, document)) == expected


@pytest.mark.parametrize(
    ("document", "message_id", "arguments"),
    [
        (_licence(BAD_CHECK_DIGIT), "invalid-identifier.uscc-checksum", {"number": BAD_CHECK_DIGIT}),
        (_licence(LOOK_ALIKE, "ocr"), "invalid-identifier.uscc-ocr-repair", {"number": LOOK_ALIKE, "likely": USCC}),
        (_licence(NO_REPAIR, "ocr"), "invalid-identifier.uscc-ocr", {"number": NO_REPAIR}),
        (_licence(NO_REPAIR), "invalid-identifier.uscc-format", {"number": NO_REPAIR}),
        (_id_card("110108198503154310"), "invalid-identifier.id-card-checksum", {"number": "110108198503154310"}),
        (_id_card("110108198503154310", "ocr"), "invalid-identifier.id-card-ocr-repair",
         {"number": "110108198503154310", "likely": ID_NUMBER}),
        (_id_card(BAD_BIRTH_DATE), "invalid-identifier.id-card-birth-date", {"number": BAD_BIRTH_DATE}),
        (_id_card("110105199001011B3X"), "invalid-identifier.id-card-format", {"number": "110105199001011B3X"}),
    ],
)  # fmt: skip
def test_messages(document: Document, message_id: str, arguments: dict[str, str]) -> None:
    (finding,) = run(invalid_identifier, document)
    assert (finding.message_id, finding.arguments) == (message_id, arguments)


def test_ocr_page_decides_on_a_mixed_document() -> None:
    # Page 1 is a text layer, page 2 a scan: the number on page 2 was read by OCR.
    licence = doc(
        "营业执照.pdf", "营业执照\n名称 北京云启智联科技有限公司", f"统一社会信用代码 {LOOK_ALIKE}"
    )
    mixed = replace(licence, pages=(licence.pages[0], replace(licence.pages[1], source="ocr")))
    (finding,) = run(invalid_identifier, mixed)
    assert (finding.page, finding.severity) == (2, Severity.INFO)


def test_one_finding_per_number_and_file() -> None:
    text = LICENCE.format(BAD_CHECK_DIGIT) + f"\n统一社会信用代码 {BAD_CHECK_DIGIT}"
    assert len(run(invalid_identifier, doc("营业执照.pdf", text))) == 1


@pytest.mark.parametrize("severity", ["error", "info"])
def test_ocr_unrepaired_option(severity: str) -> None:
    (finding,) = run(invalid_identifier, _licence(NO_REPAIR, "ocr"), ocr_unrepaired=severity)
    assert finding.severity == Severity(severity)


def test_bad_option_is_refused() -> None:
    with pytest.raises(OptionError, match=r"^ocr_unrepaired: 'loud' is not one of info, warning"):
        resolve(invalid_identifier.OPTIONS, {"ocr_unrepaired": "loud"})


def test_silent_on_the_clean_package() -> None:
    assert run(invalid_identifier, *clean_documents()) == []
