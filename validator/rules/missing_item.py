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

from validator.model import Context, Fact, Finding, Item, Package, Severity
from validator.rules.options import Options

ID = "missing-item"
SEVERITY = Severity.ERROR
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
        read = package.read_facts.get(item.condition.fact) if item.condition else None
        if expected and read is not None:
            yield _decided_by_document(item, read)
        elif expected:
            yield _finding(item, "missing-item.required")
        elif expected is None and item.condition is not None:
            yield _undecided(item)


def _no_materials(package: Package) -> Finding:
    """One error for a folder without a single recognised material, not one per item."""
    return Finding(
        rule=ID,
        message_id="missing-item.no-materials",
        args=(("root", package.root), ("files", str(len(package.documents)))),
    )


def _finding(item: Item, message_id: str) -> Finding:
    return Finding(
        rule=ID,
        message_id=message_id,
        args=(("item_zh", item.title.zh), ("item_en", item.title.en)),
        item=item.id,
    )


def _decided_by_document(item: Item, fact: Fact) -> Finding:
    """Required because a document says so: the finding quotes the reading."""
    return Finding(
        rule=ID,
        message_id="missing-item.required-by-document",
        args=(
            ("item_zh", item.title.zh),
            ("item_en", item.title.en),
            ("source", fact.path),
            ("reading", fact.evidence),
            ("fact", item.condition.fact if item.condition else ""),
        ),
        item=item.id,
        evidence=fact.evidence,
    )


def _undecided(item: Item) -> Finding:
    assert item.condition is not None  # only conditional items are undecided
    return Finding(
        rule=ID,
        message_id="missing-item.conditional",
        args=(
            ("item_zh", item.title.zh),
            ("item_en", item.title.en),
            ("fact", item.condition.fact),
            ("condition_zh", item.condition.text.zh),
            ("condition_en", item.condition.text.en),
        ),
        item=item.id,
        severity=Severity.INFO,
    )
