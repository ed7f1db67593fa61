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

import re
from collections.abc import Iterator, Sequence

from validator.facts.evidence import evidence_line
from validator.facts.numerals import fold_width
from validator.facts.parties import FIELD_LABELS
from validator.model import Context, Finding, Package, Requirements, Severity
from validator.rules._reading import comparable, readings

ID = "business-scope"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
# The manifest check that asks for this rule.
SCOPE_CHECK = "business_scope"
# The label of a licence's business scope.
SCOPE_LABEL = "经营范围"
# Keywords are listed in a message joined by this.
KEYWORD_SEPARATOR = "、"

# The scope label where it opens a field (not inside 超出经营范围的 …).
_LABEL = re.compile(rf"(?<![\u4e00-\u9fff]){SCOPE_LABEL}")
# A line opening with another field ends the scope.
_NEXT_FIELD = re.compile(
    r"\n[ \t]*(?:"
    + "|".join(re.escape(label) for label in FIELD_LABELS if label != SCOPE_LABEL)
    + ")"
)
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    keywords = _keywords(ctx)
    if not keywords:
        return
    for reading in readings(package, _asks_for_scope):
        for offset, scope, evidence in scopes(reading.text):
            if not any(comparable(word) in comparable(scope) for word in keywords):
                args = (("keywords", KEYWORD_SEPARATOR.join(keywords)),)
                yield reading.finding(ID, f"{ID}.none", args, offset=offset, evidence=evidence)


def scopes(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, scope text, evidence) of each readable 经营范围 in ``text``."""
    folded = fold_width(text)
    for label in _LABEL.finditer(folded):
        following = _NEXT_FIELD.search(folded, label.end())
        end = following.start() if following else len(folded)
        scope = folded[label.end() : end]
        if _READABLE.search(scope):
            yield label.start(), scope, evidence_line(folded, label.start(), end)


def _asks_for_scope(requirements: Requirements) -> bool:
    return SCOPE_CHECK in requirements.checks


def _keywords(ctx: Context) -> Sequence[str]:
    configured = ctx.settings.get("business_scope_keywords") or ()
    return [str(word) for word in configured] if isinstance(configured, list | tuple) else ()
