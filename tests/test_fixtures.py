"""The sample packages: generated deterministically, committed up to date, internally consistent.

Rebuilding every package takes about a minute, so these tests re-render one
file per format and variant kind and compare it byte for byte with the
committed copy; the YAML files are compared for every package.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PIL import Image
from stdnum.cn import ric, uscc

from fixtures import seal_art
from fixtures.generator.assemble import CONFIG_NAME, config_bytes, expected_bytes, render_files
from fixtures.generator.facts import default_facts
from fixtures.generator.fonts import PDF_FONTS, SCAN_FONTS
from fixtures.generator.identifiers import break_check_digit
from fixtures.generator.materials import MATERIALS
from fixtures.generator.packages import PACKAGES
from fixtures.generator.wording import capital_in_words
from validator.extract.ocr.tesseract_api import recognise

PACKAGES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "packages"
REBUILD_HINT = "run `python fixtures/build.py` and commit the result"

_FONTS = {face.path for fonts in (PDF_FONTS, SCAN_FONTS) for face in (fonts.body, fonts.title)}
needs_fonts = pytest.mark.skipif(
    not all(path.exists() for path in _FONTS),
    reason="rendering needs fonts-noto-cjk and fonts-wqy-microhei",
)

# One file per output format and per kind of variant; each renders in about a second.
REPRESENTATIVE = [
    ("complete", "01_公司资料/公司章程.pdf"),  # text layer, embedded CJK font, seal images
    ("complete", "01_公司资料/股东结构说明.docx"),  # header, footer, table, seal image
    ("complete", "scan_0012.jpg"),  # colour scan: skew, blur, noise, seal
    ("complete", "06_其他/domain-certificate.png"),  # palette PNG download
    ("defective", "02_业务材料/技术方案.pdf"),  # truncated PDF
    ("defective-dates", "01_公司资料/法定代表人身份证.tif"),  # 2-page TIFF, fact override
]


@needs_fonts
@pytest.mark.parametrize(("package", "path"), REPRESENTATIVE)
def test_committed_file_is_what_the_generator_writes(package: str, path: str) -> None:
    fresh = render_files(PACKAGES[package], only=[path])[path]
    committed = (PACKAGES_DIR / package / path).read_bytes()
    assert fresh == committed, f"{package}/{path} differs from a fresh build: {REBUILD_HINT}"


@needs_fonts
@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_committed_config_and_expectations_are_current(package: str) -> None:
    spec = PACKAGES[package]
    assert (PACKAGES_DIR / package / CONFIG_NAME).read_bytes() == config_bytes(spec), REBUILD_HINT
    assert (PACKAGES_DIR / f"{package}.expected.yaml").read_bytes() == expected_bytes(spec), (
        REBUILD_HINT
    )


def test_package_folders_hold_exactly_the_specified_files() -> None:
    for name, spec in PACKAGES.items():
        on_disk = {
            p.relative_to(PACKAGES_DIR / name).as_posix()
            for p in (PACKAGES_DIR / name).rglob("*")
            if p.is_file()
        }
        assert on_disk == {e.path for e in spec.documents} | {CONFIG_NAME}, name


def test_expected_findings_name_real_items_and_files() -> None:
    items = {m.item for m in MATERIALS.values() if m.item}
    for name in PACKAGES:
        expected = yaml.safe_load(
            (PACKAGES_DIR / f"{name}.expected.yaml").read_text(encoding="utf-8")
        )
        assert expected["as_of"].isoformat() == "2026-06-01"
        for finding in expected["findings"]:
            assert finding["item"] is None or finding["item"] in items, finding
            if finding["rule"] == "missing-item":
                assert finding["path"] is None
            else:
                assert (PACKAGES_DIR / name / finding["path"]).is_file(), finding


def test_complete_package_expects_no_findings_and_covers_every_item() -> None:
    expected = yaml.safe_load((PACKAGES_DIR / "complete.expected.yaml").read_text(encoding="utf-8"))
    assert expected["findings"] == []
    assert {d["item"] for d in expected["documents"]} == {
        m.item for m in MATERIALS.values() if m.item
    }


def test_truncated_pdf_is_really_unreadable() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    path = PACKAGES_DIR / "defective" / "02_业务材料" / "技术方案.pdf"
    with pytest.raises(Exception), pdfplumber.open(path) as pdf:  # noqa: B017 - any parser error
        pdf.pages[0].extract_text()


def test_duplicate_has_the_same_bytes_as_its_source() -> None:
    folder = PACKAGES_DIR / "defective"
    assert (folder / "备份" / "业务发展报告(1).pdf").read_bytes() == (
        folder / "02_业务材料" / "业务发展报告.pdf"
    ).read_bytes()


def test_identifiers_are_valid_and_the_broken_one_is_not() -> None:
    facts = default_facts()
    assert uscc.is_valid(facts.company.uscc)
    assert uscc.is_valid(facts.hosting.provider_uscc)
    assert ric.is_valid(facts.company.legal_rep.id_number)
    assert ric.is_valid(facts.officer.holder_id)
    assert not uscc.is_valid(break_check_digit(facts.company.uscc))


@pytest.mark.parametrize(
    ("yuan", "words"),
    [
        (10_000_000, "壹仟万元整"),
        (500_000, "伍拾万元整"),
        (1_010_000, "壹佰零壹万元整"),
        (10_500_000, "壹仟零伍拾万元整"),
    ],
)
def test_capital_in_words(yuan: int, words: str) -> None:
    assert capital_in_words(yuan) == words


@needs_fonts
def test_seal_drawing_is_deterministic_and_red() -> None:
    design = seal_art.SealDesign("北京启衡云联科技有限公司")
    first = seal_art.draw_seal(design, dpi=100, seed=7)
    assert first.tobytes() == seal_art.draw_seal(design, dpi=100, seed=7).tobytes()
    red, green, blue, alpha = first.getpixel((first.width // 2, first.height // 2))
    assert (red, green, blue) == seal_art.SEAL_RED
    assert alpha > 0  # the star covers the centre


# Key fields that rules read from scans, with where they are (page index).
SCANNED_FIELDS = [
    ("complete/scan_0012.jpg", 0, ["出具日期:2026年05月18日", "91110108MA7HQ3KTXH"]),
    ("complete/01_公司资料/法定代表人身份证.tif", 1, ["2020.05.01-2040.05.01"]),
    ("defective-dates/01_公司资料/法定代表人身份证.tif", 1, ["2016.02.15-2026.02.15"]),
]


@pytest.mark.ocr
@pytest.mark.parametrize(("path", "page", "fields"), SCANNED_FIELDS)
def test_scans_stay_readable_by_tesseract(path: str, page: int, fields: list[str]) -> None:
    with Image.open(PACKAGES_DIR / path) as image:
        image.seek(page)
        words = recognise(image.convert("L"), "chi_sim", 6, None, 120)
    # Tesseract uses ASCII colons.
    compact = "".join(word.text for word in words).replace("：", ":")
    for field in fields:
        assert field in compact, f"{field!r} not read from {path}"
