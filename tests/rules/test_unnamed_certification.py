"""unnamed-certification: the security officer's materials must name a recognised certification."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import unnamed_certification

U = "unnamed-certification"
ITEM = "personnel.security_officer"
LETTER = "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n{}"


def _letter(claim: str, kind: str = "pdf", source: str = "text") -> Document:
    name = "安全负责人任命书.docx" if kind == "docx" else "安全负责人任命书.pdf"
    return doc(name, LETTER.format(claim), kind=kind, source=source)


CASES = [
    ("CISP named", [_letter("持有CISP证书")], []),
    ("full name", [_letter("取得注册信息安全专业人员资质")], []),
    ("OCR spaced letters", [_letter("持有 C I S S P 证书", source="ocr")], []),
    ("full-width letters", [_letter("持有ＣＩＳＡ证书")], []),
    ("named plus vague", [_letter("持有CISP等认证")], []),
    ("软考", [_letter("具有软考信息安全工程师资格")], []),
    ("vague wording", [_letter("具备相关认证")], [(U, ITEM, "安全负责人任命书.pdf", 1, None)]),
    ("vague on page 2", [doc("安全负责人任命书.pdf", LETTER.format(""), "负责人具有相关证书和丰富经验")],
     [(U, ITEM, "安全负责人任命书.pdf", 2, None)]),
    ("nothing at all", [_letter("负责公司网络安全工作")], [(U, ITEM, "安全负责人任命书.pdf", None, None)]),
    ("a job title is no certification", [_letter("担任信息安全工程师")], [(U, ITEM, "安全负责人任命书.pdf", None, None)]),
    ("an acronym inside a longer word", [_letter("熟悉CISSPX框架")], [(U, ITEM, "安全负责人任命书.pdf", None, None)]),
    ("DOCX", [_letter("具备相关资质", kind="docx")], [(U, ITEM, "安全负责人任命书.docx", None, None)]),
    ("certificate in a second file", [_letter("资质证明见附件"), doc("安全负责人CISP证书.pdf", "注册信息安全专业人员证书\n姓名 张伟\n证书编号 CNITSEC2024CISE01234")], []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("documents", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unnamed_certification(
    documents: list[Document], expected: list[tuple[object, ...]]
) -> None:
    assert rows(run(unnamed_certification, *documents)) == expected


def test_vague_message_quotes_the_phrase() -> None:
    (finding,) = run(unnamed_certification, _letter("具备相关认证"))
    assert finding.message_id == "unnamed-certification.vague"
    assert finding.arguments == {"phrase": "相关认证"}
    assert finding.evidence == "具备相关认证"


def test_nothing_named_message() -> None:
    (finding,) = run(unnamed_certification, _letter("负责公司网络安全工作"))
    assert finding.message_id == "unnamed-certification.none"


def test_silent_on_the_clean_package() -> None:
    assert run(unnamed_certification, *clean_documents()) == []
