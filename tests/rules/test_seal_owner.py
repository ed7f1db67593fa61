"""Whose seal: ring text + the applicant's name -> applicant / authority / bank / counterparty / unknown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validator.manifest import load_manifest
from validator.model import Seal
from validator.names import contains, could_match, distinctive, organisations, similarity
from validator.seal_owners import NAMED_READING
from validator.seal_owners import owner_of as owner_with_words

from .seal_builders import APPLICANT, ARCHIVE_RING, BANK_RING, electronic, seal

WORDS = load_manifest("icp").seal_words


def owner_of(seal: Seal, applicant: str | None, named: tuple[str, ...] = ()) -> str:
    """The owner with the built-in manifest's words for authorities and banks."""
    return owner_with_words(seal, applicant, named, WORDS)


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


AGREEMENT_TEXT = "服务器托管协议 甲方：北京云栈科技有限公司 乙方：上海数港云计算服务有限公司 盖章"


def test_organisations_named_on_a_page() -> None:
    named = organisations(AGREEMENT_TEXT + " 本复印件仅供北京云栈科技有限公司使用")
    assert "北京云栈科技有限公司" in named
    assert "上海数港云计算服务有限公司" in named
    assert any(
        name.endswith("北京云栈科技有限公司") and name != "北京云栈科技有限公司" for name in named
    )
    assert organisations("没有任何单位名称的正文") == ()


@pytest.mark.parametrize(
    ("ring_text", "named_text", "owner"),
    [
        # a seal of a company named much like the applicant, its owner named as 乙方
        ("北京云港网终科技有限公 合同专用章", "乙方：北京云港网络科技有限公司", "counterparty"),
        # the issuer named on a certificate; without its name the reading proves nothing
        ("让国信息安全测评中", "持证人 张三 中国信息安全测评中心", "counterparty"),
        ("让国信息安全测评中", "持证人 张三", "unknown"),
        # the applicant's name misread in OCR'd page text is still the applicant's
        ("北陵祝栈科技有限公司", "名称 北京祝栈科技有限公司", "applicant"),
        # a reading that resembles only the applicant's name on the page proves nothing
        ("北京云栏科技有跟公", AGREEMENT_TEXT, "applicant"),
        ("北京三二科技有限公司", "甲方：北京云栈科技有限公司", "unknown"),
    ],
)
def test_organisations_named_on_the_pages_identify_unsure_readings(
    ring_text: str, named_text: str, owner: str
) -> None:
    named = organisations(named_text)
    assert owner_of(seal(ring_text, 0.55), APPLICANT, named) == owner


def test_the_telecom_authority_is_an_authority() -> None:
    assert owner_of(seal("北京市通信管理局", 0.6), APPLICANT) == "authority"


@given(
    st.text(
        alphabet="北京云栈科技有限公司上海数港计算服务中国信息安全测评心", min_size=4, max_size=14
    ),
    st.text(alphabet="北京云栈科技有限公司上海数港计算服务中国信息安全测评心甲乙方", max_size=30),
)
def test_the_quick_character_count_never_skips_a_close_match(name: str, text: str) -> None:
    if similarity(name, text) >= NAMED_READING:
        assert could_match(name, text, NAMED_READING)
