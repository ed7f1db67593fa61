"""Every rule module documents itself; every message the text rules emit is in the catalogue."""

from __future__ import annotations

import importlib
import pkgutil
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import validator.rules
from validator.i18n import LANGUAGES, catalogue, placeholders
from validator.model import Severity
from validator.rules import RULES
from validator.rules.options import Option


def _rule_modules() -> list[str]:
    """Modules of validator.rules that declare a rule ``ID``; the others are helpers."""
    names = [info.name for info in pkgutil.iter_modules(validator.rules.__path__)]
    return sorted(
        n for n in names if hasattr(importlib.import_module(f"validator.rules.{n}"), "ID")
    )


RULE_MODULES = _rule_modules()
# The sections `material-validator explain RULE` shows.
SECTIONS = ("Options:", "Passes:", "Fails:")

# The rules of the text issue: default severity (SPEC §5) and every message id each can emit.
TEXT_RULES: dict[str, tuple[Severity, tuple[str, ...]]] = {
    "expired": (Severity.ERROR, ("end", "certificate", "estimated", "unsure", "unread")),
    "expiring-soon": (Severity.WARNING, ("end", "certificate", "estimated")),
    "stale-document": (Severity.ERROR, ("issued", "period")),
    "future-dated": (Severity.WARNING, ("issued",)),
    "undated": (Severity.WARNING, ("end", "issue", "indefinite", "certificate")),
    "unnamed-certification": (Severity.ERROR, ("vague", "none")),
    "invalid-identifier": (
        Severity.ERROR,
        (
            "uscc-checksum",
            "uscc-format",
            "uscc-ocr-repair",
            "uscc-ocr",
            "id-card-checksum",
            "id-card-format",
            "id-card-birth-date",
            "id-card-ocr-repair",
            "id-card-ocr",
        ),
    ),
    "invalid-licence-number": (
        Severity.WARNING,
        ("unknown-category", "serial-length", "serial-year", "province", "digits", "site"),
    ),
    "business-scope": (Severity.WARNING, ("none",)),
    "inconsistent-identity": (Severity.ERROR, ("name", "name-ocr", "uscc", "legal-representative")),
    "insufficient-capital": (Severity.ERROR, ("below", "unsure")),
    "missing-topic": (Severity.WARNING, ("absent",)),
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"validator.rules.{name}")


def test_every_registered_and_text_rule_is_checked() -> None:
    registered = {module.ID.replace("-", "_") for module in RULES.values()}
    text_rules = {rule_id.replace("-", "_") for rule_id in TEXT_RULES}
    assert registered | text_rules <= set(RULE_MODULES)


@pytest.mark.parametrize("name", RULE_MODULES)
def test_rule_module_declares_itself(name: str) -> None:
    module = _module(name)
    assert module.ID.replace("-", "_") == name
    assert isinstance(module.SEVERITY, Severity)
    assert all(isinstance(option, Option) for option in module.OPTIONS.values())
    assert callable(module.check)


@pytest.mark.parametrize("name", RULE_MODULES)
def test_rule_docstring_has_the_sections(name: str) -> None:
    module = _module(name)
    doc = module.__doc__ or ""
    assert doc.startswith(f"{module.ID}: "), name
    for section in SECTIONS:
        assert f"\n{section}" in doc, (name, section)


@pytest.mark.parametrize("rule_id", sorted(TEXT_RULES))
def test_text_rule_defaults_follow_the_spec(rule_id: str) -> None:
    module = _module(rule_id.replace("-", "_"))
    assert module.SEVERITY is TEXT_RULES[rule_id][0]
    for option in module.OPTIONS:
        assert f"``{option}``" in (module.__doc__ or ""), (rule_id, option)


@pytest.mark.parametrize("rule_id", sorted(TEXT_RULES))
def test_text_rule_messages_exist_in_both_languages(rule_id: str) -> None:
    ids = [f"rule.{rule_id}.title", f"hint.{rule_id}"]
    ids += [f"{rule_id}.{suffix}" for suffix in TEXT_RULES[rule_id][1]]
    for message_id in ids:
        texts = catalogue().get(message_id)
        assert texts is not None, message_id
        assert set(texts) == set(LANGUAGES), message_id
        assert all(texts[lang].strip() for lang in LANGUAGES), message_id
        assert placeholders(texts["zh"]) == placeholders(texts["en"]), message_id


def test_catalogue_file_holds_only_messages_the_text_rules_use() -> None:
    text = (resources.files("validator") / "messages" / "rules_text.yaml").read_text("utf-8")
    expected = {
        message_id
        for rule_id, (_, suffixes) in TEXT_RULES.items()
        for message_id in (
            f"rule.{rule_id}.title",
            f"hint.{rule_id}",
            *(f"{rule_id}.{suffix}" for suffix in suffixes),
        )
    }
    assert set(yaml.safe_load(text)) == expected


def test_every_declared_option_is_in_the_config_docs() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "config.md").read_text("utf-8")
    for rule_id, rule in RULES.items():
        for name in rule.OPTIONS:
            assert f"| `{rule_id}` | `{name}` |" in docs, (rule_id, name)
