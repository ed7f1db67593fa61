"""missing-item: a required material has no matching document.

Fires for every item the package must hold (``required: true``, or
``required: conditional`` whose fact is true) that no document or page range
matched, as an error.

A conditional item (``验资报告（如适用）``, ``股东结构说明（如适用）``) is needed only
when its condition holds. Who decides it:

* the config: ``facts: {requires_capital_verification: true}`` makes it
  required (missing is an error), ``false`` makes it not applicable;
* a document, when the config says nothing: a business licence that prints
  paid-in capital (``实收资本 100万元``, ``实缴资本``) decides
  ``requires_capital_verification`` as true, and the finding quotes it;
* nobody: the finding is **info**, asking the user to confirm whether the
  item applies and to set the fact; the checklist shows the item as
  视情况, not as a red 缺失 (the JSON status stays ``missing``). An undecided
  condition is a question, not a defect: it never fails a run at
  ``--fail-on warning``.

Options: none.

Passes: a package holding ``营业执照.pdf`` for ``company.business_license``.

Fails: a package without any 网络安全防护方案::

    missing-item  security.protection_plan  网络安全防护方案 缺失

An empty folder, or one where no file is recognised as any material, gives
one error ("no application materials found in …") instead of one per item:
the folder is probably the wrong one.

Info: no 验资报告 and no ``facts.requires_capital_verification`` in the config::

    missing-item  funding.capital_verification  请确认“验资报告（如适用）”是否适用 …
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Item, Package, Severity
from validator.rules.options import Options

ID = "missing-item"
SEVERITY = Severity.ERROR
# The message of a conditional item whose condition no fact decides (the checklist's 视情况).
UNDECIDED_MESSAGE = "missing-item.conditional"
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # nothing to configure: the manifest and the package decide
    if not package.assignments:
        yield _no_materials(package)
        return
    for item in package.manifest.items:
        if package.assigned(item.id):
            continue
        expected = item.expected(package.known_facts)
        condition = item.condition
        read = package.read_facts.get(condition.fact) if condition else None
        if expected and condition is not None and read is not None:
            # Required because a document says so: the finding quotes the reading.
            source = (("source", read.path), ("reading", read.evidence), ("fact", condition.fact))
            yield _finding(
                item, "missing-item.required-by-document", *source, evidence=read.evidence
            )
        elif expected:
            yield _finding(item, "missing-item.required")
        elif expected is None and condition is not None:
            texts = (("condition_zh", condition.text.zh), ("condition_en", condition.text.en))
            yield _finding(
                item, UNDECIDED_MESSAGE, ("fact", condition.fact), *texts, severity=Severity.INFO
            )


def _no_materials(package: Package) -> Finding:
    """One error for a folder without a single recognised material, not one per item."""
    return Finding(
        rule=ID,
        message_id="missing-item.no-materials",
        args=(("root", package.root), ("files", str(len(package.documents)))),
    )


def _finding(
    item: Item,
    message_id: str,
    *args: tuple[str, str],
    severity: Severity | None = None,
    evidence: str = "",
) -> Finding:
    """The finding of a missing ``item``: its title in both languages, then ``args``."""
    return Finding(
        rule=ID,
        message_id=message_id,
        args=(("item_zh", item.title.zh), ("item_en", item.title.en), *args),
        item=item.id,
        severity=severity,
        evidence=evidence,
    )
