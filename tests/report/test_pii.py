"""ID-card numbers are masked in the result every format renders, unless ``show_pii``."""

from __future__ import annotations

import dataclasses

import pytest

from validator.model import Fact, Result, Seal, TextLine
from validator.pii import mask_id_numbers, redact_result
from validator.report import RENDERERS, ReportOptions

from .builders import ID_NUMBER, MASKED_ID, build_result

pytestmark = pytest.mark.usefixtures("test_catalogue")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11010519900307123X", "110105********123X"),
        ("110105199003071234", "110105********1234"),
        ("号码11010519900307123x。", "号码110105********123x。"),  # glued to CJK text
        ("a 110105199003071234 b 110105200001011234", "a 110105********1234 b 110105********1234"),
        ("91110105MA01ABCD2X", "91110105MA01ABCD2X"),  # a USCC, letters inside
        ("1101051990030712345", "1101051990030712345"),  # 19 digits: not an ID number
        ("X110105199003071234", "X110105199003071234"),  # glued to a letter
        # An impossible birth date is a mistyped number: still somebody's data.
        ("110105199013071234", "110105********1234"),
        ("110105085003071234", "110105********1234"),
        ("110105 19940505 123X", "110105********123X"),  # grouped with spaces
        ("证号110105-19940505-1234止", "证号110105********1234止"),  # or hyphens
        ("11O1O5199405O51234", "11O1O5********1234"),  # O written for 0
        ("OOOOOOOOOOOOOOOOOO", "OOOOOOOOOOOOOOOOOO"),  # letters, not a number
        ("2026-06-01 12:00:00 0000", "2026-06-01 12:00:00 0000"),  # a time stamp
        ("电话 13800138000", "电话 13800138000"),
    ],
)
def test_mask_id_numbers(text: str, expected: str) -> None:
    assert mask_id_numbers(text) == expected


def result_with_id_in_facts() -> Result:
    """The builder's result, with the ID number also in a fact and a seal signer."""
    result = build_result()
    package = result.packages[0]
    facts = dataclasses.replace(
        package.facts,
        legal_representative=Fact(f"张三 {ID_NUMBER}", "汇编.pdf", 1, evidence=ID_NUMBER),
    )
    seal = Seal((0, 0, 10, 10), 1.0, "electronic", "electronic", signer=f"张三 {ID_NUMBER}")
    documents = tuple(
        dataclasses.replace(d, pages=(dataclasses.replace(d.pages[0], seals=(seal,)),))
        if d.path == "技术方案.docx"
        else d
        for d in package.documents
    )
    changed = dataclasses.replace(package, facts=facts, documents=documents)
    return dataclasses.replace(result, packages=(changed,))


@pytest.mark.parametrize("format_name", sorted(RENDERERS))
def test_every_format_of_the_masked_result_shows_no_number(format_name: str) -> None:
    masked = redact_result(result_with_id_in_facts(), show_pii=False)
    output = RENDERERS[format_name](masked, ReportOptions(width=100))
    assert ID_NUMBER not in output
    assert MASKED_ID in output


@pytest.mark.parametrize("format_name", sorted(RENDERERS))
def test_renderers_show_what_they_are_given(format_name: str) -> None:
    """Masking is not the renderers' work: an unmasked result (``--show-pii``) stays so."""
    options = ReportOptions(width=100)
    assert ID_NUMBER in RENDERERS[format_name](result_with_id_in_facts(), options)


def test_redaction_covers_every_string_paths_included() -> None:
    result = result_with_id_in_facts()
    package = result.packages[0]
    moved = dataclasses.replace(
        package, documents=(dataclasses.replace(package.documents[0], path=f"{ID_NUMBER}.pdf"),)
    )
    masked = redact_result(dataclasses.replace(result, packages=(moved,)), show_pii=False)
    assert masked.packages[0].documents[0].path == f"{MASKED_ID}.pdf"
    assert ID_NUMBER not in repr(masked)
    # What is not text stays exact: hashes, fingerprints, severities.
    assert masked.packages[0].documents[0].sha256 == package.documents[0].sha256
    assert [f.fingerprint for f in masked.packages[0].findings] == [
        f.fingerprint for f in package.findings
    ]
    assert [type(f.severity) for f in masked.packages[0].findings] == [
        type(f.severity) for f in package.findings
    ]


def test_redaction_covers_evidence_args_facts_seals_and_pages() -> None:
    result = result_with_id_in_facts()
    package = redact_result(result, show_pii=False).packages[0]
    finding = next(f for f in package.findings if f.finding.rule == "invalid-identifier")
    assert finding.finding.evidence.endswith(MASKED_ID)
    assert finding.finding.arguments["number"] == MASKED_ID
    assert package.facts.legal_representative is not None
    assert package.facts.legal_representative.value == f"张三 {MASKED_ID}"
    assert package.facts.legal_representative.evidence == MASKED_ID
    scan = next(d for d in package.documents if d.path == "法人/身份证.jpg")
    assert ID_NUMBER not in scan.text
    plan = next(d for d in package.documents if d.path == "技术方案.docx")
    assert plan.pages[0].seals[0].signer == f"张三 {MASKED_ID}"


def test_redaction_covers_ocr_lines() -> None:
    result = result_with_id_in_facts()
    scan = next(d for d in result.packages[0].documents if d.path == "法人/身份证.jpg")
    line = TextLine(f"公民身份号码 {ID_NUMBER}", (0, 0, 600, 30), 0.98)
    page = dataclasses.replace(scan.pages[0], lines=(line,))
    with_lines = dataclasses.replace(scan, pages=(page,))
    documents = tuple(with_lines if d is scan else d for d in result.packages[0].documents)
    package = dataclasses.replace(result.packages[0], documents=documents)
    redacted = redact_result(dataclasses.replace(result, packages=(package,)), show_pii=False)
    masked = next(d for d in redacted.packages[0].documents if d.path == "法人/身份证.jpg")
    assert masked.pages[0].lines[0].text == f"公民身份号码 {MASKED_ID}"


def test_show_pii_returns_result_unchanged() -> None:
    result = build_result()
    assert redact_result(result, show_pii=True) is result


def test_a_company_code_of_digits_only_is_public_and_stays() -> None:
    # A real licence's USCC (914201006953366503) has the ID number's 6-8-4 layout.
    assert (
        mask_id_numbers("统一社会信用代码 914201006953366503")
        == "统一社会信用代码 914201006953366503"
    )
    assert mask_id_numbers("公民身份号码 110108198503154318") == "公民身份号码 110108********4318"


def test_a_thumbnail_stays_byte_for_byte_whatever_its_base64_spells() -> None:
    # A thumbnail's base64 may spell an ID-number shape; masking it would break the image.
    thumbnail = f"data:image/jpeg;base64,/9j/{ID_NUMBER}+AAAA"
    result = result_with_id_in_facts()
    package = result.packages[0]
    page = dataclasses.replace(package.documents[0].pages[0], thumbnail=thumbnail)
    document = dataclasses.replace(package.documents[0], pages=(page,))
    moved = dataclasses.replace(package, documents=(document, *package.documents[1:]))
    masked = redact_result(dataclasses.replace(result, packages=(moved,)), show_pii=False)
    assert masked.packages[0].documents[0].pages[0].thumbnail == thumbnail
