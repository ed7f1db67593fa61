"""stale-document: a document that must be recent was issued too long ago.

Items whose ``validity`` sets ``max_age_days`` (the bank's 资信证明: 90 days)
must carry an issue date (出具日期, 开具日期, 证明日期, or the date at the foot
of the letter) no older than that on the as-of date. Items that set
``max_period_months`` (recent financial statements: 12 months) must report a
period ending (报表日期, 编制日期, 截至, or the end of a printed period) no more
than that many months before the as-of date. The latest such date of each
document range counts. A date after the as-of date is
``future-dated``'s business; no date at all is ``undated``'s.

Options: none.

Passes: ``资信证明.pdf`` with ``出具日期 2026年05月20日``, checked as of 2026-06-01.

Fails: the same letter dated ``2026年01月05日``::

    stale-document  funding.proof  资信证明.pdf
        出具日期 2026-01-05 距检查日期 2026-06-01 已 147 天，超过 90 天
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from validator.facts.dates import DateFact, issue_date
from validator.model import Context, Finding, Package, Requirements, Severity
from validator.rules._reading import Reading, readings
from validator.rules._validity import add_months, dates_of, period_end, validity_of
from validator.rules.options import Options

ID = "stale-document"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    for reading in readings(package, has_freshness_rule):
        validity = validity_of(reading)
        facts = dates_of(reading)
        if validity.max_age_days is not None:
            yield from _too_old(reading, facts, validity.max_age_days, ctx.as_of)
        if validity.max_period_months is not None:
            yield from _period_too_old(reading, facts, validity.max_period_months, ctx.as_of)


def has_freshness_rule(requirements: Requirements) -> bool:
    validity = requirements.validity
    return validity is not None and (
        validity.max_age_days is not None or validity.max_period_months is not None
    )


def _too_old(
    reading: Reading, facts: Sequence[DateFact], max_days: int, as_of: date
) -> Iterator[Finding]:
    issued = issue_date(facts)
    if issued is None or issued.value is None:
        return
    age = (as_of - issued.value).days
    if age > max_days:
        args = (
            ("issued", issued.value.isoformat()),
            ("as_of", as_of.isoformat()),
            ("age", str(age)),
            ("max_days", str(max_days)),
        )
        yield reading.finding(
            ID, f"{ID}.issued", args, offset=issued.offset, evidence=issued.evidence
        )


def _period_too_old(
    reading: Reading, facts: Sequence[DateFact], max_months: int, as_of: date
) -> Iterator[Finding]:
    period = period_end(facts)
    if period is None or period.value is None:
        return
    if add_months(period.value, max_months) < as_of:
        args = (
            ("period", period.value.isoformat()),
            ("as_of", as_of.isoformat()),
            ("max_months", str(max_months)),
        )
        yield reading.finding(
            ID, f"{ID}.period", args, offset=period.offset, evidence=period.evidence
        )
