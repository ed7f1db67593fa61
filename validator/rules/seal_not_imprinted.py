"""seal-not-imprinted: the text asks for a seal, but no seal at all is imprinted.

An unsealed electronic draft still carries its signature block: （盖章）,
公章, 盖章处, 查询章. When the pages of an item that requires a seal kind
contain such a reference, the seal is missing from the item, and no imprint
at all was detected on those pages, the document was most likely exported
before it was stamped, and a reviewer rejects it like a missing seal. (Pages
that bear some seal, only not the required one, are missing-seal's.) The
words are the seal kind's ``text_evidence`` in the manifest, plus, for kinds
owned by a party (company, both_parties), the built-in 盖章 / 公章 / 签章 /
（章）.

Options: none.

Passes: ``业务发展报告.pdf`` ending in 申请单位（盖章） with the company's red
seal stamped over it.

Fails: the same report exported from Word without the stamp::

    seal-not-imprinted  business.development_report  业务发展报告.pdf p.6
    文中写有“盖章”，但这些页面上未检测到相应的印章印迹
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules.options import Options
from validator.rules.seal_requirements import MISSING, seal_checks

ID = "seal-not-imprinted"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # the manifest's seal kinds decide
    for seal_check in seal_checks(package):
        reference = seal_check.reference
        missing = seal_check.fills_with(MISSING)
        if reference is None or not missing or seal_check.imprinted:
            continue  # a page with some seal on it is no draft: missing-seal names the gap
        parties = "/".join(fill.slot.party or "/".join(fill.slot.words) for fill in missing)
        yield Finding(
            rule=ID,
            message_id="seal-not-imprinted.referenced",
            args=(("reference", reference.word), ("kind", seal_check.kind), ("party", parties)),
            item=seal_check.item,
            path=seal_check.document.path,
            page=reference.page if seal_check.document.paged else None,
            evidence=reference.snippet,
            region=seal_check.region(reference.page, "seal-missing"),  # the page asking for it
        )
