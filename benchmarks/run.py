"""Performance benchmark of ``material-validator check`` against bare Tesseract (SPEC §10).

Builds a package of scanned pages (A4 at 200 dpi, greyscale, Chinese text set
in Noto Serif CJK with light scanner noise, as image-only PDFs and JPEGs),
text-layer PDFs and DOCX files, all from a fixed seed, then measures in one run:

a. bare ``tesseract`` on the very page images the tool OCRs (the PDFs rendered
   as the tool renders them, the JPEGs decoded), with the tool's language,
   page segmentation mode and resolution, one page after another with
   ``OMP_THREAD_LIMIT=1``, once before and once after the tool's runs (a
   shared machine's speed drifts by 10% within minutes: the budget is taken
   from their mean, and both are shown), and once ``W`` pages at a time;
b. a cold ``material-validator check`` (fresh cache, ``--jobs W``);
c. a warm run over the same cache;
d. the peak memory of the tool's process tree (the command, its pool's
   workers and their Tesseract processes) for the package and for one twice
   its size;
e. the tool's own work on each page besides OCR (render, seal search,
   thumbnail), in this process, page by page.

It prints the ratios SPEC §10 sets targets for and exits 1 if one is missed.
Usage: ``python benchmarks/run.py [--pages N] [--text-pdfs M] [--docx K] [--jobs W]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import docx
import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from validator.extract.ocr.tesseract_api import engine_version, recognise
from validator.extract.records import PageJob
from validator.extract.settings import ExtractSettings
from validator.extract.worker import plan_file, run_page_job

# --- what the tool does by default (validator.extract.settings.OcrSettings)
OCR_LANG = "chi_sim"
OCR_PSM = 6
OCR_DPI = 200
POINTS_PER_INCH = 72

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
FIXED_DATE = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # stamped in PDFs for stable bytes
AS_OF = "2026-06-01"

# --- targets of SPEC §10
COLD_TARGET = 1.2  # cold run / (sum of bare Tesseract times / workers)
WARM_TARGET = 0.05  # warm run / cold run
MEMORY_TARGET = 1.2  # peak memory with the package doubled / peak memory
SAMPLE_S = 0.2  # how often the process tree's memory is read

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
    images = [scanned_page(page_lines(rng, n), SEED + n) for n in range(pages)]
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


# --- bare Tesseract


@dataclass(frozen=True)
class Bare:
    """Bare Tesseract over the page images: wall seconds per page, and CPU seconds in all."""

    seconds: list[float]
    cpu: float


def ocr_page_images(package: Package, out: Path) -> list[Path]:
    """The scanned pages as the tool hands them to OCR, saved once as uncompressed TIFF.

    PDF pages are rendered with PDFium at the OCR resolution, as the tool
    renders them; JPEGs are decoded. Both are made greyscale, as the tool
    makes them before calling Tesseract.
    """
    out.mkdir()
    images: list[Path] = []
    for name in package.scanned_files:
        for n, page in enumerate(_pages_of(package.folder / name)):
            images.append(out / f"{len(images):04d}-{n}.tif")
            page.convert("L").save(images[-1], format="TIFF", dpi=(OCR_DPI, OCR_DPI))
    return images


def _pages_of(path: Path) -> Iterator[Image.Image]:
    if path.suffix == ".jpg":
        with Image.open(path) as image:
            yield image.copy()
        return
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            yield page.render(scale=OCR_DPI / POINTS_PER_INCH).to_pil()
            page.close()
    finally:
        document.close()


def bare_at_once(images: Sequence[Path], jobs: int) -> float:
    """Wall seconds of bare Tesseract over all images, ``jobs`` processes at a time.

    Not a target: it shows how far this machine is from running ``jobs``
    Tesseracts as fast as one (memory bandwidth, shared caches, a busy host).
    """
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_tesseract, images))
    return time.perf_counter() - started


def _tesseract(image: Path) -> None:
    """The bare command on one page image: the tool's language, mode, resolution and
    ``tsv`` output, one thread."""
    command = ["tesseract", str(image), "stdout", "-l", OCR_LANG]
    command += ["--psm", str(OCR_PSM), "--dpi", str(OCR_DPI), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(command, check=True, env=env, capture_output=True)


def engine_alone(images: Sequence[Path]) -> float:
    """Seconds the tool's own Tesseract (the library, in this process) takes over all images.

    The same pages, language, mode and resolution as the bare command, one
    after another; the engine is started once before the clock runs, as each
    worker starts it once.
    """
    recognise(Image.new("L", (64, 32), 255), OCR_LANG, OCR_PSM, OCR_DPI, 60)
    total = 0.0
    for path in images:
        with Image.open(path) as image:
            page = image.convert("L")
        started = time.perf_counter()
        recognise(page, OCR_LANG, OCR_PSM, OCR_DPI, 600)
        total += time.perf_counter() - started
    return total


def own_work(package: Package) -> list[float]:
    """Seconds per page of what a worker does besides OCR: load or render, seal search, thumbnail.

    Run here, one page after another, through the worker's own entry point with
    OCR switched off for the page (the tilt estimate, which runs only before
    OCR, is left out: a few milliseconds).
    """
    settings = ExtractSettings()
    seconds = []
    for name in package.scanned_files + package.text_pdfs:
        location = package.folder / name
        plan = plan_file(location, settings)
        for ref in plan.refs:
            job = PageJob(plan.kind, location, (dataclasses.replace(ref, ocr=False),))
            started = time.perf_counter()
            run_page_job(job, settings)
            seconds.append(time.perf_counter() - started)
    return seconds


def children_cpu() -> float:
    """CPU seconds used so far by this process's waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_tesseract(images: Sequence[Path]) -> Bare:
    """One ``tesseract`` per page (see ``_tesseract``), one after another."""
    times = []
    cpu_before = children_cpu()
    for image in images:
        started = time.perf_counter()
        _tesseract(image)
        times.append(time.perf_counter() - started)
    return Bare(times, children_cpu() - cpu_before)


# --- the tool, timed, with the memory and CPU time of its process tree


class TreeSampler:
    """Samples a process and all its descendants: peak resident memory, CPU time used.

    The sum of RSS counts pages the workers share with the fork server once
    per process, so it errs on the high side. CPU time is each live process's
    own plus that of the children it has waited for (the fork server waits for
    the workers, the workers for Tesseract), so the last sample holds nearly
    all of it; the pool's fork server is not waited for by the command, which
    is why the tree is sampled rather than asked with getrusage afterwards.
    Read from /proc (Linux); where there is none, only the largest finished
    child's peak memory is known (see ``fallback_peak``) and no CPU time.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            rss, cpu = tree_usage(self.pid)
            self.peak = max(self.peak, rss)
            self.cpu = max(self.cpu, cpu)


def _process_table() -> dict[int, list[str]]:
    """The fields of /proc/PID/stat after the command name, for every process."""
    table: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # the command name, in parentheses, may hold spaces: the fields after it are fixed
        table[int(entry.name)] = stat.rsplit(")", 1)[1].split()
    return table


def tree_usage(pid: int) -> tuple[int, float]:
    """Bytes resident in ``pid`` and its descendants now, and the CPU seconds they used."""
    if not Path("/proc").is_dir():
        return 0, 0.0
    table = _process_table()
    children: dict[int, list[int]] = {}
    for child, stat in table.items():
        children.setdefault(int(stat[1]), []).append(child)
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    rss, ticks = 0, 0
    stack = [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        fields = table.get(current)
        if fields is None:
            continue
        # after the name: state=0, ppid=1, ..., utime=11, stime=12, cutime=13, cstime=14, rss=21
        ticks += sum(int(value) for value in fields[11:15])
        rss += int(fields[21]) * page
    return rss, ticks / tick


@dataclass(frozen=True)
class CheckRun:
    seconds: float
    cpu: float  # CPU seconds of the whole process tree; 0 where it cannot be sampled
    peak_bytes: int
    memory_method: str
    report: dict[str, Any]


def tool_command() -> str:
    beside = Path(sys.executable).parent / "material-validator"
    return str(beside) if beside.exists() else shutil.which("material-validator") or ""


def check(package: Path, cache: Path, jobs: int, report: Path) -> CheckRun:
    """One ``material-validator check`` run: wall time, its tree's CPU time and peak memory."""
    command = [tool_command(), "check", str(package), "--cache-dir", str(cache)]
    command += ["--jobs", str(jobs), "--format", "json", "--output", str(report)]
    command += ["--as-of", AS_OF, "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(process.pid) as tree:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"the check failed ({process.returncode}):\n{stderr.decode()}")
    peak, method = tree.peak, "RSS of the process tree, sampled every 0.2 s"
    if peak == 0:
        peak, method = fallback_peak(), "largest single process (no /proc here)"
    return CheckRun(seconds, tree.cpu, peak, method, json.loads(report.read_text("utf-8")))


def fallback_peak() -> int:
    """Peak RSS of the largest child process so far (kilobytes on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def page_sources(report: dict[str, Any], names: Sequence[str]) -> list[str]:
    """The ``source`` of every page of the named documents in a JSON report."""
    wanted = set(names)
    return [
        page["source"]
        for package in report["packages"]
        for document in package["documents"]
        if document["path"] in wanted
        for page in document["pages"]
    ]


# --- the table


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str = ""
    met: bool | None = None


def print_table(title: str, rows: Sequence[Row]) -> None:
    print(title)
    print()
    widths = (44, 14, 10)
    print(f"| {'measure':<{widths[0]}} | {'value':>{widths[1]}} | {'target':<{widths[2]}} | ok  |")
    print(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 2)}|-----|")
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "NO")
        print(
            f"| {row.measure:<{widths[0]}} | {row.value:>{widths[1]}} "
            f"| {row.target:<{widths[2]}} | {met:<3} |"
        )


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}" if part and whole else "n/a"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB"


def tesseract_command_version() -> str:
    """The bare command's version, as ``tesseract 5.3.0``."""
    version = subprocess.run(["tesseract", "--version"], check=True, capture_output=True, text=True)
    return version.stdout.splitlines()[0]


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, "
        f"bare command: {tesseract_command_version()}, the tool's engine: {engine_version()}"
    )


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# --- the run


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="scanned pages (default 40)")
    parser.add_argument("--text-pdfs", type=int, default=6, help="text-layer PDFs of 3 pages")
    parser.add_argument("--docx", type=int, default=3, help="Word documents")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="workers (CPU count)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse(argv)
    workspace = args.keep or Path(tempfile.mkdtemp(prefix="mv-bench-"))
    try:
        return benchmark(args, workspace)
    finally:
        if args.keep is None:
            shutil.rmtree(workspace, ignore_errors=True)


def benchmark(args: argparse.Namespace, workspace: Path) -> int:
    load_before = os.getloadavg()
    print(f"building packages in {workspace} ...", file=sys.stderr)
    small = build_package(workspace / "package-n", args.pages, args.text_pdfs, args.docx)
    double = build_package(
        workspace / "package-2n", 2 * args.pages, 2 * args.text_pdfs, 2 * args.docx
    )
    images = ocr_page_images(small, workspace / "page-images")
    print(
        f"bare tesseract ({tesseract_command_version()}) on {len(images)} page images ...",
        file=sys.stderr,
    )
    bare = bare_tesseract(images)
    print("cold run, warm run, cold run of the doubled package ...", file=sys.stderr)
    cold = check(small.folder, workspace / "cache-n", args.jobs, workspace / "cold.json")
    warm = check(small.folder, workspace / "cache-n", args.jobs, workspace / "warm.json")
    cold_double = check(double.folder, workspace / "cache-2n", args.jobs, workspace / "2n.json")
    print(
        "bare tesseract again, then W at a time; the tool's own work per page ...", file=sys.stderr
    )
    bare_again = bare_tesseract(images)
    at_once = bare_at_once(images, args.jobs)
    engine = engine_alone(images)
    own = own_work(small)
    runs = Runs(bare, bare_again, at_once, engine, cold, warm, cold_double, own)
    rows = table_rows(args, small, images, runs)
    load_after = os.getloadavg()
    print_table(
        f"material-validator benchmark, {dt.date.today().isoformat()}, {machine()}\n"
        f"package: {small.scanned_pages} scanned pages in {len(small.scanned_files)} files, "
        f"{len(small.text_pdfs)} text-layer PDFs ({small.text_pages} pages), "
        f"{len(small.docx_files)} DOCX; --jobs {args.jobs}; memory: {cold.memory_method}\n"
        f"load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f}",
        rows,
    )
    return 0 if all(row.met is not False for row in rows) else 1


@dataclass(frozen=True)
class Runs:
    """Everything measured, in the order it was measured."""

    bare: Bare  # before the tool's runs
    bare_again: Bare  # after them
    at_once: float  # wall seconds, W bare Tesseracts at a time
    engine: float  # seconds of the tool's Tesseract library over all images, in one process
    cold: CheckRun
    warm: CheckRun
    cold_double: CheckRun
    own: list[float]  # seconds per page of the tool's work besides OCR


def table_rows(
    args: argparse.Namespace, package: Package, images: Sequence[Path], runs: Runs
) -> list[Row]:
    cold, warm, cold_double = runs.cold, runs.warm, runs.cold_double
    bare_sum = (sum(runs.bare.seconds) + sum(runs.bare_again.seconds)) / 2
    bare_cpu = (runs.bare.cpu + runs.bare_again.cpu) / 2
    budget = bare_sum / args.jobs
    scanned = page_sources(cold.report, package.scanned_files)
    text = page_sources(cold.report, package.text_pdfs)
    text_ocr = sum(source == "ocr" for source in text)
    cold_ratio = cold.seconds / budget
    warm_ratio = warm.seconds / cold.seconds
    growth = cold_double.peak_bytes / cold.peak_bytes
    median = statistics.median(runs.bare.seconds + runs.bare_again.seconds)
    return [
        Row("bare tesseract, sum over page images, before", f"{sum(runs.bare.seconds):.1f} s"),
        Row("  the same, after the tool's runs", f"{sum(runs.bare_again.seconds):.1f} s"),
        Row("  mean of the two", f"{bare_sum:.1f} s"),
        Row(f"  median per page ({len(images)} images)", f"{median:.2f} s"),
        Row(f"sum of bare times / {args.jobs} workers", f"{budget:.1f} s"),
        Row("cold run (fresh cache)", f"{cold.seconds:.1f} s"),
        Row(
            "cold / (sum bare / workers)",
            f"{cold_ratio:.2f}",
            f"<= {COLD_TARGET}",
            cold_ratio <= COLD_TARGET,
        ),
        Row(f"bare tesseract, {args.jobs} at a time: wall", f"{runs.at_once:.1f} s"),
        Row(
            f"  ... / (sum bare / {args.jobs}): the machine's own loss",
            _ratio(runs.at_once, budget),
        ),
        Row(f"cold / bare {args.jobs} at a time", _ratio(cold.seconds, runs.at_once)),
        Row(f"the tool's engine alone ({engine_version()}), sum", f"{runs.engine:.1f} s"),
        Row("  ... / sum bare", _ratio(runs.engine, bare_sum)),
        Row(f"cold / (engine sum / {args.jobs})", _ratio(cold.seconds, runs.engine / args.jobs)),
        Row("CPU time: bare tesseract, all pages (mean)", f"{bare_cpu:.1f} s"),
        Row("CPU time: cold run, whole process tree", f"{cold.cpu:.1f} s"),
        Row("CPU time: cold run / bare tesseract", _ratio(cold.cpu, bare_cpu)),
        Row(
            f"own work per page besides OCR, median ({len(runs.own)} pages)",
            f"{1000 * statistics.median(runs.own):.0f} ms",
        ),
        Row("  sum over all pages / sum bare", f"{sum(runs.own) / bare_sum:.1%}"),
        Row("warm run (same cache)", f"{warm.seconds:.2f} s"),
        Row("warm / cold", f"{warm_ratio:.1%}", f"<= {WARM_TARGET:.0%}", warm_ratio <= WARM_TARGET),
        Row(
            "scanned pages read by OCR",
            f"{scanned.count('ocr')} of {package.scanned_pages}",
            "all",
            scanned.count("ocr") == package.scanned_pages,
        ),
        Row("text-layer pages OCR'd whole", f"{text_ocr} of {len(text)}", "0", text_ocr == 0),
        Row(f"peak memory, {package.scanned_pages} scanned pages", _mb(cold.peak_bytes)),
        Row(
            f"peak memory, {2 * package.scanned_pages} scanned pages (all doubled)",
            _mb(cold_double.peak_bytes),
        ),
        Row(
            "memory(2N) / memory(N)", f"{growth:.2f}", f"< {MEMORY_TARGET}", growth < MEMORY_TARGET
        ),
        Row("cold run of the doubled package", f"{cold_double.seconds:.1f} s"),
    ]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
