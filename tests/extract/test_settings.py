"""Extraction settings: built from the config, and the cache key they yield."""

from __future__ import annotations

import pytest

from validator.errors import ConfigError
from validator.extract.settings import ExtractSettings, Limits, OcrSettings


def test_config_units_become_bytes_and_pixels() -> None:
    settings = ExtractSettings.from_config(
        ocr={"mode": "never", "dpi": 150, "lang": "chi_sim+eng", "psm": 4},
        limits={"max_file_mb": 1.5, "max_megapixels": 50, "max_uncompressed_mb": 2, "max_pages": 9},
    )
    assert settings.ocr == OcrSettings(lang="chi_sim+eng", dpi=150, psm=4, mode="never")
    assert settings.limits.max_file_bytes == 1_572_864
    assert settings.limits.max_pixels == 50_000_000
    assert settings.limits.max_uncompressed_bytes == 2 * 1024 * 1024
    assert settings.limits.max_pages == 9
    assert settings.limits.ocr_timeout_s == Limits().ocr_timeout_s


def test_empty_sections_give_the_defaults() -> None:
    assert ExtractSettings.from_config(ocr={}, limits={}) == ExtractSettings()


@pytest.mark.parametrize(
    ("ocr", "limits", "named"),
    [
        ({"dpi_x": 3}, {}, "ocr.dpi_x"),
        ({}, {"max_pixels": 3}, "limits.max_pixels"),
        ({}, {"max_pages": "many"}, "limits.max_pages"),
        ({"mode": "sometimes"}, {}, "sometimes"),
    ],
)
def test_config_mistakes_name_the_key(
    ocr: dict[str, object], limits: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        ExtractSettings.from_config(ocr=ocr, limits=limits)


def test_the_key_changes_with_what_changes_a_result() -> None:
    base = ExtractSettings().key()
    assert ExtractSettings().key() == base
    for changed in (
        ExtractSettings(ocr=OcrSettings(dpi=300)),
        ExtractSettings(ocr=OcrSettings(lang="chi_sim+eng")),
        ExtractSettings(ocr=OcrSettings(mode="never")),
        ExtractSettings(min_text_chars=5),
        ExtractSettings(limits=Limits(max_pages=3)),
    ):
        assert changed.key() != base


def test_the_key_ignores_timeouts_and_memory() -> None:
    relaxed = Limits(ocr_timeout_s=999, file_timeout_s=999, memory_mb=9999)
    assert ExtractSettings(limits=relaxed).key() == ExtractSettings().key()
