"""Who a document names: values under labels, company names, legal representatives.

``find_labelled`` reads the value printed after a label (名称, 甲方,
注册所有人 …) up to the end of its line, a clause break or the next field
label; a label alone on its line takes the next line (table layouts).
Comparison helpers decide whether two printings name the same company or
person, ignoring width, spaces and stray punctuation but never a character
of the name itself: 北京甲科技有限公司 and 北京乙科技有限公司 differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from validator.facts.evidence import evidence_line
from validator.facts.labels import LabelMatch, find_labels
from validator.facts.numerals import fold_width
from validator.folding import fold

# Labels of a legal representative's name.
LEGAL_REPRESENTATIVE_LABELS = ("法定代表人姓名", "法定代表人", "法人代表")
# Field labels of licences, contracts and forms: a value ends where the next begins.
FIELD_LABELS = (
    "统一社会信用代码", "企业名称", "名称", "类型", "住所", "地址", "法定代表人", "法人代表",
    "注册资本", "成立日期", "营业期限", "经营范围", "登记机关", "甲方", "乙方", "联系人",
    "联系电话", "电话", "传真", "邮编", "开户行", "开户银行", "账号", "日期", "注册所有人",
    "注册商", "域名", "身份证号", "公民身份号码",
)  # fmt: skip
# Endings of a company's legal name, longest first where one contains another.
COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司")
# What a branch adds after its parent's name (…有限公司北京分公司).
_BRANCH = re.compile(r"[\u4e00-\u9fff()]{0,12}?(?:分公司|分行|支行)")
# Words that follow a representative's label but are no name.
NOT_NAMES = ("身份", "证明", "授权", "委托", "本人", "签字", "签名", "签章", "盖章", "姓名", "应当")
# How the words a copy is overprinted with open (仅限官网APP展示使用, 只做网站认证使用,
# 此复印件仅用于…): OCR reads them into the field they cross.
WATERMARK_OPENINGS = (
    "仅限",
    "仅供",
    "仅用于",
    "仅作",
    "只做",
    "只限",
    "只供",
    "只用于",
    "此复印件",
)
_WATERMARK = re.compile("|".join(WATERMARK_OPENINGS))
# Shortest and longest plain Chinese personal names.
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,10}·[\u4e00-\u9fff]{1,10}")

# What may stand between a label and its value: a qualifier, a field word, separators.
_AFTER_LABEL = re.compile(
    r"[ \t]*(?:\([^)\n]{0,12}\))?[ \t]*(?:签字|签名|签章|名称|全称|姓名)?[ \t]*[:：]?[ \t]*"
)
# A line break, a clause break, or the mark OCR puts between two columns of a row.
_VALUE_BREAK = re.compile(r"[\n,，;；。│]")
# A label whose cell ends where it does (法定代表人姓名 │ 须知…): a licence prints the
# value on the line below, in the label's column.
_ALONE_IN_CELL = re.compile(r"[ \t]*│")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that are layout, not name: spaces, zero-width, quotes, stray marks.
_NOISE = re.compile(r"[\s\u200b\u200c\u200d\ufeff\"'“”‘’`]")
_EDGE_PUNCTUATION = ".,;:!?。，；：、!?*_-—"
# Fewest characters before a company's suffix: a trade name has two at least, so
# 型有限责任公司 (what OCR leaves of 类型 and its value) names no company.
MIN_TRADE_CHARS = 2
# Longest company name compared, in characters (registered names stay under 60).
MAX_NAME_CHARS = 200
# Middle dots in transliterated names, as various fonts and OCR print them.
_MIDDLE_DOTS = str.maketrans(dict.fromkeys("•・‧∙⋅.", "·"))
_COMPANY = re.compile("|".join(COMPANY_SUFFIXES))


@dataclass(frozen=True)
class LabelledValue:
    """The value printed under a label."""

    label: str
    value: str
    evidence: str
    offset: int  # where the value starts


def find_labelled(
    text: str, labels: Iterable[str], stop_labels: Iterable[str] = FIELD_LABELS
) -> list[LabelledValue]:
    """Every value printed after one of ``labels``, in text order."""
    folded = fold_width(text)
    stops = tuple(stop_labels)
    found = []
    for match in find_labels(folded, labels):  # look-alikes too: 名秤
        if _starts_field(folded, match.start):
            found.append(_value_after(folded, match, stops))
    return [value for value in found if value.value]


def find_company_names(text: str, labels: Iterable[str]) -> list[LabelledValue]:
    """Company names under ``labels``, each cut to its legal name (…有限公司)."""
    found = []
    for labelled in find_labelled(text, labels, stop_labels=()):
        name = company_name_in(labelled.value)
        if name:
            found.append(LabelledValue(labelled.label, name, labelled.evidence, labelled.offset))
    return found


def company_name_in(value: str) -> str:
    """The company name at the start of ``value`` (…有限公司, plus a branch), or ""."""
    suffix = _COMPANY.search(value)
    if suffix is None:
        return ""
    end = suffix.end()
    branch = _BRANCH.match(value, end)
    if branch is not None:
        end = branch.end()
    name = value[:end].strip()
    return name if len(_CJK.findall(name)) >= len(suffix.group()) + MIN_TRADE_CHARS else ""


def find_legal_representative(
    text: str, labels: Iterable[str] = LEGAL_REPRESENTATIVE_LABELS
) -> LabelledValue | None:
    """The first plausible name (2–4 Chinese characters, or a dotted name) under ``labels``."""
    for labelled in find_labelled(text, labels):
        name = _strip_signature_marks(_before_watermark(labelled.value)).translate(_MIDDLE_DOTS)
        if _NAME.fullmatch(name) and not name.startswith(NOT_NAMES):
            return LabelledValue(labelled.label, name, labelled.evidence, labelled.offset)
    return None


def company_key(name: str) -> str:
    """``name`` reduced to what identifies a company: width, spaces, brackets unified."""
    folded = _NOISE.sub("", fold(name)).replace("【", "(").replace("】", ")")
    return folded.strip(_EDGE_PUNCTUATION).casefold()


def same_company(first: str, second: str) -> bool:
    """Whether two printings name the same company."""
    return bool(company_key(first)) and company_key(first) == company_key(second)


def company_name_distance(first: str, second: str) -> int:
    """Characters to change to turn one company name into the other (after :func:`company_key`).

    A distance of 1 on a long name is often an OCR misreading; a rule may say so
    but must still report the difference.
    """
    # Bounded by the longest name a company has: a comparison never reads more.
    bounded = [company_key(name)[:MAX_NAME_CHARS] for name in (first, second)]
    return int(Levenshtein.distance(bounded[0], bounded[1]))


def same_person(first: str, second: str) -> bool:
    """Whether two printings name the same person (spaces, width, middle dots ignored)."""
    return bool(_person_key(first)) and _person_key(first) == _person_key(second)


def _person_key(name: str) -> str:
    folded = _NOISE.sub("", fold(name))
    return folded.translate(_MIDDLE_DOTS).strip(_EDGE_PUNCTUATION).casefold()


def _starts_field(text: str, offset: int) -> bool:
    """A label opens a field at a line start or after a break, never mid-word (产品名称);
    one character glued before it at a line's start is a border's ink OCR read (昌名称)."""
    before = text[offset - 1] if offset else "\n"
    if not _CJK.match(before):
        return True
    return offset == 1 or text[offset - 2] in "\n|"


def _value_after(text: str, label: LabelMatch, stops: tuple[str, ...]) -> LabelledValue:
    after = _AFTER_LABEL.match(text, label.end)
    start = after.end() if after else label.end
    if text.startswith("\n", start):  # label alone on its line: the value is below
        start += 1
    elif _ALONE_IN_CELL.match(text, start):  # label alone in its column: the value is below
        below = text.find("\n", start)
        start = below + 1 if below >= 0 else start
    end = _VALUE_BREAK.search(text, start)
    line_end = end.start() if end else len(text)
    next_field = next(find_labels(text, stops, start, line_end), None) if line_end > start else None
    value_end = next_field.start if next_field else line_end
    value = text[start:value_end].strip()
    return LabelledValue(label.label, value, evidence_line(text, start, value_end), start)


def _before_watermark(value: str) -> str:
    """``value`` up to an overlay's words that OCR read into it (李天锋仅限官网APP展示使用)."""
    found = _WATERMARK.search(value)
    return value[: found.start()] if found else value


def _strip_signature_marks(value: str) -> str:
    for mark in ("(签字)", "(签名)", "(签章)", "签字", "签名", "签章", "(盖章)"):
        value = value.removesuffix(mark)
    return value.strip()
