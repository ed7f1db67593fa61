"""undated: an item with a validity rule shows no readable date of the kind it needs.

What an item needs follows from its ``validity`` in the manifest:

- ``end_labels``: an end date (营业期限, 有效期限, 到期日期 …). 长期/永久 counts
  only where ``allow_indefinite`` is true; elsewhere (a domain, a hosting
  contract) it is reported, since the reviewer wants the actual end;
- ``max_age_days``: an issue date (出具日期 … or the date at a letter's foot);
- ``max_period_months``: the date a statement reports up to;
- the ``certification`` check: a named certificate whose validity is known
  (an end, or an issue date the catalogue's validity counts from; a
  qualification that never expires needs none). When no certificate is
  named at all, ``unnamed-certification`` reports that instead.

The item's documents count together: the back of an ID card may carry the
date its front lacks. Without a readable date, expired, expiring-soon and
stale-document cannot judge the item, so this says so instead of passing.

Options: none.

Passes: ``法人身份证.jpg`` with ``有效期限 2020.05.01-2040.05.01``.

Fails: ``资信证明.pdf`` whose date the scan lost::

    undated  funding.proof  资信证明.pdf
        未读到出具或报表日期（应标注于：出具日期、开具日期、证明日期、日期）
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.facts.dates import KIND_END, issue_date
from validator.model import Certification, Context, Finding, Package, Severity
from validator.rules._reading import Reading, by_requirements, group_finding, readings
from validator.rules._validity import (
    certificate_is_dated,
    certifications_of,
    dates_of,
    document_end,
    has_validity,
    is_certification_item,
    period_end,
    validity_of,
)
from validator.rules.options import Options

ID = "undated"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}
# How a list of labels is joined in a message.
LABEL_SEPARATOR = "、"


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the as-of date does not matter: a date is readable or not
    catalogue = package.manifest.certifications
    for group in by_requirements(readings(package, has_validity)):
        if is_certification_item(group[0].requirements):
            yield from _certificates_undated(group, catalogue)
            continue
        validity = validity_of(group[0])
        if validity.end_labels:
            yield from _end_missing(group)
        if validity.max_age_days is not None or validity.max_period_months is not None:
            yield from _issue_missing(group)


def _end_missing(group: Sequence[Reading]) -> Iterator[Finding]:
    facts = [dates_of(reading) for reading in group]
    if any(document_end(r, f) is not None for r, f in zip(group, facts, strict=True)):
        return
    if any(fact.unread for found in facts for fact in found):
        return  # an end is printed but was not read: expired asks to check it
    for reading, found in zip(group, facts, strict=True):
        for fact in found:
            if fact.kind == KIND_END and fact.indefinite:
                args = (("printed", fact.text),)
                yield reading.finding(
                    ID, f"{ID}.indefinite", args, offset=fact.offset, evidence=fact.evidence
                )
                return
    labels = LABEL_SEPARATOR.join(validity_of(group[0]).end_labels)
    yield group_finding(group, ID, f"{ID}.end", (("labels", labels),))


def _issue_missing(group: Sequence[Reading]) -> Iterator[Finding]:
    validity = validity_of(group[0])
    for reading in group:
        facts = dates_of(reading)
        if validity.max_age_days is not None and issue_date(facts) is not None:
            return
        if validity.max_period_months is not None and period_end(facts) is not None:
            return
    labels = LABEL_SEPARATOR.join(validity.issue_labels)
    yield group_finding(group, ID, f"{ID}.issue", (("labels", labels),))


def _certificates_undated(
    group: Sequence[Reading], catalogue: Sequence[Certification]
) -> Iterator[Finding]:
    named = [fact for reading in group for fact in certifications_of(reading, catalogue)]
    if not named or any(certificate_is_dated(fact, catalogue) for fact in named):
        return
    names = LABEL_SEPARATOR.join(dict.fromkeys(fact.certification for fact in named))
    yield group_finding(group, ID, f"{ID}.certificate", (("certifications", names),))
