"""invalid-identifier: a USCC or ID-card number fails its checksum.

Checks every 统一社会信用代码 and 公民身份号码 of the items that declare
``identifiers: [uscc]`` or ``[id_card]`` (the business licence, the legal
representative's ID card), and the applicant's USCC wherever a document
prints it under a label (统一社会信用代码：…), except in another party's
details (乙方, 注册商, 开户行 …). Validation is python-stdnum's; O→0 and I→1
inside a number are safe fixes, never findings.

How sure the finding is depends on who read the number:

- from a text layer (or a DOCX), the document itself carries a wrong
  number: an error;
- read by OCR, when swapping one look-alike character (8/B, 5/S, 1/L …) or
  the check digit makes it pass, the paper is probably right and the reading
  wrong: an info finding that says "read as …, likely …";
- read by OCR with no such repair, the number may be misprinted or badly
  scanned: a warning by default (option ``ocr_unrepaired``), asking for a
  look at the original.

An ID number with a region code python-stdnum does not know but a correct
check digit passes: that table lags behind new codes.

Options:
  ``ocr_unrepaired``: severity of an OCR reading that fails and has no
  repair: ``warning`` (default), ``error`` or ``info``.

Passes: ``统一社会信用代码 91110108MA01ABCDEN`` on ``营业执照.pdf``.

Fails: ``统一社会信用代码 91110108MA01ABCDEX`` in the licence's text layer::

    invalid-identifier  company.business_license  营业执照.pdf
        统一社会信用代码 91110108MA01ABCDEX 校验位错误
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.facts.identifiers import ID_CARD, USCC, IdentifierFact, find_identifiers
from validator.model import Context, Finding, Package, Severity
from validator.rules._parties import inside, party_spans
from validator.rules._reading import Args, Reading, readings
from validator.rules.options import Option, Options, word

ID = "invalid-identifier"
SEVERITY = Severity.ERROR
# ocr_unrepaired: severity of a failing OCR reading that no look-alike swap explains.
OPTIONS: Options = {
    "ocr_unrepaired": Option("word", "warning", choices=tuple(s.value for s in Severity))
}
# Problems of a misprinted or misread number; "region" is not one (see above).
REPORTED_PROBLEMS = {
    "checksum": "checksum",
    "format": "format",
    "length": "format",
    "birth_date": "birth-date",
}
# Message-id stem of each kind of number.
KIND_STEMS = {USCC: "uscc", ID_CARD: "id-card"}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    unrepaired = _unrepaired_severity(ctx)
    seen: set[tuple[str, str, str]] = set()
    for reading, fact in _numbers(package):
        key = (reading.path, fact.kind, fact.number)
        if fact.problem not in REPORTED_PROBLEMS or key in seen:
            continue
        seen.add(key)
        yield _finding(reading, fact, unrepaired)


def _numbers(package: Package) -> Iterator[tuple[Reading, IdentifierFact]]:
    """Numbers of declared kinds, and labelled USCCs not printed for another party."""
    for reading in readings(package):
        declared = {kind for kind in KIND_STEMS if kind in reading.requirements.identifiers}
        _, others = party_spans(reading.text, reading.requirements.applicant_labels)
        for fact in find_identifiers(reading.text, declared | {USCC}):
            if fact.kind in declared or (fact.label and not inside(fact.offset, others)):
                yield reading, fact


def _finding(reading: Reading, fact: IdentifierFact, unrepaired: Severity) -> Finding:
    suffix, args, severity = _verdict(reading, fact, unrepaired)
    return reading.finding(
        ID,
        f"{ID}.{KIND_STEMS[fact.kind]}-{suffix}",
        args,
        offset=fact.offset,
        evidence=fact.evidence,
        severity=severity,
    )


def _verdict(
    reading: Reading, fact: IdentifierFact, unrepaired: Severity
) -> tuple[str, Args, Severity | None]:
    """Message suffix, arguments and severity: who read the number decides."""
    number: Args = (("number", fact.number),)
    if not reading.is_ocr_at(fact.offset):
        return REPORTED_PROBLEMS[fact.problem], number, None
    if fact.repair is not None:
        return "ocr-repair", (*number, ("likely", fact.repair.number)), Severity.INFO
    return "ocr", number, unrepaired


def _unrepaired_severity(ctx: Context) -> Severity:
    return Severity(word(ctx, "ocr_unrepaired"))
