"""chi_sim reads a 1 as "]" in months and days, or leaves a "]" beside a correct 1."""

from __future__ import annotations

from datetime import date

import pytest

from validator.facts.dateforms import scan_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("出具日期:2025年11]月13日", date(2025, 11, 13)),  # a stray ] beside 11
        ("截至2025年1]月12日营业终了", date(2025, 11, 12)),  # ] read for the second 1
        ("2026年5月]5日", date(2026, 5, 15)),
        ("2025年3月1日", date(2025, 3, 1)),
    ],
)
def test_bracket_noise_in_month_and_day(text: str, expected: date) -> None:
    assert [token.value for token in scan_dates(text)] == [expected]


def test_impossible_month_stays_unread() -> None:
    assert scan_dates("2025年111月1日") == []
