"""The seal-attribution stage: every seal's owner and kind, decided once per package."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.rules.seal_builders import (
    APPLICANT,
    AUTHORITY_RING,
    CONTEXT,
    Use,
    document,
    electronic,
    package,
    page,
    seal,
)
from validator.manifest import load_manifest
from validator.model import ImprintKind, Package, Seal, SealAttribution
from validator.rules import missing_seal
from validator.seal_owners import attribute_seals, imprint_kind, owner_of

WORDS = load_manifest("icp").seal_words
LICENCE = "company.business_license"
LICENCE_TEXT = "营业执照 名称 北京云栈科技有限公司 登记机关"


def shaped(
    ring_text: str, shape: str = "round", centre: str = "", confidence: float = 0.85
) -> Seal:
    return replace(seal(ring_text, confidence), shape=shape, centre_text=centre)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stamp", "kind"),
    [
        (shaped(APPLICANT), "official"),  # a star in the middle: the company's 公章
        (shaped(APPLICANT, centre="合同专用章"), "contract"),
        (shaped(f"{APPLICANT} 合同专用章"), "contract"),  # centre lines kept in the ring text
        (shaped(APPLICANT, "oval", centre="财务专用章"), "finance"),
        (shaped(f"{APPLICANT} 财务专用草"), "finance"),  # OCR slip in the centre
        (shaped(APPLICANT, "oval", centre="91110108MA01ABCD2X 发票专用章"), "invoice"),
        (shaped(AUTHORITY_RING, "oval", centre="档案查询专用章"), "archive"),
        # an oval seal that says its kind along the bottom of the ring
        (replace(shaped(APPLICANT, "oval"), lower_text="合同专用章"), "contract"),
        (replace(shaped(APPLICANT), lower_text="1101080012345"), "official"),  # a seal number
        # 业务专用章 shares four characters with 财务专用章, and is no finance seal
        (shaped("招商银行股份有限公司北京中关村支行", centre="业务专用章"), "other"),
        (shaped("张三印", "square"), "personal"),
        (shaped("欧阳明之印", "square"), "personal"),
        (shaped("审核用", "square"), "unknown"),  # a clerk's stamp: no name, too short to say
        (shaped("此件与原件相符", "square"), "unknown"),  # names nobody
        (shaped(APPLICANT, "square"), "official"),
        (shaped(APPLICANT, centre="财务专用章", confidence=0.2), "unknown"),  # too doubtful
        (shaped("口口", confidence=0.2), "unknown"),
        (electronic(APPLICANT), "official"),
    ],
)
def test_a_seals_kind_comes_from_its_centre_text_and_shape(stamp: Seal, kind: ImprintKind) -> None:
    owner = owner_of(stamp, APPLICANT, (), WORDS)
    assert imprint_kind(stamp, WORDS, owner) == kind


def test_the_centre_text_is_not_taken_for_the_owners_name() -> None:
    assert owner_of(shaped(APPLICANT, centre="合同专用章"), APPLICANT, (), WORDS) == "applicant"
    archive = shaped(AUTHORITY_RING, "oval", centre="档案查询专用章")
    assert owner_of(archive, APPLICANT, (), WORDS) == "authority"


def test_an_archive_office_is_an_owner_of_its_own() -> None:
    office = shaped("北京市海淀区档案馆", "oval", centre="档案查询专用章")
    assert owner_of(office, APPLICANT, (), WORDS) == "archive"


def test_every_seal_is_attributed_once_with_its_owner_and_kind() -> None:
    stamps = (seal(AUTHORITY_RING), shaped(APPLICANT, centre="合同专用章"))
    pkg = package(Use(LICENCE, document("营业执照.pdf", page(1, LICENCE_TEXT, *stamps))))
    assert pkg.seal_owners == (
        SealAttribution("营业执照.pdf", 1, 0, "authority", "official"),
        SealAttribution("营业执照.pdf", 1, 1, "applicant", "contract"),
    )
    # a document no item was matched to keeps its seals' owners too
    stray = Package(**{**pkg.__dict__, "assignments": ()})
    assert [a.owner for a in attribute_seals(stray).seal_owners] == ["authority", "applicant"]


def test_the_rules_read_the_packages_decision() -> None:
    """missing-seal judges by ``seal_owners``, not by reading the ring again."""
    pkg = package(Use(LICENCE, document("营业执照.pdf", page(1, LICENCE_TEXT, seal(APPLICANT)))))
    assert list(missing_seal.check(pkg, CONTEXT)) == []
    decided_otherwise = replace(
        pkg, seal_owners=(SealAttribution("营业执照.pdf", 1, 0, "counterparty", "official"),)
    )
    (finding,) = missing_seal.check(decided_otherwise, CONTEXT)
    assert finding.message_id == "missing-seal.applicant"


def test_a_provincial_pack_names_its_own_authorities(tmp_path: Path) -> None:
    child = tmp_path / "province.yaml"
    child.write_text(
        "id: province\nversion: 1\ntitle: {zh: 省, en: Province}\nextends: icp\n"
        "seal_words: {authority: [新区管理委员会]}\n",
        encoding="utf-8",
    )
    ring = "天津滨海新区管理委员会"
    pkg = package(Use(LICENCE, document("营业执照.pdf", page(1, LICENCE_TEXT, seal(ring)))))
    assert [a.owner for a in pkg.seal_owners] == ["unknown"]
    provincial = attribute_seals(replace(pkg, manifest=load_manifest(child)))
    assert [a.owner for a in provincial.seal_owners] == ["authority"]
    (finding,) = missing_seal.check(provincial, CONTEXT)
    assert finding.message_id == "missing-seal.authority-only"
