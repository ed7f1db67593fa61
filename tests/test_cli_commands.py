"""The commands besides ``check``'s reports: manifests, explain, init, cache, and user errors.

Most tests run the console entry point in this process (``main()``, with its
one error handler); those about missing programs run the installed script in
a subprocess with a changed environment, as a user would meet them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw

from tests.conftest import Outcome
from validator.cli import starter_config
from validator.config import CONFIG_NAME, load_config
from validator.rules import RULES

# The installed console script, next to the interpreter running the tests.
SCRIPT = Path(sys.executable).parent / "material-validator"


def run_script(command: list[str], environment: dict[str, str], cwd: Path) -> Outcome:
    done = subprocess.run(
        command, check=False, env=environment, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def word_package(folder: Path) -> Path:
    """A package of one Word file: read without OCR."""
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_heading("网络安全防护方案", level=1)
    document.add_paragraph("本方案说明防火墙、入侵检测与数据加密措施。")
    document.save(str(folder / "网络安全防护方案.docx"))
    return folder


def scanned_package(folder: Path) -> Path:
    """A package of one small scan: it can only be read by OCR."""
    folder.mkdir(parents=True, exist_ok=True)
    page = Image.new("L", (620, 300), 255)
    ImageDraw.Draw(page).rectangle((40, 40, 580, 80), fill=0)
    page.save(folder / "营业执照.png")
    return folder


# --- manifests


def test_manifests_lists_the_builtin_manifests() -> None:
    done = run_script([str(SCRIPT), "manifests"], dict(os.environ), Path.cwd())
    assert done.code == 0, done.err
    listed = {line.split()[0] for line in done.out.splitlines() if line.strip()}
    assert {"icp", "icp-full"} <= listed


# --- explain


def test_explain_prints_the_rule_in_the_chosen_language(cli: Callable[..., Outcome]) -> None:
    zh = cli("explain", "missing-item")
    assert zh.code == 0
    assert zh.out.startswith("missing-item — 缺少必需材料\n")
    assert "清单要求的材料在材料包中找不到对应文件" in zh.out
    en = cli("explain", "missing-item", "--lang", "en")
    assert en.out.startswith("missing-item — Required material missing\n")
    # the docstring follows, its ``literals`` rendered as plain text
    assert "missing-item: a required material has no matching document." in en.out
    assert "``" not in en.out


def test_explain_without_a_rule_lists_every_rule(cli: Callable[..., Outcome]) -> None:
    outcome = cli("explain", "--lang", "en")
    assert outcome.code == 0
    listed = [line.split()[0] for line in outcome.out.splitlines() if line.strip()]
    assert listed == list(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_documents_itself_with_a_passing_and_a_failing_example(rule_id: str) -> None:
    doc = (RULES[rule_id].__doc__ or "").strip()
    assert doc.startswith(f"{rule_id}: "), "the docstring opens with the rule id and a summary"
    assert re.search(r"^Options:", doc, re.MULTILINE), "the docstring names the options"
    assert re.search(r"^Passes: \S", doc, re.MULTILINE), "a passing example"
    assert re.search(r"^Fails: \S", doc, re.MULTILINE), "a failing example"


def test_explain_unknown_rule_is_a_usage_error(cli: Callable[..., Outcome]) -> None:
    outcome = cli("explain", "no-such-rule")
    assert outcome.code == 2
    assert "no-such-rule" in outcome.err
    assert "Traceback" not in outcome.err + outcome.out


# --- init


def test_init_writes_a_config_that_loads_and_never_overwrites_silently(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    config = tmp_path / CONFIG_NAME
    assert cli("init", str(tmp_path)).code == 0
    assert config.read_text("utf-8") == starter_config()
    assert load_config(config).manifest == "icp"

    config.write_text("lang: en\n", encoding="utf-8")
    refused = cli("init", str(tmp_path))
    assert refused.code == 2
    assert "--force" in refused.err
    assert config.read_text("utf-8") == "lang: en\n"

    assert cli("init", "--force", str(tmp_path)).code == 0
    assert config.read_text("utf-8") == starter_config()


# --- check: user errors


def test_check_with_an_invalid_manifest_names_the_yaml_path(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    manifest = tmp_path / "bad.yaml"
    manifest.write_text(
        "id: bad\nversion: 1\ntitle: {zh: 坏清单, en: Bad}\n"
        "provenance: {source: test, date: '2026-01'}\n"
        "categories:\n"
        "  - id: c\n    title: {zh: 类, en: C}\n    items:\n"
        "      - id: c.x\n        title: {zh: 甲, en: A}\n        required: true\n"
        "        match: {filename: [甲]}\n        validity: {max_age_days: x}\n",
        encoding="utf-8",
    )
    package = word_package(tmp_path / "申请材料")
    outcome = cli("check", str(package), "--manifest", str(manifest), "--no-cache")
    assert outcome.code == 2
    assert "categories[0].items[0].validity.max_age_days" in outcome.err
    assert "Traceback" not in outcome.err


def test_check_with_an_unknown_config_key_names_the_key(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    package = word_package(tmp_path / "申请材料")
    (package / CONFIG_NAME).write_text("manifest: icp\nfail_of: warning\n", encoding="utf-8")
    outcome = cli("check", str(package), "--no-cache")
    assert outcome.code == 2
    assert "fail_of" in outcome.err
    assert "Traceback" not in outcome.err


def test_check_refuses_to_write_a_report_inside_the_checked_folder(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    package = word_package(tmp_path / "申请材料")
    before = sorted(package.rglob("*"))
    target = package / "报告" / "report.json"
    outcome = cli("check", str(package), "--format", "json", "--output", str(target))
    assert outcome.code == 2
    assert "inside the checked folder" in outcome.err
    assert sorted(package.rglob("*")) == before


# --- cache


def test_cache_info_and_clear_work_on_the_given_folder(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    cache = tmp_path / "cache"
    package = word_package(tmp_path / "申请材料")
    empty = cli("cache", "info", "--cache-dir", str(cache))
    assert empty.code == 0
    assert empty.out.splitlines()[0] == str(cache)
    assert "0 documents" in empty.out

    checked = cli("check", str(package), "--cache-dir", str(cache), "--fail-on", "never")
    assert checked.code == 0
    assert "1 documents" in cli("cache", "info", "--cache-dir", str(cache)).out

    cleared = cli("cache", "clear", "--cache-dir", str(cache))
    assert cleared.code == 0
    assert f"removed 1 cached documents from {cache}" in cleared.out
    assert "0 documents" in cli("cache", "info", "--cache-dir", str(cache)).out


# --- missing dependencies (exit 3 with an install hint)


def test_missing_chi_sim_data_exits_3_with_the_install_command(tmp_path: Path) -> None:
    package = scanned_package(tmp_path / "申请材料")
    empty_tessdata = tmp_path / "tessdata"
    empty_tessdata.mkdir()
    environment = {**os.environ, "TESSDATA_PREFIX": str(empty_tessdata)}
    outcome = run_script([str(SCRIPT), "check", str(package), "--no-cache"], environment, tmp_path)
    assert outcome.code == 3, outcome.out + outcome.err
    assert "chi_sim" in outcome.err
    assert "tesseract-ocr-chi-sim" in outcome.err  # the hint names the package to install
    assert "Traceback" not in outcome.err


@pytest.mark.parametrize("entry", ["script", "module"])
def test_missing_tesseract_exits_3_with_the_install_command(entry: str, tmp_path: Path) -> None:
    package = scanned_package(tmp_path / "申请材料")
    bare_path = tmp_path / "bin"  # a PATH without tesseract
    bare_path.mkdir()
    environment = {**os.environ, "PATH": str(bare_path)}
    command = [str(SCRIPT)] if entry == "script" else [sys.executable, "-m", "validator"]
    outcome = run_script([*command, "check", str(package), "--no-cache"], environment, tmp_path)
    assert outcome.code == 3, outcome.out + outcome.err
    assert "Tesseract" in outcome.err
    assert "apt-get install tesseract-ocr" in outcome.err
    assert "Traceback" not in outcome.err


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    locked = tmp_path / "locked"
    locked.mkdir()
    # A path under a file cannot be created, even by root.
    (locked / "file").write_text("x", encoding="utf-8")
    target = locked / "file" / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "validator", "check", str(package), "--ocr", "never",
         "--format", "json", "--output", str(target), "--no-cache"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr


def test_check_on_an_empty_folder_gives_one_clear_error(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    folder = tmp_path / "申请材料"
    folder.mkdir()
    outcome = cli("check", str(folder), "--no-cache", "--format", "json", "--lang", "en")
    assert outcome.code == 1
    report = json.loads(outcome.out)
    findings = report["packages"][0]["findings"]
    assert [(f["rule"], f["severity"], f["message_id"]) for f in findings] == [
        ("missing-item", "error", "missing-item.no-materials")
    ]
    assert f"No application materials found in {folder}" in findings[0]["message"]
