from __future__ import annotations

import pytest

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.manifest import load_manifest
from validator.match import FILENAME_POINTS, match_package


def _items_of(pkg, path: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.item for a in pkg.assignments if a.path == path}


def test_complete_sample_matches_every_item_once() -> None:
    documents = [doc(name, text) for name, text in MATERIALS.values()]
    pkg = package(*documents)
    for item_id, (name, _) in MATERIALS.items():
        assert _items_of(pkg, name) == {item_id}, name


@pytest.mark.parametrize("item_id", sorted(MATERIALS))
def test_content_decides_when_the_name_says_nothing(item_id: str) -> None:
    _, text = MATERIALS[item_id]
    pkg = package(doc("材料07.pdf", text), doc("scan_0012.jpg", "会议纪要\n讨论了年会安排"))
    assert _items_of(pkg, "材料07.pdf") == {item_id}
    assert _items_of(pkg, "scan_0012.jpg") == set()


@pytest.mark.parametrize(
    ("name", "item_id"),
    [
        ("yingyezhizhao.pdf", "company.business_license"),
        ("Business_License.PDF", "company.business_license"),
        ("gongsi_zhangcheng.pdf", "company.articles"),
        ("network-security-plan.docx", "security.protection_plan"),
        ("04_人员资料/李华.pdf", "personnel.staff_resumes"),
    ],
)
def test_file_and_folder_names_score(name: str, item_id: str) -> None:
    pkg = package(doc(name, "第一页"))
    scores = dict(pkg.scores)[name]
    assert scores[0].item == item_id
    assert scores[0].score in (FILENAME_POINTS, 1.0)


def test_clear_content_beats_a_misleading_name() -> None:
    _, text = MATERIALS["security.protection_plan"]
    pkg = package(doc("营业执照.pdf", text))
    assert _items_of(pkg, "营业执照.pdf") == {"security.protection_plan"}


def test_title_weighs_more_than_a_passing_mention() -> None:
    # A 章程 that mentions 营业执照 in passing is still a 章程.
    text = "公司章程\n第一章 总则\n公司凭营业执照经营，统一社会信用代码见营业执照\n股东会"
    pkg = package(doc("a.pdf", text))
    assert _items_of(pkg, "a.pdf") == {"company.articles"}


def test_any_of_alternatives_satisfy_the_item() -> None:
    statements = doc("2025年财务报表.pdf", "财务报表\n资产负债表\n利润表\n现金流量表")
    pkg = package(statements)
    (assignment,) = [a for a in pkg.assignments if a.path == statements.path]
    assert assignment.item == "funding.proof"
    assert assignment.alternative == "financial_statements"


def test_several_files_can_satisfy_one_item() -> None:
    front = doc("身份证正面.jpg", "姓名 王明远 民族 汉 住址 北京\n公民身份号码 110108198503154318")
    back = doc("身份证反面.jpg", "中华人民共和国\n居民身份证\n签发机关 北京市公安局")
    pkg = package(front, back)
    assert {a.path for a in pkg.assigned("company.legal_rep_id")} == {front.path, back.path}


def test_a_second_candidate_moves_to_an_uncovered_required_item() -> None:
    # Two files look most like the technical plan; one of them is the only
    # candidate for the protection plan, so the best assignment covers both.
    tech = doc("技术方案.pdf", MATERIALS["business.technical_plan"][1])
    mixed = doc("方案二.pdf", "技术方案与安全\n防火墙 入侵检测 数据加密\n技术架构")
    pkg = package(tech, mixed)
    assert _items_of(pkg, tech.path) == {"business.technical_plan"}
    assert _items_of(pkg, mixed.path) == {"security.protection_plan"}


def test_match_is_deterministic_and_sorted() -> None:
    documents = [doc(name, text) for name, text in MATERIALS.values()]
    manifest = load_manifest("icp")
    first = match_package("p", documents, manifest, {})
    second = match_package("p", list(reversed(documents)), manifest, {})
    assert first.assignments == second.assignments
    assert first.scores == second.scores


def test_package_facts_come_from_the_business_licence() -> None:
    documents = [doc(name, text) for name, text in MATERIALS.values()]
    facts = package(*documents).facts
    assert facts.applicant is not None and facts.applicant.value == "北京云启智联科技有限公司"
    assert facts.applicant.path == "营业执照.pdf" and facts.applicant.page == 1
    assert facts.legal_representative is not None
    assert facts.legal_representative.value == "王明远"
    assert facts.uscc is not None and facts.uscc.value == "91110108MA01QK7R8A"
    assert facts.registered_capital is not None
    assert facts.registered_capital.value.endswith("(10,000,000 元)")
    assert facts.business_scope is not None and "增值电信" in facts.business_scope.value


def test_no_licence_no_facts() -> None:
    facts = package(doc("技术方案.pdf", MATERIALS["business.technical_plan"][1])).facts
    assert facts.applicant is None and facts.registered_capital is None


def test_an_ocr_misreading_of_the_licence_name_yields_to_the_text_layers() -> None:
    licence_text = MATERIALS["company.business_license"][1].replace("云启智联", "云局智联")
    scanned_licence = doc("营业执照.jpg", licence_text, kind="image", source="ocr")
    others = [doc(n, t) for i, (n, t) in MATERIALS.items() if i != "company.business_license"]
    facts = package(scanned_licence, *others).facts
    assert facts.applicant is not None and facts.applicant.value == "北京云启智联科技有限公司"
    assert facts.applicant.path == "营业执照.jpg"
    # A licence with a text layer is what it says, whatever the other files print.
    typed_licence = doc("营业执照.pdf", licence_text)
    assert package(typed_licence, *others).facts.applicant.value == "北京云局智联科技有限公司"  # type: ignore[union-attr]
