"""Text normalisation: one table of cases, input -> stored form."""

from __future__ import annotations

import pytest

from validator.extract.normalize import meaningful_chars, normalize_text

CASES = [
    # NFKC: full-width letters, digits and punctuation become half-width
    ("ＡＢＣ１２３", "ABC123"),
    ("（盖章）", "(盖章)"),
    # Kangxi radicals that some PDF fonts map to become ordinary ideographs
    ("⼀⼆", "一二"),
    # spaces Tesseract puts between CJK characters go; Latin words keep theirs
    ("营 业 执 照", "营业执照"),
    ("注 册 资 本 ： 人 民 币 100 万 元", "注册资本:人民币100万元"),
    ("成立日期： 2018年", "成立日期:2018年"),
    ("成 立 日 期 : 2018 年", "成立日期:2018年"),
    ("CISP 证书", "CISP 证书"),
    ("Hello world", "Hello world"),
    ("2025 年 3 月 1 日", "2025年3月1日"),
    # zeros inside dates: Chinese-numeral years take 〇, Arabic dates take 0
    ("二O二五年三月一日", "二〇二五年三月一日"),
    ("二零二五年", "二〇二五年"),
    ("二○二五年", "二〇二五年"),
    ("2O25年O3月O1日", "2025年03月01日"),
    ("2〇25年3月", "2025年3月"),
    ("2O25-O3-O1", "2025-03-01"),
    ("2025.O3.O1", "2025.03.01"),
    # ... and nowhere else
    ("Model O3 2025", "Model O3 2025"),
    ("ABC2O25-O3-O1", "ABC2O25-O3-O1"),
    ("O3月", "O3月"),
    ("零件", "零件"),
    ("2025年", "2025年"),
    ("91110000MA01OBCD1X", "91110000MA01OBCD1X"),
    # control and invisible characters are dropped, line breaks unified
    ("a\u200bb\x07c\r\nd\re", "abc\nd\ne"),
    ("\ufeff标题\u00ad", "标题"),
    ("a\tb", "a b"),
    # blank runs shrink to one blank line; lines are stripped
    ("  x  \n\n\n\n y ", "x\n\ny"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_is_idempotent() -> None:
    for raw, _ in CASES:
        once = normalize_text(raw)
        assert normalize_text(once) == once


@pytest.mark.parametrize(
    ("text", "count"), [("营业执照 2025", 8), ("(cid:12) ..", 5), ("", 0), ("—— ·", 0)]
)
def test_meaningful_chars_counts_letters_and_digits(text: str, count: int) -> None:
    assert meaningful_chars(text) == count
