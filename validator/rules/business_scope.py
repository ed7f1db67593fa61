"""business-scope: the business licence's 经营范围 names no value-added telecom service.

An ICP licence is granted for a business the company is registered to do:
its 经营范围 must name one of the manifest's ``business_scope_keywords``
(第二类增值电信业务, 互联网信息服务 …, setting of the ``icp`` manifest).
Reads the items with the ``business_scope`` check (the business licence),
from the 经营范围 label to the next field that starts a line (登记机关,
住所 …), so a scope running over several lines or clauses is read whole.
Spaces OCR put between characters and full-width letters do not matter.
A licence whose scope cannot be found or read is no finding of this rule.

Options: none.

Passes: ``营业执照.pdf`` with ``经营范围 技术开发；第二类增值电信业务``.

Fails: ``经营范围 技术开发、技术咨询；销售电子产品``::

    business-scope  company.business_license  营业执照.pdf
        营业执照经营范围未包含增值电信业务（应含以下之一：第二类增值电信业务、…）
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.facts.scope import scopes
from validator.model import Context, Finding, Package, Requirements, Severity
from validator.rules._reading import comparable, readings
from validator.rules.options import Options

ID = "business-scope"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}
# The manifest check that asks for this rule.
SCOPE_CHECK = "business_scope"
# Keywords are listed in a message joined by this.
KEYWORD_SEPARATOR = "、"


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    keywords = _keywords(ctx)
    if not keywords:
        return
    for reading in readings(package, _asks_for_scope):
        for offset, scope, evidence in scopes(reading.text):
            if not any(comparable(word) in comparable(scope) for word in keywords):
                args = (("keywords", KEYWORD_SEPARATOR.join(keywords)),)
                yield reading.finding(ID, f"{ID}.none", args, offset=offset, evidence=evidence)


def _asks_for_scope(requirements: Requirements) -> bool:
    return SCOPE_CHECK in requirements.checks


def _keywords(ctx: Context) -> Sequence[str]:
    configured = ctx.settings.get("business_scope_keywords") or ()
    return [str(word) for word in configured] if isinstance(configured, list | tuple) else ()
