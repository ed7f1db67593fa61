"""The HTML report: escaping, self-containment, thumbnails, and a real browser."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from validator.model import Result
from validator.report import ReportOptions, html

from .builders import SCRIPT, build_result

if TYPE_CHECKING:  # playwright is imported lazily: only the browser test needs it
    from playwright.sync_api import Page

pytestmark = pytest.mark.usefixtures("test_catalogue")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A 1x1 PNG, standing in for a thumbnail extraction will provide.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def render(lang: str = "en") -> str:
    return html.render(build_result(), ReportOptions(lang=lang))


def test_document_text_is_escaped() -> None:
    output = render()
    assert SCRIPT not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output


def test_self_contained() -> None:
    output = render()
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:)""", output)
    assert "@import" not in output
    assert "url(" not in output
    assert "default-src 'none'" in output


def test_fact_sheet_and_language() -> None:
    zh = render("zh")
    assert '<html lang="zh-CN">' in zh
    assert "统一社会信用代码" in zh
    assert "91110105MA01ABCD2X" in zh
    assert "经营性ICP许可证申请材料（icp 第1版）" in zh
    assert "工信部公布的申请材料清单，2024-05-01，北京" in zh


def _with_thumbnails(result: Result) -> Result:
    """Every page of every document carrying a thumbnail, as extraction makes them."""
    packages = tuple(
        replace(
            package,
            documents=tuple(
                replace(d, pages=tuple(replace(p, thumbnail=PIXEL) for p in d.pages))
                for d in package.documents
            ),
        )
        for package in result.packages
    )
    return replace(result, packages=packages)


def test_thumbnails_show_the_pages_of_seal_and_scan_findings() -> None:
    output = html.render(_with_thumbnails(build_result()), ReportOptions(lang="en"))
    # Three findings are about seals or scan quality; only they show their page.
    assert output.count('<img class="thumbnail"') == 3
    assert 'alt="Thumbnail of 汇编.pdf page 5"' in output
    assert f'src="{PIXEL}"' in output


def test_no_thumbnail_without_reference() -> None:
    assert "<img" not in render()


@pytest.mark.browser
def test_in_headless_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        # scripts/setup installs Chromium: a missing browser fails the suite,
        # unless a developer without one says so explicitly.
        if os.environ.get("MV_ALLOW_NO_BROWSER") != "1":
            pytest.fail(f"no Chromium at {CHROMIUM} (set CHROMIUM=path)")
        pytest.skip("no Chromium, MV_ALLOW_NO_BROWSER=1")
    report = tmp_path / "report.html"
    report.write_text(render(), encoding="utf-8")
    dialogs: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            check_page(page, sync_api.expect)
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert dialogs == []
    assert requests == [report.as_uri()]
    assert (tmp_path / "report.png").stat().st_size > 0


def check_page(page: Page, expect_: Any) -> None:
    """Checklist rows and findings visible; the severity filter hides warnings."""
    rows = page.locator("tr.item")
    expect_(rows).to_have_count(7)
    for index in range(7):
        expect_(rows.nth(index)).to_be_visible()
    expect_(page.locator('tr.item[data-item="funding.proof"] .status')).to_have_text("missing")
    evidence = page.locator('tr.finding[data-rule="missing-seal"] .evidence q')
    expect_(evidence).to_be_visible()
    expect_(evidence).to_have_text("乙方（盖章）" + SCRIPT)
    warnings = page.locator('tr.finding[data-severity="warning"]')
    expect_(warnings.first).to_be_visible()
    page.locator('#severity-filter input[value="warning"]').uncheck()
    for index in range(warnings.count()):
        expect_(warnings.nth(index)).to_be_hidden()
    expect_(page.locator('tr.finding[data-rule="missing-seal"]')).to_be_visible()
    expect_(page.get_by_role("heading", name="技术方案.docx")).to_be_hidden()  # only a warning
    page.locator('#severity-filter input[value="warning"]').check()
    expect_(warnings.first).to_be_visible()
