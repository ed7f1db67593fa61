"""missing-topic: every topic an item requires appears, by name or synonym."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import missing_topic

M = "missing-topic"
ITEM = "security.protection_plan"
PLAN = "网络安全防护方案.pdf"


def _plan(*lines: str, kind: str = "pdf", source: str = "text") -> Document:
    name = PLAN.replace(".pdf", ".docx") if kind == "docx" else PLAN
    return doc(name, "\n".join(("网络安全防护方案", *lines)), kind=kind, source=source)


CASES = [
    ("all topics", [_plan("一、防火墙部署", "二、入侵检测", "三、数据加密")], []),
    ("synonyms", [_plan("部署 Firewall", "部署 IDS 与 IPS", "传输加密")], []),
    ("OCR spaces", [_plan("一、防 火 墙", "二、入 侵 检 测", "三、数 据 加 密", source="ocr")], []),
    ("full-width Latin, any case", [_plan("ｆｉｒｅｗａｌｌ", "ｉｄｓ", "加密存储")], []),
    ("one topic missing", [_plan("一、防火墙部署", "三、数据加密")], [(M, ITEM, PLAN, None, None)]),
    ("all missing", [_plan("总体说明")], [(M, ITEM, PLAN, None, None)] * 3),
    ("DOCX", [_plan("防火墙", "数据加密", kind="docx")], [(M, ITEM, "网络安全防护方案.docx", None, None)]),
    ("topics across two files", [_plan("一、防火墙部署"), doc("网络安全防护方案附件.pdf", "网络安全防护方案（附件）\n入侵检测\n数据加密")], []),
    ("missing across two files", [_plan("一、防火墙部署"), doc("网络安全防护方案附件.pdf", "网络安全防护方案（附件）\n数据加密")],
     [(M, ITEM, None, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("documents", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_missing_topic(documents: list[Document], expected: list[tuple[object, ...]]) -> None:
    assert rows(run(missing_topic, *documents)) == expected


def test_one_finding_per_topic_naming_it() -> None:
    found = run(missing_topic, _plan("总体说明"))
    assert [f.arguments["topic"] for f in found] == ["防火墙", "入侵检测", "数据加密"]
    assert found[1].arguments["words"] == "入侵检测、入侵防御、IDS、IPS、入侵防护"
    assert len({f.key for f in found}) == 3  # distinct fingerprints
    assert all(f.evidence == "" for f in found)  # no page text shows an absence


def test_page_range_of_a_combined_pdf() -> None:
    licence = "营业执照\n统一社会信用代码 91110108MA01ABCDEN\n名称 北京云启智联科技有限公司\n营业期限 长期"
    plan = "网络安全防护方案\n一、防火墙部署\n二、数据加密"
    (finding,) = run(missing_topic, doc("合订本.pdf", licence, plan, "三、安全运维"))
    assert (finding.path, finding.page, finding.page_end) == ("合订本.pdf", 2, 3)


def test_silent_on_the_clean_package() -> None:
    assert run(missing_topic, *clean_documents()) == []
