"""Table tests of ambiguous-match and low-quality-scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.model import Context, Document, Page
from validator.rules import ambiguous_match, low_quality_scan
from validator.rules.options import defaults

CTX = Context(as_of=dt.date(2026, 6, 1), settings={"near_tie_ratio": 0.1})
SCAN_CTX = Context(as_of=dt.date(2026, 6, 1), options=defaults(low_quality_scan.OPTIONS))


def test_ambiguous_match_lists_both_candidates() -> None:
    # A plan that covers two security materials in equal measure.
    body = "本方案说明防护方案中的防火墙与入侵检测部署，以及数据保护中的数据备份与访问控制要求，适用于全部业务系统。"
    mixed = doc("方案.pdf", "安全方案\n" + body)
    (finding,) = ambiguous_match.check(package(mixed), CTX)
    assert finding.path == "方案.pdf"
    candidates = {finding.item, finding.arguments["other"]}
    assert candidates == {"security.protection_plan", "security.data_protection"}


def test_clear_documents_are_not_ambiguous() -> None:
    documents = [doc(name, text) for name, text in MATERIALS.values()]
    assert list(ambiguous_match.check(package(*documents), CTX)) == []


def test_any_of_alternatives_are_not_rivals() -> None:
    both = doc("资信与报表.pdf", "资信证明\n财务报表\n资产负债表\n银行 存款 开户 余额")
    assert list(ambiguous_match.check(package(both), CTX)) == []


def _scan(path: str, *pages: tuple[int | None, float | None], source: str = "ocr") -> Document:
    base = doc(path, *("营业执照\n名称 某某公司" for _ in pages), kind="image", source=source)
    return replace(
        base,
        pages=tuple(
            replace(page, dpi=dpi, confidence=confidence)
            for page, (dpi, confidence) in zip(base.pages, pages, strict=True)
        ),
    )


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (_scan("ok.jpg", (200, 0.9)), []),
        (_scan("phone.jpg", (85, 0.9)), [("low-quality-scan.dpi", 1, None)]),
        (_scan("blur.jpg", (200, 0.18)), [("low-quality-scan.confidence", 1, None)]),
        # Readable real licence photos read at 0.30-0.79: a 0.57 page is no finding.
        (_scan("readable.jpg", (200, 0.57)), []),
        (_scan("grey.jpg", (200, 0.30)), []),
        (
            _scan("mixed.pdf", (100, 0.9), (110, 0.9), (200, 0.9), (90, 0.9)),
            [("low-quality-scan.dpi", 1, 2), ("low-quality-scan.dpi", 4, None)],
        ),
        (_scan("text.pdf", (None, None), source="text"), []),
    ],
)
def test_low_quality_scan(document: Document, expected: list[tuple[str, int, int | None]]) -> None:
    found = [
        (f.message_id, f.page, f.page_end)
        for f in low_quality_scan.check(package(document), SCAN_CTX)
    ]
    assert found == expected


def test_blank_scanned_page_is_not_low_quality() -> None:
    blank = Page(number=1, text="", source="ocr", confidence=0.0, dpi=200)
    document = replace(doc("blank.jpg", "x", kind="image"), pages=(blank,))
    assert list(low_quality_scan.check(package(document), SCAN_CTX)) == []


def test_thresholds_are_options() -> None:
    strict = Context(as_of=dt.date(2026, 6, 1), options={"min_dpi": 300, "min_confidence": 0.6})
    (finding,) = low_quality_scan.check(package(_scan("a.jpg", (200, 0.9))), strict)
    assert finding.arguments["min_dpi"] == "300"
