"""The HTML report: escaping, self-containment, thumbnails, and a real browser."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from validator.model import Region
from validator.report import ReportOptions, html

from .builders import PIXEL, SCRIPT, build_result

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


def render(lang: str = "en") -> str:
    return html.render(build_result(), ReportOptions(lang=lang))


def test_document_text_is_escaped() -> None:
    output = render()
    assert SCRIPT not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output


def test_self_contained() -> None:
    output = render()
    # only data: URIs and links to anchors of the report itself
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:|#)""", output)
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


def test_each_finding_with_a_region_shows_its_page_and_box() -> None:
    output = render()
    # Three findings carry a region (two seals, one poor scan); only they show a page.
    assert output.count('<img class="thumbnail"') == 3
    assert 'alt="Thumbnail of 汇编.pdf page 3"' in output
    assert f'src="{PIXEL}"' in output
    # the unreadable seal on p.3, bbox (100, 100, 400, 400) on a 1654 x 2339 page
    assert 'class="region region-seal" style="left:6.05%;top:4.28%;width:18.14%;height:12.83%"' in (
        output
    )
    assert output.count("region-seal-missing whole-page") == 1


def test_no_page_without_a_region() -> None:
    result = build_result()
    bare = replace(
        result,
        packages=tuple(
            replace(
                package,
                findings=tuple(
                    replace(f, finding=replace(f.finding, region=None)) for f in package.findings
                ),
            )
            for package in result.packages
        ),
    )
    assert "<img" not in html.render(bare, ReportOptions(lang="en"))


def test_box_style_is_relative_to_the_page() -> None:
    region = Region(1, "seal", (50, 25, 150, 75), (200, 100))
    assert html.box_style(region) == "left:25.0%;top:25.0%;width:50.0%;height:50.0%"
    assert html.box_style(Region(1, "page", None, (200, 100))) == ""
    assert html.box_style(Region(1, "seal", (0, 0, 5, 5), None)) == ""


def test_toc_links_and_audit_data() -> None:
    output = render()
    ids = set(re.findall(r'id="([^"]+)"', output))
    links = set(re.findall(r'href="#([^"]+)"', output))
    assert links and links <= ids  # every link of the contents, rows and findings lands
    assert {"p1-facts", "p1-checklist", "p1-findings", "p1-audit", "p2"} <= ids
    assert "a" * 64 in output and "e" * 64 in output  # each file's sha256
    assert "icp v1" in output and "material-validator 1.2.3" in output


def test_generation_time_is_the_one_given() -> None:
    output = html.render(
        build_result(), ReportOptions(lang="en", generated_at="2025-06-01T10:00:00+08:00")
    )
    assert "2025-06-01T10:00:00+08:00" in output


def test_an_undecided_conditional_item_shows_as_if_applicable() -> None:
    result = build_result()
    acme = result.packages[0]
    items = tuple(
        replace(s, status="missing", undecided=True) if s.item == "company.shareholders" else s
        for s in acme.items
    )
    output = html.render(
        replace(result, packages=(replace(acme, items=items),)), ReportOptions(lang="zh")
    )
    row = re.search(r'<tr class="item status-(\w+)" data-item="company.shareholders"', output)
    assert row is not None and row.group(1) == "undecided"
    assert "视情况" in output


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
            check_links_zoom_and_print(page, sync_api.expect)
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


def check_links_zoom_and_print(page: Page, expect_: Any) -> None:
    """A checklist row leads to its finding and back; a page enlarges; print keeps headings."""
    row = page.locator('tr.item[data-item="other.hosting_agreement"]')
    row.locator(".finding-links a").first.click()
    target = page.evaluate("location.hash")
    expect_(page.locator(f"tr.finding{target}")).to_be_visible()
    page.locator(f"tr.finding{target} a.to-item").click()
    assert page.evaluate("location.hash") == "#p1-item-other.hosting_agreement"
    zoom = page.locator("dialog#zoom")
    expect_(zoom).to_be_hidden()
    page.locator('tr.finding[data-rule="seal-owner-unverified"] figure.page-figure').click()
    expect_(zoom).to_be_visible()
    expect_(zoom.locator(".region-seal")).to_be_visible()
    small = page.locator('tr.finding[data-rule="seal-owner-unverified"] img.thumbnail')
    assert zoom.locator("img.thumbnail").bounding_box()["height"] > small.bounding_box()["height"]
    page.keyboard.press("Escape")
    expect_(zoom).to_be_hidden()
    page.emulate_media(media="print")
    expect_(page.locator("nav.toc")).to_be_hidden()
    heading = page.locator("section.file-group h4").first
    assert heading.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    group = page.locator("section.file-group").first
    assert group.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")
