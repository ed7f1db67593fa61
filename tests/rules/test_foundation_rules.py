"""Table tests of the foundation rules: documents in, (rule, item, path) findings out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.model import Context, ExtractionError, Seal, Severity
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
        ({}, [("company.shareholders", Severity.WARNING)]),
    ],
)
def test_conditional_item_follows_its_fact(facts, expected) -> None:  # type: ignore[no-untyped-def]
    kept = [d for d in ALL if d.path != "股东结构说明.docx"]
    pkg = package(*kept, facts={**facts, "requires_capital_verification": True})
    found = [(item, sev) for _, item, _, sev in _found(missing_item, pkg)]
    assert found == expected


def test_missing_conditional_warning_names_the_condition() -> None:
    kept = [d for d in ALL if d.path != "股东结构说明.docx"]
    (finding,) = missing_item.check(package(*kept), CTX)
    assert finding.arguments["fact"] == "has_corporate_shareholders"
    assert "法人股东" in finding.arguments["condition_zh"]


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
