"""A place OCR misread at the front of a name, put right by the page's own spelling."""

from __future__ import annotations

from validator.facts.places import place_names, settle_places


def test_the_divisions_are_known() -> None:
    assert {"白云区", "广州市", "海淀区", "广东省"} <= place_names()


def test_a_misread_place_is_spelt_as_the_address_prints_it() -> None:
    page = "字号名称广州市自云区太和松菱电器厂\n经营场所广州市白云区太和镇太和南路80号"
    assert settle_places("广州市自云区太和松菱电器厂", page) == "广州市白云区太和松菱电器厂"


def test_a_place_the_page_does_not_print_is_left_as_read() -> None:
    page = "字号名称广州市自云区太和松菱电器厂\n经营场所太和镇太和南路80号"
    assert settle_places("广州市自云区太和松菱电器厂", page) == "广州市自云区太和松菱电器厂"


def test_a_known_place_is_never_changed() -> None:
    # 白云区 is a place, so the address's 自云区 (a misreading there) changes nothing.
    page = "名称广州市白云区太和松菱电器厂\n住所广州市自云区太和镇"
    assert settle_places("广州市白云区太和松菱电器厂", page) == "广州市白云区太和松菱电器厂"
