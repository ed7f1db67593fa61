"""future-dated: an issue date after the as-of date."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import future_dated

F = "future-dated"
BANK = "资信证明\n兹证明北京云启智联科技有限公司在我行开户，存款余额 人民币伍佰万元整\n{}\n中国工商银行"
HOSTING = "服务器托管协议\n甲方 北京云启智联科技有限公司\n乙方 北京数港云数据科技有限公司\n{}"


def _bank(dated: str, source: str = "text") -> Document:
    return doc("资信证明.pdf", BANK.format(dated), source=source)


CASES = [
    ("dated after", _bank("出具日期 2026年06月20日"), [(F, "funding.proof", "资信证明.pdf", 1, None)]),
    ("dated on the as-of day", _bank("出具日期 2026年06月01日"), []),
    ("dated before", _bank("出具日期 2026年05月20日"), []),
    ("OCR noise", _bank("出具日期 2O26 年 6 月 2O 日", source="ocr"), [(F, "funding.proof", "资信证明.pdf", 1, None)]),
    ("full-width", _bank("出具日期 ２０２６/０６/２０"), [(F, "funding.proof", "资信证明.pdf", 1, None)]),
    ("future signing date", doc("服务器托管协议.pdf", HOSTING.format("签订日期 2026年07月01日\n服务期限 2026年07月01日至2028年06月30日")),
     [(F, "other.hosting_agreement", "服务器托管协议.pdf", 1, None)]),
    ("a future start or end is fine", doc("服务器托管协议.pdf", HOSTING.format("签订日期 2026年05月01日\n生效日期 2026年07月01日\n服务期限 2026年07月01日至2028年06月30日")), []),
    ("future closing date of a letter", doc("资信证明.pdf", "资信证明\n兹证明北京云启智联科技有限公司在我行开户\n存款余额 人民币伍佰万元整\n中国工商银行\n2026年7月1日"),
     [(F, "funding.proof", "资信证明.pdf", 1, None)]),
    ("plans talk about the future", doc("业务发展报告.pdf", "业务发展报告\n一、业务模式\n四、发展规划\n计划上线日期 2027年01月01日\n2027年12月31日"), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_future_dated(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(future_dated, document)) == expected


def test_message_names_both_dates() -> None:
    (finding,) = run(future_dated, _bank("出具日期 2026年06月20日"))
    assert finding.message_id == "future-dated.issued"
    assert finding.arguments == {"issued": "2026-06-20", "as_of": "2026-06-01"}
    assert finding.evidence == "出具日期 2026年06月20日"


def test_silent_on_the_clean_package() -> None:
    assert run(future_dated, *clean_documents()) == []
