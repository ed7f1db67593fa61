"""Whose seal is each imprint, and which kind: decided once per package.

This stage runs after matching, when the applicant's name is known (the
business licence's 名称, :mod:`validator.applicant`). It gives every seal
of the package one :class:`~validator.model.SealAttribution`, which the seal
rules and the reports read; no rule decides an owner of its own.

**Owner**, from the name along the ring (an electronic seal's signer):

- ``authority``: a registration or market-regulation authority (its seal is
  printed on every business licence and on archive printouts);
- ``archive``: an archive office (档案馆) that sealed a printout;
- ``bank``: a bank or credit union;
- ``applicant``: the applicant itself;
- ``counterparty``: another organisation, readable and clearly not the applicant;
- ``unknown``: the ring text is too poor to say.

The words naming authorities, archive offices and banks are the manifest's
``seal_words``, so a provincial pack can add its own. Names are compared
fuzzily (:mod:`validator.names`), and the applicant must also match on the
distinctive middle of its name (云栈 in 北京云栈科技有限公司); otherwise
another Beijing tech company's seal would pass.

The pages help with the others: whoever seals a document is almost always
named in it (乙方 of an agreement, the issuer of a certificate, the auditor
of a report). A reading that closely resembles an organisation named on the
seal's material (its item's pages), other than the applicant, and resembles
it more than the applicant's name, is that organisation's seal: the reading
need not be sure enough to call it someone else's on its own, and a company
named much like the applicant (北京云港… beside 北京云栈…) does not pass for it.

**Kind**, from the centre text (``centre_text``; else the lines inside the
ring, which ring reading keeps after the name and a space), the words along
the bottom of the ring (``lower_text``) and the shape:
the manifest's ``seal_words.centre`` words make a 合同专用章 ``contract``,
财务专用章 ``finance``, 发票专用章 ``invoice``, 档案查询专用章 ``archive``,
any other 专用章 ``other``; a square seal bearing a person's name (张三印,
李四之印) is a ``personal`` name seal; any other seal of a known owner is
its ``official`` 公章; a seal read too doubtfully to say, or naming nobody
(审核用), is ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from validator.model import (
    Document,
    ImprintKind,
    Package,
    Seal,
    SealAttribution,
    SealOwner,
    SealWords,
)
from validator.names import (
    FUZZY_WORD,
    clean,
    contains,
    could_match,
    distinctive,
    names_applicant,
    organisations,
    similarity,
)

ORGANISATION_WORDS = ("公司", "有限", "中心", "集团", "研究院", "事务所", "合作社", "协会")
APPLICANT_NAME = 0.6  # whole-name similarity for the applicant's seal
APPLICANT_CORE = 0.5  # and similarity of the distinctive middle (one of two characters)
FOREIGN_CORE = 0.34  # below this the distinctive middle is absent: another organisation
FOREIGN_NAME = 0.5  # a less sure reading must also differ this much as a whole name
SURE_CONFIDENCE = 0.8  # OCR confidence at which the reading's distinctive part is trusted
MIN_READABLE_CONFIDENCE = 0.45  # OCR confidence under which an unmatched text proves nothing
MIN_READABLE_LENGTH = 4  # characters of ring text needed to call a seal someone else's
NAMED_READING = 0.75  # a reading this close to a name on the pages is that party's seal
CLOSER_MARGIN = 0.1  # how much closer to another party's name than to the applicant's
# Longest seal text compared: a ring holds some 40 characters, an X.509 common
# name at most 64; anything longer is not a name, and would cost seconds.
MAX_SEAL_TEXT = 200
# Kinds a centre text can make, the particular before the general: 财务专用章
# also reads 专用章, which alone says only "some 专用章" (other).
CENTRE_KINDS: tuple[ImprintKind, ...] = ("contract", "finance", "invoice", "archive", "other")
# A person's name seal: a Chinese name (two to four characters, compound
# surnames included) followed by 印, 之印 or 私印. Without the ending, a short
# square stamp is as likely a clerk's 审核用 or 此件与原件相符 as a name.
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:之印|私印|印章|印)$")


def attribute_seals(package: Package) -> Package:
    """The package with every seal's owner and kind decided (``seal_owners``)."""
    return replace(package, seal_owners=tuple(_attributions(package)))


def _attributions(package: Package) -> Iterator[SealAttribution]:
    applicant = package.facts.applicant.value if package.facts.applicant else None
    words = package.manifest.seal_words
    # Seal kinds told by words on the seal (archive_query: 档案查询), checked once here.
    kinds = package.manifest.seal_kinds
    worded = {kind_id: kind.owner_text for kind_id, kind in kinds.items() if kind.owner_text}
    for document in package.documents:
        for page in document.pages:
            if not page.seals:
                continue
            named = organisations(_material_text(package, document, page.number))
            for index, seal in enumerate(page.seals):
                owner = owner_of(seal, applicant, named, words)
                yield SealAttribution(
                    path=document.path,
                    page=page.number,
                    index=index,
                    owner=owner,
                    kind=imprint_kind(seal, words, owner),
                    carries=tuple(k for k, text in worded.items() if mentions(seal, text)),
                )


def _material_text(package: Package, document: Document, number: int) -> str:
    """The text of the material a page belongs to: the page ranges of its item that hold
    the page, or the whole document when no item was matched to it."""
    ranges = [
        (a.first, a.last)
        for a in package.assignments
        if a.path == document.path
        and any(p.number == number for p in document.pages_of(a.first, a.last))
    ]
    if not ranges:
        return document.text
    return " ".join(document.text_of(first, last) for first, last in dict.fromkeys(ranges))


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


def centre_of(seal: Seal) -> str:
    """What the seal says besides its name: the centre text (while ring reading keeps
    it in the ring text, the part after the name's first space: 北京云栈科技有限公司
    合同专用章 -> 合同专用章), then the words along its bottom (an oval seal may say its
    kind there instead)."""
    if seal.centre_text:
        centre = clean(seal.centre_text[:MAX_SEAL_TEXT])
    else:
        parts = seal_text(seal).split(" ", maxsplit=1)
        centre = clean(parts[1]) if len(parts) == 2 else ""
    return " ".join(part for part in (centre, clean(seal.lower_text[:MAX_SEAL_TEXT])) if part)


def ring_name(text: str) -> str:
    """The name along the ring: the reading before the inner lines (合同专用章 …)."""
    return clean(text.split(" ", maxsplit=1)[0]) if text else ""


def is_applicant(text: str, applicant: str) -> bool:
    core = distinctive(applicant)
    return (
        similarity(applicant, text) >= APPLICANT_NAME and similarity(core, text) >= APPLICANT_CORE
    )


def readable(seal: Seal, text: str) -> bool:
    """Enough confidently read characters to say the seal is someone else's."""
    return _confident(seal) and len(clean(text)) >= MIN_READABLE_LENGTH


def _confident(seal: Seal) -> bool:
    return seal.colour == "electronic" or seal.ring_confidence >= MIN_READABLE_CONFIDENCE


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
        could_match(name, organisation, NAMED_READING)  # cheap: most names share too little
        and similarity(name, organisation) >= enough
        and not names_applicant(organisation, applicant)
        for organisation in named
    )


def owner_of(
    seal: Seal, applicant: str | None, named: tuple[str, ...], words: SealWords
) -> SealOwner:
    """The seal's owner, given the applicant's name (None when unknown).

    ``named`` are the organisations named on the seal's material (see
    :func:`validator.names.organisations`): a reading that matches one of
    them, other than the applicant, better than it matches the applicant is
    a counterparty's seal, however unsure the reading and however alike the
    two names. ``words`` are the manifest's words for authorities and banks.
    """
    text = seal_text(seal)
    institution = _institution(text, words)
    if institution is not None:
        return institution
    if applicant is None:
        return _without_applicant(seal, text, words)
    another = closer_to_another(text, applicant, named)
    if not another and is_applicant(text, applicant):
        return "applicant"
    if _names_any(words.bank, text):
        return "bank"
    if another or (readable(seal, text) and _foreign(seal, text, applicant)):
        return "counterparty"
    return "unknown"


def _institution(text: str, words: SealWords) -> SealOwner | None:
    """An authority's or an archive office's seal, whoever the applicant is."""
    if _names_any(words.authority, text):
        return "authority"
    if _names_any(words.archive, ring_name(text)):
        return "archive"
    return None


def _names_any(words: tuple[str, ...], text: str) -> bool:
    return any(contains(word, text) for word in words)


def _without_applicant(seal: Seal, text: str, words: SealWords) -> SealOwner:
    """Nothing to compare with: a bank's seal is a bank's, any other readable one counts."""
    if _names_any(words.bank, text):
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


def imprint_kind(seal: Seal, words: SealWords, owner: SealOwner) -> ImprintKind:
    """What kind of seal it is, from its centre text and shape (see the module's docstring).

    A doubtful reading (ring confidence under ``MIN_READABLE_CONFIDENCE``)
    says nothing: its kind is ``unknown``, so that no requirement is refused
    on a misreading. A seal with no kind's words is an organisation's 公章
    only when its ``owner`` is known; a stamp that names nobody (审核用,
    此件与原件相符) is of no kind the tool knows.
    """
    if not _confident(seal):
        return "unknown"
    centre = centre_of(seal)
    best: ImprintKind | None = None
    best_score = 0.0
    for kind in CENTRE_KINDS:  # the best-read kind; on a tie, the more particular one
        score = max((_word_score(word, centre) for word in words.centre.get(kind, ())), default=0.0)
        if score >= FUZZY_WORD and score > best_score:
            best, best_score = kind, score
    if best is not None:
        return best
    if seal.shape == "square" and _person_name(ring_name(seal_text(seal))):
        return "personal"
    return "unknown" if owner == "unknown" else "official"


def _word_score(word: str, text: str) -> float:
    """How well ``text`` holds ``word``: 1 for a word it holds, else the fuzzy ratio
    (words of two characters must be there exactly, as in :func:`contains`)."""
    if len(clean(word)) <= 2:
        return 1.0 if clean(word) in text else 0.0
    return similarity(word, text)


def _person_name(name: str) -> bool:
    """A person's name (张三, 李四之印), not an organisation's."""
    return bool(PERSON_NAME.match(name)) and not any(w in name for w in ORGANISATION_WORDS)


def mentions(seal: Seal, words: tuple[str, ...]) -> bool:
    """Does anything printed on the seal carry any of ``words`` (档案查询, 银行 …)?"""
    text = seal_text(seal)
    return any(contains(word, text) for word in words)
