"""What the tests of the text rules share: a clean package, a runner, the catalogue check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import ModuleType

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.i18n import LANGUAGES, catalogue, placeholders
from validator.manifest import load_manifest
from validator.model import Context, Document, Finding, Manifest, Severity
from validator.report.common import message_arguments
from validator.rules.options import resolve

AS_OF = dt.date(2026, 6, 1)
ICP = load_manifest("icp")
USCC = "91110108MA01ABCDEN"  # passes its checksum
ID_NUMBER = "110108198503154318"  # passes its checksum
APPLICANT = "北京云启智联科技有限公司"

LICENCE = (
    f"营业执照\n(副本)\n统一社会信用代码 {USCC}\n名称 {APPLICANT}\n法定代表人 王明远\n"
    "注册资本 人民币壹仟万元整\n成立日期 2018年03月15日\n营业期限 2018年03月15日至长期\n"
    "经营范围 技术开发；第二类增值电信业务\n登记机关 北京市海淀区市场监督管理局"
)

# The sample materials, completed where a text rule needs more than matching does:
# checksums that pass, a dated bank letter, a certificate with its dates.
CLEAN: dict[str, tuple[str, str]] = {
    **MATERIALS,
    "company.business_license": ("营业执照.pdf", LICENCE),
    "company.legal_rep_id": (
        "法人身份证.jpg",
        "中华人民共和国\n居民身份证\n签发机关 北京市公安局海淀分局\n"
        f"有效期限 2020.05.01-2040.05.01\n姓名 王明远 民族 汉\n公民身份号码 {ID_NUMBER}",
    ),
    "personnel.security_officer": (
        "安全负责人任命书.pdf",
        "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n"
        "注册信息安全专业人员 CISP 证书编号 CNITSEC2024CISE01234\n"
        "发证日期 2024年03月01日 有效期至 2027年02月28日",
    ),
    "funding.proof": (
        "资信证明.pdf",
        f"资信证明\n兹证明{APPLICANT}在我行开户，存款余额 人民币伍佰万元整\n"
        "出具日期 2026年05月20日\n中国工商银行",
    ),
}


def clean_documents(replaced: Mapping[str, Document] | None = None) -> list[Document]:
    """The clean package's documents, with the documents of some items (by id) replaced."""
    swaps = replaced or {}
    return [swaps.get(item, doc(name, text)) for item, (name, text) in CLEAN.items()]


def context(rule: ModuleType, as_of: dt.date = AS_OF, **options: object) -> Context:
    return Context(as_of=as_of, settings=ICP.settings, options=resolve(rule.OPTIONS, options))


def run(
    rule: ModuleType,
    *documents: Document,
    facts: Mapping[str, object] | None = None,
    as_of: dt.date = AS_OF,
    manifest: Manifest | None = None,
    **options: object,
) -> list[Finding]:
    """The rule's findings on ``documents``, each checked against the catalogue."""
    pkg = package(*documents, facts=facts, manifest=manifest)
    found = list(rule.check(pkg, context(rule, as_of, **options)))
    for finding in found:
        assert_in_catalogue(finding)
    return found


def rows(
    found: list[Finding],
) -> list[tuple[str, str | None, str | None, int | None, Severity | None]]:
    """(rule, item, path, page, severity) of each finding, sorted: what the tables compare."""
    return sorted(
        ((f.rule, f.item, f.path, f.page, f.severity) for f in found),
        key=lambda row: tuple(str(part) for part in row),
    )


def assert_in_catalogue(finding: Finding) -> None:
    """The message exists in both languages, and every placeholder has an argument."""
    texts = catalogue().get(finding.message_id)
    assert texts is not None, finding.message_id
    assert set(texts) == set(LANGUAGES), finding.message_id
    assert placeholders(texts["zh"]) == placeholders(texts["en"]), finding.message_id
    missing = placeholders(texts["zh"]) - set(message_arguments(finding.args, "zh"))
    assert not missing, (finding.message_id, missing)
