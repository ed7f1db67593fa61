"""Whose seal: ring text + the applicant's name -> applicant / authority / bank / counterparty / unknown."""

from __future__ import annotations

import pytest

from validator.rules.seal_owner import contains, distinctive, owner_of, similarity

from .seal_builders import APPLICANT, ARCHIVE_RING, BANK_RING, electronic, seal


@pytest.mark.parametrize(
    ("ring_text", "confidence", "owner"),
    [
        ("北京云栈科技有限公司", 0.9, "applicant"),
        ("北京云栈科技有限公司 合同专用章", 0.9, "applicant"),
        ("北点云搁科技有耻公司", 0.55, "applicant"),  # OCR slips, distinctive 云 kept
        ("北京市海淀区市场监督管理局", 0.7, "authority"),
        ("北京市海淀区证场监督答理局", 0.6, "authority"),
        (ARCHIVE_RING, 0.6, "authority"),
        (BANK_RING, 0.6, "bank"),
        ("招许银行股丛有有限公天北束中关村支行 业务专用章", 0.5, "bank"),
        ("北京星河科技有限公司", 0.9, "counterparty"),  # same region and trade, other name
        ("比京支线科技存银公司", 0.55, "unknown"),  # too unsure to call it someone else's
        ("口口", 0.2, "unknown"),
        ("", 0.0, "unknown"),
    ],
)
def test_owner_of(ring_text: str, confidence: float, owner: str) -> None:
    assert owner_of(seal(ring_text, confidence), APPLICANT) == owner


def test_without_an_applicant_name_a_readable_seal_is_the_applicants() -> None:
    assert owner_of(seal("北京某某科技有限公司"), None) == "applicant"
    assert owner_of(seal("北京市海淀区市场监督管理局"), None) == "authority"
    assert owner_of(seal("口", 0.1), None) == "unknown"


def test_electronic_seals_are_their_signers() -> None:
    assert owner_of(electronic(APPLICANT), APPLICANT) == "applicant"


def test_distinctive_part_of_a_name() -> None:
    assert distinctive("北京云栈科技有限公司") == "云栈"
    assert distinctive("上海数港云计算服务有限公司") == "数港"
    assert distinctive("有限公司") == "有限公司"


def test_fuzzy_matching_never_lets_one_shared_character_pass_for_a_short_word() -> None:
    assert similarity("云栈", "上海数港云计算") == 0.5
    assert similarity("云栈", "云栈") == 1.0
    assert contains("档案查询专用章", "档案查询专用草")
    assert not contains("银行", "很行")
