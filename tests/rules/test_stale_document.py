"""stale-document: a bank letter older than 90 days, statements older than 12 months."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import stale_document

S = "stale-document"
BANK = "资信证明\n兹证明北京云启智联科技有限公司在我行开户，存款余额 人民币伍佰万元整\n{}\n中国工商银行"
STATEMENTS = "财务报表\n资产负债表\n利润表\n现金流量表\n{}"


def _bank(dated: str, source: str = "text") -> Document:
    return doc("资信证明.pdf", BANK.format(dated), source=source)


def _statements(dated: str) -> Document:
    return doc("财务报表.pdf", STATEMENTS.format(dated))


CASES = [
    ("recent letter", _bank("出具日期 2026年05月20日"), []),
    ("147 days old", _bank("出具日期 2026年01月05日"), [(S, "funding.proof", "资信证明.pdf", 1, None)]),
    ("exactly 90 days", _bank("出具日期 2026年03月03日"), []),
    ("91 days", _bank("出具日期 2026年03月02日"), [(S, "funding.proof", "资信证明.pdf", 1, None)]),
    ("OCR O for 0", _bank("出具日期 2O26年O1月O5日", source="ocr"), [(S, "funding.proof", "资信证明.pdf", 1, None)]),
    ("full-width", _bank("出具日期 ２０２６年１月５日"), [(S, "funding.proof", "资信证明.pdf", 1, None)]),
    ("date at the letter's foot", doc("资信证明.pdf", "资信证明\n兹证明北京云启智联科技有限公司在我行开户\n存款余额 人民币伍佰万元整\n中国工商银行北京海淀支行\n2025年12月1日"),
     [(S, "funding.proof", "资信证明.pdf", 1, None)]),
    ("future letter is future-dated's", _bank("出具日期 2026年06月20日"), []),
    ("undated letter is undated's", _bank("此证明"), []),
    ("statements 5 months old", _statements("截至2025年12月31日"), []),
    ("statements 17 months old", _statements("截至2024年12月31日"), [(S, "funding.proof", "财务报表.pdf", 1, None)]),
    ("statements period", _statements("报表期间 2024年01月01日至2024年12月31日"), [(S, "funding.proof", "财务报表.pdf", 1, None)]),
    ("statements 12 months to the day", _statements("报表日期 2025年06月01日"), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_stale_document(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(stale_document, document)) == expected


def test_message_gives_the_age() -> None:
    (finding,) = run(stale_document, _bank("出具日期 2026年01月05日"))
    assert finding.message_id == "stale-document.issued"
    assert finding.arguments == {
        "issued": "2026-01-05",
        "as_of": "2026-06-01",
        "age": "147",
        "max_days": "90",
    }
    assert finding.evidence == "出具日期 2026年01月05日"


def test_period_message() -> None:
    (finding,) = run(stale_document, _statements("截至2024年12月31日"))
    assert finding.message_id == "stale-document.period"
    assert (finding.arguments["period"], finding.arguments["max_months"]) == ("2024-12-31", "12")


def test_age_counts_from_the_as_of_date() -> None:
    letter = _bank("出具日期 2026年01月05日")
    assert run(stale_document, letter, as_of=dt.date(2026, 3, 1)) == []


def test_silent_on_the_clean_package() -> None:
    assert run(stale_document, *clean_documents()) == []
