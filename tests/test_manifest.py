from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from validator.errors import ManifestError
from validator.manifest import builtin_manifests, load_manifest, manifests_dir, merge

# The stable item ids of SPEC §3: reports, waivers and baselines depend on them.
ICP_ITEMS = [
    "company.business_license",
    "company.articles",
    "company.legal_rep_id",
    "company.shareholders",
    "business.development_report",
    "business.technical_plan",
    "business.service_flow",
    "personnel.staff_resumes",
    "personnel.security_officer",
    "funding.proof",
    "funding.capital_verification",
    "security.management_policy",
    "security.protection_plan",
    "security.data_protection",
    "other.domain_certificate",
    "other.hosting_agreement",
    "other.provider_license",
]


def test_icp_has_exactly_the_seventeen_stable_items() -> None:
    manifest = load_manifest("icp")
    assert [item.id for item in manifest.items] == ICP_ITEMS


@pytest.mark.parametrize("manifest_id", sorted(builtin_manifests()))
def test_builtin_manifests_validate_against_the_schema(manifest_id: str) -> None:
    schema = json.loads((manifests_dir() / "manifest.schema.json").read_text())
    raw = yaml.safe_load(builtin_manifests()[manifest_id].read_text())
    jsonschema.Draft202012Validator(schema).validate(raw)


def test_every_icp_item_has_titles_keywords_and_filename_patterns() -> None:
    for item in load_manifest("icp").items:
        assert item.title.zh and item.title.en
        specs = [alt.requirements.match for alt in item.any_of] or [item.requirements.match]
        for spec in specs:
            assert spec.content, item.id
            assert spec.filename, item.id
            # Chinese and Latin (pinyin or English) file names are both recognised.
            assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in spec.filename), item.id
            assert any(p.isascii() for p in spec.filename), item.id


def test_icp_declares_what_later_rules_read() -> None:
    manifest = load_manifest("icp")
    licence = manifest.item("company.business_license").requirements
    assert licence.seal == ("company",)
    assert licence.identifiers == ("uscc",)
    assert licence.validity is not None and licence.validity.allow_indefinite
    assert manifest.item("company.articles").requirements.seal == ("archive_query",)
    assert manifest.item("other.hosting_agreement").requirements.seal == ("both_parties",)
    protection = manifest.item("security.protection_plan").requirements
    assert [t.name for t in protection.topics] == ["防火墙", "入侵检测", "数据加密"]
    funding = manifest.item("funding.proof")
    assert [alt.id for alt in funding.any_of] == ["bank_reference", "financial_statements"]
    bank = funding.any_of[0].requirements
    assert bank.seal == ("bank",) and bank.validity and bank.validity.max_age_days == 90
    assert manifest.seal_kinds["both_parties"].owner == ("applicant", "counterparty")
    assert manifest.item("company.shareholders").condition is not None
    assert {c.id for c in manifest.certifications} >= {"CISP", "CISSP", "CISA", "CISM", "NISP"}


def test_icp_full_extends_icp_by_id() -> None:
    base = load_manifest("icp")
    full = load_manifest("icp-full")
    ids = [item.id for item in full.items]
    assert set(ICP_ITEMS) < set(ids)
    assert {
        "application.form",
        "application.commitment",
        "company.overview",
        "company.equity_chart",
        "personnel.social_insurance",
    } <= set(ids)
    # Inherited items keep their parent's definition and their parent's file.
    assert full.item("company.articles") == base.item("company.articles")
    assert full.item("company.overview").source.endswith("icp-full.yaml")
    assert "social_insurance" in full.seal_kinds and "company" in full.seal_kinds


def test_merge_replaces_fields_one_by_one_and_removes(tmp_path: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: province\nversion: 2\ntitle: {zh: 省, en: Province}\nextends: icp\n"
        "remove: [company.shareholders]\n"
        "categories:\n  - id: other\n    items:\n"
        "      - id: other.domain_certificate\n        required: false\n",
        encoding="utf-8",
    )
    manifest = load_manifest(child)
    ids = [item.id for item in manifest.items]
    assert "company.shareholders" not in ids
    domain = manifest.item("other.domain_certificate")
    assert domain.required == "false"
    # Fields the child did not name come from the parent.
    assert domain.requirements.applicant_labels[0] == "注册所有人"
    assert manifest.id == "province" and manifest.version == 2


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (
            "categories:\n  - id: c\n    title: {zh: 类, en: C}\n    items:\n"
            "      - id: c.a\n        title: {zh: 甲, en: A}\n        required: true\n"
            "        match: {content: [甲]}\n        validity: {max_age_days: x}\n",
            "categories[0].items[0].validity.max_age_days: 'x' is not of type 'integer'",
        ),
        ("colour: red\n", "Additional properties are not allowed ('colour' was unexpected)"),
        (
            "categories:\n  - id: c\n    title: {zh: 类, en: C}\n    items:\n"
            "      - id: c.a\n        title: {zh: 甲, en: A}\n        required: conditional\n"
            "        match: {content: [甲]}\n",
            "categories[0].items[0]: 'condition' is a required property",
        ),
        (
            "categories:\n  - id: c\n    title: {zh: 类, en: C}\n    items:\n"
            "      - id: c.a\n        title: {zh: 甲, en: A}\n        required: true\n"
            "        match: {content: [甲]}\n        seal: [notary]\n",
            "seal kind 'notary' is not in seal_kinds",
        ),
    ],
)
def test_invalid_manifest_names_the_yaml_path(tmp_path: Path, patch: str, expected: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: m\nversion: 1\ntitle: {zh: 甲, en: A}\n" + patch, encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        load_manifest(path)
    assert expected in raised.value.message
    assert raised.value.exit_code == 2


def test_unknown_manifest_and_extends_cycle(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="not found"):
        load_manifest("no-such-manifest")
    loop = tmp_path / "loop.yaml"
    loop.write_text("id: loop\nversion: 1\ntitle: {zh: 环, en: Loop}\nextends: loop.yaml\n")
    with pytest.raises(ManifestError, match="extends itself"):
        load_manifest(loop)


def test_merge_keeps_parent_untouched() -> None:
    parent = {"id": "p", "categories": [{"id": "c", "items": [{"id": "c.a", "required": True}]}]}
    child = {"id": "k", "categories": [{"id": "c", "items": [{"id": "c.a", "required": False}]}]}
    merged = merge(parent, child)
    assert merged["categories"][0]["items"][0]["required"] is False
    assert parent["categories"][0]["items"][0]["required"] is True


def test_seal_words_come_from_the_manifest() -> None:
    words = load_manifest("icp").seal_words
    assert "市场监督管理局" in words.authority
    assert "银行" in words.bank
    assert "档案馆" in words.archive
    assert "财务专用章" in words.centre["finance"]
    assert load_manifest("icp").seal_kinds["company"].refused_kinds == (
        "finance",
        "invoice",
        "personal",
    )


def test_a_child_manifest_adds_seal_words_to_its_parents(tmp_path: Path) -> None:
    child = tmp_path / "province.yaml"
    child.write_text(
        "id: province\nversion: 1\ntitle: {zh: 省, en: Province}\nextends: icp\n"
        "seal_words:\n  authority: [新区管理委员会, 市场监督管理局]\n"
        "  centre: {finance: [财务结算专用章]}\n",
        encoding="utf-8",
    )
    words = load_manifest(child).seal_words
    parent = load_manifest("icp").seal_words
    assert words.authority == (*parent.authority, "新区管理委员会")  # added once, in order
    assert words.bank == parent.bank
    assert words.centre["finance"] == (*parent.centre["finance"], "财务结算专用章")
    assert words.centre["contract"] == parent.centre["contract"]


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (
            "seal_words: {autority: [管委会]}\n",
            "seal_words: Additional properties are not allowed ('autority' was unexpected)",
        ),
        (
            "seal_words: {centre: {finanse: [财务章]}}\n",
            "seal_words.centre: Additional properties are not allowed ('finanse' was unexpected)",
        ),
        (
            "seal_kinds: {company: {owner: applicant, refused_kinds: [financial]}}\n",
            "seal_kinds.company.refused_kinds[0]: 'financial' is not one of",
        ),
    ],
)
def test_a_typo_in_seal_words_is_an_error_naming_the_key(
    tmp_path: Path, patch: str, expected: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: m\nversion: 1\ntitle: {zh: 甲, en: A}\n" + patch, encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        load_manifest(path)
    assert expected in raised.value.message
