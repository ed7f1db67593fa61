"""Place names of China's administrative divisions, to settle a name OCR misread.

A company's registered name opens with the place it was registered in
(广州市白云区…), and its licence prints that place again in its address. OCR
misreads one character of it now and then (自云区 for 白云区); a reading
whose place is no division's, one character from a division that the page
prints elsewhere, is that division's misreading.

The divisions are those of the resident identity card's birth-place codes,
carried by python-stdnum (``stdnum/cn/loc.dat``, from the published
administrative division codes): provinces, prefectures and counties, with
the names they had at any time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# What a division's name ends with; a segment of a name ending so may be a place.
PLACE_ENDINGS = "省市区县旗"
# The longest division name checked, and how far into a name places are looked for.
MAX_PLACE_CHARS = 8
PLACE_PREFIX_CHARS = 12
# The shortest name checked: a two-character place (海区) is too short to settle by.
MIN_PLACE_CHARS = 3
_NAME_VALUE = re.compile(r'(?:province|county|prefecture)="([^"]*)"')
_PERIOD = re.compile(r"\[[0-9-]*\]")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every division's name (省, 市, 区, 县 …) the codes list, past ones too."""
    data = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    names = set()
    for value in _NAME_VALUE.findall(data):
        for name in _PERIOD.sub("", value).split(","):
            if MIN_PLACE_CHARS <= len(name.strip()) <= MAX_PLACE_CHARS:
                names.add(name.strip())
    return frozenset(names)


@lru_cache(maxsize=1)
def _by_pattern() -> dict[str, tuple[str, ...]]:
    """Each place name under each of its one-character-blanked forms (白云区 → ?云区)."""
    found: dict[str, set[str]] = {}
    for name in place_names():
        for index in range(len(name)):
            found.setdefault(name[:index] + "?" + name[index + 1 :], set()).add(name)
    return {key: tuple(sorted(names)) for key, names in found.items()}


def settle_places(name: str, page: str) -> str:
    """``name`` with a misread place at its front put right, when the page prints it.

    A segment ending in 省/市/区/县/旗 that is no place, one character from
    exactly one place printed elsewhere on ``page``, is read as that place;
    anything else is left as read.
    """
    known = place_names()
    patterns = _by_pattern()
    settled = name
    for end in range(min(len(name), PLACE_PREFIX_CHARS), 0, -1):
        if name[end - 1] not in PLACE_ENDINGS:
            continue
        for start in range(max(0, end - MAX_PLACE_CHARS), end - MIN_PLACE_CHARS + 1):
            segment = name[start:end]
            if segment in known:
                break
            printed = {
                place
                for index in range(len(segment) - 1)  # the ending itself was read right
                for place in patterns.get(segment[:index] + "?" + segment[index + 1 :], ())
                if place in page.replace(name, "")
            }
            if len(printed) == 1:
                settled = settled[:start] + printed.pop() + settled[end:]
                break
    return settled
