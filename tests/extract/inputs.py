"""Small real input files for the extractor tests, made on the fly.

Scans are a few lines of Chinese drawn with Noto Sans CJK at 200 dpi, so a
real Tesseract reads them in well under a second.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.shared import Inches
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw, ImageFont

NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SC_INDEX = 2  # the Simplified Chinese face inside the collection
DPI = 200
FONT_PX = 40  # about 14 pt at 200 dpi
LINE_PX = 64

LICENCE_LINES = (
    "营业执照",
    "名称：北京某某网络科技有限公司",
    "法定代表人：张三",
    "成立日期：2018年03月15日",
)


def text_image(lines: Sequence[str] = LICENCE_LINES, width: int = 1000) -> Image.Image:
    """Black Chinese text on white, RGB, one line per entry."""
    font = ImageFont.truetype(NOTO_SANS, FONT_PX, index=NOTO_SC_INDEX)
    image = Image.new("RGB", (width, 60 + LINE_PX * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 30 + i * LINE_PX), line, fill="black", font=font)
    return image


def text_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    user_password: str | None = None,
    owner_password: str | None = None,
    page_mm: tuple[float, float] = (210, 297),
) -> Path:
    """A PDF with a real text layer in an embedded CJK font, one page per entry."""
    pdf = FPDF(unit="mm", format=page_mm)
    pdf.set_compression(False)  # lets tests edit the font dictionaries
    pdf.add_font("noto", fname=NOTO_SANS, collection_font_number=NOTO_SC_INDEX)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("noto", size=14)
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(
            owner_password=owner_password or "owner",
            user_password=user_password or "",
            encryption_method=EncryptionMethod.AES_128,
        )
    pdf.output(str(path))
    return path


def without_unicode_maps(path: Path) -> Path:
    """The same PDF with its ToUnicode maps unlinked: a garbled text layer."""
    data = path.read_bytes()
    assert b"/ToUnicode" in data
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))  # same length: offsets hold
    return path


def scan_pdf(path: Path, images: Sequence[Image.Image], dpi: int = DPI) -> Path:
    """An image-only PDF, as a scanner writes it."""
    first, *rest = images
    first.save(path, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


# A page tree whose root lists itself among its kids.
LOOPING_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def oversized_png(path: Path, width: int, height: int) -> Path:
    """A PNG whose header declares ``width`` x ``height``: a decompression bomb's opening."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IEND", b""))
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def word_document(path: Path, *, image: Image.Image | None = None) -> Path:
    """A DOCX with a header, a body paragraph, a table, an optional picture and a footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉：北京某某网络科技有限公司"
    section.footer.paragraphs[0].text = "页脚：第1页"
    document.add_paragraph("业务发展报告")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "服务内容"
    table.cell(0, 1).text = "在线数据处理"
    table.cell(1, 0).text = "市场定位"
    table.cell(1, 1).text = "中小企业"
    if image is not None:
        stream = io.BytesIO()
        image.save(stream, format="PNG")
        stream.seek(0)
        document.add_picture(stream, width=Inches(4))
    document.add_paragraph("发展规划：三年内覆盖全国。")
    document.save(str(path))
    return path


def rewrite_member(path: Path, member: str, transform: object) -> Path:
    """Rewrite one ZIP member of ``path`` through ``transform(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[member] = transform(contents[member])  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def add_member(path: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return path


NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
NOTO_SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
# 0018.jpg's USCC, printed under (副 本) with its tops touching the heading's feet.
HEADED_USCC = "91441900588330966F"


def licence_under_heading(overlap: int = 21) -> Image.Image:
    """A 1215×1740 licence copy (as 0018.jpg of the real-document corpus) whose USCC line
    stands ``overlap`` pixels into the bold (副 本) above it: the detector, shown the
    page at 1280 px, loses that line, as it lost the real one."""
    image = Image.new("RGB", (1215, 1740), (245, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.text((260, 420), "营业执照", fill=(20, 20, 20), font=_font(NOTO_SERIF_BOLD, 170))
    draw.text((400, 600), "(副  本)", fill=(20, 20, 20), font=_font(NOTO_SERIF_BOLD, 44))
    body = _font(NOTO_SERIF, 26)
    code_line = f"统一社会信用代码{HEADED_USCC}"
    draw.text((330, 644 - overlap), code_line, fill=(40, 40, 40), font=body)
    fields = ("名        称  东莞市宏晟交通设施有限公司", "类        型  有限责任公司",
              "法定代表人  李星亮", "营业期限  长期")  # fmt: skip
    for index, line in enumerate(fields):
        draw.text((160, 700 + index * 45), line, fill=(40, 40, 40), font=body)
    return image


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=NOTO_SC_INDEX)
