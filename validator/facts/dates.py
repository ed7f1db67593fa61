"""Dates in document text, each labelled as a validity end, an issue date or a start.

A date's meaning comes from the label printed before it: 有效期至 and 营业期限
announce an end, 签发日期 and 成立日期 an issue date. Labels come from the
manifest item (``Validity.end_labels`` / ``issue_labels``) on top of built-in
defaults; a label the manifest names overrides the default meaning of that
label, and a label named both ways counts as an issue label, because an issue
date read as an expiry would report a valid document as expired.

Ranges (``A-B``, ``A至B``, ``自A起至B止``, ``A-长期``) yield a start and an
end; the end takes the range's label. 长期/永久/无固定期限 as an end means no
expiry (``indefinite``). A range whose end OCR could not read
(``营业期限2014年07月15日至2034年07``, ``至长其`` for 至长期, ``2018.05.20-``)
has an *unread* end: its value is unknown, and its start is never taken for
it — a start read as an end would call a valid licence expired. An
unlabelled date on one of the last lines of a letter is its issue date
(label :data:`CLOSING_LABEL`).

>>> [(f.kind, str(f.value)) for f in find_dates("签发日期：2020年1月1日 有效期至2030.01.01")]
[('issue', '2020-01-01'), ('end', '2030-01-01')]
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from validator.facts.dateforms import DateToken, scan_dates
from validator.facts.evidence import evidence_line, line_bounds
from validator.facts.labels import last_label
from validator.facts.numerals import fold_width

# Labels announcing the end of a validity period (or a period whose end counts).
DEFAULT_END_LABELS = (
    "有效期至", "有效期限", "有效期", "有效日期", "证书有效期", "失效日期",
    "营业期限", "经营期限", "截止日期", "到期日期", "到期日", "到期时间", "过期时间",
    "届满日期", "届满", "服务期限", "租赁期限", "合同期限", "协议期限", "许可期限",
)  # fmt: skip
# Labels announcing the day a document was made; never read as an expiry.
DEFAULT_ISSUE_LABELS = (
    "签发日期", "发证日期", "颁证日期", "颁发日期", "成立日期", "出具日期", "开具日期",
    "签订日期", "签署日期", "注册日期", "注册时间", "登记日期", "核准日期", "发照日期",
    "日期",
)  # fmt: skip
# Labels announcing when something starts to apply.
DEFAULT_START_LABELS = ("生效日期", "起始日期", "开始日期", "起租日期", "Effective Date")
# English labels on registrar and vendor documents (matched ignoring ASCII case).
ENGLISH_END_LABELS = ("Expiration Date", "Expiry Date", "Valid Until", "Registry Expiry Date")
ENGLISH_ISSUE_LABELS = ("Issue Date", "Date of Issue", "Registration Date", "Creation Date")

# The label given to an unlabelled date at the foot of a letter.
CLOSING_LABEL = "落款"
# How many last non-empty lines count as a letter's foot.
CLOSING_LINES = 3
# How far before a date its label may start.
LABEL_WINDOW = 30
# CJK characters allowed between a label and its date (自, 为, （截止） …).
MAX_LABEL_GAP = 4
# Words after a lone date that make it an end: 2025年3月1日到期.
END_SUFFIXES = ("到期", "届满", "前有效")
# The dash of a range, as typed and as OCR reads it.
_RANGE_DASH = "[-—–~～－]{1,2}"
# What may stand between the two dates of a range.
_RANGE_GAP = re.compile(rf"\s*起?\s*(?:{_RANGE_DASH}|至|到)\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")
# A range's dash or 至 after a lone date: its end is printed but was not read.
# (起 alone, 2025年1月1日起, starts something open-ended: no end is printed.)
# The same gap on one line, short of 至今 (ongoing) and 到期 (a lone end's suffix).
_DANGLING_GAP = re.compile(rf"[ \t]*起?[ \t]*(?:{_RANGE_DASH}|至(?!今)|到(?![期今]))[ \t]*")
# The unreadable rest of that end, up to the line's end or the next field.
_DANGLING_REST = re.compile(r"[^\n,，;；。]{0,14}")
# What parts two columns of one row in OCR text (validator.extract.ocr.reading).
COLUMN_MARK = "│"
# Lower-cases ASCII only, so offsets in the window stay put.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

KIND_END = "end"
KIND_ISSUE = "issue"
KIND_START = "start"
KIND_UNLABELLED = "unlabelled"


@dataclass(frozen=True)
class DateFact:
    """A date read from text, with what it means and where it was printed.

    ``value`` is None only for an indefinite end (长期). ``role`` tells a lone
    date from the start or end of a range. ``offset`` indexes the text passed
    to :func:`find_dates`.
    """

    kind: str  # "end" | "issue" | "start" | "unlabelled"
    value: date | None
    indefinite: bool
    label: str  # the label that decided ``kind``; "" when none did
    evidence: str
    offset: int
    text: str = ""  # the date as printed
    role: str = "single"  # "single" | "range_start" | "range_end"

    @property
    def unread(self) -> bool:
        """The end of a range that is printed but could not be read as a date."""
        return self.value is None and not self.indefinite


def find_dates(
    text: str,
    end_labels: Iterable[str] = (),
    issue_labels: Iterable[str] = (),
    start_labels: Iterable[str] = (),
    *,
    use_defaults: bool = True,
) -> list[DateFact]:
    """Every date in ``text``, labelled; see the module docstring."""
    folded = fold_width(text)
    labels = label_kinds(end_labels, issue_labels, start_labels, use_defaults=use_defaults)
    facts: list[DateFact] = []
    floor = 0
    for group in _group_ranges(folded, scan_dates(folded)):
        facts.extend(_facts_of(folded, group, _label_before(folded, group[0].start, floor, labels)))
        floor = group[-1].end
    return _mark_closing_date(folded, facts)


def label_kinds(
    end_labels: Iterable[str] = (),
    issue_labels: Iterable[str] = (),
    start_labels: Iterable[str] = (),
    *,
    use_defaults: bool = True,
) -> dict[str, str]:
    """Label → kind, the caller's labels overriding the defaults (issue wins ties)."""
    kinds: dict[str, str] = {}
    if use_defaults:
        kinds |= dict.fromkeys(DEFAULT_START_LABELS, KIND_START)
        kinds |= dict.fromkeys(DEFAULT_END_LABELS + ENGLISH_END_LABELS, KIND_END)
        kinds |= dict.fromkeys(DEFAULT_ISSUE_LABELS + ENGLISH_ISSUE_LABELS, KIND_ISSUE)
    kinds |= dict.fromkeys(start_labels, KIND_START)
    kinds |= dict.fromkeys(end_labels, KIND_END)
    kinds |= dict.fromkeys(issue_labels, KIND_ISSUE)
    return kinds


def validity_end(facts: Iterable[DateFact]) -> DateFact | None:
    """The latest end among ``facts``; an indefinite end beats any date; unread ends
    (:attr:`DateFact.unread`) are no end to judge by."""
    ends = [f for f in facts if f.kind == KIND_END and not f.unread]
    return max(ends, key=lambda f: (f.indefinite, f.value or date.min), default=None)


def issue_date(facts: Iterable[DateFact]) -> DateFact | None:
    """The latest issue date among ``facts`` (a re-issued document counts from then)."""
    issued = [f for f in facts if f.kind == KIND_ISSUE and f.value is not None]
    return max(issued, key=lambda f: f.value or date.min, default=None)


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February falls back to the 28th."""
    moved: date = day + relativedelta(years=years)
    return moved


def _group_ranges(text: str, tokens: Sequence[DateToken]) -> list[tuple[DateToken, ...]]:
    groups: list[tuple[DateToken, ...]] = []
    index = 0
    while index < len(tokens):
        first = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if first.value is not None and following is not None and _joins(text, first, following):
            groups.append((first, following))
            index += 2
        else:
            groups.append((first,))
            index += 1
    return groups


def _joins(text: str, first: DateToken, second: DateToken) -> bool:
    return _RANGE_GAP.fullmatch(text, first.end, second.start) is not None


def _label_before(text: str, start: int, floor: int, labels: dict[str, str]) -> tuple[str, str]:
    """The (label, kind) closest before ``start``, or ("", "") when none is near."""
    low = max(floor, start - LABEL_WINDOW)
    window = text[low:start].translate(_ASCII_LOWER)
    lowered = {label.translate(_ASCII_LOWER): label for label in labels}
    found = last_label(window, lowered)  # look-alikes too: 成立目期, 营业其限
    if found is None or not _is_label_gap(window[found.end :]):
        return "", ""
    label = lowered[found.label]
    return label, labels[label]


def _is_label_gap(gap: str) -> bool:
    # A label on the line above its date (table layouts) is fine; further is not.
    if gap.count("\n") > 1 or any(ch.isdigit() for ch in gap):
        return False
    # Nor is a label in another column of the date's row (营业期限至 │ 二〇〇四年三月十日:
    # the date is the authority's, beside a validity left blank).
    if COLUMN_MARK in gap.rsplit("\n", 1)[-1]:
        return False
    return len(_CJK.findall(gap)) <= MAX_LABEL_GAP


def _facts_of(text: str, group: tuple[DateToken, ...], label: tuple[str, str]) -> list[DateFact]:
    name, kind = label
    if len(group) == 2:
        end_kind = KIND_END if kind == KIND_END or group[1].indefinite else KIND_UNLABELLED
        return [
            _fact(text, group[0], KIND_START, name, "range_start"),
            _fact(text, group[1], end_kind, name, "range_end"),
        ]
    token = group[0]
    if token.indefinite:
        return [_fact(text, token, KIND_END, name)] if kind == KIND_END else []
    dangling = _dangling_end(text, token)
    if dangling is not None:
        end_kind = KIND_END if kind in (KIND_END, "") else KIND_UNLABELLED
        return [
            _fact(text, token, KIND_START, name, "range_start"),
            _unread(dangling, end_kind, name),
        ]
    if kind != KIND_ISSUE and (suffix := _end_suffix(text, token)):
        return [_fact(text, token, KIND_END, name or suffix)]
    return [_fact(text, token, kind or KIND_UNLABELLED, name)]


def _dangling_end(text: str, token: DateToken) -> re.Match[str] | None:
    """What follows a lone date's range dash or 至 when it is no readable date: the end
    OCR lost or garbled (``至2034年07``, ``至长其``, ``-`` at the line's end)."""
    gap = _DANGLING_GAP.match(text, token.end)
    if gap is None:
        return None
    return _DANGLING_REST.match(text, gap.end())


def _unread(rest: re.Match[str], kind: str, label: str) -> DateFact:
    printed = rest.group().strip()
    evidence = evidence_line(rest.string, rest.start(), max(rest.end(), rest.start() + 1))
    return DateFact(kind, None, False, label, evidence, rest.start(), printed, "range_end")


def _end_suffix(text: str, token: DateToken) -> str:
    after = text[token.end : token.end + 4].lstrip()
    for suffix in END_SUFFIXES:
        if after.startswith(suffix):
            return suffix
    before = text[max(0, token.start - 2) : token.start].rstrip()
    return "至…止" if before.endswith("至") and after.startswith("止") else ""


def _fact(text: str, token: DateToken, kind: str, label: str, role: str = "single") -> DateFact:
    return DateFact(
        kind=kind,
        value=token.value,
        indefinite=token.indefinite,
        label=label,
        evidence=evidence_line(text, token.start, token.end),
        offset=token.start,
        text=token.text,
        role=role,
    )


def _mark_closing_date(text: str, facts: list[DateFact]) -> list[DateFact]:
    """An unlabelled lone date among a letter's last lines is its issue date."""
    if not facts:
        return facts
    last = facts[-1]
    if last.kind != KIND_UNLABELLED or last.role != "single":
        return facts
    if not _is_closing_line(text, last):
        return facts
    closing = DateFact(
        KIND_ISSUE, last.value, False, CLOSING_LABEL, last.evidence, last.offset, last.text
    )
    return [*facts[:-1], closing]


def _is_closing_line(text: str, fact: DateFact) -> bool:
    """The date stands nearly alone, below a body, among the last lines."""
    line_start, line_end = line_bounds(text, fact.offset)
    rest = text[line_start:line_end].replace(fact.text, "", 1)
    if len(_CJK.findall(rest)) > MAX_LABEL_GAP or not text[:line_start].strip():
        return False
    lines_after = [line for line in text[line_end:].split("\n") if line.strip()]
    return len(lines_after) < CLOSING_LINES
