"""expired: a validity end printed in a document is before the as-of date.

Reads the end of each document range of an item that has a ``validity`` in
the manifest: the date under one of its ``end_labels`` (or the built-in end
labels: 有效期至, 营业期限, 到期日期 …), the latest one when several are
printed, never an issue date. 长期/永久/无固定期限 never expires where the item
allows it (``allow_indefinite``). An end on the as-of date itself is still
valid that day.

For the security officer's qualification (items with the ``certification``
check) every named certificate is judged on its own: its printed end, or,
when only an issue date is printed, the issue date plus the catalogue's
validity (CISP, CISSP: 3 years). Such an end is an estimate, so the finding
is a warning that says so.

An error rests on a confident reading only. A date OCR read with little
confidence, and a range whose end OCR lost (``营业期限2014年07月15日至2034年07``:
the start is never taken for the end), are info findings that say what was
read and ask for the original to be checked.

Options: none.

Passes: ``服务器托管协议.pdf`` with ``服务期限 2025年01月01日至2027年12月31日``,
checked as of 2026-06-01.

Fails: ``法人身份证.jpg`` with ``有效期限 2010.05.01-2020.05.01``::

    expired  company.legal_rep_id  法人身份证.jpg  有效期已于 2020-05-01 届满
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules._reading import Reading, readings
from validator.rules._validity import ValidityEnd, has_validity, unread_ends, validity_ends
from validator.rules.options import Options

ID = "expired"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    catalogue = package.manifest.certifications
    for reading in readings(package, has_validity):
        ends = validity_ends(reading, catalogue)
        for end in ends:
            if end.value < ctx.as_of:
                yield _finding(reading, end, ctx)
        if not ends:
            yield from _unread(reading)


def _finding(reading: Reading, end: ValidityEnd, ctx: Context) -> Finding:
    suffix, args = end.describe()
    # An end computed from the catalogue may be wrong; the reviewer reads the certificate.
    severity = Severity.WARNING if end.estimated else None
    if not reading.confident_at(end.offset):
        suffix, severity = "unsure", Severity.INFO  # a doubtful reading is no defect
    args = (*args, ("as_of", ctx.as_of.isoformat()))
    return reading.finding(
        ID, f"{ID}.{suffix}", args, offset=end.offset, evidence=end.evidence, severity=severity
    )


def _unread(reading: Reading) -> Iterator[Finding]:
    """An end printed but not read: nothing to judge, so the reviewer is asked to look."""
    unread = unread_ends(reading)
    if unread:
        fact = unread[0]
        args = (("printed", fact.text or "-"),)
        yield reading.finding(
            ID,
            f"{ID}.unread",
            args,
            offset=fact.offset,
            evidence=fact.evidence,
            severity=Severity.INFO,
        )
