"""Dates read from document text: forms, OCR noise, labels, ranges, no-end words."""

from __future__ import annotations

from datetime import date

import pytest

from validator.facts.dateforms import parse_date, scan_dates
from validator.facts.dates import (
    CLOSING_LABEL,
    DateFact,
    add_years,
    find_dates,
    issue_date,
    label_kinds,
    validity_end,
)

D = date(2025, 3, 1)


@pytest.mark.parametrize(
    "printed",
    [
        "2025年3月1日",
        "2025年03月01日",
        "2025年3月1号",
        "二〇二五年三月一日",
        "二零二五年三月一日",
        "二O二五年三月一日",
        "二○二五年三月一日",
        "二〇二五年〇三月〇一日",
        "2025年三月一日",
        "2025.03.01",
        "2025.3.1",
        "2025-3-1",
        "2025-03-01",
        "2025/3/1",
        "20250301",
        # OCR noise: spaces, O for 0, l/I for 1, full-width digits
        "2025 年 3 月 1 日",
        "2 0 2 5年3月1日",
        "2O25年O3月Ol日",
        "2025年3月l日",
        "2025. 03. 01",
        "２０２５年３月１日",
        "２０２５－０３－０１",
    ],
)
def test_one_date_in_each_form(printed: str) -> None:
    assert parse_date(printed) == D
    [fact] = find_dates(f"签发日期：{printed}")
    assert (fact.kind, fact.value, fact.label) == ("issue", D, "签发日期")


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("二〇二五年元月一日", date(2025, 1, 1)),
        ("二〇二五年正月十五日", date(2025, 1, 15)),
        ("二〇二五年十二月二十日", date(2025, 12, 20)),
        ("二〇二五年十二月廿日", date(2025, 12, 20)),
        ("二〇二五年十一月廿三日", date(2025, 11, 23)),
        ("二〇二五年十月三十一日", date(2025, 10, 31)),
        ("二〇二五年十月卅一日", date(2025, 10, 31)),
        ("一九九九年十月十日", date(1999, 10, 10)),
        ("2024年2月29日", date(2024, 2, 29)),
    ],
)
def test_chinese_numeral_dates(printed: str, expected: date) -> None:
    assert parse_date(printed) == expected


@pytest.mark.parametrize(
    "printed",
    ["2025-02-30", "2025年2月30日", "2023.02.29", "2025年13月1日", "20251301", "1850年1月1日"],
)
def test_impossible_dates_are_rejected(printed: str) -> None:
    assert parse_date(printed) is None
    assert find_dates(f"有效期至{printed}") == []


@pytest.mark.parametrize(
    "text",
    [
        "京B2-20200101",  # a licence serial, not a date
        "京ICP备20200101号",  # a filing number
        "公民身份号码110105199001011232",  # the birth date inside an ID number
        "账号 6222020250301123",
        "版本 1.2.3",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("有效期至2030年1月1日", "end", "有效期至"),
        ("有效期至：2030.01.01", "end", "有效期至"),
        ("截止日期 2030-01-01", "end", "截止日期"),
        ("到期日期：2030/1/1", "end", "到期日期"),
        ("届满日期：2030年1月1日", "end", "届满日期"),
        ("2030年1月1日到期", "end", "到期"),
        ("本证书至2030年1月1日止", "end", "至…止"),
        ("签发日期：2030年1月1日", "issue", "签发日期"),
        ("发证日期 2030年1月1日", "issue", "发证日期"),
        ("成立日期2030年01月01日", "issue", "成立日期"),
        ("出具日期：2030年1月1日", "issue", "出具日期"),
        ("签订日期：2030年1月1日", "issue", "签订日期"),
        ("注册日期：2030-01-01", "issue", "注册日期"),
        ("颁发日期：2030年1月1日", "issue", "颁发日期"),
        ("日期：2030年1月1日", "issue", "日期"),
        ("生效日期：2030年1月1日", "start", "生效日期"),
        ("发证日期\n2030年1月1日", "issue", "发证日期"),  # table layout: value below
        ("Registry Expiry Date: 2030-01-01", "end", "Registry Expiry Date"),
        ("expiration date: 2030-01-01", "end", "Expiration Date"),
        ("Creation Date: 2030-01-01", "issue", "Creation Date"),
        ("我们于2030年1月1日开会讨论", "unlabelled", ""),
    ],
)
def test_labels_decide_the_kind(text: str, kind: str, label: str) -> None:
    [fact] = find_dates(text)
    assert (fact.kind, fact.value, fact.label) == (kind, date(2030, 1, 1), label)


def test_longest_nearest_label_wins() -> None:
    # 截止日期 ends with 日期 (an issue label); the longer, closer label decides.
    [fact] = find_dates("截止日期：2030年1月1日")
    assert (fact.kind, fact.label) == ("end", "截止日期")


def test_a_label_far_from_its_date_does_not_count() -> None:
    [fact] = find_dates("有效期至另见附件所列之各项说明及其条款的规定内容如下2030年1月1日")
    assert fact.kind == "unlabelled"


def test_a_label_before_an_earlier_date_does_not_reach_the_next() -> None:
    issue, other = find_dates("签发日期 2020年1月1日 2021年1月1日 有关说明")
    assert issue.kind == "issue"
    assert other.kind == "unlabelled"


@pytest.mark.parametrize(
    "text",
    [
        "有效期限 2016.03.01-2036.03.01",
        "有效期限：2016.03.01—2036.03.01",
        "有效期限：2016年03月01日至2036年03月01日",
        "有效期限：2016年3月1日到2036年3月1日",
        "有效期限：自2016年3月1日起至2036年3月1日止",
        "有效期限：2016-03-01 ~ 2036-03-01",
        "有效期限：20160301-20360301",
        "有效期限：2016-03-01-2036-03-01",
    ],
)
def test_a_range_gives_start_and_end(text: str) -> None:
    start, end = find_dates(text)
    assert (start.kind, start.value, start.role) == ("start", date(2016, 3, 1), "range_start")
    assert (end.kind, end.value, end.role) == ("end", date(2036, 3, 1), "range_end")
    assert end.label == "有效期限"


@pytest.mark.parametrize(
    "text",
    [
        "营业期限：2010年01月01日至长期",
        "营业期限 2010-01-01-长期",
        "营业期限：2010年1月1日至永久",
        "营业期限：2010年1月1日至无固定期限",
        "有效期限：2010.01.01-长期",
    ],
)
def test_indefinite_end(text: str) -> None:
    start, end = find_dates(text)
    assert start.value == date(2010, 1, 1)
    assert (end.kind, end.value, end.indefinite) == ("end", None, True)


def test_indefinite_word_under_an_end_label() -> None:
    [fact] = find_dates("营业期限 长期")
    assert (fact.kind, fact.indefinite, fact.label) == ("end", True, "营业期限")


def test_indefinite_word_in_prose_is_no_date() -> None:
    assert find_dates("公司长期发展规划") == []


def test_unlabelled_range_end_is_not_an_expiry() -> None:
    # A reporting period is a range too; without a label its end is no validity end.
    _, end = find_dates("自2024年1月1日起至2024年12月31日止的财务报表")
    assert end.kind == "unlabelled"


def test_issue_date_is_never_an_expiry() -> None:
    facts = find_dates("成立日期 2010年1月1日 营业期限 2010年1月1日至2030年12月31日")
    assert [f.kind for f in facts] == ["issue", "start", "end"]
    assert validity_end(facts) == facts[2]
    assert issue_date(facts) == facts[0]


def test_manifest_labels_override_defaults() -> None:
    # 注册日期 is an issue label by default; a manifest can say otherwise.
    [fact] = find_dates("注册日期：2030年1月1日", end_labels=["注册日期"])
    assert fact.kind == "end"
    [fact] = find_dates("报表截至：2030年1月1日", issue_labels=["截至"])
    assert (fact.kind, fact.label) == ("issue", "截至")


def test_label_named_both_ways_is_an_issue_label() -> None:
    kinds = label_kinds(end_labels=["出证日"], issue_labels=["出证日"])
    assert kinds["出证日"] == "issue"


def test_defaults_can_be_turned_off() -> None:
    [fact] = find_dates("有效期至2030年1月1日", use_defaults=False)
    assert fact.kind == "unlabelled"


def test_closing_date_of_a_letter_is_its_issue_date() -> None:
    text = "资信证明\n兹证明某某公司在我行开户。\n特此证明。\n中国银行北京分行\n2025年3月1日\n"
    [fact] = find_dates(text)
    assert (fact.kind, fact.label) == ("issue", CLOSING_LABEL)


def test_date_in_the_body_is_no_closing_date() -> None:
    text = "资信证明\n该公司于2025年3月1日开户。\n一\n二\n三\n四"
    [fact] = find_dates(text)
    assert fact.kind == "unlabelled"


def test_evidence_and_offset_point_at_the_date() -> None:
    text = "第一行\n签发日期：2020年1月1日\n第三行"
    [fact] = find_dates(text)
    assert fact.evidence == "签发日期:2020年1月1日"  # quoted width-folded
    assert text[fact.offset :].startswith(fact.text)
    assert fact.text == "2020年1月1日"


def test_offsets_hold_in_full_width_text() -> None:
    text = "有效期至：２０３０年１月１日"
    [fact] = find_dates(text)
    assert fact.offset == 5
    assert fact.value == date(2030, 1, 1)


def test_validity_end_prefers_indefinite_then_latest() -> None:
    def end(value: date | None) -> DateFact:
        return DateFact("end", value, value is None, "有效期至", "", 0)

    early, late, forever = end(date(2025, 1, 1)), end(date(2030, 1, 1)), end(None)
    assert validity_end([early, late]) == late
    assert validity_end([early, forever, late]) == forever
    assert validity_end([]) is None


def test_scan_keeps_text_order() -> None:
    tokens = scan_dates("2025年1月1日 与 2024.01.01 及 长期")
    assert [t.value for t in tokens] == [date(2025, 1, 1), date(2024, 1, 1), None]


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2017, 5, 1), 3, date(2020, 5, 1)),
        (date(2020, 2, 29), 3, date(2023, 2, 28)),
        (date(2020, 2, 29), 4, date(2024, 2, 29)),
    ],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected
