"""invalid-licence-number: a telecom licence or ICP filing number is not in its published form.

Reads the items that declare ``identifiers: [telecom_licence]`` (the IDC/ISP
provider's licence) or ``[icp_record]`` (an ICP备案号 or ICP证 number). The
published forms are ``京B2-20201234`` (a province, categories A1/A2/B1/B2,
an eight-digit serial starting with its year), ``B1-20180123`` for
cross-regional licences, ``京ICP备12345678号-1`` and ``京ICP证123456号``.
Numbers are found leniently (OCR spaces, O for 0, full-width digits) so that
a malformed one is reported rather than overlooked; the message says what is
wrong with it.

Options: none.

Passes: ``IDC许可证.pdf`` with ``许可证编号 B1-20180123``.

Fails: ``许可证编号 B1-2018012``::

    invalid-licence-number  other.provider_license  IDC许可证.pdf
        许可证编号 B1-2018012 的序号应为 8 位数字
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.facts.licences import (
    ICP_FILING,
    ICP_LICENCE,
    TELECOM_LICENCE,
    LicenceNumberFact,
    find_licence_numbers,
)
from validator.model import Context, Finding, Package, Requirements, Severity
from validator.rules._reading import readings
from validator.rules.options import Options

ID = "invalid-licence-number"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}
# Manifest identifier -> the kinds of number the facts layer reads for it.
NUMBER_KINDS: dict[str, frozenset[str]] = {
    "telecom_licence": frozenset({TELECOM_LICENCE}),
    "icp_record": frozenset({ICP_FILING, ICP_LICENCE}),
}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the published forms do not change with the date
    seen: set[tuple[str, str]] = set()
    for reading in readings(package, _declares_numbers):
        kinds = _kinds(reading.requirements)
        for fact in find_licence_numbers(reading.text):
            if fact.kind not in kinds or fact.valid or (reading.path, fact.printed) in seen:
                continue
            seen.add((reading.path, fact.printed))
            yield reading.finding(
                ID,
                f"{ID}.{_reason(fact)}",
                (("number", fact.printed),),
                offset=fact.offset,
                evidence=fact.evidence,
            )


def _declares_numbers(requirements: Requirements) -> bool:
    return bool(_kinds(requirements))


def _kinds(requirements: Requirements) -> frozenset[str]:
    return frozenset().union(
        *(NUMBER_KINDS.get(identifier, frozenset()) for identifier in requirements.identifiers)
    )


def _reason(fact: LicenceNumberFact) -> str:
    return fact.reason.replace("_", "-")
