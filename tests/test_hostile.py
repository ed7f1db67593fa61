"""Hostile and broken input through the installed command, as a user meets it (SPEC §9).

One package folder holds every kind of bad file the spec names next to a few
good ones. The real console script checks it in a subprocess, as an account
that cannot read every file (root reads files whatever their mode), and the
test asserts: a normal exit, no traceback, exactly one finding per bad file
naming why, the good files read by their content, and a folder left exactly
as it was. The extractor-level tests (tests/extract/) cover each trap in
detail; this suite proves the whole tool survives them together. Also here:
a worker pool that cannot start, and the progress bar (on a terminal only).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import select
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw, ImageFont

from validator.cli import main
from validator.errors import EXIT_DEPENDENCY
from validator.extract import schedule as schedule_module

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, modes and ttys")

# The installed console script, next to the interpreter running the tests.
SCRIPT = Path(sys.executable).parent / "material-validator"
AS_OF = "2026-06-01"
# The unprivileged account (nobody/nogroup on Debian, macOS and most others).
NOBODY = 65534
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SC_INDEX = 2  # the Simplified Chinese face inside the collection
# A file name in GBK (材料.pdf): not valid UTF-8, shown with \xNN escapes.
GBK_NAME = b"\xb2\xc4\xc1\xcf.pdf"
GBK_SHOWN = "\\xb2\\xc4\\xc1\\xcf.pdf"
GOOD_DOCX = "网络安全防护方案.docx"
# The two rules a file that cannot be (fully) read gets.
UNREADABLE = "unreadable-document"
LIMIT = "limit-exceeded"

# Each bad file and the one finding it must get: (rule, message_id suffix or limit name).
EXPECTED: dict[str, tuple[str, str]] = {
    "truncated.pdf": (UNREADABLE, "corrupt"),
    "garbage.pdf": (UNREADABLE, "unsupported"),
    "garbage-after-header.pdf": (UNREADABLE, "corrupt"),
    "page-tree-loop.pdf": (UNREADABLE, "corrupt"),
    # A page tree that loops and claims a million pages: stopped by the page limit.
    "page-tree-loop-huge.pdf": (LIMIT, "pages"),
    # A form that draws itself: PDFium stops the recursion; the page is blank.
    "form-loop.pdf": (UNREADABLE, "no-text"),
    "encrypted.pdf": (UNREADABLE, "encrypted"),
    "zip-bomb.docx": (LIMIT, "uncompressed_size"),
    "billion-laughs.docx": (UNREADABLE, "corrupt"),
    "pixel-bomb.png": (LIMIT, "pixels"),
    "empty.pdf": (UNREADABLE, "empty"),
    "links/self": (UNREADABLE, "link"),
    "links/outside.pdf": (UNREADABLE, "link"),
    "locked.pdf": (UNREADABLE, "permission"),
    # A bitmap's signature and then nothing an image reader knows.
    "not-a-bitmap.bmp": (UNREADABLE, "corrupt"),
    # A PNG whose header chunk fails its checksum: no image reader claims it.
    "bad-checksum.png": (UNREADABLE, "corrupt"),
}


# --- the package


def _text_pdf(lines: list[str], *, user_password: str | None = None) -> bytes:
    """A small PDF with a real text layer (a core font: nothing to embed, quick to make)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if user_password is not None:
        pdf.set_encryption(
            owner_password="owner",
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
    return bytes(pdf.output())


def _raw_pdf(*objects: bytes) -> bytes:
    """A PDF of the given objects (numbered from 1, the first the catalog) with a valid xref."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE_TREE_LOOP = _raw_pdf(
    CATALOG,
    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
)
PAGE_TREE_LOOP_HUGE = _raw_pdf(CATALOG, b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1000000 >>")
FORM_LOOP = _raw_pdf(
    CATALOG,
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    b" /Resources << /XObject << /X 5 0 R >> >> >>",
    b"<< /Length 5 >>\nstream\n/X Do\nendstream",
    b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
    b" /Resources << /XObject << /X 5 0 R >> >> /Length 5 >>\nstream\n/X Do\nendstream",
)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels in 45 bytes: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _good_docx() -> bytes:
    document = docx.Document()
    document.add_heading("网络安全防护方案", level=1)
    document.add_paragraph("本方案说明防火墙、入侵检测与数据加密措施，以及安全事件的应急响应流程。")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _repacked(docx_bytes: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """The DOCX with its members changed by ``edit``, deflated at the highest level."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    edit(members)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def _zip_bomb(members: dict[str, bytes]) -> None:
    """64 MiB of zeros in one member: a 64 KiB file that expands a thousandfold."""
    members["word/media/filler.bin"] = bytes(64 << 20)


def _billion_laughs(members: dict[str, bytes]) -> None:
    """Nine levels of ten-fold entity expansion (a gigabyte of "lol"), used in the body."""
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    xml = members["word/document.xml"]
    declaration, rest = xml.split(b"?>", 1)
    rest = rest.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
    members["word/document.xml"] = (
        declaration + b"?>\n<!DOCTYPE w:document [" + entities + b"]>" + rest
    )


def _licence_scan() -> Image.Image:
    """A small greyscale scan of a licence's first lines, for OCR."""
    font = ImageFont.truetype(NOTO_SANS, 40, index=NOTO_SC_INDEX)
    page = Image.new("L", (1000, 260), 255)
    draw = ImageDraw.Draw(page)
    lines = ["营业执照", "名称：北京某某网络科技有限公司", "统一社会信用代码：91110108MA01XXXX1X"]
    for row, line in enumerate(lines):
        draw.text((40, 30 + row * 64), line, fill=0, font=font)
    return page


def build_package(root: Path, outside: Path) -> None:
    """Every hostile file of EXPECTED, and the good files, in ``root``."""
    good_pdf = _text_pdf(["Business licence", "Example Network Technology Co., Ltd."] * 4)
    (root / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    noise = random.Random(20260601).randbytes(8192)
    (root / "garbage.pdf").write_bytes(noise)
    (root / "garbage-after-header.pdf").write_bytes(b"%PDF-1.7\n" + noise)
    (root / "not-a-bitmap.bmp").write_bytes(b"BM" + noise)
    bad_checksum = bytearray(_png_header_only(100, 100))
    bad_checksum[29] ^= 0xFF  # the last byte of the IHDR chunk's CRC
    (root / "bad-checksum.png").write_bytes(bytes(bad_checksum))
    (root / "page-tree-loop.pdf").write_bytes(PAGE_TREE_LOOP)
    (root / "page-tree-loop-huge.pdf").write_bytes(PAGE_TREE_LOOP_HUGE)
    (root / "form-loop.pdf").write_bytes(FORM_LOOP)
    (root / "encrypted.pdf").write_bytes(_text_pdf(["Articles"], user_password="secret"))
    good_docx = _good_docx()
    (root / "zip-bomb.docx").write_bytes(_repacked(good_docx, _zip_bomb))
    (root / "billion-laughs.docx").write_bytes(_repacked(good_docx, _billion_laughs))
    (root / "pixel-bomb.png").write_bytes(_png_header_only(30_000, 30_000))
    (root / "empty.pdf").write_bytes(b"")
    (root / "locked.pdf").write_bytes(good_pdf)
    (root / "locked.pdf").chmod(0)
    # The good files: two with the wrong extension, one with a name that is not UTF-8.
    _licence_scan().save(root / "licence-photo.pdf", format="JPEG", quality=90)
    (root / "licence-text.jpg").write_bytes(good_pdf)
    gbk_pdf = _text_pdf(["Articles of association", "Example Network Technology Co., Ltd."])
    with open(os.fsencode(root) + b"/" + GBK_NAME, "wb") as stream:
        stream.write(gbk_pdf)
    (root / GOOD_DOCX).write_bytes(good_docx)
    links = root / "links"
    links.mkdir()
    (links / "up").symlink_to("..", target_is_directory=True)  # a loop through the parent
    (links / "self").symlink_to("self")  # a link that resolves to itself
    (outside / "secret.pdf").write_bytes(good_pdf)
    (links / "outside.pdf").symlink_to(outside / "secret.pdf")


def tree_state(root: Path) -> list[tuple[Any, ...]]:
    """Name, mode, size, mtime and content digest (or link target) of everything under root.

    Links are recorded, never followed; names are bytes, so a name that is not
    UTF-8 counts exactly. A file the test itself cannot read is compared by its
    metadata alone.
    """
    base = os.fsencode(root)
    state: list[tuple[Any, ...]] = []
    for folder, folders, files in os.walk(base, followlinks=False):
        folders.sort()
        for name in sorted(folders + files):
            path = os.path.join(folder, name)
            info = os.lstat(path)
            state.append(
                (
                    os.path.relpath(path, base),
                    info.st_mode,
                    info.st_size,
                    info.st_mtime_ns,
                    _content(path, info),
                )
            )
    return state


def _content(path: bytes, info: os.stat_result) -> bytes | str:
    if stat.S_ISLNK(info.st_mode):
        return os.readlink(path)
    if not stat.S_ISREG(info.st_mode):
        return ""
    try:
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    except PermissionError:
        return "unreadable"


# --- running the tool without the power to read everything


@dataclass(frozen=True)
class Account:
    """How to run a command as an account that file modes apply to."""

    prefix: tuple[str, ...]  # put before the command
    owner: int | None  # uid to give the folders it writes to; None: leave them


def _runs_python(prefix: list[str]) -> bool:
    """Whether ``prefix`` can start this interpreter from a process it started itself.

    The tool's worker pool starts the interpreter again, as the account itself,
    so going through ``env`` tests what the pool will meet, not what setpriv can.
    """
    command = [*prefix, "/usr/bin/env", sys.executable, "-c", "import validator"]
    return subprocess.run(command, check=False, capture_output=True, cwd="/").returncode == 0


@pytest.fixture(scope="module")
def account() -> Account:
    """nobody when the tests run as root, else the tests' own account.

    Where nobody cannot run this interpreter (a virtual environment built from
    a Python under root's private home), the tool runs as root without any
    capability instead: then, too, the kernel applies file modes to it, which
    is what the permission case needs.
    """
    if os.geteuid() != 0:
        return Account((), None)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop privileges")
    nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if _runs_python(nobody):
        return Account(tuple(nobody), NOBODY)
    return Account(("setpriv", "--inh-caps=-all", "--bounding-set=-all"), None)


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    """A folder other accounts can reach (pytest's own temporary folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@dataclass(frozen=True)
class Run:
    code: int
    stderr: str
    report: dict[str, Any]
    seconds: float


def _environment(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "OMP_THREAD_LIMIT": "1",
    }


def _writable(account: Account, folder: Path, mode: int) -> Path:
    """``folder``, created for ``account`` to write in."""
    folder.mkdir(mode=mode)
    if account.owner is not None:
        os.chown(folder, account.owner, account.owner)
    return folder


def _check(account: Account, package: Path, work: Path, cache: Path) -> Run:
    """``material-validator check`` on ``package`` as ``account``, with a JSON report."""
    _writable(account, work, 0o755)
    report = work / "r.json"
    command = [
        *account.prefix,
        str(SCRIPT),
        "check",
        str(package),
        "--cache-dir",
        str(cache),
        "--format",
        "json",
        "--output",
        str(report),
        "--as-of",
        AS_OF,
    ]
    started = time.monotonic()
    done = subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        env=_environment(work),
        cwd=work,
        timeout=300,
    )
    seconds = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    return Run(done.returncode, done.stderr, json.loads(report.read_text("utf-8")), seconds)


@pytest.fixture(scope="module")
def hostile(workspace: Path, account: Account) -> tuple[Path, Run, list[tuple[Any, ...]]]:
    """The package, the run over it, and the folder's state from before the run."""
    package = workspace / "package"
    outside = workspace / "outside"
    package.mkdir(mode=0o755)
    outside.mkdir(mode=0o755)
    build_package(package, outside)
    before = tree_state(package)
    cache = _writable(account, workspace / "cache", 0o700)
    return package, _check(account, package, workspace / "run", cache), before


def _findings_by_path(run: Run) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    (package,) = run.report["packages"]
    found: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for finding in package["findings"]:
        if finding["path"] is not None:
            entry = (finding["rule"], finding["message_id"], finding["args"])
            found.setdefault(finding["path"], []).append(entry)
    return found


def _documents(run: Run) -> dict[str, dict[str, Any]]:
    (package,) = run.report["packages"]
    return {document["path"]: document for document in package["documents"]}


# --- the hostile package


@pytest.mark.ocr
def test_the_run_ends_normally_without_a_traceback(hostile: tuple[Path, Run, Any]) -> None:
    _, run, _ = hostile
    assert run.code == 1  # the bad files are errors
    assert "Traceback" not in run.stderr
    assert run.stderr == ""  # not a terminal: no progress, and nothing else to say
    assert run.seconds < 60  # nothing hung until a timeout


@pytest.mark.ocr
def test_each_bad_file_gets_exactly_its_finding(hostile: tuple[Path, Run, Any]) -> None:
    _, run, _ = hostile
    found = _findings_by_path(run)
    for path, (rule, reason) in EXPECTED.items():
        findings = found.get(path, [])
        assert len(findings) == 1, f"{path}: {findings}"
        got_rule, message_id, args = finding = findings[0]
        assert got_rule == rule, f"{path}: {finding}"
        if rule == UNREADABLE:
            assert message_id == f"{UNREADABLE}.{reason}", f"{path}: {finding}"
        else:
            assert (message_id, args["limit"]) == (f"{LIMIT}.hit", reason), f"{path}: {finding}"
    unexpected = {
        path
        for path, findings in found.items()
        if path not in EXPECTED and any(rule in (UNREADABLE, LIMIT) for rule, _, _ in findings)
    }
    assert unexpected == set()


@pytest.mark.ocr
def test_the_good_files_are_read_by_their_content(hostile: tuple[Path, Run, Any]) -> None:
    _, run, _ = hostile
    documents = _documents(run)
    photo = documents["licence-photo.pdf"]  # a JPEG named .pdf
    assert (photo["kind"], photo["error"]) == ("image", None)
    assert [page["source"] for page in photo["pages"]] == ["ocr"]
    assert photo["matches"][0]["item"] == "company.business_license"
    text = documents["licence-text.jpg"]  # a PDF named .jpg
    assert (text["kind"], text["error"]) == ("pdf", None)
    assert [page["source"] for page in text["pages"]] == ["text"]
    gbk = documents[GBK_SHOWN]
    assert (gbk["kind"], gbk["error"]) == ("pdf", None)
    assert [page["source"] for page in gbk["pages"]] == ["text"]
    word = documents[GOOD_DOCX]
    assert (word["kind"], word["error"]) == ("docx", None)
    (package,) = run.report["packages"]
    items = {item["id"]: item for item in package["items"]}
    plan = items["security.protection_plan"]
    assert [d["path"] for d in plan["documents"]] == [GOOD_DOCX]
    assert plan["status"] in ("present", "defective")  # matched (its seal is another matter)


@pytest.mark.ocr
def test_a_link_loop_through_the_parent_is_walked_once(hostile: tuple[Path, Run, Any]) -> None:
    _, run, _ = hostile
    paths = set(_documents(run))
    assert not any(path.startswith("links/up") for path in paths)
    assert "links/up" not in _findings_by_path(run)
    # every file of the folder is there once, under its own name
    assert {path for path in paths if not path.startswith("links/")} == {
        *(path for path in EXPECTED if not path.startswith("links/")),
        "licence-photo.pdf",
        "licence-text.jpg",
        GBK_SHOWN,
        GOOD_DOCX,
    }


@pytest.mark.ocr
def test_the_folder_is_left_exactly_as_it_was(hostile: tuple[Path, Run, Any]) -> None:
    package, _, before = hostile
    assert tree_state(package) == before


@pytest.mark.ocr
def test_a_second_run_over_the_same_folder_gives_the_same_report(
    hostile: tuple[Path, Run, Any], account: Account, workspace: Path
) -> None:
    """From the warm cache (and the failures that are retried) the report is the same."""
    package, first, before = hostile
    second = _check(account, package, workspace / "again", workspace / "cache")
    assert second.code == first.code
    assert "Traceback" not in second.stderr
    assert second.report == first.report
    assert tree_state(package) == before


@pytest.mark.ocr
def test_findings_do_not_quote_where_the_folder_is(hostile: tuple[Path, Run, Any]) -> None:
    package, run, _ = hostile
    (report,) = run.report["packages"]
    quoting = [
        finding["path"]
        for finding in report["findings"]
        if str(package) in json.dumps(finding, ensure_ascii=False)
    ]
    assert quoting == []


def _tiff_with_a_tag_past_its_end() -> bytes:
    """A valid 64 x 64 grey TIFF whose Software tag claims 100,000 bytes beyond the file."""
    side = 64
    entries = [  # (tag, type, count, value): type 3 SHORT, 4 LONG, 2 ASCII
        (256, 3, 1, side),  # ImageWidth
        (257, 3, 1, side),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # PhotometricInterpretation: black is zero
        (273, 4, 1, 8 + 2 + 9 * 12 + 4),  # StripOffsets: right after the directory
        (278, 3, 1, side),  # RowsPerStrip
        (279, 4, 1, side * side),  # StripByteCounts
        (305, 2, 100_000, 1_000_000),  # Software: far past the end of the file
    ]
    out = bytearray(b"II*\x00" + struct.pack("<IH", 8, len(entries)))
    for tag, kind, count, value in entries:
        layout = "<HHIHH" if kind == 3 else "<HHII"
        out += struct.pack(layout, tag, kind, count, value, *((0,) if kind == 3 else ()))
    return bytes(out + struct.pack("<I", 0) + bytes([255]) * side * side)


def test_library_warnings_about_a_damaged_file_stay_off_stderr(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "scan.tif").write_bytes(_tiff_with_a_tag_past_its_end())
    command = [*_progress_command(package, tmp_path), "--ocr", "never"]
    done = subprocess.run(
        command, check=False, capture_output=True, text=True, env=_environment(tmp_path)
    )
    assert done.returncode in (0, 1)
    assert done.stderr == ""


# --- a pool that cannot start


class _PoolThatCannotStart:
    """Stands in for pebble's pool where the worker interpreter cannot be run."""

    error: BaseException = BrokenProcessPool()

    def __init__(self, **options: object) -> None:
        del options

    def schedule(self, *args: object, **kwargs: object) -> None:
        raise self.error

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass

    def join(self) -> None:
        pass


@pytest.mark.parametrize(
    "error",
    [BrokenProcessPool("Connection refused"), BrokenPipeError(32, "Broken pipe")],
    ids=["broken-pool", "broken-pipe"],
)
def test_workers_that_cannot_start_are_a_clear_error(
    error: BaseException,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 3 with a hint, never a traceback nor a silent exit 1 (click hides broken pipes)."""
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / GOOD_DOCX).write_bytes(_good_docx())
    monkeypatch.setattr(_PoolThatCannotStart, "error", error)
    monkeypatch.setattr(schedule_module, "ProcessPool", _PoolThatCannotStart)
    argv = ["material-validator", "check", str(tmp_path / "package"), "--no-cache"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err
    assert exited.value.code == EXIT_DEPENDENCY
    assert "cannot start the extraction worker processes" in err
    assert "hint:" in err


# --- the progress bar


def _small_package(root: Path) -> Path:
    root.mkdir()
    (root / GOOD_DOCX).write_bytes(_good_docx())
    _licence_scan().save(root / "licence.png")
    return root


def _on_terminal(command: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run ``command`` with its stderr on a pseudo-terminal; its exit code and what it drew."""
    import pty  # noqa: PLC0415 (POSIX only; the module is skipped elsewhere)

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    drawn = bytearray()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal's last writer has gone
                break
            if not chunk:
                break
            drawn += chunk
        elif process.poll() is not None and not ready:
            break
    os.close(controller)
    return process.wait(timeout=60), bytes(drawn)


def _progress_command(package: Path, work: Path) -> list[str]:
    report = str(work / "r.json")
    options = ["--no-cache", "--format", "json", "--output", report, "--as-of", AS_OF]
    return [str(SCRIPT), "check", str(package), *options]


# The bar's drawing characters in rich's default progress columns.
BAR = "━".encode()


@pytest.mark.ocr
def test_a_progress_bar_is_drawn_on_a_terminal_only(tmp_path: Path) -> None:
    package = _small_package(tmp_path / "package")
    env = {**_environment(tmp_path), "TERM": "xterm-256color", "COLUMNS": "100"}
    command = _progress_command(package, tmp_path)
    code, drawn = _on_terminal(command, env)
    assert code in (0, 1)
    assert BAR in drawn and b"%" in drawn
    piped = subprocess.run(command, check=False, capture_output=True, env=env, timeout=300)
    assert piped.returncode == code
    assert piped.stderr == b""  # nothing at all when stderr is not a terminal


@pytest.mark.ocr
def test_the_progress_bar_is_one_bar_for_the_run(tmp_path: Path) -> None:
    package = _small_package(tmp_path / "package")
    env = {**_environment(tmp_path), "TERM": "xterm-256color", "COLUMNS": "100"}
    _, drawn = _on_terminal(_progress_command(package, tmp_path), env)
    # rich erases its display (a line clear, then a line up and clear per further row)
    # and draws it again: count the bars in each drawing. The terminal turns each
    # newline into CR LF.
    frames = re.split(rb"\r\x1b\[2K(?:\x1b\[1A\x1b\[2K)*", drawn)
    bars_per_frame = [sum(BAR in line for line in frame.split(b"\r\n")) for frame in frames]
    assert max(bars_per_frame) == 1
