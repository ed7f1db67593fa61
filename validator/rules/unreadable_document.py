"""unreadable-document: a file cannot be read.

Fires when a file is corrupt, encrypted with a user password, of an
unsupported type, empty (0 bytes), could not be opened (permissions, a link
out of the folder), timed out, or when no page of it yielded any text. One
blank page in an otherwise readable file is not this finding, nor is a
picture of a seal alone (a stamp photographed filling the frame, whose ring
OCR may not read as page text): the seal rules judge it. Files that hit a
configured limit get ``limit-exceeded`` instead.

A file of a format the tool does not read at all (a .psd, .mp4, .exe …,
named so and not a document in disguise) is not a broken document: it gets
one finding saying it was not checked and that the authority's online system
usually takes only PDF and JPG/PNG files, as a **warning** when its name or
folder ties it to a material (that material has not been checked), else as
**info**. A file
named as a document (``.pdf``, ``.docx``, ``.jpg`` …) whose bytes are none
stays an error: it is a damaged or mislabelled material. Plain text notes
(.txt, .md, .yaml) are read as text and are never this finding.

Options: none.

Passes: ``营业执照.pdf`` with a text layer or a readable scan.

Fails: ``章程.pdf`` truncated in transfer::

    unreadable-document  章程.pdf  文件损坏，无法读取
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from validator.model import Context, Document, Finding, Package, Severity
from validator.rules.options import Options

ID = "unreadable-document"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}

# The extraction error of a file in a format the tool does not read at all (the
# readers decide it from the bytes and the name; see extract.formats).
OTHER_FORMAT = "other_format"


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
    items = {a.path: a.item for a in package.assignments}
    for document in package.documents:
        reason = _reason(document)
        if reason is None:
            continue
        detail = document.error.detail if document.error else ""
        if reason == OTHER_FORMAT:
            yield _not_checked(document.path, items.get(document.path))
            continue
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


def _not_checked(path: str, item: str | None) -> Finding:
    """A file of another format: a question for the user, a warning if it is a material."""
    suffix = PurePosixPath(path).suffix.lower() or "—"
    return Finding(
        rule=ID,
        message_id="unreadable-document.not-checked",
        args=(("format", suffix),),
        item=item,
        path=path,
        key=suffix,  # no page text to rest on: the format tells the finding apart
        severity=Severity.WARNING if item else Severity.INFO,
    )
