"""missing-item: a required material has no matching document.

Fires for every item the package must hold (``required: true``, or
``required: conditional`` whose fact is true) that no document or page range
matched. When a conditional item's fact is unknown, it fires as a warning that
names the condition, so the user can either add the material or state the
fact in ``.material-validator.yaml`` (``facts: {has_corporate_shareholders: false}``).

Options: none.

Passes: a package holding ``营业执照.pdf`` for ``company.business_license``.

Fails: a package without any 网络安全防护方案::

    missing-item  security.protection_plan  网络安全防护方案 缺失
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Item, Package, Severity
from validator.rules.options import Options

ID = "missing-item"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx  # nothing to configure: the manifest and the package decide
    for item in package.manifest.items:
        if package.assigned(item.id):
            continue
        expected = item.expected(package.known_facts)
        if expected:
            yield _finding(item, "missing-item.required")
        elif expected is None and item.condition is not None:
            yield Finding(
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
                severity=Severity.WARNING,
            )


def _finding(item: Item, message_id: str) -> Finding:
    return Finding(
        rule=ID,
        message_id=message_id,
        args=(("item_zh", item.title.zh), ("item_en", item.title.en)),
        item=item.id,
    )
