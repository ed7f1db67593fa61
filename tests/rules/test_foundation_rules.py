"""Table tests of the foundation rules: documents in, (rule, item, path) findings out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.i18n import message
from validator.model import Context, Document, ExtractionError, Seal, Severity
from validator.rules import (
    duplicate_document,
    limit_exceeded,
    missing_item,
    unmatched_document,
    unreadable_document,
)

CTX = Context(as_of=dt.date(2026, 6, 1))
ALL = [doc(name, text) for name, text in MATERIALS.values()]


def _found(rule, pkg):  # type: ignore[no-untyped-def]
    return sorted((f.rule, f.item, f.path, f.severity) for f in rule.check(pkg, CTX))


def test_missing_item_silent_on_a_complete_package() -> None:
    assert _found(missing_item, package(*ALL)) == []


def test_missing_item_names_exactly_the_removed_items() -> None:
    kept = [d for d in ALL if d.path not in ("网络安全防护方案.pdf", "服务流程说明.pdf")]
    assert _found(missing_item, package(*kept)) == [
        ("missing-item", "business.service_flow", None, None),
        ("missing-item", "security.protection_plan", None, None),
    ]


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"has_corporate_shareholders": True}, [("company.shareholders", None)]),
        ({"has_corporate_shareholders": False}, []),
        ({}, [("company.shareholders", Severity.INFO)]),
    ],
)
def test_conditional_item_follows_its_fact(facts, expected) -> None:  # type: ignore[no-untyped-def]
    kept = [d for d in ALL if d.path != "股东结构说明.docx"]
    pkg = package(*kept, facts={**facts, "requires_capital_verification": True})
    found = [(item, sev) for _, item, _, sev in _found(missing_item, pkg)]
    assert found == expected


def test_missing_conditional_info_names_the_condition() -> None:
    kept = [d for d in ALL if d.path != "股东结构说明.docx"]
    (finding,) = missing_item.check(package(*kept), CTX)
    assert finding.arguments["fact"] == "has_corporate_shareholders"
    assert "法人股东" in finding.arguments["condition_zh"]
    assert finding.severity is Severity.INFO
    zh, en = (message(finding.message_id, lang, finding.arguments) for lang in ("zh", "en"))
    assert "请确认" in zh and "facts.has_corporate_shareholders" in zh
    assert "please confirm whether it applies" in en


def _without_capital_verification(licence_text: str) -> list[Document]:
    kept = [d for d in ALL if d.path not in ("验资报告.pdf", "营业执照.pdf")]
    return [doc("营业执照.pdf", licence_text), *kept]


def test_undecided_capital_verification_is_info() -> None:
    pkg = package(*_without_capital_verification(MATERIALS["company.business_license"][1]))
    assert pkg.read_facts == {}
    assert _found(missing_item, pkg) == [
        ("missing-item", "funding.capital_verification", None, Severity.INFO)
    ]


def test_licence_printing_paid_in_capital_makes_capital_verification_required() -> None:
    licence = MATERIALS["company.business_license"][1] + "\n实收资本 人民币壹佰万元整"
    pkg = package(*_without_capital_verification(licence))
    (finding,) = missing_item.check(pkg, CTX)
    assert (finding.item, finding.severity) == ("funding.capital_verification", None)
    assert finding.message_id == "missing-item.required-by-document"
    assert "实收资本" in finding.evidence
    assert finding.arguments["source"] == "营业执照.pdf"


def test_config_fact_overrides_what_the_licence_reads() -> None:
    licence = MATERIALS["company.business_license"][1] + "\n实收资本 人民币壹佰万元整"
    docs = _without_capital_verification(licence)
    pkg = package(*docs, facts={"requires_capital_verification": False})
    assert _found(missing_item, pkg) == []


@pytest.mark.parametrize(
    ("document", "message_id"),
    [
        (
            doc("a.pdf", error=ExtractionError("corrupt", "truncated")),
            "unreadable-document.corrupt",
        ),
        (doc("b.pdf", error=ExtractionError("encrypted")), "unreadable-document.encrypted"),
        (doc("c.pdf", content=b"", error=ExtractionError("empty")), "unreadable-document.empty"),
        (doc("d.jpg", "", "  ", kind="image", source="ocr"), "unreadable-document.no-text"),
    ],
)
def test_unreadable_document(document, message_id) -> None:  # type: ignore[no-untyped-def]
    (finding,) = unreadable_document.check(package(document), CTX)
    assert (finding.message_id, finding.path) == (message_id, document.path)


def test_one_blank_page_in_a_readable_file_is_fine() -> None:
    document = doc("章程.pdf", MATERIALS["company.articles"][1], "")
    assert list(unreadable_document.check(package(document), CTX)) == []


def test_a_picture_of_a_seal_alone_is_no_unreadable_file() -> None:
    # A crisp seal filling a real photo's frame: no page text, one seal.
    seal = Seal(bbox=(10, 10, 590, 590), confidence=0.97, colour="red")
    picture = doc("公章.png", "", kind="image", source="ocr")
    sealed = replace(picture, pages=(replace(picture.pages[0], seals=(seal,)),))
    assert list(unreadable_document.check(package(sealed), CTX)) == []
    assert [f.message_id for f in unreadable_document.check(package(picture), CTX)] == [
        "unreadable-document.no-text"
    ]


def test_unreadable_file_named_like_a_material_is_tied_to_its_item() -> None:
    broken = doc("营业执照.pdf", error=ExtractionError("corrupt", "no startxref"))
    (finding,) = unreadable_document.check(package(broken), CTX)
    assert finding.item == "company.business_license"


def test_limit_hit_is_limit_exceeded_not_unreadable() -> None:
    big = doc("scan.png", kind="image", error=ExtractionError("limit", "200 MP", limit="pixels"))
    pkg = package(big)
    assert list(unreadable_document.check(pkg, CTX)) == []
    (finding,) = limit_exceeded.check(pkg, CTX)
    assert finding.arguments["key"] == "limits.max_megapixels"


def test_unmatched_document_only_for_readable_unrecognised_files() -> None:
    notes = doc("会议纪要.docx", "会议纪要\n讨论年会安排", kind="docx")
    broken = doc("x.pdf", error=ExtractionError("corrupt"))
    pkg = package(*ALL, notes, broken)
    assert _found(unmatched_document, pkg) == [("unmatched-document", None, "会议纪要.docx", None)]


def test_duplicate_document_flags_the_later_copy() -> None:
    original = doc("营业执照.pdf", "营业执照", content=b"same")
    copy = doc("副本/营业执照(1).pdf", "营业执照", content=b"same")
    empty_a = doc("a.txt", content=b"", error=ExtractionError("empty"))
    empty_b = doc("b.txt", content=b"", error=ExtractionError("empty"))
    (finding,) = duplicate_document.check(package(copy, original, empty_a, empty_b), CTX)
    assert (finding.path, finding.arguments["original"]) == (copy.path, original.path)


def test_duplicate_with_a_copy_marker_is_the_copy() -> None:
    original = doc("02_业务材料/业务发展报告.pdf", "业务发展报告", content=b"same")
    backup = doc("备份/业务发展报告(1).pdf", "业务发展报告", content=b"same")
    (finding,) = duplicate_document.check(package(original, backup), CTX)
    assert finding.path == backup.path
    assert finding.arguments["original"] == original.path
    assert finding.item == "business.development_report"


@pytest.mark.parametrize(
    "documents",
    [
        [],
        [doc("会议纪要.docx", "会议纪要\n讨论办公室搬迁事宜", kind="docx")],
        [doc("a.pdf", error=ExtractionError("corrupt", "truncated"))],
    ],
)
def test_folder_without_any_material_gives_one_error(documents) -> None:  # type: ignore[no-untyped-def]
    (finding,) = missing_item.check(package(*documents), CTX)
    assert (finding.message_id, finding.item, finding.severity) == (
        "missing-item.no-materials",
        None,
        None,
    )
    assert "未找到任何申请材料" in message(finding.message_id, "zh", finding.arguments)
    assert "No application materials found in pkg" in message(
        finding.message_id, "en", finding.arguments
    )


@pytest.mark.parametrize(
    ("path", "severity"),
    [
        ("设计稿.psd", Severity.INFO),  # matches no material: a note for the user
        ("营业执照.pages", Severity.WARNING),  # named as a material: that material is unchecked
    ],
)
def test_file_of_another_format_is_not_checked_not_an_error(path, severity) -> None:  # type: ignore[no-untyped-def]
    other = doc(path, error=ExtractionError("other_format", "not a PDF"))
    (finding,) = unreadable_document.check(package(*ALL, other), CTX)
    assert (finding.message_id, finding.severity) == ("unreadable-document.not-checked", severity)
    assert "未检查此文件" in message(finding.message_id, "zh", finding.arguments)


def test_a_file_the_walk_could_not_read_keeps_its_error() -> None:
    # A folder nested beyond the path limit has no document suffix, yet is no other format.
    deep = doc("深层目录", error=ExtractionError("unsupported", "path too long"))
    (finding,) = unreadable_document.check(package(deep), CTX)
    assert (finding.message_id, finding.severity) == ("unreadable-document.unsupported", None)
    assert finding.arguments["detail"] == "path too long"


def test_file_named_as_a_document_with_other_bytes_stays_an_error() -> None:
    garbage = doc("营业执照.pdf", error=ExtractionError("unsupported", "not a PDF"))
    (finding,) = unreadable_document.check(package(garbage), CTX)
    assert (finding.message_id, finding.severity) == ("unreadable-document.unsupported", None)
