"""A seal's misread place is put right from the page it is stamped on.

The ring text here is what RapidOCR read on a public licence photo
(佛山市南海区工商行政管理局 read as 佛出市南海以商政管理局); the page prints
佛山市南海区 in the address.
"""

from __future__ import annotations

from pathlib import Path

from validator.extract.assemble import assemble_document
from validator.extract.records import FilePlan, PageRef, PageResult
from validator.model import Page, Seal, SourceFile

MISREAD = "佛出市南海以商政管理局"
ADDRESS = "名称 佛山市南海区桂城华美服装店\n经营场所 佛山市南海区桂城街道南海大道北68号"


def _assembled(page_text: str, ring_text: str) -> Seal:
    seal = Seal((10, 10, 90, 90), 0.9, "red", ring_text=ring_text, ring_confidence=0.75)
    plan = FilePlan(kind="image", pages=(Page(1, "", "none"),), refs=(PageRef(0, 0, True),))
    result = PageResult(PageRef(0, 0, True), text=page_text, confidence=0.9, seals=(seal,))
    source = SourceFile("licence.jpg", Path("/nonexistent/licence.jpg"), 1000)
    (page,) = assemble_document(source, "0" * 64, plan, [result]).pages
    (read,) = page.seals
    return read


def test_a_place_the_page_prints_settles_the_ring() -> None:
    assert _assembled(ADDRESS, MISREAD).ring_text == "佛山市南海以商政管理局"


def test_a_place_the_page_does_not_print_stays_as_read() -> None:
    assert _assembled("经营场所 广州市天河区体育西路1号", MISREAD).ring_text == MISREAD


def test_a_ring_read_right_is_left_alone() -> None:
    right = "佛山市南海区工商行政管理局"
    assert _assembled(ADDRESS, right).ring_text == right
