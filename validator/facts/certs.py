"""Security certifications named in text, matched against the manifest's catalogue.

Each :class:`~validator.model.Certification` lists how a certification is
written (acronyms, full names, aliases) and what its certificate numbers
look like. A mention brings along the certificate number and the dates
printed near it. Vague wording (相关认证, 等认证, 丰富经验 …) is found too, so
a rule can tell "names no certification" from "claims one without naming it".

Recommended catalogue entries (the manifest carries them, not this code)::

    - id: CISP
      names: [CISP, CISE, CISO, CISD, CISP-PTE, CISP-DSG, CISP-A, CISA-CNITSEC,
              注册信息安全专业人员, 注册信息安全工程师, 注册信息安全管理人员,
              注册渗透测试工程师]
      issuer: 中国信息安全测评中心 (CNITSEC)
      validity_years: 3
      number_patterns: ['CNITSEC\\d{4}CIS[A-Z]{1,3}\\d{4,6}', 'CNITSEC\\d{4}[A-Z-]{3,12}\\d{4,6}']
    - id: CISSP
      names: [CISSP, 注册信息系统安全专家, Certified Information Systems Security Professional]
      issuer: (ISC)²
      validity_years: 3
      number_patterns: []          # member numbers are bare digits: use 证书编号
    - id: CCSP
      names: [CCSP, 云安全认证专家, Certified Cloud Security Professional]
      issuer: (ISC)²
      validity_years: 3
    - id: CISA
      names: [CISA, 国际注册信息系统审计师, Certified Information Systems Auditor]
      issuer: ISACA
      validity_years: 3
    - id: CISM
      names: [CISM, 国际注册信息安全经理, Certified Information Security Manager]
      issuer: ISACA
      validity_years: 3
    - id: CISAW
      names: [CISAW, 信息安全保障人员认证, 信息安全保障人员]
      issuer: 中国网络安全审查认证和市场监管大数据中心 (原中国信息安全认证中心)
      validity_years: 3
      number_patterns: ['(?:ISCCC|CCRC)-?\\d{4}-?[A-Z0-9-]{4,20}']
    - id: NISP
      names: [NISP, 国家信息安全水平考试, 国家网络安全水平考试]
      issuer: 中国信息安全测评中心
      validity_years: null         # no expiry printed; confirm per level before relying on it
    - id: RUANKAO_SECURITY
      names: [软考信息安全工程师, 信息安全工程师(中级), 信息安全工程师资格,
              计算机技术与软件专业技术资格(水平)考试, 网络安全工程师]
      issuer: 人力资源和社会保障部 / 工业和信息化部
      validity_years: null         # qualification certificates do not expire

Names are matched literally (ASCII case-insensitively, allowing an OCR
space between letters, never inside a longer acronym: CISA does not match
CISAW); at each position the longest name wins, so 注册信息安全工程师 is CISP
and not the 软考 title 信息安全工程师.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from validator.facts.dates import (
    CLOSING_LABEL,
    DateFact,
    add_years,
    find_dates,
    issue_date,
    validity_end,
)
from validator.facts.evidence import evidence_line
from validator.facts.numerals import fold_width
from validator.folding import fold
from validator.model import Certification

# Wording that claims a qualification without naming one.
DEFAULT_VAGUE_PHRASES = (
    "相关认证", "等认证", "相关证书", "等证书", "相关资质", "具备相关资质", "相关资格",
    "丰富经验",
)  # fmt: skip
# Labels before a certificate number when the catalogue gives no pattern for it.
NUMBER_LABELS = ("证书编号", "证书号码", "证书号", "Certificate No", "Certification Number")
# How far after a mention its number and dates may be printed (a certificate page).
DETAIL_AFTER = 240
# How far before a mention they may be printed (a number heading the certificate).
DETAIL_BEFORE = 40
# Mentions of one certification this close together are one claim.
MERGE_GAP = 20

_NUMBER_AFTER_LABEL = re.compile(r"[.:：\s]*(?P<number>[A-Za-z0-9][A-Za-z0-9-]{3,39})")


@dataclass(frozen=True)
class CertificationFact:
    """A named certification, with the number and dates printed near it."""

    certification: str  # catalogue id
    name: str  # as printed
    number: str  # certificate number, "" when none is printed nearby
    dates: tuple[DateFact, ...]  # labelled dates printed nearby
    evidence: str
    offset: int

    @property
    def end(self) -> DateFact | None:
        return validity_end(self.dates)

    @property
    def issued(self) -> DateFact | None:
        return issue_date(self.dates)


@dataclass(frozen=True)
class VagueClaim:
    """Wording that claims a qualification without naming it."""

    phrase: str
    evidence: str
    offset: int


@dataclass(frozen=True)
class CertificationClaims:
    """What a text says about certifications: named ones and vague wording."""

    named: tuple[CertificationFact, ...]
    vague: tuple[VagueClaim, ...]

    @property
    def only_vague(self) -> bool:
        return not self.named and bool(self.vague)


@dataclass(frozen=True)
class CertificateValidity:
    """Until when a certificate holds, printed or estimated from the catalogue."""

    end: date | None  # None when indefinite
    indefinite: bool
    estimated: bool  # True when computed from the issue date and validity_years
    evidence: str


def find_certifications(
    text: str,
    catalogue: Sequence[Certification],
    end_labels: Iterable[str] = (),
    issue_labels: Iterable[str] = (),
) -> list[CertificationFact]:
    """Every certification the text names, in text order.

    Mentions of one certification close together (注册信息安全工程师（CISE）)
    make one fact. Its number and dates are looked for after the mention, up
    to the next certification named, and before the first mention (a number
    heading the page).
    """
    folded = fold_width(text)
    owners = {_squeeze(name).casefold(): cert for cert in catalogue for name in cert.names}
    if not owners:
        return []
    mentions = [
        (owners[_squeeze(m.group()).casefold()], m)
        for m in _name_pattern(owners).finditer(folded)
        if not _inside_code(folded, m)
    ]
    groups = _group_mentions(mentions)
    labels = (tuple(end_labels), tuple(issue_labels))
    facts = []
    for index, (cert, first, last) in enumerate(groups):
        low = max(0, first.start() - DETAIL_BEFORE) if index == 0 else first.start()
        high = min(len(folded), last.end() + DETAIL_AFTER)
        if index + 1 < len(groups):
            high = min(high, groups[index + 1][1].start())
        facts.append(_fact(folded, first, cert, (low, high), labels))
    return facts


def _inside_code(text: str, mention: re.Match[str]) -> bool:
    """An acronym between digits is part of a certificate number (2017 CISE 02995)."""
    before = text[max(0, mention.start() - 2) : mention.start()].rstrip(" ")
    after = text[mention.end() : mention.end() + 2].lstrip(" ")
    return before[-1:].isdigit() and after[:1].isdigit()


def _group_mentions(
    mentions: list[tuple[Certification, re.Match[str]]],
) -> list[tuple[Certification, re.Match[str], re.Match[str]]]:
    """(certification, first, last mention) of each run of nearby same mentions."""
    groups: list[tuple[Certification, re.Match[str], re.Match[str]]] = []
    for cert, mention in mentions:
        if groups and groups[-1][0] is cert and mention.start() - groups[-1][2].end() <= MERGE_GAP:
            groups[-1] = (cert, groups[-1][1], mention)
        else:
            groups.append((cert, mention, mention))
    return groups


def find_vague_claims(
    text: str, phrases: Iterable[str] = DEFAULT_VAGUE_PHRASES
) -> list[VagueClaim]:
    """Every vague qualification phrase in ``text``, longest phrase first at a place."""
    folded = fold_width(text)
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return []
    pattern = re.compile("|".join(re.escape(phrase) for phrase in ordered))
    return [
        VagueClaim(m.group(), evidence_line(folded, m.start(), m.end()), m.start())
        for m in pattern.finditer(folded)
    ]


def read_certification_claims(
    text: str,
    catalogue: Sequence[Certification],
    vague_phrases: Iterable[str] = DEFAULT_VAGUE_PHRASES,
    end_labels: Iterable[str] = (),
    issue_labels: Iterable[str] = (),
) -> CertificationClaims:
    """Named certifications and vague wording in one text."""
    named = find_certifications(text, catalogue, end_labels, issue_labels)
    return CertificationClaims(tuple(named), tuple(find_vague_claims(text, vague_phrases)))


def certificate_validity(
    fact: CertificationFact, certification: Certification
) -> CertificateValidity | None:
    """The printed end, else issue date + ``validity_years`` (estimated); None if neither."""
    end = fact.end
    if end is not None:
        return CertificateValidity(end.value, end.indefinite, False, end.evidence)
    issued = fact.issued
    if issued is None or issued.value is None or certification.validity_years is None:
        return None
    estimated = add_years(issued.value, certification.validity_years) - timedelta(days=1)
    return CertificateValidity(estimated, False, True, issued.evidence)


def _name_pattern(owners: dict[str, Certification]) -> re.Pattern[str]:
    names = sorted(owners, key=len, reverse=True)
    return re.compile("|".join(_name_regex(name) for name in names), re.IGNORECASE)


def _name_regex(name: str) -> str:
    # OCR spreads letters apart; a printed space inside a name may double.
    body = r"[ \t]{0,2}".join(re.escape(ch) for ch in name if not ch.isspace())
    head = r"(?<![A-Za-z0-9])" if name[0].isascii() and name[0].isalnum() else ""
    tail = r"(?![A-Za-z])" if name[-1].isascii() and name[-1].isalnum() else ""
    return head + body + tail


def _squeeze(printed: str) -> str:
    return fold(printed, "")


def _fact(
    text: str,
    mention: re.Match[str],
    cert: Certification,
    window: tuple[int, int],
    labels: tuple[tuple[str, ...], tuple[str, ...]],
) -> CertificationFact:
    low, high = window
    nearby = text[low:high]
    dates = _nearby_dates(text, window, labels)
    return CertificationFact(
        certification=cert.id,
        name=mention.group(),
        number=_certificate_number(nearby, cert),
        dates=dates,
        evidence=evidence_line(text, mention.start(), mention.end()),
        offset=mention.start(),
    )


def _certificate_number(nearby: str, cert: Certification) -> str:
    squeezed = _squeeze(nearby)
    for pattern in cert.number_patterns:
        found = re.search(pattern, nearby) or re.search(pattern, squeezed)
        if found:
            return found.group()
    for label in NUMBER_LABELS:
        at = nearby.find(label)
        value = _NUMBER_AFTER_LABEL.match(nearby, at + len(label)) if at >= 0 else None
        if value:
            return value.group("number")
    return ""


def _nearby_dates(
    text: str, window: tuple[int, int], labels: tuple[tuple[str, ...], tuple[str, ...]]
) -> tuple[DateFact, ...]:
    low, high = window
    facts = find_dates(text[low:high], end_labels=labels[0], issue_labels=labels[1])
    # A window cut short of the text has no real foot: its last date is no signing date.
    cut_short = high < len(text)
    return tuple(
        replace(fact, offset=fact.offset + low)
        for fact in facts
        if fact.kind in ("end", "issue") and not (cut_short and fact.label == CLOSING_LABEL)
    )
