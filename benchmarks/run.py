"""Performance benchmark of ``material-validator check`` against bare Tesseract (SPEC §10).

Builds a package of scanned pages, text-layer PDFs and DOCX files from a fixed
seed (see ``builder``), then measures in one run:

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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from builder import AS_OF, Package, build_package
from PIL import Image
from samplers import TreeSampler, children_cpu
from table import Row, mb, print_table, ratio

from validator.extract.ocr.tesseract_api import engine_version, recognise
from validator.extract.records import PageJob
from validator.extract.settings import ExtractSettings
from validator.extract.worker import plan_file, run_page_job

# --- what the tool does by default (validator.extract.settings.OcrSettings)
OCR_LANG = "chi_sim"
OCR_PSM = 6
OCR_DPI = 200
POINTS_PER_INCH = 72

# --- targets of SPEC §10
COLD_TARGET = 1.2  # cold run / (sum of bare Tesseract times / workers)
WARM_TARGET = 0.05  # warm run / cold run
ENGINE_TARGET = 1.3  # cold run (engine auto) / cold run (--ocr-engine tesseract)
MEMORY_TARGET = 1.2  # peak memory with the package doubled / peak memory


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


def bare_tesseract(images: Sequence[Path]) -> Bare:
    """One ``tesseract`` per page (see ``_tesseract``), one after another."""
    times = []
    cpu_before = children_cpu()
    for image in images:
        started = time.perf_counter()
        _tesseract(image)
        times.append(time.perf_counter() - started)
    return Bare(times, children_cpu() - cpu_before)


# --- the tool, timed, with the memory and CPU time of its process tree (see ``samplers``)


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


def check(package: Path, cache: Path, jobs: int, report: Path, *options: str) -> CheckRun:
    """One ``material-validator check`` run: wall time, its tree's CPU time and peak memory."""
    command = [tool_command(), "check", str(package), "--cache-dir", str(cache), *options]
    command += ["--jobs", str(jobs), "--format", "json", "--output", str(report)]
    command += ["--as-of", AS_OF, "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(process.pid) as tree:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"the check failed ({process.returncode}):\n{stderr.decode()}")
    method = "RSS of the process tree, sampled every 0.2 s"
    return CheckRun(seconds, tree.cpu, tree.peak, method, json.loads(report.read_text("utf-8")))


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
    print("cold run with Tesseract alone ...", file=sys.stderr)
    tesseract_only = check(
        small.folder,
        workspace / "cache-t",
        args.jobs,
        workspace / "t.json",
        "--ocr-engine",
        "tesseract",
    )
    print(
        "bare tesseract again, then W at a time; the tool's own work per page ...", file=sys.stderr
    )
    bare_again = bare_tesseract(images)
    at_once = bare_at_once(images, args.jobs)
    engine = engine_alone(images)
    own = own_work(small)
    runs = Runs(bare, bare_again, at_once, engine, cold, warm, cold_double, own, tesseract_only)
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
    tesseract_only: CheckRun  # the cold run with --ocr-engine tesseract


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
        Row("cold run, --ocr-engine tesseract", f"{runs.tesseract_only.seconds:.1f} s"),
        Row(
            "cold (auto) / cold (tesseract alone)",
            ratio(cold.seconds, runs.tesseract_only.seconds),
            f"<= {ENGINE_TARGET}",
            cold.seconds <= ENGINE_TARGET * runs.tesseract_only.seconds,
        ),
        Row(f"bare tesseract, {args.jobs} at a time: wall", f"{runs.at_once:.1f} s"),
        Row(
            f"  ... / (sum bare / {args.jobs}): the machine's own loss",
            ratio(runs.at_once, budget),
        ),
        Row(f"cold / bare {args.jobs} at a time", ratio(cold.seconds, runs.at_once)),
        Row(f"the tool's engine alone ({engine_version()}), sum", f"{runs.engine:.1f} s"),
        Row("  ... / sum bare", ratio(runs.engine, bare_sum)),
        Row(f"cold / (engine sum / {args.jobs})", ratio(cold.seconds, runs.engine / args.jobs)),
        Row("CPU time: bare tesseract, all pages (mean)", f"{bare_cpu:.1f} s"),
        Row("CPU time: cold run, whole process tree", f"{cold.cpu:.1f} s"),
        Row("CPU time: cold run / bare tesseract", ratio(cold.cpu, bare_cpu)),
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
        Row(f"peak memory, {package.scanned_pages} scanned pages", mb(cold.peak_bytes)),
        Row(
            f"peak memory, {2 * package.scanned_pages} scanned pages (all doubled)",
            mb(cold_double.peak_bytes),
        ),
        Row(
            "memory(2N) / memory(N)", f"{growth:.2f}", f"< {MEMORY_TARGET}", growth < MEMORY_TARGET
        ),
        Row("cold run of the doubled package", f"{cold_double.seconds:.1f} s"),
    ]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
