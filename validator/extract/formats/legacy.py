"""Legacy Word files (.doc, and WPS Office's .wps) read through LibreOffice.

No maintained Python library reads the binary Word format, so LibreOffice
converts the file to PDF, headless, in a private temporary folder with a
profile of its own (two conversions at once would otherwise fight over one
profile, and the user's own LibreOffice settings stay untouched). The PDF is
then read like any PDF: its text layer per page, each page rendered for seals
(a seal pasted into the document as a picture) and OCR'd when it has no text.
Without LibreOffice the file is reported as unsupported, naming what is missing.

A document can name any URL (a linked picture, ``INCLUDEPICTURE
"http://…"``), and LibreOffice fetches what a document links to. So the
profile blocks links from untrusted documents, never updates links and runs
no macros, and, where the system allows it, LibreOffice runs in a network
namespace of its own (``unshare --net``), where no address is reachable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from multiprocessing.util import Finalize
from pathlib import Path

from validator.extract.formats import pdf
from validator.extract.formats.head import Head
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings

KIND = "doc"
PICTURES = False
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".doc", ".wps")
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
# Exit finalizers run highest first: LibreOffice ends before its folder goes.
_KILL_PRIORITY = 20
_REMOVE_PRIORITY = 10
# Settings in the conversion's own profile: no linked resource is fetched, no
# link updated, no macro run, whatever the document asks for.
PROFILE_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # 0: never update
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "0"),
)
# The profile's content providers for network URLs (WebDAV for http, https and
# webdav; FTP; CMIS), removed: a URL the document names cannot even be opened.
# The names are LibreOffice's own (share/registry/main.xcd).
_PROVIDERS = "/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys/Office"
NETWORK_PROVIDERS = ("Provider3", "Provider4", "Provider12", "Provider6", "Provider43")
# Commands that run a program without network: a network namespace of its own,
# as an unprivileged user (mapped to root inside it) or as root.
SANDBOXES = (("unshare", "--net", "--map-root-user"), ("unshare", "--net"))


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
    # Removed however this worker ends: an error, or a SIGTERM from the pool
    # (pebble's handler runs multiprocessing's finalizers before it exits).
    removal = Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=_REMOVE_PRIORITY)
    try:
        converted = _convert(soffice, location, folder, settings)
        planned = pdf.plan(converted, settings)
    except BaseException:
        removal()
        raise
    removal.cancel()  # the PDF is handed over: whoever finishes the document removes it
    return dataclasses.replace(planned, kind=KIND, converted=converted)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage:
    """A page of the converted PDF (``location`` is the plan's converted copy)."""
    return pdf.load(location, ref, settings)


def _convert(soffice: str, location: Path, folder: Path, settings: ExtractSettings) -> Path:
    """Run LibreOffice on a private copy of the file; the PDF it wrote."""
    source = folder / "in" / _INPUT_NAME
    source.parent.mkdir()
    shutil.copyfile(location, source)  # a plain name: the original's may not be UTF-8
    write_profile(folder / "profile")
    command = [
        *network_sandbox(),
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
    # LibreOffice's own temporary files go inside the folder, so that they go with it.
    scratch = folder / "tmp"
    scratch.mkdir()
    _run(command, settings.limits.file_timeout_s * CONVERT_TIME_SHARE, scratch)
    converted = folder / f"{source.stem}.pdf"
    if not converted.is_file():
        raise failure("corrupt", "LibreOffice could not convert the file")
    return converted


def write_profile(profile: Path) -> None:
    """A fresh LibreOffice profile with the settings above, before its first start."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>"
        for path, name, value in PROFILE_SETTINGS
    ) + "".join(
        f'<item oor:path="{_PROVIDERS}/ProviderData">'
        f'<node oor:name="{name}" oor:op="remove"/></item>'
        for name in NETWORK_PROVIDERS
    )
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


@functools.cache
def network_sandbox() -> tuple[str, ...]:
    """The command prefix that cuts LibreOffice off the network, or () where none works.

    Tried once per process: user namespaces may be switched off, or the
    program missing (macOS, Windows); the profile's settings still apply.
    """
    if sys.platform != "linux":
        return ()
    for sandbox in SANDBOXES:
        if shutil.which(sandbox[0]) and _works(sandbox):
            return sandbox
    return ()


def _works(sandbox: tuple[str, ...]) -> bool:
    try:
        probe = subprocess.run(
            [*sandbox, "true"],
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _run(command: list[str], timeout_s: float, scratch: Path) -> None:
    """Run LibreOffice in a session of its own, so that a timeout ends all its processes."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=sys.platform != "win32",
        env={**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)},
    )
    # LibreOffice is in a session of its own: no Ctrl-C reaches it, so it is
    # ended here on every way out, a SIGTERM to this worker included.
    ending = Finalize(None, _kill, args=(process,), exitpriority=_KILL_PRIORITY)
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        _kill(process)
        raise failure("timeout", f"LibreOffice took over {timeout_s:g} s", "file_time") from exc
    except BaseException:
        _kill(process)
        raise
    finally:
        ending.cancel()


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin under it
    process.wait()
