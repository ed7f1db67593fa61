"""limit-exceeded: a file hit a configured limit and was not (fully) read.

Limits protect the run from hostile or accidental giants: file size, page
count, image pixels (decompression bombs), uncompressed size of a DOCX (zip
bombs), OCR time per page and extraction time per file. The message names the
limit and the config key that raises it (``limits:`` in
``.material-validator.yaml``).

Options: none.

Passes: a 20-page scanned PDF under the page limit.

Fails: a PNG that declares 40,000 × 40,000 pixels::

    limit-exceeded  scan.png  超过像素上限 (limits.max_megapixels)
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Finding, Package, Severity
from validator.rules.options import Options

ID = "limit-exceeded"
SEVERITY = Severity.ERROR
OPTIONS: Options = {}

# Extraction limit name -> the config key under ``limits:`` that raises it.
CONFIG_KEYS = {
    "file_size": "max_file_mb",
    "pages": "max_pages",
    "pixels": "max_megapixels",
    "uncompressed_size": "max_uncompressed_mb",
    "ocr_time": "ocr_timeout_s",
    "file_time": "file_timeout_s",
    "memory": "memory_mb",
}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    del ctx
    items = {a.path: a.item for a in package.assignments}
    for document in package.documents:
        error = document.error
        if error is None or error.code != "limit":
            continue
        limit = error.limit or "unknown"
        yield Finding(
            rule=ID,
            message_id="limit-exceeded.hit",
            args=(
                ("limit", limit),
                ("key", f"limits.{CONFIG_KEYS.get(limit, limit)}"),
                ("detail", error.detail),
            ),
            item=items.get(document.path),
            path=document.path,
            key=error.detail,  # the reader's own words: kept in the JSON arguments
        )
