"""Spreadsheets (.xlsx through openpyxl, .xls through xlrd): financial statements.

Each visible sheet becomes a page: its name on the first line (资产负债表
names the statement), then one line per row with the cells joined by tabs.
Values are read as the file stores them, never recalculated: a formula shows
the result Excel last saved. Nothing is rendered, so no OCR and no seals: a
stamped statement arrives as a scan or PDF, not as a workbook.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]  # no type information published
import xlrd  # type: ignore[import-untyped]  # no type information published

from validator.extract.formats.head import Head
from validator.extract.normalize import normalize_text
from validator.extract.records import FilePlan, PageImage, PageRef, failure
from validator.extract.settings import ExtractSettings
from validator.extract.zipsafe import check_package
from validator.model import Page

KIND = "spreadsheet"
PICTURES = False
# The names files of this format go by: one that cannot be read is a damaged document.
SUFFIXES: tuple[str, ...] = (".xlsx", ".xls")
# The main part of a SpreadsheetML package (.xlsx).
MAIN_PART = "xl/workbook.xml"
# The workbook streams of a BIFF file (.xls): BIFF8, BIFF5.
WORKBOOK_STREAMS = ("Workbook", "Book")
_ZIP_MAGIC = b"PK\x03\x04"
# Sheet states that Excel does not show, nor print.
_HIDDEN_STATES = frozenset({"hidden", "veryHidden"})
# xlrd's visibility codes: 0 is a visible sheet.
_XLS_VISIBLE = 0


def sniff(head: Head) -> bool:
    return MAIN_PART in head.zip_names or not head.ole2_streams.isdisjoint(WORKBOOK_STREAMS)


def plan(location: Path, settings: ExtractSettings) -> FilePlan:
    """A page per visible sheet; nothing left for the page workers."""
    with location.open("rb") as stream:
        modern = stream.read(4) == _ZIP_MAGIC
    if modern:
        check_package(location, settings.limits)  # openpyxl, too, inflates parts whole
    texts = _xlsx_texts(location, settings) if modern else _xls_texts(location, settings)
    pages = tuple(
        Page(number=i + 1, text=text, source="text" if text else "none")
        for i, text in enumerate(texts)
    )
    return FilePlan(kind=KIND, pages=pages)


def load(location: Path, ref: PageRef, settings: ExtractSettings) -> PageImage | None:
    """Never asked: a workbook's plan has no page images."""
    return None


def _xlsx_texts(location: Path, settings: ExtractSettings) -> list[str]:
    try:
        with location.open("rb") as stream:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            try:
                sheets = [s for s in book.worksheets if s.sheet_state not in _HIDDEN_STATES]
                _check_count(len(sheets), settings)
                return [_sheet_text(s.title, s.iter_rows(values_only=True)) for s in sheets]
            finally:
                book.close()
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:
        raise failure("corrupt", f"unreadable Excel workbook: {exc}") from exc


def _xls_texts(location: Path, settings: ExtractSettings) -> list[str]:
    try:
        book = xlrd.open_workbook(file_contents=location.read_bytes(), on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise failure("encrypted", "the workbook needs a password to open") from exc
        raise failure("corrupt", f"unreadable Excel workbook: {exc}") from exc
    try:
        sheets = [s for s in book.sheets() if s.visibility == _XLS_VISIBLE]
        _check_count(len(sheets), settings)
        return [_sheet_text(sheet.name, _xls_rows(book, sheet)) for sheet in sheets]
    except (xlrd.XLRDError, IndexError, ValueError) as exc:  # damaged records
        raise failure("corrupt", f"unreadable Excel workbook: {exc}") from exc
    finally:
        book.release_resources()


def _xls_rows(book: xlrd.Book, sheet: xlrd.sheet.Sheet) -> Iterator[list[object]]:
    """Cell values with dates as dates: BIFF stores them as day numbers."""
    for index in range(sheet.nrows):
        yield [
            xlrd.xldate_as_datetime(cell.value, book.datemode)
            if cell.ctype == xlrd.XL_CELL_DATE
            else cell.value
            for cell in sheet.row(index)
        ]


def _check_count(count: int, settings: ExtractSettings) -> None:
    if count > settings.limits.max_pages:
        raise failure("limit", f"{count} sheets", "pages")


def _sheet_text(name: str, rows: Iterable[Iterable[object]]) -> str:
    lines = ["\t".join(_cell_text(value) for value in row).rstrip("\t") for row in rows]
    return normalize_text("\n".join([name, *(line for line in lines if line)]))


def _cell_text(value: object) -> str:
    """A cell as a reader sees it: 1000000 rather than 1000000.0, dates without midnight."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value)
