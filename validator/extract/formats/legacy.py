"""Legacy Word files (.doc, and WPS Office's .wps) read through LibreOffice.

No maintained Python library reads the binary Word format, so LibreOffice
converts the file to PDF, headless, in a private temporary folder with a
profile of its own (two conversions at once would otherwise fight over one
profile, and the user's own LibreOffice settings stay untouched). The PDF is
then read like any PDF: its text layer per page, each page rendered for seals
(a seal pasted into the document as a picture) and OCR'd when it has no text.
Without LibreOffice the file is reported as unsupported, naming what is missing.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from validator.extract.formats import pdf
from validator.extract.formats.head import Head
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings

KIND = "doc"
PICTURES = False
# The stream that holds the text of a Word (or WPS Office) binary file.
WORD_STREAM = "WordDocument"
# Where LibreOffice installs its command when it is not on PATH (macOS, Windows).
SOFFICE_LOCATIONS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)
# A conversion may use this share of the file's time budget; the rest is for
# reading the PDF, and the worker must outlive LibreOffice to clean up after it.
CONVERT_TIME_SHARE = 0.5
# What the user is told when LibreOffice is missing.
MISSING_CONVERTER = "需要 LibreOffice 才能读取 .doc/.wps (LibreOffice is needed to read .doc/.wps)"
# The converted file's name: LibreOffice names its output after its input.
_INPUT_NAME = "document.doc"


def find_soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((place for place in SOFFICE_LOCATIONS if Path(place).is_file()), None)


def sniff(head: Head) -> bool:
    return WORD_STREAM in head.ole2_streams


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """Convert to PDF and plan that PDF; the plan names the PDF for the page workers.

    The PDF sits alone in a private folder; whoever finishes the document
    removes that folder (see ``FilePlan.converted``).
    """
    soffice = find_soffice()
    if soffice is None:
        raise failure("unsupported", MISSING_CONVERTER)
    folder = Path(tempfile.mkdtemp(prefix="material-validator-doc-"))
    try:
        converted = _convert(soffice, location, folder, settings)
        planned = pdf.plan(converted, settings)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return dataclasses.replace(planned, kind=KIND, converted=converted)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage:
    """A page of the converted PDF (``location`` is the plan's converted copy)."""
    return pdf.load(location, ref, settings)


def _convert(soffice: str, location: Path, folder: Path, settings: ExtractSettings) -> Path:
    """Run LibreOffice on a private copy of the file; the PDF it wrote."""
    source = folder / "in" / _INPUT_NAME
    source.parent.mkdir()
    shutil.copyfile(location, source)  # a plain name: the original's may not be UTF-8
    command = [
        soffice,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),  # the PDF sits at the folder's top: removing the folder removes it
        str(source),
    ]
    _run(command, settings.limits.file_timeout_s * CONVERT_TIME_SHARE)
    converted = folder / f"{source.stem}.pdf"
    if not converted.is_file():
        raise failure("corrupt", "LibreOffice could not convert the file")
    return converted


def _run(command: list[str], timeout_s: float) -> None:
    """Run LibreOffice in a session of its own, so that a timeout ends all its processes."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=sys.platform != "win32",
    )
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        _kill(process)
        raise failure("timeout", f"LibreOffice took over {timeout_s:g} s", "file_time") from exc


def _kill(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()
    else:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin under it
    process.wait()
