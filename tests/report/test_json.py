"""The JSON report: schema, determinism, rounding, and what it leaves out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from validator.model import Result
from validator.pii import redact_result
from validator.report import ReportOptions
from validator.report import json as json_report

from .builders import ID_NUMBER, build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "report.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def render(result: Result, lang: str = "zh") -> str:
    return json_report.render(result, ReportOptions(lang=lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_output_validates_against_schema(validator: Any, lang: str) -> None:
    validator.validate(json.loads(render(build_result(), lang)))


def test_schema_rejects_unknown_keys(validator: Any) -> None:
    data = json.loads(render(build_result()))
    data["packages"][0]["findings"][0]["extra"] = 1
    assert not validator.is_valid(data)


def test_schema_rejects_page_text(validator: Any) -> None:
    data = json.loads(render(build_result()))
    data["packages"][0]["documents"][0]["pages"][0]["text"] = "readme"
    assert not validator.is_valid(data)


def test_byte_identical_whatever_the_input_order() -> None:
    result = build_result()
    package = result.packages[0]
    shuffled = dataclasses.replace(
        package,
        documents=tuple(reversed(package.documents)),
        findings=tuple(reversed(package.findings)),
    )
    reordered = dataclasses.replace(result, packages=(shuffled, *result.packages[1:]))
    assert render(result) == render(reordered)
    assert render(result) == render(build_result())


def test_format_is_sorted_indented_utf8_with_newline() -> None:
    text = render(build_result())
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "汇编.pdf" in text  # not \u-escaped


def test_findings_sorted_by_path_page_rule() -> None:
    findings = json.loads(render(build_result()))["packages"][0]["findings"]
    keys = [(f["path"] or "", f["page"] or 0, f["rule"]) for f in findings]
    assert keys == sorted(keys)
    assert findings[0]["path"] is None  # the missing item, which has no file


def test_floats_rounded_to_three_decimals() -> None:
    package = json.loads(render(build_result()))["packages"][0]
    combined = next(d for d in package["documents"] if d["path"] == "汇编.pdf")
    assert [m["score"] for m in combined["matches"]] == [0.913, 0.667]
    assert combined["pages"][0]["seals"][0]["confidence"] == 0.957
    scan = next(d for d in package["documents"] if d["path"] == "法人/身份证.jpg")
    assert scan["pages"][0]["confidence"] == 0.612


def test_page_text_is_left_out() -> None:
    text = render(build_result())
    assert "第3页" not in text  # text of the combined PDF's third page
    assert 'readme"' not in text


def test_summary_counts_unwaived_findings() -> None:
    data = json.loads(render(build_result()))
    assert data["summary"] == {"error": 4, "warning": 3, "info": 1}
    assert data["packages"][1]["summary"] == {"error": 0, "warning": 0, "info": 0}
    waived = [f for f in data["packages"][0]["findings"] if f["waived"]]
    assert [(f["rule"], f["waiver_reason"]) for f in waived] == [("expired", "续期申请已受理")]


def test_message_in_run_language_and_args_stable() -> None:
    zh = json.loads(render(build_result(), "zh"))["packages"][0]["findings"]
    en = json.loads(render(build_result(), "en"))["packages"][0]["findings"]
    seal_zh = next(f for f in zh if f["rule"] == "missing-seal")
    seal_en = next(f for f in en if f["rule"] == "missing-seal")
    assert seal_zh["message"] == "未检测到双方印章"
    assert seal_en["message"] == "No 双方 seal found"
    assert seal_zh["args"] == seal_en["args"] == {"kind": "双方"}
    assert seal_zh["message_id"] == "test.missing-seal"
    assert (seal_zh["page"], seal_zh["page_end"]) == (5, 7)


def test_items_keep_pages_and_facts_keep_source() -> None:
    package = json.loads(render(build_result()))["packages"][0]
    hosting = next(i for i in package["items"] if i["id"] == "other.hosting_agreement")
    assert [d["pages"] for d in hosting["documents"]] == [[3, 3], [5, 7]]
    assert package["facts"]["applicant"] == {
        "value": "北京示例科技有限公司",
        "path": "汇编.pdf",
        "page": 1,
        "evidence": "",
        "confidence": None,  # a text layer: nothing to doubt
    }
    assert package["facts"]["business_scope"] is None


def test_id_numbers_masked_unless_asked() -> None:
    assert ID_NUMBER not in render(redact_result(build_result(), show_pii=False))
    shown = json_report.render(build_result(), ReportOptions())  # --show-pii: left unmasked
    assert ID_NUMBER in shown
