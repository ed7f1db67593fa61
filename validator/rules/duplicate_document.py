"""duplicate-document: two files have the same bytes.

Compared by SHA-256, so a copy under another name is found whatever it is
called. The original is the copy without a copy marker in its name or folder
(``(1)``, 副本, 备份, copy), then the one nearest the package root, then the
shortest name; the finding sits on every other copy and names the original.
Empty files are not compared (they are unreadable anyway).

Options: none.

Passes: every file differs.

Fails: ``营业执照.pdf`` and ``副本/营业执照(1).pdf`` with identical bytes::

    duplicate-document  副本/营业执照(1).pdf  与 营业执照.pdf 内容完全相同
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.model import Context, Document, Finding, Package, Severity
from validator.rules.options import Options

ID = "duplicate-document"
SEVERITY = Severity.INFO
OPTIONS: Options = {}

# What people and file managers add to a copy's name or folder.
COPY_MARKER = re.compile(
    r"[(（]\d+[)）]|副本|复件|备份|拷贝|(?<![a-z])(copy|backup|bak)(?![a-z])", re.IGNORECASE
)


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
    items = {a.path: a.item for a in package.assignments}
    first_seen: dict[str, str] = {}
    for document in sorted(package.documents, key=_originality):
        if document.size == 0 or not document.sha256:
            continue
        original = first_seen.setdefault(document.sha256, document.path)
        if original != document.path:
            yield Finding(
                rule=ID,
                message_id="duplicate-document.same-bytes",
                args=(("original", original),),
                item=items.get(document.path),
                path=document.path,
                key=document.sha256[:16],
            )


def _originality(document: Document) -> tuple[bool, int, int, str]:
    """No copy marker, fewer folders, a shorter name, path order: the likely original first."""
    marked = COPY_MARKER.search(document.path) is not None
    return (marked, document.path.count("/"), len(document.path), document.path)
