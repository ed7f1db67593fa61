"""Labelled values, company names, legal representatives, name comparison."""

from __future__ import annotations

import pytest

from validator.facts.parties import (
    company_key,
    company_name_distance,
    company_name_in,
    find_company_names,
    find_labelled,
    find_legal_representative,
    same_company,
    same_person,
)

LICENCE = """营业执照
统一社会信用代码 91110108MA01ABCDEN
名称北京某某科技有限公司
类型有限责任公司(自然人投资或控股)
法定代表人张三
注册资本壹仟万元整
成立日期2010年01月01日"""


def test_business_licence_fields() -> None:
    [name] = find_company_names(LICENCE, ["名称"])
    assert (name.label, name.value) == ("名称", "北京某某科技有限公司")
    assert LICENCE[name.offset :].startswith(name.value)
    rep = find_legal_representative(LICENCE)
    assert rep is not None and rep.value == "张三"


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        ("甲方：北京某某科技有限公司", ["甲方"], "北京某某科技有限公司"),
        ("甲方（委托方）：北京某某科技有限公司（以下简称甲方）", ["甲方"], "北京某某科技有限公司"),
        ("甲方名称：北京某某科技有限公司", ["甲方"], "北京某某科技有限公司"),
        ("甲方（盖章）：北京某某科技有限公司", ["甲方"], "北京某某科技有限公司"),
        ("乙方:某某云(北京)科技有限公司", ["乙方"], "某某云(北京)科技有限公司"),
        ("乙方：某某云（北京）科技有限公司", ["乙方"], "某某云(北京)科技有限公司"),
        ("企业名称：某某信息技术股份有限公司", ["企业名称"], "某某信息技术股份有限公司"),
        ("注册所有人：北京某某科技有限责任公司", ["注册所有人"], "北京某某科技有限责任公司"),
        ("申请单位 北京某某科技有限公司 盖章", ["申请单位"], "北京某某科技有限公司"),
        ("委托方：北京某某有限公司上海分公司", ["委托方"], "北京某某有限公司上海分公司"),
        ("名称\n北京某某科技有限公司", ["名称"], "北京某某科技有限公司"),
        ("名称北京某某科技有限公司类型有限责任公司", ["名称"], "北京某某科技有限公司"),
        ("甲方：北京甲方科技有限公司", ["甲方"], "北京甲方科技有限公司"),
    ],
)
def test_company_under_label(text: str, labels: list[str], expected: str) -> None:
    [found] = find_company_names(text, labels)
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("产品名称：北京某某科技有限公司", ["名称"]),  # a label inside a longer word
        ("甲方应当按时付款", ["甲方"]),
        ("甲方：有限公司", ["甲方"]),
        ("甲方：张三", ["甲方"]),
    ],
)
def test_no_company_under_label(text: str, labels: list[str]) -> None:
    assert find_company_names(text, labels) == []


def test_find_labelled_stops_at_the_next_field() -> None:
    [value] = find_labelled("住所北京市海淀区某路1号法定代表人张三", ["住所"])
    assert value.value == "北京市海淀区某路1号"


def test_find_labelled_returns_every_occurrence() -> None:
    found = find_labelled("甲方：A公司\n乙方：B公司\n甲方：C公司", ["甲方", "乙方"])
    assert [(v.label, v.value) for v in found] == [
        ("甲方", "A公司"),
        ("乙方", "B公司"),
        ("甲方", "C公司"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("法定代表人：张三", "张三"),
        ("法定代表人 李四", "李四"),
        ("法人代表：欧阳小明", "欧阳小明"),
        ("法定代表人姓名：王五", "王五"),
        ("法定代表人张三注册资本壹仟万元", "张三"),
        ("法定代表人：阿卜杜•热合曼", "阿卜杜·热合曼"),
        ("法定代表人(签字)：赵六", "赵六"),
        ("法定代表人身份证明书\n法定代表人：孙七", "孙七"),
        ("法定代表人：钱八（签字）", "钱八"),
    ],
)
def test_legal_representative(text: str, name: str) -> None:
    found = find_legal_representative(text)
    assert found is not None and found.value == name


@pytest.mark.parametrize(
    "text",
    [
        "法定代表人身份证明书",
        "法定代表人（签字）：",
        "法定代表人应当依法履行职责",
        "企业法人营业执照",
    ],
)
def test_no_legal_representative(text: str) -> None:
    assert find_legal_representative(text) is None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("北京某某科技有限公司", "北京某某科技有限公司"),
        ("某某云（北京）科技有限公司", "某某云(北京)科技有限公司"),
        ("北京某某科技 有限公司", "北京 某某 科技有限公司"),
        ("北京某某科技有限公司。", "“北京某某科技有限公司”"),
        ("ＡＢＣ科技有限公司", "abc科技有限公司"),
        ("某某【北京】科技有限公司", "某某(北京)科技有限公司"),
    ],
)
def test_same_company(first: str, second: str) -> None:
    assert same_company(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("北京甲科技有限公司", "北京乙科技有限公司"),
        ("北京某某科技有限公司", "某某科技(北京)有限公司"),
        ("北京某某科技有限公司", "北京某某科技有限公司上海分公司"),
        ("", ""),
    ],
)
def test_different_companies(first: str, second: str) -> None:
    assert not same_company(first, second)


def test_company_name_distance() -> None:
    assert company_name_distance("北京某某科技有限公司", "北京某某科技有限公可") == 1
    assert company_name_distance("某某（北京）有限公司", "某某(北京)有限公司") == 0
    assert company_key("  某某（北京）有限公司。") == "某某(北京)有限公司"


def test_company_name_in_value() -> None:
    assert company_name_in("北京某某科技有限公司(以下简称甲方)") == "北京某某科技有限公司"
    assert (
        company_name_in("中国某某银行股份有限公司北京分行营业部")
        == "中国某某银行股份有限公司北京分行"
    )
    assert company_name_in("无公司") == ""


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("张三", "张三", True),
        ("张 三", "张三", True),
        ("阿卜杜•热合曼", "阿卜杜·热合曼", True),
        ("张三", "张叁", False),
        ("", "", False),
    ],
)
def test_same_person(first: str, second: str, same: bool) -> None:
    assert same_person(first, second) is same
