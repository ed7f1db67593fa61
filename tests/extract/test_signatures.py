"""PDF digital signatures become electronic seals of their signers (signed here with pyHanko)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import extract_here
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from inputs import LICENCE_LINES, text_pdf
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from validator.extract.settings import ExtractSettings, OcrSettings

COMPANY = "北京某某网络科技有限公司"
NO_OCR = ExtractSettings(ocr=OcrSettings(mode="never"))
# Where the stamp goes on page 2, in PDF points (x0, y0, x1, y1; origin bottom left).
STAMP_BOX = (350, 50, 550, 150)
A4_HEIGHT_PT = 841.89


def _signer(folder: Path, common_name: str, organisation: str = COMPANY) -> signers.Signer:
    """A self-signed certificate and its key, as a company's e-seal platform issues them."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
    ]
    if common_name:
        attributes.insert(0, x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    name = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    stem = common_name or organisation
    key_file, cert_file = folder / f"{stem}.key", folder / f"{stem}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(key_file), str(cert_file))
    assert signer is not None
    return signer


def _sign(source: Path, target: Path, signer: signers.Signer, field: fields.SigFieldSpec) -> Path:
    with source.open("rb") as stream:
        writer = IncrementalPdfFileWriter(stream)
        fields.append_signature_field(writer, field)
        with target.open("wb") as out:
            meta = signers.PdfSignatureMetadata(field_name=field.sig_field_name)
            signers.sign_pdf(writer, meta, signer=signer, output=out)
    return target


def test_a_visible_signature_is_a_seal_of_its_signer_where_its_stamp_is(tmp_path: Path) -> None:
    plain = text_pdf(tmp_path / "plain.pdf", [LICENCE_LINES, ["依法经营电信业务承诺书"]])
    stamp = fields.SigFieldSpec("公章", box=STAMP_BOX, on_page=1)
    signed = _sign(plain, tmp_path / "signed.pdf", _signer(tmp_path, COMPANY), stamp)
    document = extract_here(signed, NO_OCR)
    first, second = document.pages
    assert first.seals == ()
    (seal,) = [s for s in second.seals if s.colour == "electronic"]
    assert (seal.shape, seal.signer, seal.confidence) == ("electronic", COMPANY, 1.0)
    scale = 200 / 72
    x0, y0, x1, y1 = STAMP_BOX
    expected = (x0 * scale, (A4_HEIGHT_PT - y1) * scale, x1 * scale, (A4_HEIGHT_PT - y0) * scale)
    assert all(abs(got - want) <= 2 for got, want in zip(seal.bbox, expected, strict=True))
    assert second.size is not None and seal.bbox[3] <= second.size[1]
    assert "依法经营电信业务承诺书" in second.text  # the signature leaves the text alone


def test_two_signers_and_an_invisible_signature(tmp_path: Path) -> None:
    plain = text_pdf(tmp_path / "plain.pdf", [["服务器托管协议", "甲方", "乙方"]])
    first = _sign(
        plain,
        tmp_path / "one.pdf",
        _signer(tmp_path, COMPANY),
        fields.SigFieldSpec("甲方", box=(50, 50, 200, 150), on_page=0),
    )
    both = _sign(
        first,
        tmp_path / "two.pdf",
        _signer(tmp_path, "", organisation="某某云计算有限公司"),  # no CN: the organisation
        fields.SigFieldSpec("乙方", box=None, on_page=0),  # invisible
    )
    (page,) = extract_here(both, NO_OCR).pages
    electronic = sorted((s.signer, s.bbox == (0, 0, 0, 0)) for s in page.seals)
    assert electronic == [(COMPANY, False), ("某某云计算有限公司", True)]


def test_an_unsigned_signature_field_is_no_seal(tmp_path: Path) -> None:
    plain = text_pdf(tmp_path / "plain.pdf", [LICENCE_LINES])
    with plain.open("rb") as stream:
        writer = IncrementalPdfFileWriter(stream)
        fields.append_signature_field(writer, fields.SigFieldSpec("盖章处", box=STAMP_BOX))
        with (tmp_path / "empty-field.pdf").open("wb") as out:
            writer.write(out)
    (page,) = extract_here(tmp_path / "empty-field.pdf", NO_OCR).pages
    assert page.seals == ()


def test_a_damaged_signature_blob_keeps_the_seal_and_the_document(tmp_path: Path) -> None:
    plain = text_pdf(tmp_path / "plain.pdf", [LICENCE_LINES])
    stamp = fields.SigFieldSpec("公章", box=STAMP_BOX, on_page=0)
    signed = _sign(plain, tmp_path / "signed.pdf", _signer(tmp_path, COMPANY), stamp)
    data = bytearray(signed.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    data[start:end] = b"0" * (end - start)  # same length: the file's offsets hold
    signed.write_bytes(bytes(data))
    document = extract_here(signed, NO_OCR)
    assert document.error is None and "营业执照" in document.text
    (seal,) = document.pages[0].seals
    assert (seal.colour, seal.signer) == ("electronic", "")
