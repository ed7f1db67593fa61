"""Organisation names as OCR reads them: fuzzy comparison, and the distinctive middle.

Ring text comes from OCR of worn, curved lettering, and page text from OCR of
scans, so names are compared fuzzily (rapidfuzz's Indel ratio, best window of
the text). A name is more than its generic parts: 北京…科技有限公司 is shared
by thousands of companies, so what tells two apart is the distinctive middle
(云栈 in 北京云栈科技有限公司).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz.distance import Indel

from validator.folding import fold

# Generic parts of company names, stripped to find the distinctive middle.
NAME_SUFFIXES = re.compile(r"(股份有限公司|有限责任公司|有限公司|公司|集团)$")
NAME_TRADES = re.compile(
    r"(网络科技|信息技术|信息科技|数据科技|云计算|计算机|科技|技术|信息|网络|数据|软件|"
    r"互联网|电子商务|通信|服务|发展|实业|贸易)+$"
)
NAME_REGIONS = re.compile(
    r"^(中国|北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|"
    r"湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|"
    r"深圳|广州|杭州|南京|苏州|成都|武汉|西安|厦门|青岛|大连|宁波)?(省|市|自治区)?"
)
FUZZY_WORD = 0.75  # share of a word's characters OCR must get right for the word to count
SAME_NAME = 0.9  # a name on the pages this close to the applicant's is the applicant (one slip)
SAME_CORE = 0.75  # or one that holds this much of its distinctive middle (OCR'd page text)
# Names of organisations on a page: a run of CJK characters ending in a legal form or an
# institution word. The run may start with words before the name (仅供, 乙方); the fuzzy
# comparison looks for the best window, so they do no harm.
ORGANISATION = re.compile(
    r"[\u4e00-\u9fff]{2,30}?(?:有限责任公司|股份有限公司|有限公司|公司|事务所|研究院|中心|"
    r"银行|支行|分行|信用社|管理局|局)"
)


def clean(text: str) -> str:
    """NFKC, no spaces: how ring text and names are compared."""
    return fold(text, spaces="")


@lru_cache(maxsize=4096)
def similarity(word: str, text: str) -> float:
    """Best ratio (2 x common characters in order / both lengths) of ``word``
    against any window of ``text`` of about its length.

    Windows run from a fifth shorter to a fifth longer than the word (OCR drops
    and adds characters), never shorter than the word minus one: a single
    shared character must not pass for a short name.
    """
    word, text = clean(word), clean(text)
    if not word or not text:
        return 0.0
    if word in text:
        return 1.0
    best = 0.0
    slack = len(word) // 5
    for size in range(len(word) - slack, len(word) + max(1, slack) + 1):
        for start in range(max(1, len(text) - size + 1)):
            best = max(best, _ratio(word, text[start : start + size]))
    return best


def _ratio(word: str, window: str) -> float:
    """2M / (both lengths), M their longest common subsequence (difflib estimates it)."""
    total = len(word) + len(window)
    return (total - Indel.distance(word, window)) / total


def contains(word: str, text: str) -> bool:
    """Is ``word`` in ``text``, allowing OCR slips in words of three or more characters?"""
    if len(clean(word)) <= 2:
        return clean(word) in clean(text)
    return similarity(word, text) >= FUZZY_WORD


def distinctive(name: str) -> str:
    """The middle of a company name without region, trade and legal form (云栈)."""
    core = NAME_SUFFIXES.sub("", clean(name))
    core = NAME_TRADES.sub("", core)
    core = NAME_REGIONS.sub("", core, count=1)
    return core or clean(name)


def organisations(text: str) -> tuple[str, ...]:
    """Organisation names in page text (with any words that run into them), each once."""
    return tuple(dict.fromkeys(ORGANISATION.findall(clean(text))))


def names_applicant(organisation: str, applicant: str) -> bool:
    """Is a name on the pages the applicant's own, perhaps misread by OCR?"""
    return (
        similarity(applicant, organisation) >= SAME_NAME
        or similarity(distinctive(applicant), organisation) >= SAME_CORE
    )


def could_match(name: str, organisation: str, threshold: float) -> bool:
    """Enough characters in common for ``similarity`` to reach ``threshold``.

    A ratio 2M / (len(name) + len(window)) of r needs M matching
    characters; with windows a fifth shorter than ``name`` at most, M is at
    least 0.9 r len(name), and a window cut short by the end of the text
    needs as many. M cannot exceed the characters the two share; 0.8 keeps
    a margin (a property test checks no close match is skipped).
    """
    shared = sum((Counter(name) & Counter(organisation)).values())
    return shared >= threshold * len(name) * 0.8
