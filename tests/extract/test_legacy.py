"""Legacy Word files (.doc, .wps) read through the real LibreOffice, and without it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from conftest import extract_here
from docx.shared import Inches
from PIL import Image
from seal_pages import round_seal

from validator.discover import discover
from validator.extract import ExtractSettings, Limits, OcrSettings, extract_documents
from validator.extract.formats.legacy import find_soffice

NO_OCR = ExtractSettings(ocr=OcrSettings(mode="never"))
COMPANY = "北京某某网络科技有限公司"

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def _word(path: Path, title: str, *, seal: bool = False) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(f"申请单位：{COMPANY}")
    if seal:
        art = Image.new("RGB", (400, 400), "white")
        round_seal(art, 200, (25, 25), COMPANY, diameter_mm=40)
        picture = path.with_suffix(".png")
        art.save(picture)
        document.add_picture(str(picture), width=Inches(1.6))
    document.save(str(path))
    return path


def _to_doc(sources: list[Path], out: Path) -> None:
    """Save DOCX files as Word 97 .doc with LibreOffice, as an old Word would have."""
    profile = (out / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "doc", "--outdir", str(out), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """报告.doc (with a seal picture), 方案.wps (WPS Office writes Word 97 files) and 承诺书.doc."""
    work = tmp_path_factory.mktemp("legacy")
    sources = [
        _word(work / "report.docx", "业务发展报告", seal=True),
        _word(work / "plan.docx", "技术方案"),
        _word(work / "pledge.docx", "依法经营电信业务承诺书"),
    ]
    _to_doc(sources, work)
    shutil.move(work / "plan.doc", work / "plan.wps")
    return {"doc": work / "report.doc", "wps": work / "plan.wps", "other": work / "pledge.doc"}


def _leftovers(inputs: list[Path]) -> list[Path]:
    """Conversion folders still holding a copy of one of ``inputs``."""
    contents = {path.read_bytes() for path in inputs}
    folders = Path(tempfile.gettempdir()).glob("material-validator-doc-*")
    return [
        f
        for f in folders
        if (f / "in/document.doc").is_file() and (f / "in/document.doc").read_bytes() in contents
    ]


def test_doc_and_wps_are_read_as_their_pdf_with_seals(
    legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    root = tmp_path / "package"
    root.mkdir()
    shutil.copy(legacy_files["doc"], root / "报告.doc")
    shutil.copy(legacy_files["wps"], root / "方案.wps")
    (root / "损坏.doc").write_bytes(legacy_files["doc"].read_bytes()[:4096])
    report, broken, plan = extract_documents(discover(root), NO_OCR, jobs=2, cache_dir=None)
    assert (report.path, report.kind, report.paged, report.error) == ("报告.doc", "doc", True, None)
    assert report.pages[0].source == "text"
    assert report.text.splitlines()[:2] == ["业务发展报告", f"申请单位:{COMPANY}"]
    (seal,) = report.pages[0].seals
    assert seal.colour == "red"
    assert report.pages[0].size is not None and report.pages[0].dpi == 200
    assert (plan.kind, plan.error) == ("doc", None)
    assert plan.text.startswith("技术方案")
    assert broken.error is not None and broken.error.code == "corrupt"
    assert _leftovers([root / "报告.doc", root / "方案.wps"]) == []  # conversions cleaned up


def test_without_libreoffice_a_doc_is_unsupported_and_says_why(
    legacy_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without LibreOffice
    assert find_soffice() is None
    error = extract_here(legacy_files["other"], NO_OCR).error
    assert error is not None and error.code == "unsupported"
    assert "LibreOffice" in error.detail and ".doc" in error.detail


def test_a_conversion_over_its_time_is_stopped(
    legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    settings = ExtractSettings(ocr=NO_OCR.ocr, limits=Limits(file_timeout_s=0.2))
    error = extract_here(legacy_files["other"], settings).error
    assert error is not None and (error.code, error.limit) == ("timeout", "file_time")
    assert _leftovers([legacy_files["other"]]) == []
    assert _orphans() == []  # LibreOffice and its children were ended


def _orphans() -> list[str]:
    """LibreOffice processes whose conversion folder is gone: left running by a timeout."""
    listing = subprocess.run(
        ["ps", "-eo", "args"], check=True, capture_output=True, text=True
    ).stdout
    profiles = re.findall(r"file://(/\S*material-validator-doc-[^/\s]+)/profile", listing)
    return [folder for folder in profiles if not Path(folder).exists()]
