"""seal-owner-unverified: a seal is imprinted, but its ring text is too poor to say whose.

Each seal's owner is decided once for the package from the text along its
ring (the applicant's name, a market-regulation authority, a bank, an
archive office; the manifest's ``seal_words``) and its centre text
(档案查询专用章). When a required seal kind is only satisfied by an imprint
whose ring text could not be read well enough (a faint, smudged or heavily
overprinted stamp, a low-resolution scan), the tool cannot confirm the seal
is the right one. A reviewer can: this is a warning, so the document is
given the benefit of the doubt instead of being reported as unsealed.

Options: none.

Passes: a 技术方案 whose last page bears a clear red seal reading
北京云栈科技有限公司.

Fails: the same page scanned at 100 dpi, the ring text unreadable::

    seal-owner-unverified  business.technical_plan  技术方案.pdf p.12
    检测到印章，但环形文字无法可靠识别（读作“北口云口”），无法确认是否为北京云栈科技有限公司的印章
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules.options import Options
from validator.rules.seal_requirements import UNVERIFIED, Fill, SealCheck, seal_checks

ID = "seal-owner-unverified"
SEVERITY = Severity.WARNING
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the manifest's seal kinds and the package facts decide
    applicant = package.facts.applicant.value if package.facts.applicant else "?"
    for seal_check in seal_checks(package):
        for fill in seal_check.fills_with(UNVERIFIED):
            yield _finding(seal_check, fill, applicant)


def message_for(fill: Fill) -> str:
    if fill.slot.party is None:
        return "seal-owner-unverified.owner-text"
    if fill.slot.party == "applicant":
        return "seal-owner-unverified.applicant"
    return "seal-owner-unverified.party"


def _finding(seal_check: SealCheck, fill: Fill, applicant: str) -> Finding:
    seal = fill.seal
    kind, paged = seal_check.kind, seal_check.document.paged
    assert seal is not None  # an unverified fill always holds the seal that filled it
    ring_text = seal.signer or seal.ring_text or "-"
    return Finding(
        rule=ID,
        message_id=message_for(fill),
        args=(
            ("applicant", applicant),
            ("kind", kind),
            ("party", fill.slot.party or ""),
            ("words", "/".join(fill.slot.words)),
            ("ring_text", ring_text),
        ),
        item=seal_check.item,
        path=seal_check.document.path,
        page=fill.page if paged else None,
        key=f"{kind}: {ring_text}",  # what the ring was read as (the message shows it)
        region=seal_check.region(fill.page, "seal", seal),  # the seal that was found
    )
