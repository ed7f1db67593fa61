"""PDF digital signatures, recorded as electronic seals of their signers.

A signed PDF (电子签章) carries, for each signature, a form field of type
``/Sig`` whose value holds a CMS (PKCS #7) blob with the signer's
certificate, and a widget annotation that places the visible stamp on a page.
Each becomes a Seal with colour and shape ``electronic``: the signer is the
certificate's common name (else its organisation, else the ``/Name`` the
signing software wrote), the box is the widget's rectangle in pixels of the
page rendered at the OCR resolution (all zeros for an invisible signature).

Whether the signature is valid is not judged here: a reviewer's system checks
that. A damaged signature dictionary costs its seal, never the document.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from asn1crypto import cms  # type: ignore[import-untyped]  # no type information published
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from validator.model import Seal

# PDF user space: 72 points to the inch.
POINTS_PER_INCH = 72
# Form fields nest through /Kids; deeper than this is a loop or an attack.
MAX_FIELD_DEPTH = 32
# A digital signature is certain, whoever the signer is.
ELECTRONIC_CONFIDENCE = 1.0
# The box of a signature that shows nothing on the page.
INVISIBLE = (0, 0, 0, 0)


def signature_seals(location: Path, dpi: int) -> dict[int, tuple[Seal, ...]]:
    """0-based page index -> the electronic seals on that page."""
    found: dict[int, list[Seal]] = {}
    # pypdf reports what it repairs through logging and warnings: noise on the
    # user's terminal about a file whose problems are not theirs to fix here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with location.open("rb") as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(stream, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")  # opened by PDFium already: no user password
            for page, seal in _seals(reader, dpi):
                found.setdefault(page, []).append(seal)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass  # pypdf's many ways to fail on a damaged file: its seals are lost, not its text
    return {page: tuple(seals) for page, seals in found.items()}


def _seals(reader: PdfReader, dpi: int) -> Iterator[tuple[int, Seal]]:
    form = _resolved(reader.trailer["/Root"]).get("/AcroForm")
    if form is None:
        return
    pages = {
        page.indirect_reference.idnum: i
        for i, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }
    for field, widget in _signed_widgets(_resolved(form).get("/Fields", ArrayObject())):
        index = _page_index(reader, widget, pages)
        box = _pixel_box(reader.pages[index], widget.get("/Rect"), dpi)
        yield (
            index,
            Seal(
                bbox=box,
                confidence=ELECTRONIC_CONFIDENCE,
                colour="electronic",
                shape="electronic",
                signer=_signer(_resolved(field["/V"])),
            ),
        )


def _signed_widgets(
    fields: Any, depth: int = 0, inherited: str | None = None
) -> Iterator[tuple[DictionaryObject, DictionaryObject]]:
    """(signed /Sig field, one of its widgets) for the field tree under ``fields``."""
    if depth > MAX_FIELD_DEPTH:
        return
    for reference in _resolved(fields) or ():
        field = _resolved(reference)
        kind = field.get("/FT", inherited)
        kids = [_resolved(kid) for kid in _resolved(field.get("/Kids", ArrayObject()))]
        if kind == "/Sig" and "/V" in field:
            widgets = [kid for kid in kids if "/T" not in kid] or [field]
            yield from ((field, widget) for widget in widgets)
        elif kids:
            yield from _signed_widgets(field.get("/Kids"), depth + 1, kind)


def _page_index(reader: PdfReader, widget: DictionaryObject, pages: dict[int, int]) -> int:
    """The widget's page: its /P entry, else the page whose /Annots lists it, else page 1."""
    page = widget.get("/P")
    if isinstance(page, IndirectObject) and page.idnum in pages:
        return pages[page.idnum]
    target = widget.indirect_reference
    for index, candidate in enumerate(reader.pages):
        annotations = _resolved(candidate.get("/Annots", ArrayObject()))
        if target is not None and any(
            isinstance(a, IndirectObject) and a.idnum == target.idnum for a in annotations
        ):
            return index
    return 0


def _pixel_box(page: Any, rect: Any, dpi: int) -> tuple[int, int, int, int]:
    """The rectangle in pixels of the page rendered at ``dpi``, origin top left."""
    corners = [float(value) for value in _resolved(rect)] if rect is not None else []
    if len(corners) != 4:
        return INVISIBLE
    left, right = sorted(corners[0::2])
    bottom, top = sorted(corners[1::2])
    if left == right or bottom == top:
        return INVISIBLE  # an invisible signature's widget has an empty rectangle
    box = page.cropbox
    scale = dpi / POINTS_PER_INCH
    x0, y0 = max(0, round((left - box.left) * scale)), max(0, round((box.top - top) * scale))
    x1, y1 = max(0, round((right - box.left) * scale)), max(0, round((box.top - bottom) * scale))
    return (x0, y0, x1, y1)


def _signer(value: DictionaryObject) -> str:
    """The signer's name from the certificate that signed, else the /Name entry."""
    name = ""
    contents = value.get("/Contents")
    if contents is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
            name = _certificate_name(bytes(contents))
    return name or str(value.get("/Name", "")).strip()


def _certificate_name(blob: bytes) -> str:
    signed = cms.ContentInfo.load(blob, strict=False)["content"]
    signer_id = signed["signer_infos"][0]["sid"]
    for choice in signed["certificates"] or ():
        certificate = choice.chosen
        if _identifies(signer_id, certificate):
            subject = certificate.subject.native
            return str(subject.get("common_name") or subject.get("organization_name") or "")
    return ""


def _identifies(signer_id: Any, certificate: Any) -> bool:
    """Whether the SignerInfo's identifier names ``certificate``."""
    if signer_id.name == "issuer_and_serial_number":
        chosen = signer_id.chosen
        return bool(
            chosen["issuer"] == certificate.issuer
            and chosen["serial_number"].native == certificate.serial_number
        )
    return bool(signer_id.chosen.native == certificate.key_identifier)


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value
