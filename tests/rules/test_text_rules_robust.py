"""The text rules never crash on garbled text, and whatever they say is in the catalogue."""

from __future__ import annotations

import importlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import doc, package
from tests.rules.text_helpers import CLEAN, assert_in_catalogue, context

RULES = [
    importlib.import_module(f"validator.rules.{name}")
    for name in (
        "expired", "expiring_soon", "stale_document", "future_dated", "undated",
        "unnamed_certification", "invalid_identifier", "invalid_licence_number",
        "business_scope", "inconsistent_identity", "insufficient_capital", "missing_topic",
    )
]  # fmt: skip
# What OCR of a Chinese form produces: labels, digits and their look-alikes, dates, noise.
FRAGMENTS = st.sampled_from(
    [
        "有效期至", "营业期限", "出具日期", "签发日期", "至", "-", "长期", "年", "月", "日",
        "统一社会信用代码", "公民身份号码", "甲方", "乙方", "注册所有人", "法定代表人",
        "注册资本", "万元", "经营范围", "CISSP", "相关认证", "B1-", "ICP备", "号",
        "2O26", "0", "1", "8", "B", "X", "O", " ", "\n", "：", "２０２５", "有限公司",
    ]
)  # fmt: skip
NOISE = st.lists(FRAGMENTS, max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(NOISE, min_size=len(CLEAN), max_size=len(CLEAN)))
def test_rules_survive_garbled_materials(texts: list[str]) -> None:
    # Each material keeps its title so that it is matched to its item; the rest is noise.
    documents = [
        doc(name, f"{text.splitlines()[0]}\n{noise}", source="ocr")
        for (name, text), noise in zip(CLEAN.values(), texts, strict=True)
    ]
    pkg = package(*documents)
    for rule in RULES:
        for finding in rule.check(pkg, context(rule)):
            assert finding.rule == rule.ID
            assert_in_catalogue(finding)
