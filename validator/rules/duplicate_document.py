"""duplicate-document: two files have the same bytes.

Compared by SHA-256, so a copy under another name is found whatever it is
called. The copy nearest the package root with the shortest name counts as
the original; the finding sits on every other copy and names the original.
Empty files are not compared (they are unreadable anyway).

Options: none.

Passes: every file differs.

Fails: ``营业执照.pdf`` and ``副本/营业执照(1).pdf`` with identical bytes::

    duplicate-document  副本/营业执照(1).pdf  与 营业执照.pdf 内容完全相同
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Document, Finding, Package, Severity

ID = "duplicate-document"
SEVERITY = Severity.INFO
OPTIONS: dict[str, object] = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
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
                path=document.path,
                evidence=document.sha256[:16],
            )


def _originality(document: Document) -> tuple[int, int, str]:
    """Fewer folders, then a shorter name, then path order: the likely original first."""
    return (document.path.count("/"), len(document.path), document.path)
