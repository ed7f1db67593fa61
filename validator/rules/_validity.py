"""Validity ends and issue dates of an item's ranges: what the date rules share.

Not a rule. expired, expiring-soon and undated read the same ends;
stale-document, future-dated and undated the same issue dates, so the rules
cannot disagree about which date a document carries. Dates are read with the
item's own labels on top of the built-in ones (:func:`~validator.facts.dates.find_dates`).

For items with the ``certification`` check (the security officer's
qualification) each named certificate has its own end: the printed one, or
its issue date plus the catalogue's validity, which is only an estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from validator.facts.certs import CertificationFact, certificate_validity, find_certifications
from validator.facts.dates import KIND_END, KIND_ISSUE, DateFact, find_dates, validity_end
from validator.model import Certification, Requirements, Validity
from validator.rules._reading import Args, Reading

# The manifest check that marks an item whose validity is its certificates'.
CERTIFICATION_CHECK = "certification"
# DateFact.role of the second date of a range (a reporting period's end).
RANGE_END = "range_end"


@dataclass(frozen=True)
class ValidityEnd:
    """When a range (or one certificate in it) stops being valid."""

    value: date
    offset: int  # in the reading's text: where the date (or the estimate's issue date) is
    evidence: str
    certification: str = ""  # catalogue id when the end is a certificate's
    issued: date | None = None  # the issue date an estimated end counts from
    years: int | None = None  # the catalogue validity an estimated end adds

    @property
    def estimated(self) -> bool:
        return self.years is not None

    def describe(self) -> tuple[str, Args]:
        """Message suffix and arguments that say what this end is."""
        end = ("end", self.value.isoformat())
        certification = ("certification", self.certification)
        if self.issued is not None and self.years is not None:
            issued = ("issued", self.issued.isoformat())
            return "estimated", (certification, issued, ("years", str(self.years)), end)
        if self.certification:
            return "certificate", (certification, end)
        return "end", (end,)


def has_validity(requirements: Requirements) -> bool:
    return requirements.validity is not None


def validity_of(reading: Reading) -> Validity:
    return reading.requirements.validity or Validity()


def is_certification_item(requirements: Requirements) -> bool:
    return CERTIFICATION_CHECK in requirements.checks


def dates_of(reading: Reading) -> list[DateFact]:
    """Every date of the range, labelled with the item's labels over the defaults."""
    validity = validity_of(reading)
    return find_dates(reading.text, validity.end_labels, validity.issue_labels)


def document_end(reading: Reading, facts: Sequence[DateFact]) -> DateFact | None:
    """The range's latest end; 长期 counts only where the item allows it."""
    allowed = validity_of(reading).allow_indefinite
    return validity_end(f for f in facts if allowed or not f.indefinite)


def validity_ends(reading: Reading, catalogue: Sequence[Certification]) -> list[ValidityEnd]:
    """Dated ends: each named certificate's on certification items, else the range's own."""
    if is_certification_item(reading.requirements):
        certificates = certifications_of(reading, catalogue)
        if certificates:
            found = [_certificate_end(fact, catalogue) for fact in certificates]
            ends = [end for end in found if end is not None]
            # A certificate named twice (注册信息安全专业人员 … 证书类别 CISE) is one
            # certificate: where one mention has its printed end, no estimate stands.
            dated = {end.certification for end in ends if not end.estimated}
            return [end for end in ends if not (end.estimated and end.certification in dated)]
    printed = document_end(reading, dates_of(reading))
    if printed is None or printed.value is None:
        return []
    return [ValidityEnd(printed.value, printed.offset, printed.evidence)]


def unread_ends(reading: Reading) -> list[DateFact]:
    """Ends printed but not read as dates (``至2034年07``), when no end was read at all."""
    facts = dates_of(reading)
    if document_end(reading, facts) is not None:
        return []
    return [fact for fact in facts if fact.kind == KIND_END and fact.unread]


def certifications_of(
    reading: Reading, catalogue: Sequence[Certification]
) -> list[CertificationFact]:
    validity = validity_of(reading)
    return find_certifications(reading.text, catalogue, validity.end_labels, validity.issue_labels)


def certificate_is_dated(fact: CertificationFact, catalogue: Sequence[Certification]) -> bool:
    """Whether a certificate's validity is known: printed, estimated, or never ending."""
    certification = _entry(fact, catalogue)
    if certification.validity_years is None and fact.end is None:
        return True  # a qualification that never expires needs no date
    return certificate_validity(fact, certification) is not None


def _certificate_end(
    fact: CertificationFact, catalogue: Sequence[Certification]
) -> ValidityEnd | None:
    certification = _entry(fact, catalogue)
    validity = certificate_validity(fact, certification)
    if validity is None or validity.end is None:
        return None
    if not validity.estimated:
        offset = fact.end.offset if fact.end else fact.offset
        return ValidityEnd(validity.end, offset, validity.evidence, fact.certification)
    issued = fact.issued
    return ValidityEnd(
        validity.end,
        issued.offset if issued else fact.offset,
        validity.evidence,
        fact.certification,
        issued.value if issued else None,
        certification.validity_years,
    )


def _entry(fact: CertificationFact, catalogue: Sequence[Certification]) -> Certification:
    return next(c for c in catalogue if c.id == fact.certification)


def period_end(facts: Sequence[DateFact]) -> DateFact | None:
    """The date a statement reports up to: its latest issue-labelled date or period end."""
    dated = [
        f for f in facts if f.value is not None and (f.kind == KIND_ISSUE or f.role == RANGE_END)
    ]
    return max(dated, key=lambda f: f.value or date.min, default=None)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a day the month lacks becomes its last day."""
    moved: date = day + relativedelta(months=months)
    return moved
