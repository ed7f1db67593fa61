"""future-dated: a document's issue date is after the as-of date.

A letter dated next week was either misdated or pre-signed; a reviewer
rejects both. Reads the issue dates (签发日期, 发证日期, 出具日期, 签订日期 …,
the item's ``issue_labels``, and the date at a letter's foot) of every
document range of an item that has a ``validity`` in the manifest, and fires
once per range for the latest one after the as-of date. Start dates
(生效日期, the first date of a period) and ends may lie in the future. Items
without a validity rule are not read: their texts (plans, reports) talk
about future dates on purpose.

Options: none.

Passes: ``资信证明.pdf`` with ``出具日期 2026年05月20日``, checked as of 2026-06-01.

Fails: the same letter dated ``2026年06月20日``::

    future-dated  funding.proof  资信证明.pdf  落款或签发日期 2026-06-20 晚于检查日期 2026-06-01
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.facts.dates import issue_date
from validator.model import Context, Finding, Package, Severity
from validator.rules._reading import readings
from validator.rules._validity import dates_of, has_validity
from validator.rules.options import Options

ID = "future-dated"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    for reading in readings(package, has_validity):
        issued = issue_date(dates_of(reading))
        if issued is None or issued.value is None or issued.value <= ctx.as_of:
            continue
        args = (("issued", issued.value.isoformat()), ("as_of", ctx.as_of.isoformat()))
        yield reading.finding(
            ID, f"{ID}.issued", args, offset=issued.offset, evidence=issued.evidence
        )
