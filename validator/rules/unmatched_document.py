"""unmatched-document: a file matches no item of the manifest.

Usually a stray file (meeting notes, a draft) that should not be submitted,
or a material whose name and content the manifest does not recognise: then
rename it or add keywords to the item's ``match`` in a custom manifest.
Unreadable files are reported by ``unreadable-document`` instead.

Options: none.

Passes: every file is recognised as some material.

Fails: ``会议纪要.docx`` in the package::

    unmatched-document  会议纪要.docx  未识别为任何申请材料
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules.options import Options

ID = "unmatched-document"
SEVERITY = Severity.INFO
OPTIONS: Options = {}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
    assigned = {a.path for a in package.assignments}
    for document in package.documents:
        if document.path in assigned or document.error is not None:
            continue
        if not any(page.text.strip() for page in document.pages):
            continue  # unreadable-document says it better
        yield Finding(
            rule=ID,
            message_id="unmatched-document.none",
            path=document.path,
            evidence=_opening(document.text),
        )


def _opening(text: str) -> str:
    """The first non-empty line: what the file says it is."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:60]
    return ""
