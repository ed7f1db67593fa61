"""Shared helpers: width folding, OCR digits, evidence lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from validator.facts.evidence import EVIDENCE_MAX_CHARS, evidence_line, line_bounds
from validator.facts.numerals import clean_digits, fold_width, parse_decimal


def test_fold_width_keeps_length() -> None:
    text = "有效期至：２０３０年Ａ　Ｂ"
    folded = fold_width(text)
    assert folded == "有效期至:2030年A B"
    assert len(folded) == len(text)


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("2O25", "2025"),
        ("l9I0", "1910"),
        ("1 000 000", "1000000"),
        ("1,000", "1000"),
        ("1|2", "112"),
    ],
)
def test_clean_digits(noisy: str, clean: str) -> None:
    assert clean_digits(noisy) == clean


@pytest.mark.parametrize(
    ("text", "value"), [("1O0.5", Decimal("100.5")), ("abc", None), ("", None)]
)
def test_parse_decimal(text: str, value: Decimal | None) -> None:
    assert parse_decimal(text) == value


def test_evidence_is_the_stripped_line() -> None:
    text = "第一行\n  签发日期：2020年1月1日  \n第三行"
    start = text.index("2020")
    assert evidence_line(text, start, start + 4) == "签发日期：2020年1月1日"
    assert line_bounds(text, start) == (4, text.index("\n第三行"))


def test_long_lines_are_cut_around_the_match() -> None:
    text = "甲" * 500 + "2020年1月1日" + "乙" * 500
    start = text.index("2020")
    evidence = evidence_line(text, start, start + 10)
    assert "2020年1月1日" in evidence
    assert len(evidence) <= EVIDENCE_MAX_CHARS
