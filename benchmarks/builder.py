"""The generated package the benchmarks run on, built from a fixed seed.

Scanned pages (A4 at 200 dpi, greyscale, Chinese text set in Noto Serif CJK
with light scanner noise, as image-only PDFs and JPEGs), text-layer PDFs and
DOCX files: the same bytes of text and pixels on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random

import docx
import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# The tool's OCR resolution (validator.extract.settings.OcrSettings): scans are made at it.
OCR_DPI = 200

# --- the generated package
FONTS = Path("/usr/share/fonts/opentype/noto")
SERIF = FONTS / "NotoSerifCJK-Regular.ttc"
SANS_BOLD = FONTS / "NotoSansCJK-Bold.ttc"
SC_INDEX = 2  # the Simplified Chinese face in each collection
A4_PX = (1654, 2339)  # 210 x 297 mm at 200 dpi
MARGIN_PX = 190  # about 24 mm
BODY_PX = 34  # 12 pt at 200 dpi
TITLE_PX = 52
LINE_PX = 56  # 1.6 line spacing
PAPER = 246  # scanned paper is not pure white
NOISE_SIGMA = 9.0  # grey levels of scanner noise
SCAN_PAGES_PER_PDF = 4  # scanned pages go into PDFs of this many pages ...
JPEG_SHARE = 0.3  # ... except this share, which are single-page JPEGs
TEXT_PDF_PAGES = 3
SEED = 20260601
# Every this-many-th scanned page is a page where facts live (a licence, an ID card, a
# certificate): the pages the tool reads a second time, with RapidOCR.
FACT_PAGE_EVERY = 8
# The fact pages, in turn: what a licence, an ID card and a certificate print.
FACT_PAGES = (
    ("营业执照", "(副本)", "统一社会信用代码 91110108MA01ABCDEN", "名称 北京云启智联科技有限公司",
     "类型 有限责任公司(自然人投资或控股)", "法定代表人 王明远", "注册资本 人民币壹仟万元整",
     "成立日期 2018年03月15日", "营业期限 2018年03月15日至长期",
     "登记机关 北京市海淀区市场监督管理局"),
    ("中华人民共和国", "居民身份证", "签发机关 北京市公安局海淀分局",
     "有效期限 2020.05.01-2040.05.01"),
    ("注册信息安全专业人员证书", "姓名 张伟", "证书编号 CNITSEC2024CISE01234",
     "发证日期 2024年05月01日", "有效期至 2027年04月30日", "中国信息安全测评中心"),
)  # fmt: skip
FIXED_DATE = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # stamped in PDFs for stable bytes
AS_OF = "2026-06-01"

TITLES = [
    "业务发展报告",
    "技术方案",
    "信息安全管理制度",
    "网络安全防护方案",
    "用户数据保护方案",
    "服务流程说明",
]
SENTENCES = [
    "本公司主要面向中小企业提供在线数据处理与交易处理服务，业务模式以年度订阅为主。",
    "平台采用分层技术架构，接入层、应用层与数据层相互隔离，关键组件均部署两套以上。",
    "数据处理流程包括采集、传输、存储、使用和销毁五个环节，各环节均有明确的责任人。",
    "公司设立信息安全领导小组，由总经理担任组长，信息安全负责人负责日常管理工作。",
    "所有服务器部署于具备增值电信业务经营许可证的数据中心，机房实行门禁和视频监控。",
    "网络边界部署下一代防火墙和入侵检测系统，安全策略每季度复核一次并留存记录。",
    "用户个人信息在传输过程中使用TLS1.2以上协议加密，存储时对敏感字段进行加密处理。",
    "核心业务数据每日进行增量备份，每周进行全量备份，备份数据异地保存不少于三十天。",
    "访问控制遵循最小权限原则，运维人员通过堡垒机登录，所有操作均被完整记录和审计。",
    "公司制定了网络安全事件应急预案，每半年组织一次应急演练，并对演练结果进行总结。",
    "用户注册时须完成手机号码验证，并阅读和同意用户协议及隐私政策后方可使用服务。",
    "付费用户可通过对公转账或第三方支付完成订购，公司在收款后三个工作日内开具发票。",
    "市场定位为华北地区的制造业和零售业客户，计划在三年内将服务范围扩展至全国。",
    "防病毒软件统一部署在全部办公终端和服务器上，病毒库每日自动更新并定期全盘扫描。",
    "信息保密制度规定，员工入职时签署保密协议，离职时须交还全部资料并注销账号。",
    "系统上线前须经过安全测试，发现的高危漏洞必须修复完毕并复测通过后方可发布。",
    "日志数据集中存储于独立的日志服务器，保存期限不少于六个月，防止被篡改或删除。",
    "公司注册资本为人民币一千万元，截至二〇二五年十二月三十一日已全部实缴到位。",
    "客户服务热线为工作日九点至十八点，非工作时间可通过在线工单提交问题并获得回复。",
    "对于违法和不良信息，平台建立了人工审核与关键词过滤相结合的信息安全管理机制。",
]
TABLE_ROWS = [
    ("服务内容", "在线数据处理与交易处理业务"),
    ("服务范围", "全国"),
    ("网站域名", "example-saas.cn"),
    ("信息安全负责人", "李四（CISP证书编号CISP-2023-01234）"),
]


# --- building the package


@dataclass(frozen=True)
class Package:
    """A generated package and what it holds."""

    folder: Path
    scanned_files: tuple[str, ...]  # file names holding the scanned pages
    scanned_pages: int
    text_pdfs: tuple[str, ...]
    text_pages: int
    docx_files: tuple[str, ...]


def _lines_of_page(rng: Random, number: int) -> list[str]:
    if number % FACT_PAGE_EVERY == FACT_PAGE_EVERY - 1:
        return list(FACT_PAGES[(number // FACT_PAGE_EVERY) % len(FACT_PAGES)])
    return page_lines(rng, number)


def page_lines(rng: Random, number: int) -> list[str]:
    """A title and paragraphs of realistic application text, about one A4 page of it."""
    title = f"{TITLES[number % len(TITLES)]}（第{number + 1}页）"
    paragraphs = ["".join(rng.sample(SENTENCES, 3)) for _ in range(7)]
    return [title, *paragraphs]


def _wrapped(paragraph: str, font: ImageFont.FreeTypeFont, width: int) -> Iterator[str]:
    """The paragraph in lines no wider than ``width`` px, first line indented two characters."""
    line = "\u3000\u3000"
    for char in paragraph:
        if font.getlength(line + char) > width:
            yield line
            line = ""
        line += char
    if line:
        yield line


def scanned_page(lines: Sequence[str], seed: int) -> Image.Image:
    """A greyscale A4 page at 200 dpi with scanner noise and a slight blur."""
    body = ImageFont.truetype(str(SERIF), BODY_PX, index=SC_INDEX)
    heading = ImageFont.truetype(str(SANS_BOLD), TITLE_PX, index=SC_INDEX)
    page = Image.new("L", A4_PX, PAPER)
    draw = ImageDraw.Draw(page)
    title, *paragraphs = lines
    draw.text((A4_PX[0] // 2, MARGIN_PX), title, fill=20, font=heading, anchor="mt")
    y = MARGIN_PX + 2 * LINE_PX
    width = A4_PX[0] - 2 * MARGIN_PX
    for paragraph in paragraphs:
        for line in _wrapped(paragraph, body, width):
            if y > A4_PX[1] - MARGIN_PX:
                break
            draw.text((MARGIN_PX, y), line, fill=25, font=body)
            y += LINE_PX
    return _with_noise(page.filter(ImageFilter.GaussianBlur(0.6)), seed)


def _with_noise(page: Image.Image, seed: int) -> Image.Image:
    pixels = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0.0, NOISE_SIGMA, pixels.shape)
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), mode="L")


def build_scans(folder: Path, pages: int, rng: Random) -> list[str]:
    """``pages`` scanned pages as image-only PDFs of a few pages each, and some JPEGs."""
    names: list[str] = []
    jpegs = round(pages * JPEG_SHARE)
    images = [scanned_page(_lines_of_page(rng, n), SEED + n) for n in range(pages)]
    for n, image in enumerate(images[:jpegs]):
        names.append(f"扫描件-{n + 1:03d}.jpg")
        image.save(folder / names[-1], format="JPEG", quality=85, dpi=(OCR_DPI, OCR_DPI))
    rest = images[jpegs:]
    for start in range(0, len(rest), SCAN_PAGES_PER_PDF):
        first, *others = rest[start : start + SCAN_PAGES_PER_PDF]
        names.append(f"扫描件-合订-{start // SCAN_PAGES_PER_PDF + 1:02d}.pdf")
        first.save(
            folder / names[-1],
            format="PDF",
            resolution=OCR_DPI,
            save_all=True,
            append_images=others,
            creationDate=FIXED_DATE.timetuple(),  # Pillow takes a time tuple here
            modDate=FIXED_DATE.timetuple(),
        )
    return names


def build_text_pdf(path: Path, rng: Random, first_page: int) -> None:
    """A PDF with a real text layer in an embedded CJK font: never OCR'd whole."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_font("serif", fname=str(SERIF), collection_font_number=SC_INDEX)
    for n in range(TEXT_PDF_PAGES):
        title, *paragraphs = page_lines(rng, first_page + n)
        pdf.add_page()
        pdf.set_font("serif", size=16)
        pdf.cell(text=title, new_x="LMARGIN", new_y="NEXT", align="C", w=0)
        pdf.set_font("serif", size=12)
        for paragraph in paragraphs[:4]:
            pdf.multi_cell(w=0, h=8, text="\u3000\u3000" + paragraph, new_x="LMARGIN")
    pdf.output(str(path))


def build_docx(path: Path, rng: Random, number: int) -> None:
    document = docx.Document()
    title, *paragraphs = page_lines(rng, number)
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(TABLE_ROWS), cols=2)
    for row, (label, value) in enumerate(TABLE_ROWS):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    document.save(str(path))


def build_package(folder: Path, pages: int, text_pdfs: int, docx_files: int) -> Package:
    """The whole package from the fixed seed: the same bytes of text and pixels every time."""
    folder.mkdir(parents=True)
    rng = Random(SEED)
    scans = build_scans(folder, pages, rng)
    text_names = [f"文字版-{n + 1:02d}.pdf" for n in range(text_pdfs)]
    for n, name in enumerate(text_names):
        build_text_pdf(folder / name, rng, 1000 + n * TEXT_PDF_PAGES)
    docx_names = [f"{TITLES[n % len(TITLES)]}-{n + 1:02d}.docx" for n in range(docx_files)]
    for n, name in enumerate(docx_names):
        build_docx(folder / name, rng, 2000 + n)
    return Package(
        folder=folder,
        scanned_files=tuple(scans),
        scanned_pages=pages,
        text_pdfs=tuple(text_names),
        text_pages=text_pdfs * TEXT_PDF_PAGES,
        docx_files=tuple(docx_names),
    )
