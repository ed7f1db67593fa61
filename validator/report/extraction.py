"""Render a :class:`~validator.inspect.DocumentView` for ``material-validator extract``.

The view arrives masked and made printable (``validator.pii``,
``validator.report.printable``), as every report's result does.
"""

from __future__ import annotations

from validator.i18n import message
from validator.inspect import DocumentView, PageView


def render_extraction(view: DocumentView, *, lang: str) -> str:
    document = view.document
    header = f"{document.path}  {document.kind}  {document.size} B  sha256 {document.sha256[:16]}"
    lines = [header]
    if document.error is not None:
        error = document.error
        lines.append(
            message("extract.view.error", lang, {"code": error.code, "detail": error.detail})
        )
    for page_view in view.pages:
        lines += _page_lines(page_view, lang)
    return "\n".join(lines) + "\n"


def _page_lines(view: PageView, lang: str) -> list[str]:
    page = view.page
    confidence = "—" if page.confidence is None else f"{page.confidence:.2f}"
    size = f"{page.size[0]}×{page.size[1]} px" if page.size else "—"
    dpi = f"{page.dpi} dpi" if page.dpi else "—"
    header = message(
        "extract.view.page",
        lang,
        {"number": page.number, "source": page.source, "confidence": confidence,
         "size": size, "dpi": dpi},
    )  # fmt: skip
    lines = ["", header]
    for seal in page.seals:
        lines.append(
            message(
                "extract.view.seal",
                lang,
                {
                    "bbox": ",".join(map(str, seal.bbox)),
                    "colour": seal.colour,
                    "confidence": f"{seal.confidence:.2f}",
                    "text": seal.ring_text or seal.signer or "?",
                },
            )
        )
    for date in view.dates:
        shown = "长期" if date.indefinite else (date.value.isoformat() if date.value else "?")
        lines.append(message("extract.view.date", lang, {"kind": date.kind, "value": shown,
                                                          "label": date.label or "—"}))  # fmt: skip
    for number in view.identifiers:
        verdict = "ok" if number.valid else f"{number.problem} {number.suggestion}".strip()
        lines.append(message("extract.view.identifier", lang, {"kind": number.kind,
                                                                "number": number.number,
                                                                "verdict": verdict}))  # fmt: skip
    lines += ["", page.text]
    return lines
