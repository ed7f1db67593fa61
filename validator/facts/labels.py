"""Field labels found as OCR really prints them: look-alike characters, ink glued before.

On real licence photos and copies the engines misread a label's characters
for look-alikes (代码 → 代葵, 日期 → 目期 or 卓期, 期限 → 其限) and read the
border's ink as a character glued to the label's front (昌名称). A label is
found here with any of its characters replaced by a look-alike listed in
:data:`LOOK_ALIKES` — each list measured on the real-document corpus
(``benchmarks/realdocs.py``) or named where it was seen, never one arbitrary
character, which would
turn 产品名称 or 日期 into labels they are not. The label found is reported
as the one printed (its canonical spelling), so callers compare it as usual.

Hand-written rather than a fuzzy-matching library's: labels are two to eight
characters long, where one edit is a quarter of the word and a similarity
score cannot tell 名称 from 名单; a closed list of look-alikes can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Characters of field labels and what Tesseract (chi_sim) and RapidOCR read them as.
LOOK_ALIKES: dict[str, str] = {
    "日": "目曰卓",  # 成立目期, 发照卓期
    "期": "其朝",  # 营业其限, 长其
    "码": "葵玛",  # 统一社会信用代葵
    "称": "秤",  # 名秤
}

# What may part two characters of a spaced label: spaces, or the mark of a column's gap
# (validator.extract.ocr.reading.COLUMN_MARK) where they stand very far apart.
_SPACING = r"(?:[ \t]*│)?[ \t]*"


@dataclass(frozen=True)
class LabelMatch:
    label: str  # the label as it should be printed
    start: int
    end: int


def find_labels(
    text: str, labels: Iterable[str], start: int = 0, end: int | None = None
) -> Iterator[LabelMatch]:
    """Every occurrence of one of ``labels`` in ``text[start:end]``, look-alikes allowed;
    at one place the longest label wins, as an exact search would have it."""
    ordered = tuple(sorted(set(labels), key=len, reverse=True))
    if not ordered:
        return
    pattern = _pattern(ordered)
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        index = int((match.lastgroup or "g0")[1:])
        yield LabelMatch(ordered[index], match.start(), match.end())


def last_label(text: str, labels: Iterable[str]) -> LabelMatch | None:
    """The label that ends last in ``text`` (the one nearest a value after it)."""
    best: LabelMatch | None = None
    for found in find_labels(text, labels):
        if best is None or (found.end, len(found.label)) > (best.end, len(best.label)):
            best = found
    return best


def tolerant(label: str) -> str:
    """A regular expression for ``label`` with each character or its look-alikes, its
    characters spaced out as a licence prints them (名　　称), even so far apart that
    the engine read a column's gap between them (名 │ 称)."""
    parts = []
    for char in label:
        alikes = LOOK_ALIKES.get(char, "")
        parts.append(f"[{re.escape(char)}{alikes}]" if alikes else re.escape(char))
    return _SPACING.join(parts)


@lru_cache(maxsize=64)
def _pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<g{i}>{tolerant(label)})" for i, label in enumerate(labels)))
