"""A linter's manners, through the real command line on small real packages.

Nothing cut at any width, colour as NO_COLOR/FORCE_COLOR/--color say, one
line per finding, counts per rule, the format taken from --output's
extension, rule selection, all-Chinese messages, waivers that match nothing,
a reviewable baseline, annotations inside the package, TOML dates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Outcome
from tests.samples import write_docx_materials
from validator.cli import pair_outputs, use_color
from validator.config import load_config
from validator.errors import UsageError

AS_OF = "2026-06-01"
ANSI = re.compile(r"\x1b\[")
# A message longer than any terminal line: it must wrap, never end in "…".
LONG_NAME = "北京" + "云栈" * 30 + "科技有限公司"


def package(folder: Path, items: list[str], extra: str = "") -> Path:
    """A package of DOCX files (read without OCR) holding ``items``, with a config."""
    write_docx_materials(folder, items)
    (folder / ".material-validator.yaml").write_text(f"as_of: {AS_OF}\n{extra}", "utf-8")
    return folder


def check(cli: Callable[..., Outcome], folder: Path, tmp: Path, *extra: str) -> Outcome:
    return cli("check", str(folder), "--cache-dir", str(tmp / "cache"), "--quiet", *extra)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Four materials: the others are missing-item findings, package-wide."""
    items = ["company.business_license", "business.technical_plan", "other.domain_certificate"]
    return package(tmp_path / "申请材料", [*items, "security.protection_plan"])


# --- 15.1 nothing cut, colour


@pytest.mark.parametrize("width", ["40", "80", "100"])
def test_piped_report_wraps_every_message_and_cuts_none(
    cli: Callable[..., Outcome], tmp_path: Path, width: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = package(tmp_path / "p", ["company.business_license"])
    name = folder / "营业执照.docx"
    document = docx.Document(str(name))
    document.add_paragraph(f"甲方 {LONG_NAME}")
    document.save(str(name))
    monkeypatch.setenv("COLUMNS", width)
    outcome = check(cli, folder, tmp_path, "--lang", "zh")
    assert "…" not in outcome.out
    # every hint survives whole, however narrow the page
    flat = "".join(outcome.out.split())
    assert "补充该材料，或检查文件名与内容是否能被识别（material-validatorextract文件）" in flat
    assert "material-vali…" not in outcome.out


def test_no_color_and_force_color_and_the_option() -> None:
    assert use_color("auto", {"NO_COLOR": "1"}, tty=True) is False
    assert use_color("auto", {"FORCE_COLOR": "1"}, tty=False) is True
    assert use_color("auto", {}, tty=True) is True
    assert use_color("auto", {}, tty=False) is False
    assert use_color("never", {"FORCE_COLOR": "1"}, tty=True) is False
    assert use_color("always", {"NO_COLOR": "1"}, tty=False) is True


def test_force_color_colours_a_piped_report_and_no_color_does_not(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(check(cli, small, tmp_path).out)
    assert not ANSI.search(check(cli, small, tmp_path, "--color", "never").out)
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(check(cli, small, tmp_path).out)


# --- 15.2 concise, statistics, format from the extension


def test_concise_is_one_line_per_finding(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    report = tmp_path / "r.json"
    check(cli, small, tmp_path, "--output", str(report))
    findings = json.loads(report.read_text("utf-8"))["packages"][0]["findings"]
    lines = check(cli, small, tmp_path, "--format", "concise", "--lang", "en").out.splitlines()
    assert len(lines) == len(findings) + 1  # and the summary line
    pattern = re.compile(r"^\S.*?:(\d+:)? (error|warning|info) [a-z-]+ \S")
    assert all(pattern.match(line) for line in lines[:-1]), lines
    missing = [line for line in lines if " missing-item " in line]
    assert missing and all(
        line.startswith(f"{small}/.material-validator.yaml: ") for line in missing
    )


def test_statistics_count_findings_per_rule(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    report = tmp_path / "r.json"
    check(cli, small, tmp_path, "--output", str(report))
    findings = json.loads(report.read_text("utf-8"))["packages"][0]["findings"]
    missing = sum(1 for f in findings if f["rule"] == "missing-item")
    out = check(cli, small, tmp_path, "--statistics", "--lang", "en").out
    assert re.search(rf"^\s*{missing}\s+missing-item\s+Required material missing$", out, re.M)
    assert re.search(r"^1 package: \d+ errors?, \d+ warnings?, \d+ info$", out, re.M)


def test_output_takes_its_format_from_the_extension(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    report, page, sarif = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.sarif"
    outcome = check(cli, small, tmp_path, "--output", str(report), "--output", str(page),
                    "--output", str(sarif))  # fmt: skip
    assert outcome.out == ""
    assert json.loads(report.read_text("utf-8"))["schema_version"] == 1
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(sarif.read_text("utf-8"))["version"] == "2.1.0"


def test_an_unknown_extension_or_a_mismatch_is_refused() -> None:
    with pytest.raises(UsageError, match="cannot tell the format"):
        pair_outputs((), ("report.txt",))
    with pytest.raises(UsageError, match="named for json"):
        pair_outputs(("terminal",), ("x.json",))
    assert pair_outputs(("json", "terminal"), ("x.json",)) == [
        ("json", "x.json"),
        ("terminal", "-"),
    ]
    assert pair_outputs((), ()) == [("terminal", "-")]


def test_help_explains_every_option_and_the_format_output_pairing(
    cli: Callable[..., Outcome],
) -> None:
    for command in ("check", "pre-commit", "explain", "extract", "init", "manifests"):
        text = cli(command, "--help").out
        options = re.findall(r"^\s+(--[a-z-]+)(.*)$", text, re.M)
        assert options, command
        for option, rest in options:
            assert rest.strip(), f"{command} {option} has no help text"
    help_text = " ".join(cli("check", "--help").out.split())
    assert "takes the format from its extension" in help_text


# --- 15.3 rule selection


def test_select_and_ignore_choose_the_rules(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    everything = check(cli, small, tmp_path, "--format", "concise").out
    assert " missing-item " in everything
    only = check(cli, small, tmp_path, "--format", "concise", "--select", "missing-item").out
    rules = {line.split()[2] for line in only.splitlines()[:-1]}
    assert rules == {"missing-item"}
    without = check(cli, small, tmp_path, "--format", "concise", "--ignore", "missing-item").out
    assert " missing-item " not in without


def test_a_mistyped_rule_on_the_command_line_suggests_the_right_one(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    outcome = check(cli, small, tmp_path, "--select", "missing-itme")
    assert outcome.code == 2
    assert "did you mean 'missing-item'?" in outcome.err


def test_config_select_ignore_and_exclude(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    config = folder / ".material-validator.yaml"
    config.write_text("select: [missing-item]\nignore: [unmatched-document]\nexclude: [草稿/**]\n")
    loaded = load_config(config)
    assert (loaded.select, loaded.ignore, loaded.exclude) == (
        ("missing-item",),
        ("unmatched-document",),
        ("草稿/**",),
    )
    config.write_text("ignore: ['草稿/**']\n")  # the old meaning: file globs
    old = load_config(config)
    assert old.exclude == ("草稿/**",) and old.ignore == ()
    assert old.deprecations == ("config.ignore-globs",)


def test_a_mistyped_rule_in_the_config_ignore_is_refused_not_read_as_globs(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    folder = package(
        tmp_path / "p", ["company.business_license"], "ignore: [missing-seal, expird]\n"
    )
    loaded = load_config(folder / ".material-validator.yaml")
    assert (loaded.ignore, loaded.exclude) == (("missing-seal", "expird"), ())
    outcome = check(cli, folder, tmp_path)
    assert outcome.code == 2
    assert "expird" in outcome.err and "expired" in outcome.err  # did you mean …


def test_the_old_ignore_key_still_excludes_files_with_a_deprecation_note(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    folder = package(tmp_path / "p", ["company.business_license"], "ignore: ['草稿*']\n")
    stray = docx.Document()
    stray.add_paragraph("随便写写")
    stray.save(str(folder / "草稿.docx"))
    outcome = check(cli, folder, tmp_path, "--lang", "en")
    assert "草稿.docx" not in outcome.out
    assert "file globs belong under 'exclude'" in " ".join(outcome.out.split())


# --- 15.4 all Chinese


def test_the_chinese_report_holds_no_internal_ids_nor_english_library_errors(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    folder = package(tmp_path / "p", ["company.business_license"], "facts: {scope: provincial}\n")
    (folder / "损坏的扫描件.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    (folder / "说明.pdf").write_bytes(b"\x00\x01\x02 not a document at all " * 20)
    report = tmp_path / "r.json"
    outcome = check(cli, folder, tmp_path, "--format", "terminal", "--format", "json",
                    "--output", "-", "--output", str(report))  # fmt: skip
    text = outcome.out
    for word in ("archive_query", "both_parties", "applicant", "provincial", "company: "):
        assert word not in text, word
    for english in ("Error", "error:", "PDFium", "password", "not a PDF", "Failed", "startxref"):
        assert english not in text, english
    findings = json.loads(report.read_text("utf-8"))["packages"][0]["findings"]
    unreadable = [f for f in findings if f["rule"] == "unreadable-document"]
    assert len(unreadable) == 2
    assert all(f["args"]["detail"] for f in unreadable)  # the reader's words stay in the JSON
    assert all(f["args"]["detail"] not in text for f in unreadable)


def test_explain_speaks_the_chosen_language(cli: Callable[..., Outcome]) -> None:
    zh = cli("explain", "missing-seal").out
    assert "默认级别：错误" in zh and "``" not in zh
    en = cli("explain", "missing-seal", "--lang", "en").out
    assert "Default severity: error" in en and "``" not in en
    assert "company.business_license" in en  # its example, rendered


# --- 15.5 waivers and baselines


def test_waivers_that_match_nothing_are_reported(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    waivers = (
        "waivers:\n"
        "  - {rule: missing-item, item: company.artciles, reason: 补办中}\n"
        "  - {rule: missing-item, path: '没有的文件.pdf', reason: x}\n"
        "  - {rule: expired, reason: 不会用到}\n"
    )
    folder = package(tmp_path / "p", ["company.business_license"], waivers)
    out = " ".join(check(cli, folder, tmp_path, "--lang", "en").out.split())  # as wrapped
    assert "Waiver 1 (missing-item) names item 'company.artciles'" in out
    assert "did you mean 'company.articles'?" in out
    assert "Waiver 2 (missing-item) has path '没有的文件.pdf', which matches no file" in out
    assert "Waiver 3 (expired) waived no finding in this run" in out
    err = check(cli, folder, tmp_path, "--format", "json", "--lang", "en").err
    assert "company.artciles" in err  # machine formats: the note goes to stderr


def test_the_baseline_lists_what_each_fingerprint_stands_for_and_the_config_names_it(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    assert check(cli, small, tmp_path, "--write-baseline", str(baseline)).code == 1
    written = json.loads(baseline.read_text("utf-8"))
    first = written["findings"][0]
    assert set(first) == {"fingerprint", "rule", "item", "path", "page", "message"}
    assert written["fingerprints"] == [entry["fingerprint"] for entry in written["findings"]]
    config = small / ".material-validator.yaml"
    config.write_text(f"as_of: {AS_OF}\nbaseline: {baseline}\n", "utf-8")
    assert check(cli, small, tmp_path).code == 0


# --- 15.6 annotations inside the package


def test_annotations_of_package_findings_point_into_the_package(
    cli: Callable[..., Outcome], small: Path, tmp_path: Path
) -> None:
    github = check(cli, small, tmp_path, "--format", "github").out
    files = set(re.findall(r"file=([^,]+),", github))
    assert files and all(name.startswith(str(small)) for name in files)
    assert "manifests" not in github
    sarif = tmp_path / "r.sarif"
    check(cli, small, tmp_path, "--output", str(sarif))
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]
        for location in result["locations"]
    }
    assert not any("icp.yaml" in uri for uri in uris)


# --- 15.10 pyproject.toml with native TOML dates


def test_pyproject_config_accepts_toml_dates(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.material-validator]\nas_of = 2026-06-01\n"
        "[[tool.material-validator.waivers]]\nrule = 'expired'\nreason = '续期中'\n"
        "expires = 2026-12-31\n",
        "utf-8",
    )
    config = load_config(pyproject)
    assert str(config.as_of) == "2026-06-01"
    assert str(config.waivers[0].expires) == "2026-12-31"


def test_config_errors_point_at_help_the_installed_tool_has(
    cli: Callable[..., Outcome], tmp_path: Path
) -> None:
    folder = package(tmp_path / "p", ["company.business_license"], "colour: red\n")
    outcome = check(cli, folder, tmp_path)
    assert outcome.code == 2
    assert "docs/" not in outcome.err
    assert "material-validator config-help" in outcome.err
    assert "exclude:" in cli("config-help").out
