"""Hand-made packages for the seal rule tests: pages with seal records, assigned to items."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from validator.manifest import load_manifest
from validator.model import Assignment, Context, Document, Fact, Package, PackageFacts, Page, Seal
from validator.seal_owners import attribute_seals

APPLICANT = "北京云栈科技有限公司"
AUTHORITY_RING = "北京市海淀区市场监督管理局"
ARCHIVE_RING = "北京市海淀区市场监督管理局 档案查询专用章"
IDC_RING = "上海数港云计算服务有限公司 合同专用章"
BANK_RING = "招商银行股份有限公司北京中关村支行 业务专用章"
CONTEXT = Context(as_of=__import__("datetime").date(2025, 6, 1))


def seal(ring_text: str = APPLICANT, confidence: float = 0.85, colour: str = "red") -> Seal:
    """A detected imprint whose ring was read as ``ring_text``."""
    return Seal(
        bbox=(100, 100, 430, 430),
        confidence=0.95,
        colour=colour,
        ring_text=ring_text,
        ring_confidence=confidence,
    )


def electronic(signer: str) -> Seal:
    return Seal(
        bbox=(0, 0, 0, 0), confidence=1.0, colour="electronic", shape="electronic", signer=signer
    )


def page(number: int, text: str = "", *seals: Seal) -> Page:
    return Page(number=number, text=text, source="text", seals=tuple(seals))


def document(path: str, *pages: Page, kind: str = "pdf") -> Document:
    return Document(
        path=path,
        sha256=hashlib.sha256(path.encode()).hexdigest(),
        kind=kind,
        pages=tuple(pages),
        paged=kind != "docx",
    )


@dataclass(frozen=True)
class Use:
    """A document (or its pages ``first..last``) assigned to an item."""

    item: str
    document: Document
    first: int | None = None
    last: int | None = None
    alternative: str | None = None


def package(*uses: Use, applicant: str | None = APPLICANT) -> Package:
    """The built-in icp manifest with exactly these assignments, seals attributed."""
    documents = {use.document.path: use.document for use in uses}
    facts = PackageFacts(applicant=Fact(applicant, "营业执照.pdf") if applicant else None)
    return attribute_seals(
        Package(
            root="pkg",
            manifest=load_manifest("icp"),
            documents=tuple(documents.values()),
            scores=(),
            assignments=tuple(
                Assignment(u.item, u.document.path, 1.0, u.first, u.last, u.alternative)
                for u in uses
            ),
            facts=facts,
        )
    )
