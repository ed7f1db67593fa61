"""insufficient-capital: registered capital against the threshold of the package's scope."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import doc, ocr_doc, package
from tests.rules.text_helpers import clean_documents, context, rows, run
from validator.errors import ConfigError
from validator.model import Document, Fact, Severity
from validator.rules import insufficient_capital

K = "insufficient-capital"
ITEM = "company.business_license"
LICENCE = "营业执照\n统一社会信用代码 91110108MA01ABCDEN\n名称 北京云启智联科技有限公司\n{}\n营业期限 长期"
PROVINCIAL = {"scope": "provincial"}
CROSS = {"scope": "cross_regional"}


def _licence(capital: str, source: str = "text") -> Document:
    return doc("营业执照.pdf", LICENCE.format(capital), source=source)


CASES = [
    ("壹仟万 provincial", _licence("注册资本 人民币壹仟万元整"), PROVINCIAL, []),
    ("壹仟万 cross-regional", _licence("注册资本 人民币壹仟万元整"), CROSS, []),
    ("伍拾万 provincial", _licence("注册资本 人民币伍拾万元"), PROVINCIAL, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("default scope is provincial", _licence("注册资本 人民币伍拾万元"), {}, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("100万 is enough for provincial", _licence("注册资本 100万元"), {}, []),
    ("500万 cross-regional", _licence("注册资本 500万元"), CROSS, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("unit in the label", _licence("注册资本(万元) 100"), PROVINCIAL, []),
    ("plain yuan", _licence("注册资本 999,999元"), PROVINCIAL, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("OCR O for 0", _licence("注册资本 1O0 万元", source="ocr"), PROVINCIAL, []),
    ("OCR O for 0, too low", _licence("注册资本 5O 万元", source="ocr"), PROVINCIAL, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("full-width digits", _licence("注册资本 ５０万元"), PROVINCIAL, [(K, ITEM, "营业执照.pdf", 1, None)]),
    ("unreadable capital", _licence("注册资本 见章程"), PROVINCIAL, []),
    ("foreign currency", _licence("注册资本 10万美元"), PROVINCIAL, []),
    ("no licence", doc("公司章程.pdf", "北京云启智联科技有限公司章程\n第一章 总则\n注册资本 人民币伍拾万元"), PROVINCIAL, []),
    # Tesseract on real licence photos: 伍佰万元 with 佰 misread, cut short to 人民币伍.
    ("OCR cut 伍佰万元 short", _licence("| “注册资本人民币伍倩万元天。,", source="ocr"), PROVINCIAL,
     [(K, ITEM, "营业执照.pdf", 1, Severity.INFO)]),
    ("OCR cut 伍佰万元整 short", _licence("注册资本人民币伍信万元整年度检验情况", source="ocr"), PROVINCIAL,
     [(K, ITEM, "营业执照.pdf", 1, Severity.INFO)]),
    ("under 1万元 is a misreading", _licence("注册资本 5元", source="ocr"), PROVINCIAL,
     [(K, ITEM, "营业执照.pdf", 1, Severity.INFO)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "facts", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_insufficient_capital(
    document: Document, facts: dict[str, object], expected: list[tuple[object, ...]]
) -> None:
    assert rows(run(insufficient_capital, document, facts=facts)) == expected


def test_a_doubtful_reading_is_said_as_read_never_as_a_defect() -> None:
    (finding,) = run(insufficient_capital, _licence("注册资本人民币伍倩万元"), facts=PROVINCIAL)
    assert (finding.message_id, finding.severity) == ("insufficient-capital.unsure", Severity.INFO)
    assert finding.arguments == {"printed": "人民币伍"}


@pytest.mark.parametrize(("confidence", "severity"), [(0.55, Severity.INFO), (0.97, None)])
def test_an_error_needs_a_confidently_read_line(
    confidence: float, severity: Severity | None
) -> None:
    licence = ocr_doc(
        "营业执照.jpg",
        [
            ("营业执照", 0.99),
            ("名称北京云启智联科技有限公司", 0.98),
            ("注册资本人民币伍拾万元", confidence),
        ],
    )
    (finding,) = run(insufficient_capital, licence, facts=PROVINCIAL)
    assert finding.severity == severity


def test_message_gives_capital_threshold_and_scope() -> None:
    (finding,) = run(insufficient_capital, _licence("注册资本 500万元"), facts=CROSS)
    assert finding.message_id == "insufficient-capital.below"
    assert finding.arguments == {
        "capital": "5,000,000",
        "minimum": "10,000,000",
        "scope": "cross_regional",
    }
    assert finding.evidence == "注册资本 500万元"


def test_unknown_scope_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"facts\.scope"):
        run(insufficient_capital, _licence("注册资本 500万元"), facts={"scope": "national"})


def test_unknown_scope_without_any_capital_is_no_error() -> None:
    assert run(insufficient_capital, _licence("注册资本 见章程"), facts={"scope": "national"}) == []


def test_package_fact_counts_when_no_range_shows_the_capital() -> None:
    # The match stage may have read the capital where the rule's ranges do not show it.
    pkg = package(_licence("注册资本 见章程"))
    fact = Fact(value="500000", path="营业执照.pdf", page=1, evidence="注册资本 伍拾万元")
    with_fact = replace(pkg, facts=replace(pkg.facts, registered_capital=fact))
    (finding,) = insufficient_capital.check(with_fact, context(insufficient_capital))
    assert (finding.item, finding.path, finding.page) == (ITEM, "营业执照.pdf", 1)
    assert finding.arguments["capital"] == "500,000"
    enough = replace(fact, value="1000000")
    rich = replace(pkg, facts=replace(pkg.facts, registered_capital=enough))
    assert list(insufficient_capital.check(rich, context(insufficient_capital))) == []


def test_silent_on_the_clean_package() -> None:
    assert run(insufficient_capital, *clean_documents()) == []
    assert run(insufficient_capital, *clean_documents(), facts=CROSS) == []
