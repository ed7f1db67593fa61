"""Financial statements as spreadsheets: .xlsx through openpyxl, .xls through xlrd."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import extract_here
from inputs import add_member, rewrite_member

from validator.extract.settings import ExtractSettings, Limits

BALANCE_SHEET = [
    ["资产负债表"],
    ["编制单位：北京某某网络科技有限公司", None, "2024年12月31日"],
    ["项目", "期末余额", "期初余额"],
    ["货币资金", 1250000, 980000.5],
    [None, None, None],
    ["实收资本", 10000000.0, dt.datetime(2024, 1, 1)],
]
EXPECTED_LINES = [
    "资产负债表",
    "资产负债表",
    # Cells are joined by tabs; normalisation treats them like any space, so next
    # to Chinese text they go, as in DOCX tables.
    "编制单位:北京某某网络科技有限公司2024年12月31日",
    "项目期末余额期初余额",
    "货币资金1250000 980000.5",
    "实收资本10000000 2024-01-01",
]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "资产负债表"
    for row in BALANCE_SHEET:
        sheet.append(row)
    income = book.create_sheet("利润表")
    income.append(["营业收入", 3600000])
    income.append(["净利润", "=B1*0.1"])  # a formula: its saved result, if any, is read
    book.create_sheet("底稿").sheet_state = "hidden"
    book["底稿"].append(["内部底稿，不打印"])
    book.save(path)
    return path


def test_each_visible_sheet_is_a_page_with_rows_as_lines(tmp_path: Path) -> None:
    document = extract_here(_workbook(tmp_path / "财务报表.xlsx"))
    assert (document.kind, document.paged, document.error) == ("spreadsheet", True, None)
    balance, income = document.pages
    assert (balance.number, balance.source, balance.seals) == (1, "text", ())
    assert balance.text.splitlines() == EXPECTED_LINES
    assert income.text.splitlines() == ["利润表", "营业收入3600000", "净利润"]
    assert "底稿" not in document.text


def test_an_xls_saved_by_office_reads_the_same(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (with Calc) makes the .xls sample")
    source = _workbook(tmp_path / "statement.xlsx")
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    subprocess.run(
        [*command, "xls", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    document = extract_here(tmp_path / "statement.xls")
    assert (document.kind, document.error) == ("spreadsheet", None)
    balance, income = document.pages
    assert balance.text.splitlines() == EXPECTED_LINES
    assert income.text.splitlines()[:2] == ["利润表", "营业收入3600000"]


def test_a_workbook_with_a_doctype_is_rejected(tmp_path: Path) -> None:
    path = rewrite_member(
        _workbook(tmp_path / "entity.xlsx"),
        "xl/workbook.xml",
        lambda xml: b"<!DOCTYPE x [<!ENTITY e 'x'>]>" + xml,
    )
    error = extract_here(path).error
    assert error is not None and error.code == "corrupt" and "DOCTYPE" in error.detail


def test_a_workbook_bomb_is_a_limit(tmp_path: Path) -> None:
    path = add_member(_workbook(tmp_path / "bomb.xlsx"), "xl/media/x.bin", bytes(4 << 20))
    error = extract_here(path).error
    assert error is not None and (error.code, error.limit) == ("limit", "uncompressed_size")


def test_too_many_sheets_are_a_limit(tmp_path: Path) -> None:
    error = extract_here(
        _workbook(tmp_path / "a.xlsx"), ExtractSettings(limits=Limits(max_pages=1))
    ).error
    assert error is not None and (error.code, error.limit) == ("limit", "pages")


def test_a_damaged_workbook_is_corrupt(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "broken.xlsx")
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    error = extract_here(path).error
    assert error is not None and error.code == "corrupt"


def test_a_damaged_xls_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    error = extract_here(path).error
    assert error is not None and error.code == "corrupt"
