"""inconsistent-identity: the applicant's name, USCC and legal representative across documents."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import APPLICANT, LICENCE, USCC, clean_documents, rows, run
from validator.model import Document, Severity
from validator.rules import inconsistent_identity

C = "inconsistent-identity"
HOSTING_ITEM, DOMAIN_ITEM = "other.hosting_agreement", "other.domain_certificate"
PROVIDER = "北京数港云数据科技有限公司"
OTHER_USCC = "91110105MA00FQ3X4U"  # another company's code (passes its checksum)
HOSTING = (
    "服务器托管协议\n甲方：{client}\n统一社会信用代码：{client_uscc}\n法定代表人：{client_rep}\n"
    "乙方：{provider}\n统一社会信用代码：{provider_uscc}\n法定代表人：李四\n"
    "服务期限 2025年01月01日至2027年12月31日"
)


def _hosting(source: str = "text", **fields: str) -> Document:
    values = {
        "client": APPLICANT,
        "client_uscc": USCC,
        "client_rep": "王明远",
        "provider": PROVIDER,
        "provider_uscc": OTHER_USCC,
    }
    text = HOSTING.format(**{**values, **fields})
    return doc("服务器托管协议.pdf", text, source=source)


def _domain(owner: str, source: str = "text") -> Document:
    text = f"域名注册证书\n域名 yunqi-tech.cn\n注册所有人 {owner}\n注册商 阿里云计算有限公司\n到期日期 2028年06月01日"
    return doc("域名证书.pdf", text, source=source)


LIC = doc("营业执照.pdf", LICENCE)
CASES = [
    ("all the same", [LIC, _hosting(), _domain(APPLICANT)], []),
    ("client name differs", [LIC, _hosting(client="北京云启智能科技有限公司")], [(C, HOSTING_ITEM, "服务器托管协议.pdf", 1, None)]),
    ("registrant differs", [LIC, _domain("北京云启科技有限公司")], [(C, DOMAIN_ITEM, "域名证书.pdf", 1, None)]),
    ("brackets, width and spaces", [doc("营业执照.pdf", LICENCE.replace(APPLICANT, "云启（北京）科技有限公司")), _domain("云启(北京)科 技有限公司")], []),
    ("full-width letters", [doc("营业执照.pdf", LICENCE.replace(APPLICANT, "ABC科技有限公司")), _domain("ＡＢＣ科技有限公司")], []),
    ("provider is another party", [LIC, _hosting(provider="上海某某数据有限公司")], []),
    ("registrar is another party", [LIC, _domain(APPLICANT)], []),
    ("client USCC differs", [LIC, _hosting(client_uscc=OTHER_USCC, provider_uscc=USCC)], [(C, HOSTING_ITEM, "服务器托管协议.pdf", 1, None)]),
    ("provider USCC is its own", [LIC, _hosting(provider_uscc="91310000MA1FL0XX1C")], []),
    ("client representative differs", [LIC, _hosting(client_rep="王明")], [(C, HOSTING_ITEM, "服务器托管协议.pdf", 1, None)]),
    ("no licence: the first document sets the reference", [_domain(APPLICANT), _hosting(client="北京云启智能科技有限公司")],
     [(C, HOSTING_ITEM, "服务器托管协议.pdf", 1, None)]),
    ("items that do not name the applicant", [LIC, doc("资信证明.pdf", "资信证明\n兹证明北京云启智能科技有限公司在我行开户\n存款余额 伍佰万元")], []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("documents", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_inconsistent_identity(
    documents: list[Document], expected: list[tuple[object, ...]]
) -> None:
    assert rows(run(inconsistent_identity, *documents)) == expected


def test_name_message_names_both_and_where_the_reference_is() -> None:
    (finding,) = run(inconsistent_identity, LIC, _domain("北京云启科技有限公司"))
    assert finding.message_id == "inconsistent-identity.name"
    assert finding.arguments == {
        "label": "注册所有人",
        "found": "北京云启科技有限公司",
        "expected": APPLICANT,
        "source": "营业执照.pdf",
    }
    assert finding.evidence == "注册所有人 北京云启科技有限公司"


def test_one_character_off_in_ocr_may_be_a_misreading() -> None:
    (finding,) = run(inconsistent_identity, LIC, _domain("北京云启智联科枝有限公司", source="ocr"))
    assert finding.message_id == "inconsistent-identity.name-ocr"
    assert finding.severity is Severity.INFO  # the scan was misread, not the document
    (finding,) = run(inconsistent_identity, LIC, _domain("北京云启智联科枝有限公司"))
    assert finding.message_id == "inconsistent-identity.name"
    assert finding.severity is None  # the rule's default: an error


@pytest.mark.parametrize(
    ("fields", "message_id", "found"),
    [
        (
            {"client_uscc": OTHER_USCC, "provider_uscc": USCC},
            "inconsistent-identity.uscc",
            OTHER_USCC,
        ),
        ({"client_rep": "王明"}, "inconsistent-identity.legal-representative", "王明"),
    ],
)
def test_uscc_and_representative_messages(
    fields: dict[str, str], message_id: str, found: str
) -> None:
    (finding,) = run(inconsistent_identity, LIC, _hosting(**fields))
    assert (finding.message_id, finding.arguments["found"]) == (message_id, found)


def test_a_repeated_difference_is_one_finding() -> None:
    hosting = _hosting(client="北京云启智能科技有限公司")
    twice = doc(hosting.path, hosting.pages[0].text + "\n甲方（盖章）：北京云启智能科技有限公司")
    assert len(run(inconsistent_identity, LIC, twice)) == 1


def test_silent_on_the_clean_package() -> None:
    assert run(inconsistent_identity, *clean_documents()) == []
