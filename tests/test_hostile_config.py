"""A hostile folder cannot switch the checks off (real command, real folders).

A folder of broken files fails the run. A config inside it may still change
what is checked, but within the tool's ceilings, with the report saying what
it switched off, and ``--isolated`` ignores it; a config in a folder above
the package (outside any git work tree shared with it) is not read at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Outcome
from validator.config import CONFIG_NAME
from validator.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from validator.rules import RULES

AS_OF = "2026-06-01"
SWITCH_OFF = "fail_on: never\nrules:\n" + "".join(f"  {rule}: off\n" for rule in sorted(RULES))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A package of files that cannot be read: every check fails it."""
    folder = tmp_path / "uploads" / "package"
    folder.mkdir(parents=True)
    (folder / "营业执照.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF")
    (folder / "申请表.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


def _check(cli: Callable[..., Outcome], folder: Path, *extra: str) -> Outcome:
    return cli("check", str(folder), "--as-of", AS_OF, "--ocr", "never", "--no-cache", *extra)


def test_a_config_above_the_package_is_not_read(broken: Path, cli: Callable[..., Outcome]) -> None:
    (broken.parent / CONFIG_NAME).write_text("ignore: ['**']\nfail_on: never\n", "utf-8")
    outcome = _check(cli, broken)
    assert outcome.code == EXIT_FINDINGS, outcome.out
    assert "unreadable-document" in outcome.out


def test_a_parent_config_in_the_same_git_work_tree_still_counts(
    broken: Path, cli: Callable[..., Outcome]
) -> None:
    """An agency repository with one config at its top keeps working."""
    (broken.parent / ".git").mkdir()
    (broken.parent / CONFIG_NAME).write_text("fail_on: never\n", "utf-8")
    assert _check(cli, broken).code == EXIT_OK


def test_limits_beyond_the_ceilings_are_refused(broken: Path, cli: Callable[..., Outcome]) -> None:
    (broken / CONFIG_NAME).write_text(
        "limits: {max_file_mb: 256000, file_timeout_s: 300000, memory_mb: 2048000}\n", "utf-8"
    )
    outcome = _check(cli, broken)
    assert outcome.code == EXIT_USAGE
    assert "is greater than the maximum" in outcome.err


def test_the_report_says_which_config_switched_what_off(
    broken: Path, tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    (broken / CONFIG_NAME).write_text(SWITCH_OFF + "exclude: ['*.pdf']\n", "utf-8")
    report = tmp_path / "report.json"
    outcome = _check(cli, broken, "--format", "terminal", "--format", "json",
                     "--output", "-", "--output", str(report), "--lang", "en")  # fmt: skip
    assert outcome.code == EXIT_OK  # the package's config may do this ...
    assert f"Config: {CONFIG_NAME}" in outcome.out  # ... but the report says so
    assert "Rules the config switched off: " in outcome.out
    assert "The config fails the run on: never" in outcome.out
    config = json.loads(report.read_text("utf-8"))["packages"][0]["config"]
    assert config["path"] == CONFIG_NAME
    assert config["rules_off"] == sorted(RULES)
    assert (config["fail_on"], config["exclude"], config["isolated"]) == ("never", ["*.pdf"], False)


def test_isolated_ignores_every_config_file(
    broken: Path, tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    (broken / CONFIG_NAME).write_text(SWITCH_OFF, "utf-8")
    report = tmp_path / "report.json"
    outcome = _check(cli, broken, "--isolated", "--format", "json", "--output", str(report))
    assert outcome.code == EXIT_FINDINGS
    config = json.loads(report.read_text("utf-8"))["packages"][0]["config"]
    assert (config["path"], config["isolated"], config["rules_off"]) == (None, True, [])


def test_isolated_and_an_explicit_config_do_not_mix(
    broken: Path, tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    (tmp_path / "mine.yaml").write_text("lang: en\n", "utf-8")
    outcome = _check(cli, broken, "--isolated", "--config", str(tmp_path / "mine.yaml"))
    assert outcome.code == EXIT_USAGE
    assert "--isolated ignores every config file" in outcome.err
