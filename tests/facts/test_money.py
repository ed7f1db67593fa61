"""Money amounts and registered capital, read as whole yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest

from validator.facts.money import find_amounts, find_registered_capital, parse_amount
from validator.facts.numerals import parse_cjk_integer


@pytest.mark.parametrize(
    ("printed", "yuan"),
    [
        ("壹仟万元整", 10_000_000),
        ("壹佰万元", 1_000_000),
        ("人民币壹仟万元", 10_000_000),
        ("人民币壹仟万元整", 10_000_000),
        ("1000万元", 10_000_000),
        ("人民币100万元", 1_000_000),
        ("100.00万元", 1_000_000),
        ("1,000,000元", 1_000_000),
        ("1000 万元人民币", 10_000_000),
        ("100万元(人民币)", 1_000_000),
        ("伍拾万元", 500_000),
        ("贰佰伍拾万元整", 2_500_000),
        ("壹亿贰仟万元", 120_000_000),
        ("一千万元", 10_000_000),
        ("1.5亿元", 150_000_000),
        ("¥1,000,000", 1_000_000),
        ("500万", 5_000_000),
        # OCR noise
        ("1O00万元", 10_000_000),
        ("1 000 万元", 10_000_000),
        ("１０００万元", 10_000_000),
    ],
)
def test_amounts(printed: str, yuan: int) -> None:
    assert parse_amount(printed) == Decimal(yuan)
    fact = find_registered_capital(f"注册资本：{printed}")
    assert fact is not None
    assert (fact.value, fact.currency, fact.label) == (yuan, "CNY", "注册资本")


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("注册资本：人民币壹仟万元整", 10_000_000),
        ("注册资本 壹仟万元整", 10_000_000),
        ("注册资本\n壹仟万元整\n成立日期2010年1月1日", 10_000_000),
        ("注册资本(万元) 1000", 10_000_000),
        ("注册资本（万元）：100", 1_000_000),
        ("注册资本（人民币）：100万元", 1_000_000),
        ("注册资金：伍佰万元", 5_000_000),
        ("名称某某有限公司\n类型有限责任公司\n注册资本 100万元\n成立日期 2010年1月1日", 1_000_000),
    ],
)
def test_registered_capital(text: str, yuan: int) -> None:
    fact = find_registered_capital(text)
    assert fact is not None
    assert fact.value == yuan
    assert fact.text in fact.evidence


@pytest.mark.parametrize(
    "text",
    [
        "注册资本：1000",  # no unit: unreadable, not guessed
        "注册资本 见附件 成立日期2010年1月1日",
        "注册资本：万元",
        "营业执照 成立日期2010年",
        "注册资本实缴情况说明：股东已于2020年缴足100万元",  # a sentence, not the field
    ],
)
def test_unreadable_capital_is_none(text: str) -> None:
    assert find_registered_capital(text) is None


def test_foreign_currency_is_named() -> None:
    fact = find_registered_capital("注册资本：100万美元")
    assert fact is not None
    assert (fact.value, fact.currency) == (1_000_000, "USD")


def test_custom_capital_labels() -> None:
    fact = find_registered_capital("出资额：伍拾万元", labels=["出资额"])
    assert fact is not None
    assert fact.value == 500_000


def test_find_amounts_needs_a_unit() -> None:
    facts = find_amounts("单位：万元。共有一百个机柜，合计1,000,000元，另付伍万元")
    assert [f.value for f in facts] == [1_000_000, 50_000]
    assert facts[0].evidence.startswith("单位:万元。")  # the whole line, width-folded


def test_amount_offset_points_at_the_amount() -> None:
    text = "说明：合计1,000,000元"
    [fact] = find_amounts(text)
    assert text[fact.offset :].startswith("1,000,000元")


def test_fractions_round_half_up_to_whole_yuan() -> None:
    [fact] = find_amounts("0.00005万元")
    assert fact.amount == Decimal("0.50000")
    assert fact.value == 1


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十一", 21),
        ("一百零五", 105),
        ("壹仟零伍拾", 1050),
        ("一万亿", 10**12),
        ("二〇二五", 2025),
        ("二二十", None),
        ("abc", None),
    ],
)
def test_cjk_integers(numeral: str, value: int | None) -> None:
    assert parse_cjk_integer(numeral) == value
