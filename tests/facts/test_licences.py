"""Telecom licence numbers and ICP filing numbers against their published form."""

from __future__ import annotations

import pytest

from validator.facts.licences import find_licence_numbers, parse_licence_number


@pytest.mark.parametrize(
    ("printed", "kind", "number", "province", "categories"),
    [
        ("京B2-20201234", "telecom_licence", "京B2-20201234", "京", ("B2",)),
        ("B1-20180123", "telecom_licence", "B1-20180123", "", ("B1",)),
        ("A2.B1.B2-20090001", "telecom_licence", "A2.B1.B2-20090001", "", ("A2", "B1", "B2")),
        ("沪B1.B2-20100032", "telecom_licence", "沪B1.B2-20100032", "沪", ("B1", "B2")),
        ("京 B2 - 2O2O 1234", "telecom_licence", "京B2-20201234", "京", ("B2",)),  # OCR
        ("京B2—20201234", "telecom_licence", "京B2-20201234", "京", ("B2",)),
        ("粤Ｂ２－２０２０１２３４", "telecom_licence", "粤B2-20201234", "粤", ("B2",)),
        ("京ICP备12345678号", "icp_filing", "京ICP备12345678号", "京", ()),
        ("京ICP备12345678号-1", "icp_filing", "京ICP备12345678号-1", "京", ()),
        ("粤ICP备2021012345号-12", "icp_filing", "粤ICP备2021012345号-12", "粤", ()),
        ("京ICP备030173号", "icp_filing", "京ICP备030173号", "京", ()),
        ("京ICP证123456号", "icp_licence", "京ICP证123456号", "京", ()),
    ],
)
def test_published_forms_are_valid(
    printed: str, kind: str, number: str, province: str, categories: tuple[str, ...]
) -> None:
    fact = parse_licence_number(printed)
    assert fact is not None
    assert (fact.kind, fact.number, fact.province, fact.categories) == (
        kind,
        number,
        province,
        categories,
    )
    assert (fact.valid, fact.reason) == (True, "")


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("京B2-2020123", "serial_length"),
        ("京B2-202012345", "serial_length"),
        ("京B3-20201234", "unknown_category"),
        ("京C2-20201234", "unknown_category"),
        ("京B2-18001234", "serial_year"),
        ("ICP备12345678号", "province"),
        ("京ICP备12345号", "digits"),
        ("京ICP备1234567号", "digits"),
        ("京ICP备12345678号-01", "site"),
        ("京ICP证12345678号", "digits"),
        ("京ICP证123456号-1", "site"),
    ],
)
def test_malformed_numbers_say_why(printed: str, reason: str) -> None:
    fact = parse_licence_number(printed)
    assert fact is not None
    assert (fact.valid, fact.reason) == (False, reason)


def test_numbers_in_text_with_evidence() -> None:
    text = "许可证编号：沪B1.B2-20100032\n网站备案号：沪ICP备10012345号-3\n有效期至2025年1月1日"
    first, second = find_licence_numbers(text)
    assert (first.kind, first.printed, first.offset) == ("telecom_licence", "沪B1.B2-20100032", 6)
    assert first.evidence == "许可证编号:沪B1.B2-20100032"
    assert (second.kind, second.valid) == ("icp_filing", True)
    assert text[second.offset :].startswith("沪ICP备")


def test_a_number_after_the_licence_is_not_part_of_its_serial() -> None:
    [fact] = find_licence_numbers("京B2-20201234 2020年发证")
    assert (fact.number, fact.valid) == ("京B2-20201234", True)


def test_the_character_before_is_no_province_unless_it_is_one() -> None:
    [fact] = find_licence_numbers("许可证B1-20180123")
    assert (fact.province, fact.printed, fact.valid) == ("", "B1-20180123", True)


@pytest.mark.parametrize("text", ["A4-2000型号", "第B2栏", "ISO-9001", "型号 X1-200"])
def test_things_that_are_not_licence_numbers(text: str) -> None:
    assert find_licence_numbers(text) == []


def test_unparseable_is_none() -> None:
    assert parse_licence_number("增值电信业务经营许可证") is None
