"""expiring-soon: a validity ends within the review period after the as-of date.

The authority takes up to 60 days to review an application; a document that
ends within that time may be expired by the time it is read. Fires for every
end that ``expired`` reads (printed ends, 长期
excepted where allowed, and certificates' printed or estimated ends) that
falls on or after the as-of date and at most ``expiring_soon_days`` (manifest
setting, 60 in ``icp``) after it.

Options:
  ``days``: overrides the manifest's ``expiring_soon_days`` (null: use it).

Passes: ``域名证书.pdf`` with ``到期日期 2028年06月01日``, checked as of 2026-06-01.

Fails: ``IDC许可证.pdf`` with ``有效期至 2026年07月15日``, checked as of 2026-06-01::

    expiring-soon  other.provider_license  IDC许可证.pdf
        有效期将于 2026-07-15 届满，距检查日期仅 44 天
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules._reading import Reading, readings
from validator.rules._validity import ValidityEnd, has_validity, validity_ends
from validator.rules.options import Option, Options, integer_or_none

ID = "expiring-soon"
SEVERITY = Severity.WARNING
# days: null means the manifest's expiring_soon_days.
OPTIONS: Options = {"days": Option("integer", None, minimum=0, nullable=True)}
# When neither the option nor the manifest says: the review's own length.
DEFAULT_DAYS = 60


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    window = window_days(ctx)
    catalogue = package.manifest.certifications
    for reading in readings(package, has_validity):
        for end in validity_ends(reading, catalogue):
            left = (end.value - ctx.as_of).days
            if 0 <= left <= window:
                yield _finding(reading, end, left, window)


def window_days(ctx: Context) -> int:
    """How many days after the as-of date count as "soon"."""
    configured = integer_or_none(ctx, "days")
    if configured is not None:
        return configured
    setting = ctx.settings.get("expiring_soon_days", DEFAULT_DAYS)
    return setting if isinstance(setting, int) else DEFAULT_DAYS


def _finding(reading: Reading, end: ValidityEnd, left: int, window: int) -> Finding:
    suffix, args = end.describe()
    return reading.finding(
        ID,
        f"{ID}.{suffix}",
        (*args, ("days", str(left)), ("window", str(window))),
        offset=end.offset,
        evidence=end.evidence,
    )
