"""insufficient-capital: the registered capital is below the threshold for the package's scope.

An ICP licence needs a minimum registered capital: 100万元 for a provincial
licence, 1000万元 for a cross-regional one (manifest setting
``capital_min_yuan``, keyed by scope). The scope is the config fact
``scope`` (``facts: {scope: cross_regional}``), else the manifest's
``default_scope`` (provincial). The capital is read under 注册资本/注册资金 on
the items with the ``registered_capital`` check (the business licence) in any
printed form: 壹仟万元整, 1000万元, 人民币100万元, 注册资本(万元) 1000 …; when
none of their ranges shows it, the package fact read by the match stage is
used. A capital that cannot be read, or is stated in a foreign currency,
is no finding of this rule. A scope the manifest has no threshold for is a
configuration error.

An error rests on a confident reading only: an amount OCR cut short
(人民币伍倩万元 for 伍佰万元), a capital under 1万元 (no company's: a
misreading), or a line OCR read with little confidence gives an info
finding that says what was read and asks for the licence to be checked.

Options: none.

Passes: ``营业执照.pdf`` with ``注册资本 人民币壹仟万元整`` for any scope.

Fails: ``注册资本 人民币伍拾万元`` for a provincial licence::

    insufficient-capital  company.business_license  营业执照.pdf
        注册资本 500,000 元，低于 provincial 范围要求的 1,000,000 元
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from validator.errors import ConfigError
from validator.facts.money import MoneyFact, find_registered_capital
from validator.model import Context, Fact, Finding, Package, Requirements, Severity
from validator.rules._reading import Args, Reading, readings
from validator.rules.options import Options

ID = "insufficient-capital"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}
# The manifest check that asks for this rule.
CAPITAL_CHECK = "registered_capital"
# The only currency a threshold in yuan can judge without an exchange rate.
YUAN = "CNY"


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    printed = [(r, capital) for r in readings(package, _asks_for_capital) if (capital := _yuan(r))]
    fact = package.facts.registered_capital
    if not printed and (fact is None or not fact.value.isdigit()):
        return  # nothing readable to judge: the scope need not even be known
    scope, minimum = threshold(package, ctx)
    for reading, capital in printed:
        if capital.doubtful or not reading.confident_at(capital.offset):
            if capital.value < minimum:
                yield _unsure(reading, capital)
            continue
        if capital.value < minimum:
            args = _args(capital.value, minimum, scope)
            yield reading.finding(
                ID, f"{ID}.below", args, offset=capital.offset, evidence=capital.evidence
            )
    if not printed and fact is not None and int(fact.value) < minimum:
        yield _fact_finding(package, fact, _args(int(fact.value), minimum, scope))


def _unsure(reading: Reading, capital: MoneyFact) -> Finding:
    return reading.finding(
        ID,
        f"{ID}.unsure",
        (("printed", capital.text),),
        offset=capital.offset,
        evidence=capital.evidence,
        severity=Severity.INFO,
    )


def _yuan(reading: Reading) -> MoneyFact | None:
    capital = find_registered_capital(reading.text)
    return capital if capital is not None and capital.currency == YUAN else None


def threshold(package: Package, ctx: Context) -> tuple[str, int]:
    """The package's scope and the least capital it needs, in yuan."""
    scope = str(package.known_facts.get("scope") or ctx.settings.get("default_scope", ""))
    thresholds = ctx.settings.get("capital_min_yuan")
    table = thresholds if isinstance(thresholds, Mapping) else {}
    if scope not in table:
        raise ConfigError(
            f"facts.scope: {scope!r} has no capital threshold in the manifest",
            hint=f"use one of: {', '.join(sorted(map(str, table)))}",
        )
    return scope, int(table[scope])


def _fact_finding(package: Package, fact: Fact, args: Args) -> Finding:
    """The finding when only the match stage's package fact shows the capital."""
    return Finding(
        rule=ID,
        message_id=f"{ID}.below",
        args=args,
        item=_capital_item(package),
        path=fact.path,
        page=fact.page,
        evidence=fact.evidence,
    )


def _capital_item(package: Package) -> str | None:
    items = [item.id for item in package.manifest.items if _asks_for_capital(item.requirements)]
    return items[0] if items else None


def _asks_for_capital(requirements: Requirements) -> bool:
    return CAPITAL_CHECK in requirements.checks


def _args(capital: int, minimum: int, scope: str) -> Args:
    return (("capital", f"{capital:,}"), ("minimum", f"{minimum:,}"), ("scope", scope))
