"""A seal's misread place put right from the page it is stamped on.

An authority's seal opens with its place (佛山市南海区工商行政管理局), and the
page under it prints that place again: the company's address, the register's
name. A ring reading whose opening place is no division's, one character
from a division the page prints (佛出市 beside 佛山市 in the address), is that
division's misreading (:func:`validator.facts.places.settle_places`).
"""

from __future__ import annotations

import dataclasses

from validator.facts.places import settle_places
from validator.model import Page


def with_settled_rings(page: Page) -> Page:
    """``page`` with each seal's ring reading settled against the page's text."""
    if not page.seals or not page.text:
        return page
    seals = tuple(
        dataclasses.replace(seal, ring_text=settle_places(seal.ring_text, page.text))
        if seal.ring_text
        else seal
        for seal in page.seals
    )
    return dataclasses.replace(page, seals=seals)
