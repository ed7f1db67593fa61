"""Which stretches of a text speak of the applicant, and which of another party.

Not a rule. A hosting contract names the applicant under 甲方 and the
provider under 乙方, each with a USCC and a legal representative; a domain
certificate names the registrant and the registrar. A value belongs to the
party whose label opens the stretch it is printed in. A text that names no
other party (a business licence) speaks only of the applicant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from validator.facts.numerals import fold_width

# Labels that open another party's details: the provider, the registrar, the bank.
# Where a manifest names the applicant under one of them, the manifest wins.
OTHER_PARTY_LABELS = (
    "乙方", "丙方", "注册商", "注册服务机构", "域名注册服务机构", "服务提供方", "服务商",
    "出租方", "受托方", "开户银行", "开户行",
)  # fmt: skip

Span = tuple[int, int]
_CJK = "\u4e00-\u9fff"


def party_spans(text: str, applicant_labels: Iterable[str]) -> tuple[list[Span], list[Span]]:
    """(applicant stretches, other parties' stretches) of ``text``, as offset ranges.

    Text before the first party label (a title) belongs to neither, unless
    the text names no other party at all.
    """
    own = tuple(applicant_labels)
    others = tuple(label for label in OTHER_PARTY_LABELS if label not in own)
    markers = sorted(_markers(text, own, True) + _markers(text, others, False))
    if not any(not mine for _, mine in markers):
        return [(0, len(text))], []
    applicant: list[Span] = []
    other: list[Span] = []
    for index, (start, mine) in enumerate(markers):
        end = markers[index + 1][0] if index + 1 < len(markers) else len(text)
        (applicant if mine else other).append((start, end))
    return applicant, other


def inside(offset: int, spans: Iterable[Span]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _markers(text: str, labels: tuple[str, ...], mine: bool) -> list[tuple[int, bool]]:
    if not labels:
        return []
    ordered = sorted(labels, key=len, reverse=True)
    # A label opens a field at a line start or after punctuation, never inside a word.
    pattern = f"(?<![{_CJK}])(?:" + "|".join(re.escape(label) for label in ordered) + ")"
    return [(match.start(), mine) for match in re.finditer(pattern, fold_width(text))]
