"""missing-seal, seal-not-imprinted and seal-owner-unverified over hand-made packages.

Each case is a package (pages with seal records, assigned to items) and the
exact (rule, message id, item, path, page) findings all three rules yield.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from validator.i18n import has_message, message
from validator.model import Finding, Package, Page, Region, TextLine
from validator.report.common import message_arguments
from validator.rules import (
    missing_seal,
    seal_not_imprinted,
    seal_owner_unverified,
    seal_requirements,
)

from .seal_builders import (
    APPLICANT,
    ARCHIVE_RING,
    AUTHORITY_RING,
    BANK_RING,
    CONTEXT,
    IDC_RING,
    Use,
    document,
    electronic,
    package,
    page,
    seal,
)

LICENCE = "company.business_license"
ARTICLES = "company.articles"
HOSTING = "other.hosting_agreement"
REPORT = "business.development_report"
FUNDING = "funding.proof"
Row = tuple[str, str, str | None, str | None, int | None]


def findings(pkg: Package) -> list[Finding]:
    found: list[Finding] = []
    for rule in (missing_seal, seal_not_imprinted, seal_owner_unverified):
        found.extend(rule.check(pkg, CONTEXT))
    return found


def rows(pkg: Package) -> set[Row]:
    return {(f.rule, f.message_id, f.item, f.path, f.page) for f in findings(pkg)}


def licence(*seals: object) -> Use:
    text = "营业执照 统一社会信用代码 91110108MA01ABCD2X 名称 北京云栈科技有限公司 登记机关"
    return Use(LICENCE, document("营业执照.pdf", page(1, text, *seals)))  # type: ignore[arg-type]


def test_licence_copy_with_only_the_authority_seal_lacks_the_applicants() -> None:
    pkg = package(licence(seal(AUTHORITY_RING)))
    assert rows(pkg) == {
        ("missing-seal", "missing-seal.authority-only", LICENCE, "营业执照.pdf", 1)
    }
    (finding,) = findings(pkg)
    assert finding.arguments["applicant"] == APPLICANT


def test_licence_copy_stamped_by_the_applicant_passes() -> None:
    assert rows(package(licence(seal(AUTHORITY_RING), seal("北京云栈科技有限公司")))) == set()


def test_ocr_slips_in_the_applicants_name_still_count() -> None:
    misread = seal("北点云搁科技有耻公司", confidence=0.55)
    assert rows(package(licence(seal(AUTHORITY_RING), misread))) == set()


def test_another_companys_seal_is_not_the_applicants() -> None:
    other = seal("北京星河科技有限公司", confidence=0.9)
    assert rows(package(licence(other))) == {
        ("missing-seal", "missing-seal.applicant", LICENCE, "营业执照.pdf", 1)
    }


def test_unreadable_seal_warns_instead_of_missing() -> None:
    smudged = seal("口口", confidence=0.2)
    assert rows(package(licence(seal(AUTHORITY_RING), smudged))) == {
        ("seal-owner-unverified", "seal-owner-unverified.applicant", LICENCE, "营业执照.pdf", 1)
    }


def articles(*seals: object, text: str = "公司章程 第一章 总则 全体股东签字、盖章") -> Use:
    pages = (page(1, "公司章程"), page(2, text, *seals))  # type: ignore[arg-type]
    return Use(ARTICLES, document("章程.pdf", *pages))


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (articles(seal(ARCHIVE_RING)), set()),
        (articles(seal("北京市海淀区市场监督管理局 档案查询专用草", 0.5)), set()),
        (articles(), {("missing-seal", "missing-seal.owner-text", ARTICLES, "章程.pdf", 1)}),
        (
            articles(seal(APPLICANT)),  # the company's own seal is no archive-query seal
            {("missing-seal", "missing-seal.owner-text", ARTICLES, "章程.pdf", 1)},
        ),
        (
            articles(text="本件与工商档案查询章所示内容一致 档案查询"),
            {("seal-not-imprinted", "seal-not-imprinted.referenced", ARTICLES, "章程.pdf", 2)},
        ),
        (
            articles(seal("口", 0.1)),
            {
                (
                    "seal-owner-unverified",
                    "seal-owner-unverified.owner-text",
                    ARTICLES,
                    "章程.pdf",
                    2,
                )
            },
        ),
    ],
    ids=[
        "archive-seal",
        "archive-seal-misread",
        "no-seal",
        "company-seal-only",
        "referenced",
        "smudged",
    ],
)
def test_articles_need_the_archive_query_seal(use: Use, expected: set[Row]) -> None:
    assert rows(package(use)) == expected


def agreement(*seals: object) -> Use:
    text = "服务器托管协议 甲方：北京云栈科技有限公司 乙方：上海数港云计算服务有限公司"
    return Use(HOSTING, document("托管协议.pdf", page(1, text), page(2, "服务期限", *seals)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (agreement(seal(APPLICANT), seal(IDC_RING, 0.9)), set()),
        (
            agreement(seal(APPLICANT)),
            {("missing-seal", "missing-seal.counterparty", HOSTING, "托管协议.pdf", 1)},
        ),
        (
            agreement(seal(APPLICANT), seal("", 0.0)),
            {("seal-owner-unverified", "seal-owner-unverified.party", HOSTING, "托管协议.pdf", 2)},
        ),
        (
            agreement(),
            {
                ("missing-seal", "missing-seal.applicant", HOSTING, "托管协议.pdf", 1),
                ("missing-seal", "missing-seal.counterparty", HOSTING, "托管协议.pdf", 1),
            },
        ),
    ],
    ids=["two-seals", "one-seal", "second-unreadable", "unsealed"],
)
def test_agreements_need_both_parties(use: Use, expected: set[Row]) -> None:
    assert rows(package(use)) == expected


def test_unsealed_draft_with_a_signature_block_is_not_imprinted() -> None:
    use = Use(
        REPORT, document("业务发展报告.pdf", page(1, "业务发展报告"), page(2, "申请单位（盖章）"))
    )
    (finding,) = findings(package(use))
    assert (finding.rule, finding.page) == ("seal-not-imprinted", 2)
    assert finding.arguments["reference"] == "(盖章)"
    assert "(盖章)" in finding.evidence


def test_docx_findings_carry_no_page() -> None:
    sealed = document(
        "技术方案.docx", page(1, "技术方案 申请单位（盖章）", seal(APPLICANT)), kind="docx"
    )
    draft = document("服务流程.docx", page(1, "服务流程说明 申请单位（盖章）"), kind="docx")
    pkg = package(Use("business.technical_plan", sealed), Use("business.service_flow", draft))
    assert rows(pkg) == {
        (
            "seal-not-imprinted",
            "seal-not-imprinted.referenced",
            "business.service_flow",
            "服务流程.docx",
            None,
        )
    }


def test_only_the_items_own_pages_count() -> None:
    combined = document(
        "合并.pdf",
        page(1, "营业执照", seal(AUTHORITY_RING)),
        page(2, "公司章程"),
        page(3, "章程 续", seal(ARCHIVE_RING)),
        page(4, "业务发展报告", seal(APPLICANT)),
    )
    pkg = package(
        Use(LICENCE, combined, 1, 1), Use(ARTICLES, combined, 2, 3), Use(REPORT, combined, 4, 4)
    )
    assert rows(pkg) == {("missing-seal", "missing-seal.authority-only", LICENCE, "合并.pdf", 1)}


@pytest.mark.parametrize(
    ("alternative", "stamp", "expected"),
    [
        ("bank_reference", seal(BANK_RING), set()),
        (
            "bank_reference",
            seal(APPLICANT),
            {("missing-seal", "missing-seal.owner-text", FUNDING, "资信证明.pdf", 1)},
        ),
        ("financial_statements", seal(APPLICANT), set()),
    ],
)
def test_any_of_alternatives_use_their_own_seal_kinds(
    alternative: str, stamp: object, expected: set[Row]
) -> None:
    use = Use(
        FUNDING, document("资信证明.pdf", page(1, "资信证明", stamp)), alternative=alternative
    )  # type: ignore[arg-type]
    assert rows(package(use)) == expected


def test_electronic_seals_count_as_their_signers() -> None:
    assert rows(package(licence(seal(AUTHORITY_RING), electronic(APPLICANT)))) == set()
    assert rows(package(licence(electronic("北京星河科技有限公司")))) == {
        ("missing-seal", "missing-seal.applicant", LICENCE, "营业执照.pdf", 1)
    }


def test_without_the_applicants_name_any_readable_company_seal_counts() -> None:
    pkg = package(agreement(seal("北京某某科技有限公司"), seal(IDC_RING, 0.9)), applicant=None)
    assert rows(pkg) == set()
    pkg = package(licence(seal(AUTHORITY_RING)), applicant=None)
    assert {row[1] for row in rows(pkg)} == {"missing-seal.authority-only"}


def test_every_message_exists_with_the_same_placeholders() -> None:
    pkg = package(
        licence(seal(AUTHORITY_RING)), articles(seal("口", 0.1)), agreement(seal(APPLICANT))
    )
    for finding in findings(pkg):
        assert has_message(finding.message_id)
        for lang in ("zh", "en"):
            arguments = message_arguments(finding.args, lang)
            assert "{" not in message(finding.message_id, lang, arguments)


@pytest.mark.parametrize("rule", [missing_seal, seal_not_imprinted, seal_owner_unverified])
def test_rule_modules_declare_themselves(rule: object) -> None:
    doc = rule.__doc__ or ""
    assert rule.ID in doc.splitlines()[0]  # type: ignore[attr-defined]
    assert "Passes:" in doc and "Fails:" in doc and "Options:" in doc


OFFICER = "personnel.security_officer"


def appointment(*seals: object) -> Use:
    text = "任命书 任命张三为信息安全负责人 北京云栈科技有限公司（盖章）"
    return Use(OFFICER, document("任命书.pdf", page(1, text, *seals)))  # type: ignore[arg-type]


def certificate(*seals: object) -> Use:
    text = "注册信息安全专业人员 CISP 持证人 张三 中国信息安全测评中心"
    return Use(OFFICER, document("CISP证书.png", page(1, text, *seals)))  # type: ignore[arg-type]


ISSUER = seal("中国信息安全测评中心", 0.8)


@pytest.mark.parametrize(
    ("uses", "expected"),
    [
        # the appointment bears the applicant's seal: the item has it, the certificate needn't
        ((appointment(seal(APPLICANT)), certificate(ISSUER)), set()),
        (
            (appointment(), certificate(ISSUER)),
            {
                ("seal-not-imprinted", "seal-not-imprinted.referenced", OFFICER, "任命书.pdf", 1),
                ("missing-seal", "missing-seal.applicant", OFFICER, "CISP证书.png", 1),
            },
        ),
        # an unreadable seal on one document: one warning there, no error on the other
        (
            (appointment(seal("口口", 0.2)), certificate(ISSUER)),
            {
                (
                    "seal-owner-unverified",
                    "seal-owner-unverified.applicant",
                    OFFICER,
                    "任命书.pdf",
                    1,
                )
            },
        ),
    ],
    ids=["sealed-once", "unsealed", "unreadable-once"],
)
def test_an_item_made_of_several_documents_needs_the_seal_once(
    uses: tuple[Use, ...], expected: set[Row]
) -> None:
    assert rows(package(*uses)) == expected


def signed_agreement(*seals: object) -> Use:
    text = "服务器托管协议 甲方：北京云栈科技有限公司 乙方：北京数港云计算服务有限公司"
    signatures = "甲方（盖章）： 乙方（盖章）："
    pages = (page(1, text), page(2, signatures, *seals))  # type: ignore[arg-type]
    return Use(HOSTING, document("托管协议.pdf", *pages))


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        # one party sealed: the other's seal is missing, not the draft unsealed
        (
            signed_agreement(seal(APPLICANT)),
            {("missing-seal", "missing-seal.counterparty", HOSTING, "托管协议.pdf", 1)},
        ),
        # no seal at all under （盖章）: an unsealed draft
        (
            signed_agreement(),
            {("seal-not-imprinted", "seal-not-imprinted.referenced", HOSTING, "托管协议.pdf", 2)},
        ),
        # the other party's seal read too poorly to call on its own, but it is 乙方's name
        (
            signed_agreement(seal(APPLICANT), seal("北京数港云计算眼务有限公 合同专用覃", 0.55)),
            set(),
        ),
    ],
    ids=["one-party", "draft", "unsure-but-named"],
)
def test_signed_agreements(use: Use, expected: set[Row]) -> None:
    assert rows(package(use)) == expected


def test_the_three_seal_rules_read_each_seal_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The owners of a package's seals are judged once, whichever seal rules run."""
    judged: list[Package] = []
    judge = seal_requirements._assignment_checks

    def counting(pkg: Package) -> Iterator[seal_requirements.SealCheck]:
        judged.append(pkg)
        return judge(pkg)

    monkeypatch.setattr(seal_requirements, "_assignment_checks", counting)
    sealed = package(licence(seal(APPLICANT)))
    unsealed = package(licence())
    assert rows(sealed) == set()
    assert ("missing-seal", LICENCE) in {(row[0], row[2]) for row in rows(unsealed)}
    assert judged == [sealed, unsealed]  # once per package, not once per rule


# --- regions: each finding carries the page and box it concerns


def test_an_unreadable_seal_finding_boxes_that_seal_on_its_page() -> None:
    smudged = seal("口口", confidence=0.2)
    sized = Page(1, "营业执照", "ocr", seals=(seal(AUTHORITY_RING), smudged), size=(1654, 2339),
                 thumbnail="data:image/jpeg;base64,xyz")  # fmt: skip
    (finding,) = findings(package(Use(LICENCE, document("营业执照.pdf", sized))))
    assert finding.region == Region(
        1, "seal", smudged.bbox, (1654, 2339), "data:image/jpeg;base64,xyz"
    )


def test_a_missing_seal_finding_marks_the_page_it_belongs_on() -> None:
    (finding,) = findings(package(licence(seal("北京星河科技有限公司", confidence=0.9))))
    assert finding.message_id == "missing-seal.applicant"
    assert finding.region is not None
    assert (finding.region.page, finding.region.kind, finding.region.box) == (
        1,
        "seal-missing",
        None,
    )


def test_an_authority_only_licence_boxes_the_authority_seal_it_found() -> None:
    authority = seal(AUTHORITY_RING)
    (finding,) = findings(package(licence(authority)))
    assert finding.message_id == "missing-seal.authority-only"
    assert finding.region is not None
    assert (finding.region.kind, finding.region.box) == ("seal", authority.bbox)


def test_a_draft_marks_the_page_that_asks_for_the_seal() -> None:
    use = Use(
        REPORT, document("业务发展报告.pdf", page(1, "业务发展报告"), page(2, "申请单位（盖章）"))
    )
    (finding,) = findings(package(use))
    assert finding.region is not None and finding.region.page == 2


def test_a_draft_read_by_ocr_boxes_the_line_that_asks_for_the_seal() -> None:
    asking = TextLine("申请单位(盖章)", (210, 1980, 620, 2030), 0.97)
    signature = Page(2, "业务发展报告\n申请单位(盖章)", "ocr", size=(1654, 2339),
                     lines=(TextLine("业务发展报告", (600, 120, 1050, 180), 0.99), asking))  # fmt: skip
    use = Use(REPORT, document("业务发展报告.pdf", page(1, "业务发展报告"), signature))
    (finding,) = findings(package(use))
    assert finding.region is not None
    assert (finding.region.page, finding.region.kind, finding.region.box) == (
        2,
        "seal-missing",
        asking.box,
    )


def test_docx_findings_carry_no_region() -> None:
    draft = document("服务流程.docx", page(1, "服务流程说明 申请单位（盖章）"), kind="docx")
    (finding,) = findings(package(Use("business.service_flow", draft)))
    assert finding.region is None


def test_the_evidence_is_page_text_never_the_seal_kind() -> None:
    agreement_pages = document(
        "托管协议.pdf", page(1, "服务器托管协议 甲方（盖章） 乙方（盖章）", seal(APPLICANT))
    )
    (finding,) = findings(package(Use("other.hosting_agreement", agreement_pages)))
    assert finding.rule == "missing-seal"
    assert "both_parties" not in finding.evidence and "(盖章)" in finding.evidence
    assert finding.key == "both_parties: counterparty"  # the fingerprint stays as it was


def kind_seal(ring_text: str, centre: str, shape: str = "round") -> object:
    return replace(seal(ring_text), centre_text=centre, shape=shape)


@pytest.mark.parametrize(
    ("stamp", "imprint"),
    [
        (kind_seal(APPLICANT, "财务专用章", "oval"), "finance"),
        (seal(f"{APPLICANT} 发票专用章"), "invoice"),  # the centre still in the ring text
        (kind_seal("张三印", "", "square"), "personal"),
    ],
    ids=["finance", "invoice", "personal"],
)
def test_a_finance_invoice_or_name_seal_is_no_company_seal(stamp: object, imprint: str) -> None:
    pkg = package(licence(seal(AUTHORITY_RING), stamp))
    (finding,) = findings(pkg)
    assert (finding.rule, finding.message_id) == ("missing-seal", "missing-seal.refused-kind")
    assert finding.arguments["imprint"] == imprint
    assert finding.region is not None and finding.region.kind == "seal"
    assert finding.region.box == stamp.bbox  # type: ignore[attr-defined]
    assert message(finding.message_id, "zh", message_arguments(finding.args, "zh")) == (
        f"页面上的印章是{message(f'term.imprint.{imprint}', 'zh')}，不能代替清单要求的申请单位公章"
    )


def test_the_company_seal_beside_its_finance_seal_passes() -> None:
    finance = kind_seal(APPLICANT, "财务专用章", "oval")
    assert rows(package(licence(seal(AUTHORITY_RING), finance, seal(APPLICANT)))) == set()


def test_financial_statements_take_the_finance_seal() -> None:
    finance = kind_seal(APPLICANT, "财务专用章", "oval")
    use = Use(
        FUNDING,
        document("财务报表.pdf", page(1, "资产负债表", finance)),
        alternative="financial_statements",
    )
    assert rows(package(use)) == set()


def test_an_agreement_sealed_with_contract_seals_passes_but_not_with_a_finance_seal() -> None:
    idc_contract = kind_seal("上海数港云计算服务有限公司", "合同专用章")
    assert rows(package(agreement(kind_seal(APPLICANT, "合同专用章"), idc_contract))) == set()
    idc_finance = kind_seal("上海数港云计算服务有限公司", "财务专用章", "oval")
    assert rows(package(agreement(seal(APPLICANT), idc_finance))) == {
        ("missing-seal", "missing-seal.refused-kind", HOSTING, "托管协议.pdf", 2)
    }


def test_an_archive_seal_read_with_its_centre_text_is_the_query_seal() -> None:
    archive = kind_seal(AUTHORITY_RING, "档案查询专用章", "oval")
    assert rows(package(articles(archive))) == set()
