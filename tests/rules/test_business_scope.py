"""business-scope: the licence's 经营范围 must name a value-added telecom service."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import business_scope

B = "business-scope"
ITEM = "company.business_license"
HEAD = "营业执照\n统一社会信用代码 91110108MA01ABCDEN\n名称 北京云启智联科技有限公司\n"


def _licence(scope: str, source: str = "text") -> Document:
    text = HEAD + scope + "\n登记机关 北京市海淀区市场监督管理局"
    return doc("营业执照.pdf", text, source=source)


CASES = [
    ("named", _licence("经营范围 第二类增值电信业务"), []),
    ("among other clauses", _licence("经营范围：技术开发、技术咨询；销售电子产品；互联网信息服务。"), []),
    ("on a later line", _licence("经营范围 技术开发、技术咨询；\n销售电子产品；\n第二类增值电信业务"), []),
    ("label alone on its line", _licence("经营范围\n在线数据处理与交易处理业务"), []),
    ("OCR spaces", _licence("经营范围 技术开发；第 二 类 增 值 电 信 业 务", source="ocr"), []),
    ("not named", _licence("经营范围 技术开发、技术咨询；销售电子产品"), [(B, ITEM, "营业执照.pdf", 1, None)]),
    ("only after the scope ends", doc("营业执照.pdf", HEAD + "经营范围 技术开发\n住所 北京市互联网信息服务产业园"),
     [(B, ITEM, "营业执照.pdf", 1, None)]),
    ("on page 2", doc("营业执照.pdf", HEAD, "经营范围 销售电子产品\n登记机关 北京市海淀区市场监督管理局"),
     [(B, ITEM, "营业执照.pdf", 2, None)]),
    ("no scope printed", doc("营业执照.pdf", HEAD + "登记机关 北京市海淀区市场监督管理局"), []),
    ("scope unreadable", _licence("经营范围 ：："), []),
    ("other items are not read", doc("公司章程.pdf", "北京云启智联科技有限公司章程\n第一章 总则\n公司章程\n经营范围 销售电子产品"), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_business_scope(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(business_scope, document)) == expected


def test_message_lists_the_keywords() -> None:
    (finding,) = run(business_scope, _licence("经营范围 技术开发、技术咨询；销售电子产品"))
    assert finding.message_id == "business-scope.none"
    assert finding.arguments["keywords"].startswith("第二类增值电信业务、")
    assert finding.evidence == "经营范围 技术开发、技术咨询;销售电子产品"


def test_silent_on_the_clean_package() -> None:
    assert run(business_scope, *clean_documents()) == []
