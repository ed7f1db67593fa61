from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from validator.config import CONFIG_NAME, find_config, load_config
from validator.errors import ConfigError
from validator.model import Severity


def test_config_found_in_folder_or_parents_and_pyproject(tmp_path: Path) -> None:
    package = tmp_path / "repo" / "pkg" / "sub"
    package.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()  # parents count up to the git top-level
    assert find_config(package) is None
    (tmp_path / "repo" / "pyproject.toml").write_text(
        '[tool.material-validator]\nmanifest = "icp-full"\n', encoding="utf-8"
    )
    assert find_config(package) == tmp_path / "repo" / "pyproject.toml"
    assert load_config(find_config(package)).manifest == "icp-full"
    (tmp_path / "repo" / "pkg" / CONFIG_NAME).write_text("lang: en\n", encoding="utf-8")
    assert find_config(package) == tmp_path / "repo" / "pkg" / CONFIG_NAME


def test_full_config_loads(tmp_path: Path) -> None:
    path = tmp_path / CONFIG_NAME
    path.write_text(
        "manifest: icp\nas_of: 2026-06-01\nlang: en\nfail_on: warning\n"
        "ignore: ['草稿/**']\nfacts: {scope: cross_regional, has_corporate_shareholders: false}\n"
        "ocr: {dpi: 300, psm: 4, lang: chi_sim}\nlimits: {max_pages: 50}\n"
        "rules: {missing-topic: off, unmatched-document: warning,"
        " expiring-soon: {severity: error, options: {days: 90}}}\n"
        "waivers:\n  - {rule: missing-seal, item: company.articles, reason: 补盖中, expires: 2026-07-01}\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.as_of == dt.date(2026, 6, 1)
    assert config.facts["scope"] == "cross_regional"
    assert config.rules["missing-topic"].off
    assert config.rules["unmatched-document"].severity is Severity.WARNING
    assert config.rules["expiring-soon"].options == {"days": 90}
    assert config.waivers[0].expires == dt.date(2026, 7, 1)
    assert config.exclude == ("草稿/**",)  # the old key's file globs, read as exclude
    assert config.deprecations == ("config.ignore-globs",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("langauge: en\n", "'langauge' was unexpected"),
        ("as_of: 2026-13-01\n", "as_of"),
        ("ocr: {dpi: many}\n", "ocr.dpi"),
        ("waivers: [{rule: missing-item}]\n", "'reason' is a required property"),
        ("- a list\n", "mapping"),
        ("rules: {missing-item: loud}\n", "rules.missing-item"),
        # A worker maps some 600 MB (OCR engines, OpenCV) before it reads a file.
        ("limits: {memory_mb: 512}\n", "limits.memory_mb"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert expected in raised.value.message
    assert raised.value.exit_code == 2
