"""The 经营范围 (business scope) printed on a business licence.

Read from the 经营范围 label to the next line that opens another field
(登记机关, 住所 …), so a scope running over several lines or clauses is
read whole. The label inside a sentence (超出经营范围的) does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.facts.evidence import evidence_line
from validator.facts.numerals import fold_width
from validator.facts.parties import FIELD_LABELS

# The label of a licence's business scope.
SCOPE_LABEL = "经营范围"

# The scope label where it opens a field (not inside 超出经营范围的 …).
_LABEL = re.compile(rf"(?<![\u4e00-\u9fff]){SCOPE_LABEL}")
# A line opening with another field ends the scope.
_NEXT_FIELD = re.compile(
    r"\n[ \t]*(?:"
    + "|".join(re.escape(label) for label in FIELD_LABELS if label != SCOPE_LABEL)
    + ")"
)
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# What separates the label from the scope itself.
_LEADING = " \t:：\n"


def scopes(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset of the label, scope text, evidence) of each readable 经营范围 in ``text``."""
    folded = fold_width(text)
    for label in _LABEL.finditer(folded):
        following = _NEXT_FIELD.search(folded, label.end())
        end = following.start() if following else len(folded)
        scope = folded[label.end() : end]
        if _READABLE.search(scope):
            yield label.start(), scope, evidence_line(folded, label.start(), end)


def scope_text(scope: str) -> str:
    """The scope as one line: label separators and line breaks out."""
    return "".join(line.strip() for line in scope.strip(_LEADING).splitlines())
