"""Tesseract in the worker's own process, through its C++ API (tesserocr).

Running the ``tesseract`` command per page costs a process start and a fresh
load of the language model each time (about 0.1 s, more for a seal's short
strip of text than its recognition), and the page has to be written to a
file for it. Here each process initialises one engine per language on first
use and keeps it: a page goes in as raw pixels, the words come out as the
command's ``tsv`` rows would.

The language data is the installed Tesseract's: ``TESSDATA_PREFIX`` when
set, else the folder the ``tesseract`` command reports. A machine without
either has no Tesseract to speak of, and is told how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

# One OpenMP thread per Tesseract (SPEC §10: workers already fill the cores, and
# Tesseract's threads then only slow it down). The OpenMP runtime reads this once,
# when libtesseract loads it: here, before the import below, in every process.
os.environ["OMP_THREAD_LIMIT"] = "1"

import tesserocr

# ``tesseract --list-langs`` starts with: List of available languages in "/usr/share/…/" (3):
_LIST_HEADER = re.compile(r'"(?P<path>[^"]+)"')
# Tesseract's level of a single word in its tsv rows.
WORD_LEVEL = 5


class TesseractMissing(Exception):
    """No Tesseract language data can be found on this machine."""


@dataclass(frozen=True)
class Word:
    """One recognised word: where it sits in the layout, its box and its confidence (0-100)."""

    text: str
    confidence: float
    block: int
    paragraph: int
    line: int
    left: int
    width: int
    top: int = 0
    height: int = 0


def tessdata_dir() -> Path:
    """The installed Tesseract's language folder (raises TesseractMissing)."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        return Path(prefix)
    command = shutil.which("tesseract")
    if command is None:
        raise TesseractMissing("the tesseract command is not on PATH")
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TesseractMissing(f"cannot run {command}: {exc}") from exc
    found = _LIST_HEADER.search(listed.stdout + listed.stderr)
    if found is None:
        raise TesseractMissing(f"{command} --list-langs names no language folder")
    return Path(found.group("path"))


def installed_languages(folder: Path) -> set[str]:
    """Languages whose data the folder holds."""
    try:
        return {entry.name.removesuffix(".traineddata") for entry in folder.glob("*.traineddata")}
    except OSError:
        return set()


def engine_version() -> str:
    """The Tesseract library's version, as ``tesseract 5.5.4``."""
    return str(tesserocr.tesseract_version()).splitlines()[0].strip()


@cache
def _engine(lang: str) -> Any:  # tesserocr.PyTessBaseAPI, a compiled class without stubs
    """This process's engine for ``lang``, initialised on first use and kept."""
    path = str(tessdata_dir())
    return tesserocr.PyTessBaseAPI(path=path.rstrip("/") + "/", lang=lang, init=True)


class RecognitionTimeout(Exception):
    """Tesseract was stopped at the time limit."""


def recognise(
    image: Image.Image, lang: str, psm: int, dpi: int | None, timeout_s: float
) -> list[Word]:
    """The words Tesseract reads in ``image`` (made greyscale) with page segmentation mode
    ``psm``; at ``dpi``, or at the resolution Tesseract estimates from the text when None."""
    with _loaded(_engine(lang), image, psm, dpi) as engine:
        if not engine.Recognize(timeout=max(1, round(timeout_s * 1000))):
            raise RecognitionTimeout(f"over {timeout_s:g} s")
        return list(_words(engine.GetTSVText(0)))


def orientation(image: Image.Image, dpi: int) -> tuple[int, float] | None:
    """Clockwise degrees that make the page upright and Tesseract's confidence, if it can tell."""
    with _loaded(_engine("osd"), image, 0, dpi) as engine:  # mode 0: orientation and script
        found = engine.DetectOrientationScript()
    if not found:
        return None
    # orient_deg is how far the page was turned clockwise; undoing it takes the rest of the circle
    return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])


@contextmanager
def _loaded(engine: Any, image: Image.Image, psm: int, dpi: int | None) -> Iterator[Any]:
    """The engine holding ``image`` as raw grey pixels; emptied again afterwards."""
    grey = image if image.mode == "L" else image.convert("L")
    engine.SetPageSegMode(psm)
    engine.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
    if dpi is not None:
        engine.SetSourceResolution(dpi)
    try:
        yield engine
    finally:
        engine.Clear()


def _words(tsv: str) -> Iterator[Word]:
    """Word rows of Tesseract's tsv: level, page, block, par, line, word, left, top, width,
    height, conf, text."""
    for row in tsv.splitlines():
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != str(WORD_LEVEL):
            continue
        yield Word(
            text=fields[11],
            confidence=float(fields[10]),
            block=int(fields[2]),
            paragraph=int(fields[3]),
            line=int(fields[4]),
            left=int(fields[6]),
            width=int(fields[8]),
            top=int(fields[7]),
            height=int(fields[9]),
        )
