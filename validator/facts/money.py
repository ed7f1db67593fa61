"""Money amounts as Chinese documents print them, read as whole yuan.

壹仟万元整, 人民币壹仟万元, 1000万元, 人民币100万元, 100.00万元, 1,000,000元,
1000 万元人民币, 伍拾万元; a table header's unit (注册资本(万元) 1000) counts.
Amounts are exact ``Decimal`` while read and whole units once reported.

Hand-written on purpose: cn2an converts a clean numeral (壹仟万 -> 10000000)
but refuses it inside a line (人民币壹仟万元: "not in range: 人") and knows no
OCR look-alikes, and finding the amount and its unit in a line is most of the
work here.

>>> find_registered_capital("注册资本：人民币壹仟万元整").value
10000000

An amount OCR cut short is *doubtful* (``MoneyFact.doubtful``): 人民币伍倩万元
(伍佰万元 with 佰 misread) reads as 人民币伍 with 万元 left over just after it,
and a registered capital under :data:`MIN_PLAUSIBLE_CAPITAL` is no company's
capital but a misreading. Rules never judge a doubtful amount; they ask the
reader to check it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from validator.facts.evidence import evidence_line
from validator.facts.labels import LabelMatch, find_labels
from validator.facts.numerals import (
    LARGE_UNITS,
    NOISY_DIGIT,
    fold_width,
    parse_cjk_integer,
    parse_decimal,
)

# Labels under which a company's registered capital is printed.
CAPITAL_LABELS = ("注册资本", "注册资金")
# How far after its label an amount may start (label, unit header, 人民币 …).
VALUE_WINDOW = 40
# CJK characters allowed between a label and its amount (（人民币）…).
MAX_LABEL_GAP = 4
# Currency words and the ISO code each stands for; anything else is yuan.
CURRENCIES = {
    "美元": "USD", "USD": "USD", "US$": "USD", "港元": "HKD", "港币": "HKD", "HKD": "HKD",
    "欧元": "EUR", "EUR": "EUR", "日元": "JPY", "英镑": "GBP",
    "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "元": "CNY", "圆": "CNY",
}  # fmt: skip
# No company registers less than this (yuan): a smaller capital was misread.
MIN_PLAUSIBLE_CAPITAL = 10_000
# How far after an amount a stray unit shows that OCR cut the amount short.
CUT_SHORT_WINDOW = 3
_UNIT_AFTER = re.compile(rf"[^\n0-9]{{1,{CUT_SHORT_WINDOW}}}?(?:万|亿|元|圆)")
# Multipliers written after an Arabic number (100万, 1.5亿).
_NUMBER_UNITS = {"万": Decimal(10**4), "亿": Decimal(10**8), "千万": Decimal(10**7)}

_CJK_AMOUNT_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
_CURRENCY = "|".join(re.escape(word) for word in sorted(CURRENCIES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?P<before>{_CURRENCY})?[ \t]*"
    rf"(?:(?P<cjk>[{_CJK_AMOUNT_CHARS}]+)"
    rf"|(?P<number>[0-9](?:[ ,，]?{NOISY_DIGIT})*(?:\.{NOISY_DIGIT}+)?)[ \t]*(?P<unit>千万|万|亿)?)"
    rf"[ \t]*(?P<after>{_CURRENCY})?(?:[ \t]*(?:整|正))?"
    rf"(?:[ \t]*[(（]?(?P<after2>{_CURRENCY})[)）]?)?"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
# A unit printed in the label itself: 注册资本（万元）.
_LABEL_UNIT = re.compile(r"\s*[(（]\s*(?P<unit>万元|万|元)(?:人民币)?\s*[)）]")


@dataclass(frozen=True)
class MoneyFact:
    """An amount of money read from text."""

    value: int  # whole units of ``currency`` (yuan for CNY), rounded half up
    amount: Decimal  # exact, in units of ``currency``
    currency: str  # ISO 4217 code; "CNY" unless another currency is printed
    text: str  # as printed
    evidence: str
    offset: int
    label: str = ""
    doubtful: bool = False  # cut short by OCR, or implausibly small for a capital


def parse_amount(text: str) -> Decimal | None:
    """The amount ``text`` holds when it is one printed amount with a unit."""
    match = _AMOUNT.fullmatch(fold_width(text).strip())
    return _amount_of(match, Decimal(1)) if match else None


def find_amounts(text: str) -> list[MoneyFact]:
    """Every amount in ``text`` printed with a unit (元, 万, 亿) or a currency."""
    folded = fold_width(text)
    facts = []
    for match in _AMOUNT.finditer(folded):
        fact = _fact(folded, match, Decimal(1), "")
        if fact is not None:
            facts.append(fact)
    return facts


def find_registered_capital(text: str, labels: Iterable[str] = CAPITAL_LABELS) -> MoneyFact | None:
    """The amount under the first 注册资本/注册资金 label that has one; None if unreadable."""
    folded = fold_width(text)
    for label in find_labels(folded, labels):
        fact = _amount_after_label(folded, label)
        if fact is not None:
            return fact
    return None


def _amount_after_label(text: str, label: LabelMatch) -> MoneyFact | None:
    position, scale = label.end, Decimal(1)
    header = _LABEL_UNIT.match(text, position)
    if header is not None:
        position = header.end()
        scale = Decimal(10**4) if header.group("unit").startswith("万") else Decimal(1)
    for match in _AMOUNT.finditer(text, position, position + VALUE_WINDOW):
        if not _is_label_gap(text[position : match.start()]):
            return None
        fact = _fact(text, match, scale, label.label)
        if fact is not None:
            cut = _cut_short(text, match)
            if cut or (fact.currency == "CNY" and fact.value < MIN_PLAUSIBLE_CAPITAL):
                return dataclasses.replace(fact, doubtful=True)
            return fact
    return None


def _cut_short(text: str, match: re.Match[str]) -> bool:
    """A unit just after an amount that has none: OCR broke the amount (伍倩万元)."""
    if match.group("unit") or match.group("after") or match.group("after2"):
        return False
    return _UNIT_AFTER.match(text, match.end()) is not None


def _is_label_gap(gap: str) -> bool:
    # 注册资本（人民币）： is fine; a sentence or another number in between is not.
    if gap.count("\n") > 1 or any(ch.isdigit() for ch in gap):
        return False
    return len(_CJK.findall(gap)) <= MAX_LABEL_GAP


def _fact(text: str, match: re.Match[str], scale: Decimal, label: str) -> MoneyFact | None:
    amount = _amount_of(match, scale)
    if amount is None:
        return None
    return MoneyFact(
        value=int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)),
        amount=amount,
        currency=_currency(match),
        text=match.group().strip(),
        evidence=evidence_line(text, match.start(), match.end()),
        offset=match.start() + len(match.group()) - len(match.group().lstrip()),
        label=label,
    )


def _amount_of(match: re.Match[str], scale: Decimal) -> Decimal | None:
    """The amount a match holds; None when nothing says it is money."""
    has_currency = any(match.group(name) for name in ("before", "after", "after2"))
    if match.group("cjk") is not None:
        return _cjk_amount(match.group("cjk"), has_currency)
    number = parse_decimal(match.group("number"))
    unit = match.group("unit")
    if number is None or not (unit or has_currency or scale != 1):
        return None
    return number * (_NUMBER_UNITS[unit] if unit else scale)


def _cjk_amount(numeral: str, has_currency: bool) -> Decimal | None:
    # A bare numeral (一百) is prose; it needs a currency word or a 万/亿 unit.
    if not has_currency and not any(ch in LARGE_UNITS for ch in numeral):
        return None
    if all(ch in LARGE_UNITS for ch in numeral):  # 万元 alone is a unit header
        return None
    value = parse_cjk_integer(numeral)
    return Decimal(value) if value is not None else None


def _currency(match: re.Match[str]) -> str:
    words = (match.group(name) for name in ("before", "after", "after2"))
    codes = [CURRENCIES[word] for word in words if word]
    foreign = [code for code in codes if code != "CNY"]
    return foreign[0] if foreign else "CNY"
