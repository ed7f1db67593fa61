"""The pre-commit hook: which packages changed files belong to, the command, and pre-commit itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import docx
import platformdirs
import pytest
from pre_commit.clientlib import load_manifest

from tests.conftest import Outcome
from validator.config import CONFIG_NAME
from validator.hook import package_roots

PROJECT = Path(__file__).resolve().parents[1]
AS_OF = "2026-06-01"

# A checklist of two materials, so that a package can be made complete with two small files.
MINI_MANIFEST = """\
id: mini
version: 1
title: {zh: 两项材料, en: Two materials}
provenance: {source: test, date: "2026-01"}
categories:
  - id: plans
    title: {zh: 方案, en: Plans}
    items:
      - id: security.protection_plan
        title: {zh: 网络安全防护方案, en: Network security protection plan}
        required: true
        match:
          filename: ['防护方案']
          content: [{text: 网络安全防护方案, weight: 3}]
      - id: business.development_report
        title: {zh: 业务发展报告, en: Business development report}
        required: true
        match:
          filename: ['业务发展报告']
          content: [{text: 业务发展报告, weight: 3}]
"""
# Word files are read from their XML: no OCR, so these tests stay fast.
PLAN = ("网络安全防护方案.docx", "网络安全防护方案", "本方案说明防火墙、入侵检测与数据加密措施。")
REPORT = ("业务发展报告.docx", "业务发展报告", "本报告说明业务模式、服务内容与发展规划。")


# --- helpers


def touch(top: Path, *names: str) -> list[Path]:
    """Create empty files under ``top``; return their paths relative to it, as pre-commit gives them."""
    for name in names:
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).touch()
    return [Path(name) for name in names]


def configure(folder: Path) -> Path:
    """Make ``folder`` a package root by giving it a config."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG_NAME).write_text("manifest: icp\n", encoding="utf-8")
    return folder


def write_docx(folder: Path, material: tuple[str, str, str]) -> Path:
    name, title, body = material
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(body)
    document.save(str(folder / name))
    return folder / name


def make_package(folder: Path, manifest: Path) -> None:
    """A package judged against the two-item checklist, holding only the protection plan."""
    folder.mkdir(parents=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(MINI_MANIFEST, encoding="utf-8")
    # An absolute path: this test does not depend on which folder a relative one is read from.
    (folder / CONFIG_NAME).write_text(
        f"manifest: {json.dumps(str(manifest))}\nas_of: {AS_OF}\n", encoding="utf-8"
    )
    write_docx(folder, PLAN)


# --- package_roots


def test_each_file_belongs_to_the_nearest_folder_with_a_config(tmp_path: Path) -> None:
    configure(tmp_path / "客户" / "甲")
    configure(tmp_path / "客户" / "甲" / "补充材料")
    configure(tmp_path / "客户" / "乙")
    files = touch(
        tmp_path,
        "客户/甲/营业执照.pdf",
        "客户/甲/人员/简历.docx",
        "客户/甲/补充材料/章程.pdf",
        "客户/乙/.material-validator.yaml",
    )
    assert package_roots(files, None, tmp_path) == sorted(
        [Path("客户/甲"), Path("客户/甲/补充材料"), Path("客户/乙")]
    )


def test_files_in_no_package_are_ignored(tmp_path: Path) -> None:
    configure(tmp_path / "申请材料")
    files = touch(tmp_path, "notes/会议纪要.pdf", "扫描件.jpg")
    assert package_roots(files, None, tmp_path) == []


def test_root_option_takes_files_with_no_config_above_them(tmp_path: Path) -> None:
    configure(tmp_path / "申请材料" / "分公司")
    files = touch(
        tmp_path,
        "申请材料/营业执照.pdf",
        "申请材料/人员/简历.docx",
        "申请材料/分公司/营业执照.pdf",
        "其他/扫描件.jpg",
    )
    roots = package_roots(files, Path("申请材料"), tmp_path)
    assert roots == [Path("申请材料"), Path("申请材料/分公司")]


def test_a_config_above_the_root_option_applies_but_does_not_widen_the_package(
    tmp_path: Path,
) -> None:
    configure(tmp_path)
    files = touch(tmp_path, "申请材料/营业执照.pdf")
    assert package_roots(files, Path("申请材料"), tmp_path) == [Path("申请材料")]
    # Without --root the repository's own config makes the whole repository the package.
    assert package_roots(files, None, tmp_path) == [Path()]


def test_a_config_above_the_repository_is_never_used(tmp_path: Path) -> None:
    configure(tmp_path)
    repository = tmp_path / "repo"
    files = touch(repository, "材料/营业执照.pdf")
    assert package_roots(files, None, repository) == []


def test_spellings_of_one_folder_give_one_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(tmp_path / "申请材料")
    touch(tmp_path, "申请材料/a.pdf", "申请材料/b.pdf", "申请材料/sub/c.pdf")
    (tmp_path / "别名").symlink_to(tmp_path / "申请材料")
    monkeypatch.chdir(tmp_path)
    files = [
        Path("申请材料/a.pdf"),
        tmp_path / "申请材料" / "b.pdf",
        Path("申请材料/sub/../b.pdf"),
        Path("别名/sub/c.pdf"),
    ]
    assert package_roots(files, None) == [Path("申请材料")]


def test_a_root_outside_the_repository_is_shown_absolute(tmp_path: Path) -> None:
    outside = tmp_path / "共享盘" / "申请材料"
    touch(tmp_path, "共享盘/申请材料/营业执照.pdf")
    roots = package_roots([outside / "营业执照.pdf"], outside, tmp_path / "repo")
    assert roots == [outside.resolve()]


# --- the declared hook


def test_declared_hook_is_valid_and_selects_documents_and_the_config() -> None:
    (hook,) = load_manifest(str(PROJECT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "material-validator"
    assert hook["entry"] == "material-validator pre-commit"
    assert hook["require_serial"] and hook["pass_filenames"]
    selected = re.compile(hook["files"])
    for name in (
        "申请材料/营业执照.PDF",
        "申请材料/法人身份证.jpeg",
        "技术方案.docx",
        "扫描/简历.TIF",
        "申请材料/.material-validator.yaml",
        ".material-validator.yaml",
    ):
        assert selected.search(name), name
    for name in ("README.md", "清单/mini.yaml", "a.material-validator.yaml", "章程.pdf.txt"):
        assert not selected.search(name), name


# --- the command


def test_command_checks_the_whole_package_of_a_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    make_package(tmp_path / "申请材料", tmp_path / "清单" / "mini.yaml")
    monkeypatch.chdir(tmp_path)
    failed = cli("pre-commit", "--no-cache", "--lang", "en", "申请材料/网络安全防护方案.docx")
    assert failed.code == 1
    assert "Required material missing: Business development report" in failed.out
    write_docx(tmp_path / "申请材料", REPORT)
    passed = cli("pre-commit", "--no-cache", "--lang", "en", "申请材料/业务发展报告.docx")
    assert passed.code == 0, passed.out
    assert "1 package: 0 errors" in passed.out


def test_command_is_concise_with_the_commits_files_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    make_package(tmp_path / "申请材料", tmp_path / "清单" / "mini.yaml")
    stray = docx.Document()
    stray.add_paragraph("会议纪要")
    stray.save(str(tmp_path / "申请材料" / "纪要.docx"))
    monkeypatch.chdir(tmp_path)
    outcome = cli("pre-commit", "--no-cache", "--lang", "en", "申请材料/纪要.docx")
    lines = outcome.out.splitlines()
    assert lines[0] == "Findings in the files of this commit:"
    assert lines[1].startswith("申请材料/纪要.docx: info unmatched-document ")
    assert lines[2] == "Findings elsewhere in the package (it is checked whole):"
    assert "missing-item" in lines[3]
    assert "Checklist" not in outcome.out and "Applicant" not in outcome.out
    verbose = cli("pre-commit", "--no-cache", "--lang", "en", "--verbose", "申请材料/纪要.docx")
    assert "Checklist" in verbose.out and "Applicant" in verbose.out


def test_command_checks_several_packages_in_one_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    make_package(tmp_path / "甲公司", tmp_path / "清单" / "mini.yaml")
    make_package(tmp_path / "乙公司", tmp_path / "清单" / "mini.yaml")
    monkeypatch.chdir(tmp_path)
    outcome = cli(
        "pre-commit",
        "--no-cache",
        "--lang",
        "en",
        "甲公司/网络安全防护方案.docx",
        "乙公司/网络安全防护方案.docx",
        "甲公司/.material-validator.yaml",
    )
    assert outcome.code == 1
    assert "2 packages: 2 errors" in outcome.out


def test_command_options_reach_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    make_package(tmp_path / "申请材料", tmp_path / "清单" / "mini.yaml")
    monkeypatch.chdir(tmp_path)
    changed = "申请材料/网络安全防护方案.docx"
    assert cli("pre-commit", "--no-cache", "--fail-on", "never", changed).code == 0
    chinese = cli("pre-commit", "--no-cache", changed)
    assert "缺少必需材料：业务发展报告" in chinese.out
    full = cli("pre-commit", "--no-cache", "--lang", "en", "--manifest", "icp", changed)
    assert "Required material missing: Business licence (copy)" in full.out


def test_command_with_root_option_checks_a_package_without_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    folder = tmp_path / "申请材料"
    folder.mkdir()
    write_docx(folder, PLAN)
    monkeypatch.chdir(tmp_path)
    ignored = cli("pre-commit", "--no-cache", "--lang", "en", "申请材料/网络安全防护方案.docx")
    assert ignored.code == 0
    assert "No changed file belongs to a package" in ignored.out
    args = ("pre-commit", "--no-cache", "--lang", "en", "--root", "申请材料")
    checked = cli(*args, "申请材料/网络安全防护方案.docx")
    assert checked.code == 1  # the built-in icp checklist: most materials are missing
    assert "Required material missing: Business licence (copy)" in checked.out


def test_command_refuses_a_root_option_that_is_not_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Outcome]
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = cli("pre-commit", "--root", "申请材料", "申请材料/营业执照.pdf")
    assert outcome.code == 2
    assert "申请材料" in outcome.err
    assert "Traceback" not in outcome.err


# --- pre-commit itself


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def snapshot_of_project(target: Path) -> str:
    """This working tree as a one-commit repository; returns the commit.

    ``try-repo`` on a working tree with changes clones HEAD and adds the
    changes to tracked files, but not new, untracked ones; a snapshot of
    every file git does not ignore tests the code as it is on disk.
    """
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=PROJECT)
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target).strip()


def try_repo(project: Path, commit: str, files: list[str], cwd: Path, home: Path) -> Outcome:
    """``pre-commit try-repo`` of the hook on ``files``, as a user would try it."""
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        # The extraction cache of the hook goes to the test's folder, not the user's;
        # pip keeps its download cache so that building the hook's environment reuses it.
        "XDG_CACHE_HOME": str(home / "cache"),
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", platformdirs.user_cache_dir("pip")),
        "NO_COLOR": "1",
    }
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(project), "material-validator"]
    done = subprocess.run(
        [*command, "--ref", commit, "--files", *files],
        check=False,
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


@pytest.mark.slow
def test_pre_commit_try_repo_fails_until_the_package_is_complete(tmp_path: Path) -> None:
    project = tmp_path / "material-validator"
    commit = snapshot_of_project(project)
    repository = tmp_path / "company"
    make_package(repository / "申请材料", repository / "清单" / "mini.yaml")
    (repository / "README.md").write_text("申请材料\n", encoding="utf-8")
    git("init", "-q", cwd=repository)
    git("add", "-A", cwd=repository)

    started = time.monotonic()
    changed = ["申请材料/网络安全防护方案.docx", "申请材料/.material-validator.yaml", "README.md"]
    failed = try_repo(project, commit, changed, repository, tmp_path)
    print(f"try-repo (failing package): {time.monotonic() - started:.1f} s")
    assert failed.code == 1, failed.out + failed.err
    assert "material-validator" in failed.out and "Failed" in failed.out
    assert "missing-item" in failed.out and "缺少必需材料：业务发展报告" in failed.out

    write_docx(repository / "申请材料", REPORT)
    git("add", "-A", cwd=repository)
    started = time.monotonic()
    passed = try_repo(project, commit, ["申请材料/业务发展报告.docx"], repository, tmp_path)
    print(f"try-repo (complete package): {time.monotonic() - started:.1f} s")
    assert passed.code == 0, passed.out + passed.err
    assert "Passed" in passed.out
