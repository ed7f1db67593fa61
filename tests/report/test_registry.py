"""The renderer registry, the report labels, and rendering with the real catalogue."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from validator.i18n import placeholders
from validator.model import Finding, ReportedFinding, Severity
from validator.report import DEFAULT_FORMAT, RENDERERS, ReportOptions, render
from validator.report.common import finding_message

from .builders import build_result

FORMATS = {"terminal", "concise", "json", "html", "sarif", "junit", "github"}


def test_registry_names_every_format() -> None:
    assert set(RENDERERS) == FORMATS
    assert DEFAULT_FORMAT in RENDERERS


def test_report_labels_have_both_languages_and_same_placeholders() -> None:
    text = (resources.files("validator") / "messages" / "report.yaml").read_text("utf-8")
    labels = yaml.safe_load(text)
    for message_id, texts in labels.items():
        assert message_id.startswith("report."), message_id
        assert set(texts) == {"zh", "en"}, message_id
        assert placeholders(texts["zh"]) == placeholders(texts["en"]), message_id


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_renders_with_the_real_catalogue(format_name: str, lang: str) -> None:
    """Every label a renderer asks for exists; unknown message ids do not crash."""
    output = render(format_name, build_result(), ReportOptions(lang=lang, width=100))
    assert output.endswith("\n")
    assert "test.missing-seal (kind=双方)" in output


def test_unknown_message_id_falls_back_to_id_and_arguments() -> None:
    finding = Finding(rule="x", message_id="no.such.message", args=(("a", "1"), ("b", "2")))
    reported = ReportedFinding(finding, Severity.INFO, "f")
    assert finding_message(reported, "en") == "no.such.message (a=1, b=2)"
    bare = ReportedFinding(Finding(rule="x", message_id="no.such.message"), Severity.INFO, "f")
    assert finding_message(bare, "zh") == "no.such.message"
