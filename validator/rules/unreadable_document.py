"""unreadable-document: a file cannot be read.

Fires when a file is corrupt, encrypted with a user password, of an
unsupported type, empty (0 bytes), could not be opened (permissions, a link
out of the folder), timed out, or when no page of it yielded any text. One
blank page in an otherwise readable file is not this finding, nor is a
picture of a seal alone (a stamp photographed filling the frame, whose ring
OCR may not read as page text): the seal rules judge it. Files that hit a
configured limit get ``limit-exceeded`` instead.

Options: none.

Passes: ``营业执照.pdf`` with a text layer or a readable scan.

Fails: ``章程.pdf`` truncated in transfer::

    unreadable-document  章程.pdf  文件损坏，无法读取
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Document, Finding, Package, Severity
from validator.rules.options import Options

ID = "unreadable-document"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
    items = {a.path: a.item for a in package.assignments}
    for document in package.documents:
        reason = _reason(document)
        if reason is None:
            continue
        detail = document.error.detail if document.error else ""
        yield Finding(
            rule=ID,
            message_id=f"unreadable-document.{reason}",
            args=(("detail", detail),),
            item=items.get(document.path),
            path=document.path,
            key=detail,  # the reader's own words: kept in the JSON arguments
        )


def _reason(document: Document) -> str | None:
    """Why the document is unreadable, as a message suffix; None when it is readable."""
    if document.error is not None:
        return None if document.error.code == "limit" else document.error.code
    if not any(page.text.strip() or page.seals for page in document.pages):
        return "no-text"
    return None
