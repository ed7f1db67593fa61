"""Round trips: any date printed in any supported form reads back as itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from validator.facts.dateforms import parse_date
from validator.facts.dates import find_dates

_CJK_DIGITS = "〇一二三四五六七八九"
_ZEROS = ("〇", "零", "O", "○")

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def cjk_year(year: int, zero: str) -> str:
    return "".join(zero if ch == "0" else _CJK_DIGITS[int(ch)] for ch in str(year))


def cjk_small(number: int, short_tens: bool) -> str:
    tens, units = divmod(number, 10)
    unit = _CJK_DIGITS[units] if units else ""
    if tens == 0:
        return unit
    if short_tens and tens in (2, 3):
        return "廿卅"[tens - 2] + unit
    return ("" if tens == 1 else _CJK_DIGITS[tens]) + "十" + unit


def cjk_date(day: date, zero: str, short_tens: bool, first_month: str) -> str:
    month = first_month if day.month == 1 and first_month else cjk_small(day.month, False)
    return f"{cjk_year(day.year, zero)}年{month}月{cjk_small(day.day, short_tens)}日"


ARABIC_STYLES: list[Callable[[date], str]] = [
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
]

styles = st.one_of(
    st.sampled_from(ARABIC_STYLES),
    st.builds(
        lambda zero, short, first: lambda d: cjk_date(d, zero, short, first),
        st.sampled_from(_ZEROS),
        st.booleans(),
        st.sampled_from(["", "元", "正"]),
    ),
)


@given(dates, styles)
def test_every_style_reads_back(day: date, style: Callable[[date], str]) -> None:
    printed = style(day)
    assert parse_date(printed) == day
    [fact] = find_dates(f"签发日期：{printed}")
    assert (fact.kind, fact.value) == ("issue", day)


@given(
    dates,
    dates,
    st.sampled_from(ARABIC_STYLES),
    st.sampled_from(["-", "—", "至", "到", " 至 ", "~"]),
)
def test_every_separator_gives_a_range(
    first: date, second: date, style: Callable[[date], str], separator: str
) -> None:
    start, end = find_dates(f"有效期限：{style(first)}{separator}{style(second)}")
    assert (start.kind, start.value) == ("start", first)
    assert (end.kind, end.value) == ("end", second)


@given(dates, dates, styles)
def test_from_to_form_gives_a_range(
    first: date, second: date, style: Callable[[date], str]
) -> None:
    start, end = find_dates(f"服务期限：自{style(first)}起至{style(second)}止")
    assert (start.value, end.value, end.kind) == (first, second, "end")


@given(dates, st.sampled_from(ARABIC_STYLES), st.sampled_from(["长期", "永久", "无固定期限"]))
def test_open_ended_range(first: date, style: Callable[[date], str], word: str) -> None:
    start, end = find_dates(f"营业期限：{style(first)}至{word}")
    assert start.value == first
    assert (end.kind, end.value, end.indefinite) == ("end", None, True)
