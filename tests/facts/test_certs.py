"""Certifications named in text, their numbers and validity; vague claims."""

from __future__ import annotations

from datetime import date

import pytest

from validator.facts.certs import (
    certificate_validity,
    find_certifications,
    find_vague_claims,
    read_certification_claims,
)
from validator.model import Certification

# The catalogue recommended for the built-in manifests (see validator.facts.certs).
CATALOGUE = (
    Certification(
        id="CISP",
        names=(
            "CISP",
            "CISE",
            "CISO",
            "CISD",
            "CISP-PTE",
            "CISP-DSG",
            "CISP-A",
            "CISA-CNITSEC",
            "注册信息安全专业人员",
            "注册信息安全工程师",
            "注册信息安全管理人员",
            "注册渗透测试工程师",
        ),
        issuer="中国信息安全测评中心 (CNITSEC)",
        validity_years=3,
        number_patterns=(r"CNITSEC\d{4}CIS[A-Z]{1,3}\d{4,6}", r"CNITSEC\d{4}[A-Z-]{3,12}\d{4,6}"),
    ),
    Certification(
        id="CISSP",
        names=(
            "CISSP",
            "注册信息系统安全专家",
            "Certified Information Systems Security Professional",
        ),
        issuer="(ISC)²",
        validity_years=3,
    ),
    Certification(
        id="CCSP",
        names=("CCSP", "云安全认证专家", "Certified Cloud Security Professional"),
        issuer="(ISC)²",
        validity_years=3,
    ),
    Certification(
        id="CISA",
        names=("CISA", "国际注册信息系统审计师", "Certified Information Systems Auditor"),
        issuer="ISACA",
        validity_years=3,
    ),
    Certification(
        id="CISM",
        names=("CISM", "国际注册信息安全经理", "Certified Information Security Manager"),
        issuer="ISACA",
        validity_years=3,
    ),
    Certification(
        id="CISAW",
        names=("CISAW", "信息安全保障人员认证", "信息安全保障人员"),
        issuer="中国网络安全审查认证和市场监管大数据中心",
        validity_years=3,
        number_patterns=(r"(?:ISCCC|CCRC)-?\d{4}-?[A-Z0-9-]{4,20}",),
    ),
    Certification(
        id="NISP",
        names=("NISP", "国家信息安全水平考试", "国家网络安全水平考试"),
        issuer="中国信息安全测评中心",
    ),
    Certification(
        id="RUANKAO_SECURITY",
        names=(
            "软考信息安全工程师",
            "信息安全工程师(中级)",
            "信息安全工程师资格",
            "计算机技术与软件专业技术资格(水平)考试",
            "网络安全工程师",
        ),
        issuer="人力资源和社会保障部 / 工业和信息化部",
    ),
)
BY_ID = {cert.id: cert for cert in CATALOGUE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("持有CISSP证书", ["CISSP"]),
        ("持有 cissp 证书", ["CISSP"]),
        ("CISP、CISA、CISM", ["CISP", "CISA", "CISM"]),
        ("获得CISAW认证", ["CISAW"]),  # not CISA
        ("CISP-PTE 渗透测试", ["CISP"]),
        ("取得注册信息安全工程师（CISE）证书", ["CISP"]),  # one claim, two names
        ("注册信息安全专业人员", ["CISP"]),
        ("NISP二级", ["NISP"]),
        ("CCSP云安全", ["CCSP"]),
        ("软考信息安全工程师", ["RUANKAO_SECURITY"]),
        ("信息安全工程师（中级）", ["RUANKAO_SECURITY"]),
        ("C I S S P 证书", ["CISSP"]),  # OCR spread the letters
        ("Certified Information Systems  Security Professional", ["CISSP"]),
        ("ＣＩＳＳＰ", ["CISSP"]),
    ],
)
def test_named_certifications(text: str, expected: list[str]) -> None:
    assert [f.certification for f in find_certifications(text, CATALOGUE)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "担任信息安全工程师",  # a job title, not the 软考 qualification
        "ISO27001 认证",
        "CISSPX",
        "证书编号 CNITSEC2017CISE02995",  # the acronym inside a number is no mention
        "证书编号 CNITSEC 2017 CISE 02995",  # nor when OCR spaced the number out
        "具备相关认证",
    ],
)
def test_no_named_certification(text: str) -> None:
    assert find_certifications(text, CATALOGUE) == []


def test_certificate_page_with_number_and_dates() -> None:
    text = (
        "注册信息安全专业人员证书\n姓名：张三\n证书编号：CNITSEC2017CISE02995\n"
        "发证日期：2017年05月01日\n有效期至：2020年04月30日\n中国信息安全测评中心"
    )
    [fact] = find_certifications(text, CATALOGUE)
    assert (fact.certification, fact.number) == ("CISP", "CNITSEC2017CISE02995")
    assert fact.issued is not None and fact.issued.value == date(2017, 5, 1)
    assert fact.end is not None and fact.end.value == date(2020, 4, 30)
    assert text[fact.end.offset :].startswith("2020年04月30日")
    validity = certificate_validity(fact, BY_ID["CISP"])
    assert validity is not None
    assert (validity.end, validity.estimated) == (date(2020, 4, 30), False)


def test_number_with_ocr_spaces() -> None:
    [fact] = find_certifications("CISP 证书 CNITSEC 2017 CISE 02995", CATALOGUE)
    assert fact.number == "CNITSEC2017CISE02995"


def test_number_under_a_label_when_no_pattern_is_known() -> None:
    [fact] = find_certifications("CISSP\nCertification Number: 123456", CATALOGUE)
    assert fact.number == "123456"


def test_end_estimated_from_issue_date_and_catalogue() -> None:
    [fact] = find_certifications("CISSP 签发日期 2020-01-01", CATALOGUE)
    validity = certificate_validity(fact, BY_ID["CISSP"])
    assert validity is not None
    assert (validity.end, validity.estimated) == (date(2022, 12, 31), True)


def test_no_validity_without_dates_or_catalogue_years() -> None:
    [fact] = find_certifications("NISP 发证日期 2020-01-01", CATALOGUE)
    assert certificate_validity(fact, BY_ID["NISP"]) is None
    [fact] = find_certifications("持有CISSP", CATALOGUE)
    assert certificate_validity(fact, BY_ID["CISSP"]) is None


def test_dates_stay_with_their_own_certificate() -> None:
    text = "CISSP 有效期至2026年1月1日\nCISP 有效期至2021年1月1日"
    cissp, cisp = find_certifications(text, CATALOGUE)
    assert cissp.end is not None and cissp.end.value == date(2026, 1, 1)
    assert cisp.end is not None and cisp.end.value == date(2021, 1, 1)


def test_a_later_certificate_keeps_its_own_details() -> None:
    text = "CISP\n证书编号：CNITSEC2017CISE02995\n有效期至2020年4月30日\nCISSP 签发日期 2020-01-01"
    cisp, cissp = find_certifications(text, CATALOGUE)
    assert cisp.number == "CNITSEC2017CISE02995"
    assert cissp.number == ""
    assert cissp.end is None
    assert cissp.issued is not None and cissp.issued.value == date(2020, 1, 1)


def test_manifest_labels_reach_the_dates() -> None:
    [fact] = find_certifications("CISP 认证日期 2020-01-01", CATALOGUE, issue_labels=["认证日期"])
    assert fact.issued is not None and fact.issued.label == "认证日期"


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("具备相关认证", ["相关认证"]),
        ("持有CISP等认证", ["等认证"]),
        ("具有相关证书和丰富经验", ["相关证书", "丰富经验"]),
        ("具备相关资质", ["具备相关资质"]),
        ("持有CISSP证书", []),
    ],
)
def test_vague_claims(text: str, phrases: list[str]) -> None:
    assert [claim.phrase for claim in find_vague_claims(text)] == phrases


def test_only_vague_when_nothing_is_named() -> None:
    vague = read_certification_claims("负责人具备相关认证和丰富经验", CATALOGUE)
    assert vague.only_vague
    named = read_certification_claims("负责人持有CISP等认证", CATALOGUE)
    assert not named.only_vague
    assert [f.certification for f in named.named] == ["CISP"]
    nothing = read_certification_claims("负责人", CATALOGUE)
    assert not nothing.only_vague and not nothing.named


def test_manifest_phrases_replace_the_defaults() -> None:
    claims = read_certification_claims("持证上岗", CATALOGUE, vague_phrases=["持证上岗"])
    assert claims.only_vague


def test_empty_catalogue_names_nothing() -> None:
    assert find_certifications("CISSP", ()) == []
