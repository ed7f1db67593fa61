"""Whose seal is it? Owner of a seal imprint from its ring text and what the pages say.

Extraction reads the ring text; this module, which knows the applicant's
name and the text of the pages the seal is on, sorts each seal into one of:

- ``authority``: a registration or market-regulation authority (its seal is
  printed on every business licence and on archive printouts);
- ``bank``: a bank or credit union;
- ``applicant``: the applicant itself;
- ``counterparty``: another organisation, readable and clearly not the applicant;
- ``unknown``: the ring text is too poor to say.

Ring text comes from OCR of worn, curved lettering, so names are compared
fuzzily (rapidfuzz's Indel ratio, best window of the ring text). A name is more than its
generic parts: 北京…科技有限公司 is shared by thousands of companies, so the
applicant must also match on the distinctive middle of its name (云栈 in
北京云栈科技有限公司); otherwise another Beijing tech company's seal would pass.

The pages help with the others: whoever seals a document is almost always
named in it (乙方 of an agreement, the issuer of a certificate, the auditor
of a report). A reading that closely resembles an organisation named on the
pages, other than the applicant, and resembles it more than the applicant's
name, is that organisation's seal: the reading need not be sure enough to
call it someone else's on its own, and a company named much like the
applicant (北京云港… beside 北京云栈…) does not pass for it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz.distance import Indel

from validator.folding import fold
from validator.model import Seal

AUTHORITY_WORDS = (
    "市场监督管理局",
    "工商行政管理局",
    "市场监督管理",
    "工商行政管理",
    "行政审批局",
    "市场监管局",
    "通信管理局",
)
BANK_WORDS = ("银行", "信用社", "信用合作联社")
ORGANISATION_WORDS = ("公司", "有限", "中心", "集团", "研究院", "事务所", "合作社", "协会")
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
APPLICANT_NAME = 0.6  # whole-name similarity for the applicant's seal
APPLICANT_CORE = 0.5  # and similarity of the distinctive middle (one of two characters)
FOREIGN_CORE = 0.34  # below this the distinctive middle is absent: another organisation
FOREIGN_NAME = 0.5  # a less sure reading must also differ this much as a whole name
SURE_CONFIDENCE = 0.8  # OCR confidence at which the reading's distinctive part is trusted
MIN_READABLE_CONFIDENCE = 0.45  # OCR confidence under which an unmatched text proves nothing
MIN_READABLE_LENGTH = 4  # characters of ring text needed to call a seal someone else's
NAMED_READING = 0.75  # a reading this close to a name on the pages is that party's seal
SAME_NAME = 0.9  # a name on the pages this close to the applicant's is the applicant (one slip)
SAME_CORE = 0.75  # or one that holds this much of its distinctive middle (OCR'd page text)
CLOSER_MARGIN = 0.1  # how much closer to another party's name than to the applicant's
# Longest seal text compared: a ring holds some 40 characters, an X.509 common
# name at most 64; anything longer is not a name, and would cost seconds.
MAX_SEAL_TEXT = 200
# Names of organisations on a page: a run of CJK characters ending in a legal form or an
# institution word. The run may start with words before the name (仅供, 乙方); the fuzzy
# comparison looks for the best window, so they do no harm.
ORGANISATION = re.compile(
    r"[\u4e00-\u9fff]{2,30}?(?:有限责任公司|股份有限公司|有限公司|公司|事务所|研究院|中心|"
    r"银行|支行|分行|信用社|管理局|局)"
)

OWNERS = ("applicant", "authority", "bank", "counterparty", "unknown")


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


def seal_text(seal: Seal) -> str:
    """What identifies the seal: the signer of an electronic seal, else its texts.

    At most ``MAX_SEAL_TEXT`` characters: the comparisons are linear in the
    text's length, and a signer's name is whatever the file's author wrote.
    """
    if seal.colour == "electronic" and seal.signer:
        text = seal.signer
    else:  # the name, then what the middle says (合同专用章): ``ring_name`` takes the name
        text = " ".join(part for part in (seal.ring_text, seal.centre_text) if part)
    return text[:MAX_SEAL_TEXT]


def is_applicant(text: str, applicant: str) -> bool:
    core = distinctive(applicant)
    return (
        similarity(applicant, text) >= APPLICANT_NAME and similarity(core, text) >= APPLICANT_CORE
    )


def readable(seal: Seal, text: str) -> bool:
    """Enough confidently read characters to say the seal is someone else's."""
    confident = seal.colour == "electronic" or seal.ring_confidence >= MIN_READABLE_CONFIDENCE
    return confident and len(clean(text)) >= MIN_READABLE_LENGTH


def organisations(text: str) -> tuple[str, ...]:
    """Organisation names in page text (with any words that run into them), each once."""
    return tuple(dict.fromkeys(ORGANISATION.findall(clean(text))))


def ring_name(text: str) -> str:
    """The name along the ring: the reading before the inner lines (合同专用章 …)."""
    return clean(text.split(" ", maxsplit=1)[0]) if text else ""


def closer_to_another(text: str, applicant: str, named: tuple[str, ...]) -> bool:
    """Is the ring text a name on the pages, clearly closer to it than to the applicant's?

    Names on the pages that are the applicant's own (OCR'd page text misreads
    them too) do not count: only other parties can claim a seal here.
    """
    name = ring_name(text)
    if len(name) < MIN_READABLE_LENGTH:
        return False
    enough = max(NAMED_READING, similarity(applicant, name) + CLOSER_MARGIN)
    return any(
        _could_match(name, organisation)  # cheap: most names on a page share too little
        and similarity(name, organisation) >= enough
        and not names_applicant(organisation, applicant)
        for organisation in named
    )


def names_applicant(organisation: str, applicant: str) -> bool:
    """Is a name on the pages the applicant's own, perhaps misread by OCR?"""
    return (
        similarity(applicant, organisation) >= SAME_NAME
        or similarity(distinctive(applicant), organisation) >= SAME_CORE
    )


def _could_match(name: str, organisation: str) -> bool:
    """Enough characters in common for ``similarity`` to reach ``NAMED_READING``.

    A ratio 2M / (len(name) + len(window)) of r needs M matching
    characters; with windows a fifth shorter than ``name`` at most, M is at
    least 0.9 r len(name), and a window cut short by the end of the text
    needs as many. M cannot exceed the characters the two share; 0.8 keeps
    a margin (a property test checks no close match is skipped).
    """
    shared = sum((Counter(name) & Counter(organisation)).values())
    return shared >= NAMED_READING * len(name) * 0.8


def owner_of(seal: Seal, applicant: str | None, named: tuple[str, ...] = ()) -> str:
    """One of ``OWNERS`` for the seal, given the applicant's name (None when unknown).

    ``named`` are the organisations named on the seal's pages (see
    :func:`organisations`): a reading that matches one of them, other than
    the applicant, better than it matches the applicant is a counterparty's
    seal, however unsure the reading and however alike the two names.
    """
    text = seal_text(seal)
    if any(contains(word, text) for word in AUTHORITY_WORDS):
        return "authority"
    if applicant is None:
        return _without_applicant(seal, text)
    another = closer_to_another(text, applicant, named)
    if not another and is_applicant(text, applicant):
        return "applicant"
    if any(contains(word, text) for word in BANK_WORDS):
        return "bank"
    if another or (readable(seal, text) and _foreign(seal, text, applicant)):
        return "counterparty"
    return "unknown"


def _without_applicant(seal: Seal, text: str) -> str:
    """Nothing to compare with: a bank's seal is a bank's, any other readable one counts."""
    if any(contains(word, text) for word in BANK_WORDS):
        return "bank"
    return "applicant" if readable(seal, text) else "unknown"


def _foreign(seal: Seal, text: str, applicant: str) -> bool:
    """A readable organisation name that is not the applicant's.

    A sure reading only needs to lack the applicant's distinctive middle. A
    less sure one must also lack most of it and differ as a whole name: a
    misread applicant seal (北京云栈 read as 比京支线) keeps the generic part.
    """
    if not any(word in clean(text) for word in ORGANISATION_WORDS):
        return False
    core = similarity(distinctive(applicant), text)
    if seal.colour == "electronic" or seal.ring_confidence >= SURE_CONFIDENCE:
        return core < 1.0
    return core < FOREIGN_CORE and similarity(applicant, text) < FOREIGN_NAME


def mentions(seal: Seal, words: tuple[str, ...]) -> bool:
    """Does the seal's text carry any of ``words`` (档案查询, 银行 …)?"""
    text = seal_text(seal)
    return any(contains(word, text) for word in words)
