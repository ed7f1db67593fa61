"""low-quality-scan: a scanned page a reviewer may reject as illegible.

Fires for pages read by OCR whose effective resolution (judged from a flat
scan's pixel size, and from the height of a photo's text lines; never from
the EXIF dpi field that phones set to 72) is below ``min_dpi``, or whose mean
OCR confidence is below ``min_confidence``.
Consecutive such pages of one file make one finding with a page range.

Options:
    min_dpi: 150 — the resolution reviewers ask for.
    min_confidence: 0.25 — mean OCR confidence (Tesseract's words, RapidOCR's lines), 0..1.

How 0.25 was chosen: on 41 real public scans and photos of documents
(business licences, certificates, sealed letters), every one labelled
readable, mean confidence ranged 0.146–0.788, median 0.561: 28 of the
41 were below the former 0.6. Only two fell below 0.25, both small phone
photos (53 and 60 dpi) that ``min_dpi`` flags anyway; the lowest readable
licence read 0.299, the lowest readable certificate 0.252. Three readable
licences blurred and downscaled until their fine print was gone read 0.184,
0.276 and 0.283, so confidence overlaps between poor-but-readable and
illegible: the threshold sits under the readable pages, and catches only the
worst. Measured with Tesseract 5.3 ``chi_sim`` at psm 6 through
``extract_documents`` (what ``material-validator extract FILE`` shows as the
page confidence). Under ``ocr.engine: auto`` those photos are read by
RapidOCR, whose confidences on the same readable pages run 0.76–1.00
(median 0.99, 46 OCR'd pages of ``benchmarks/realdocs.json``): 0.25 flags
none of them either.

Passes: a 200-dpi greyscale scan read with confidence 0.9.

Fails: a phone photo of the licence 1000 px wide (≈ 85 dpi for A4)::

    low-quality-scan  营业执照.jpg p.1  扫描分辨率约 85 dpi，低于 150 dpi
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Context, Document, Finding, Package, Page, Severity, page_region
from validator.rules.options import Option, Options, integer, number

ID = "low-quality-scan"
SEVERITY = Severity.WARNING
OPTIONS: Options = {
    "min_dpi": Option("integer", 150, minimum=1),  # the resolution reviewers ask for
    "min_confidence": Option("number", 0.25, minimum=0),  # mean word confidence, 0..1 (see above)
}


def check(package: Package, ctx: Context) -> Iterator[Finding]:
    min_dpi = integer(ctx, "min_dpi")
    min_confidence = number(ctx, "min_confidence")
    items = {a.path: a.item for a in package.assignments}
    for document in package.documents:
        for run in _runs(document, min_dpi, min_confidence):
            first, last = run[0], run[-1]
            yield Finding(
                rule=ID,
                message_id=_message_id(first, min_dpi),
                args=(
                    ("dpi", str(first.dpi or "")),
                    ("min_dpi", str(min_dpi)),
                    ("confidence", f"{first.confidence or 0:.2f}"),
                    ("min_confidence", f"{min_confidence:.2f}"),
                ),
                item=items.get(document.path),
                path=document.path,
                page=first.number if document.paged else None,
                page_end=last.number if document.paged and last is not first else None,
                key=_evidence(first),  # a measurement, shown in the message
                region=page_region(first) if document.paged else None,  # the poor page itself
            )


def _poor(page: Page, min_dpi: int, min_confidence: float) -> bool:
    if page.source != "ocr" or not page.text.strip():
        return False  # blank pages are no reading problem; text layers need no scan
    low_dpi = page.dpi is not None and page.dpi < min_dpi
    return low_dpi or (page.confidence is not None and page.confidence < min_confidence)


def _runs(document: Document, min_dpi: int, min_confidence: float) -> list[list[Page]]:
    """Consecutive poor pages, grouped; a good page ends a group."""
    runs: list[list[Page]] = []
    previous: int | None = None
    for page in document.pages:
        if not _poor(page, min_dpi, min_confidence):
            previous = None
            continue
        if previous is not None and page.number == previous + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
        previous = page.number
    return runs


def _message_id(page: Page, min_dpi: int) -> str:
    return (
        "low-quality-scan.dpi"
        if page.dpi is not None and page.dpi < min_dpi
        else ("low-quality-scan.confidence")
    )


def _evidence(page: Page) -> str:
    confidence = "—" if page.confidence is None else f"{page.confidence:.2f}"
    return f"{page.dpi or '?'} dpi, OCR {confidence}"
