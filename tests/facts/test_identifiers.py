"""USCC and ID-card numbers: finding, validating, OCR repairs, masking."""

from __future__ import annotations

import pytest
from stdnum.cn import ric, uscc

from validator.facts.identifiers import (
    find_identifiers,
    read_identifier,
)
from validator.facts.idrepair import id_card_problem, repair_uscc, uscc_problem
from validator.facts.numerals import fold_width

USCC = "91110108MA01ABCDEN"  # a valid code (checked below)
ID_NUMBER = "110105199001011232"  # a valid ID-card number (checked below)


def test_reference_numbers_are_valid() -> None:
    assert uscc.is_valid(USCC)
    assert ric.is_valid(ID_NUMBER)


@pytest.mark.parametrize(
    ("text", "kind", "normalised"),
    [
        (f"统一社会信用代码：{USCC}", "uscc", False),
        (
            f"统一社会信用代码 {USCC[:4]} {USCC[4:8]} {USCC[8:12]} {USCC[12:16]} {USCC[16:]}",
            "uscc",
            False,
        ),
        ("统一社会信用代码：9111O1O8MA01ABCDEN", "uscc", True),  # O read for 0
        ("统一社会信用代码：91110108MAOIABCDEN", "uscc", True),  # O and I read for 0 and 1
        ("统一社会信用代码：91110108ma01abcden", "uscc", True),
        ("USCC: 91110108MA01ABCDEN Beijing", "uscc", False),
        (f"公民身份号码 {ID_NUMBER}", "id_card", False),
        ("公民身份号码 11010519900101123 2", "id_card", False),
        ("身份证号：11O1O5199OO1O11232", "id_card", True),
        ("身份证号：ll0105199001011232", "id_card", True),
        (ID_NUMBER, "id_card", False),  # no label: 17 digits holding a birth date
        ("１１０１０５１９９００１０１１２３２", "id_card", False),
    ],
)
def test_valid_numbers_are_found(text: str, kind: str, normalised: bool) -> None:
    [fact] = find_identifiers(text)
    assert (fact.kind, fact.valid, fact.normalised) == (kind, True, normalised)
    assert fact.number in (USCC, ID_NUMBER)
    assert fact.repair is None
    assert fold_width(text)[fact.offset :].startswith(fact.printed)


@pytest.mark.parametrize(
    ("printed", "suggestion", "kind", "changes"),
    [
        ("91110108MA01A8CDEN", USCC, "look_alike", ("8→B at 14",)),
        ("9111010BMA01ABCDEN", USCC, "look_alike", ("B→8 at 8",)),
        ("91110108MA01ABCDEX", USCC, "check_digit", ("X→N at 18",)),
    ],
)
def test_uscc_repairs(printed: str, suggestion: str, kind: str, changes: tuple[str, ...]) -> None:
    fact = read_identifier("uscc", printed)
    assert not fact.valid
    assert fact.repair is not None
    assert (fact.suggestion, fact.repair.kind, fact.repair.changes) == (suggestion, kind, changes)


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("11010S199001011232", "look_alike"),  # S read for 5
        ("110105199001011Z32", "look_alike"),  # Z read for 2
        ("110105199001011234", "check_digit"),
    ],
)
def test_id_card_repairs(printed: str, kind: str) -> None:
    fact = read_identifier("id_card", printed)
    assert not fact.valid
    assert fact.repair is not None
    assert fact.repair.kind == kind
    assert not id_card_problem(fact.suggestion)


def test_look_alike_repair_restores_the_printed_number() -> None:
    fact = read_identifier("id_card", "11010S199001011232")
    assert fact.suggestion == ID_NUMBER
    assert fact.repair is not None
    assert fact.repair.changes == ("S→5 at 6",)


def test_ambiguous_repairs_are_not_suggested() -> None:
    # B→8 at 9 and 6→G at 11 both make this pass: the scan cannot tell which.
    assert uscc_problem("91110103B3GJMWDJ6F") == uscc_problem("91110103836JMWDJ6F") == ""
    assert repair_uscc("91110103B36JMWDJ6F") is None


def test_no_repair_for_a_wrong_length() -> None:
    assert repair_uscc("91110108MA01ABCDE") is None


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (USCC, ""),
        ("91110108MA01ABCDEX", "checksum"),
        ("91110108MA01ABCDE", "length"),
        ("9111010SMA01ABCDEN", "format"),
    ],
)
def test_uscc_problems(number: str, problem: str) -> None:
    assert uscc_problem(number) == problem


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (ID_NUMBER, ""),
        ("110105199001011234", "checksum"),
        ("11010519900101123", "length"),
        ("110105199002301230", "birth_date"),
    ],
)
def test_id_card_problems(number: str, problem: str) -> None:
    if problem == "birth_date":  # give it a passing checksum so the date is what fails
        number = number[:17] + ric.calc_check_digit(number)
    assert id_card_problem(number) == problem


def test_invalid_number_from_text() -> None:
    [fact] = find_identifiers("统一社会信用代码：91110108MA01ABCDEX")
    assert (fact.kind, fact.valid, fact.problem, fact.label) == (
        "uscc",
        False,
        "checksum",
        "统一社会信用代码",
    )


@pytest.mark.parametrize(
    "text",
    [
        "账号 6222021234567890123",  # 19 digits
        "Hello World ABCDEFGHIJKLMNOPQR",
        "证书编号 CNITSEC2017CISE02995",
        "电话 13800138000",
    ],
)
def test_non_identifiers_are_ignored(text: str) -> None:
    assert find_identifiers(text) == []


def test_kinds_filter() -> None:
    text = f"统一社会信用代码：{USCC}\n法定代表人身份证号：{ID_NUMBER}"
    assert [f.kind for f in find_identifiers(text)] == ["uscc", "id_card"]
    assert [f.kind for f in find_identifiers(text, kinds=["id_card"])] == ["id_card"]


def test_label_decides_an_all_digit_uscc() -> None:
    [fact] = find_identifiers("统一社会信用代码：110105199001011232")
    assert fact.kind == "uscc"
