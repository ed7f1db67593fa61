from __future__ import annotations

import datetime as dt

from tests.builders import doc, package
from tests.samples import MATERIALS
from validator.config import RuleSetting, Waiver
from validator.engine import fingerprint_of, item_statuses, run_rules, stamp, today_in_china
from validator.model import ExtractionError, Finding, Severity
from validator.report.common import display_status

AS_OF = dt.date(2026, 6, 1)
ALL = [doc(name, text) for name, text in MATERIALS.values()]


def test_today_is_taken_in_china_not_on_the_machine() -> None:
    # 20:00 UTC on 31 May is already 1 June in Beijing.
    late_utc = dt.datetime(2026, 5, 31, 20, 0, tzinfo=dt.UTC)
    assert today_in_china(late_utc) == dt.date(2026, 6, 1)


def test_severity_comes_from_config_then_rule_then_default() -> None:
    plain = Finding(rule="unmatched-document", message_id="unmatched-document.none", path="a")
    chosen = Finding(
        rule="missing-item", message_id="missing-item.conditional", severity=Severity.WARNING
    )
    (a, b) = stamp([plain, chosen], {}, [], AS_OF)
    assert {a.severity, b.severity} == {Severity.INFO, Severity.WARNING}
    configured = {"unmatched-document": RuleSetting(severity=Severity.ERROR)}
    (c,) = stamp([plain], configured, [], AS_OF)
    assert c.severity is Severity.ERROR


def test_fingerprint_ignores_width_and_spacing_but_not_content() -> None:
    base = Finding(rule="r", message_id="m", item="i", path="p", evidence="有效期至 2025年1月1日")
    spaced = Finding(
        rule="r", message_id="x", item="i", path="p", evidence="有效期至  2025年1月1日 "
    )
    wide = Finding(
        rule="r", message_id="m", item="i", path="p", evidence="有效期至 ２０２５年1月1日"
    )
    other = Finding(rule="r", message_id="m", item="i", path="q", evidence="有效期至 2025年1月1日")
    assert fingerprint_of(base) == fingerprint_of(spaced) == fingerprint_of(wide)
    assert fingerprint_of(base) != fingerprint_of(other)


def test_waiver_applies_until_it_expires() -> None:
    finding = Finding(rule="missing-item", message_id="missing-item.required", item="x.y")
    waiver = Waiver(rule="missing-item", item="x.y", reason="补交中", expires=dt.date(2026, 7, 1))
    (live,) = stamp([finding], {}, [waiver], AS_OF)
    assert live.waived and live.waiver_reason == "补交中"
    (lapsed,) = stamp([finding], {}, [waiver], dt.date(2026, 7, 2))
    assert not lapsed.waived
    assert lapsed.waiver_reason == "2026-07-01: 补交中"  # says that, and why, it lapsed
    other_item = Waiver(rule="missing-item", item="x.z", reason="r")
    (unrelated,) = stamp([finding], {}, [other_item], AS_OF)
    assert not unrelated.waived


def test_waiver_path_is_a_glob() -> None:
    finding = Finding(rule="unmatched-document", message_id="m", path="草稿/会议纪要.docx")
    (waived,) = stamp(
        [finding], {}, [Waiver(rule="unmatched-document", path="草稿/*", reason="r")], AS_OF
    )
    assert waived.waived


def test_baseline_fingerprints_are_waived() -> None:
    finding = Finding(rule="unmatched-document", message_id="m", path="a.pdf")
    (reported,) = stamp([finding], {}, [], AS_OF, frozenset({fingerprint_of(finding)}))
    assert reported.waived and reported.waiver_reason == "baseline"


def test_rules_can_be_turned_off() -> None:
    pkg = package(doc("会议纪要.docx", "会议纪要", kind="docx"))
    assert any(f.rule == "unmatched-document" for f in run_rules(pkg, AS_OF, {}))
    off = {"unmatched-document": RuleSetting(off=True)}
    assert not any(f.rule == "unmatched-document" for f in run_rules(pkg, AS_OF, off))


def test_item_statuses() -> None:
    broken_licence = doc("营业执照.pdf", error=ExtractionError("corrupt", "bad xref"))
    others = [d for d in ALL if d.path not in ("营业执照.pdf", "服务流程说明.pdf", "验资报告.pdf")]
    pkg = package(
        broken_licence,
        *others,
        facts={"has_corporate_shareholders": True, "requires_capital_verification": False},
    )
    # Hand-made documents carry no seals: leave the seal rules out of this test.
    seals_off = {rule: RuleSetting(off=True) for rule in ("missing-seal", "seal-not-imprinted")}
    findings = stamp(run_rules(pkg, AS_OF, seals_off), {}, [], AS_OF)
    statuses = {s.item: s.status for s in item_statuses(pkg, findings)}
    assert statuses["company.business_license"] == "defective"
    assert statuses["business.service_flow"] == "missing"
    assert statuses["funding.capital_verification"] == "not_applicable"
    assert statuses["company.articles"] == "present"


def test_undecided_conditional_item_is_neither_missing_nor_failing() -> None:
    others = [d for d in ALL if d.path != "验资报告.pdf"]
    pkg = package(*others, facts={"has_corporate_shareholders": True})
    seals_off = {rule: RuleSetting(off=True) for rule in ("missing-seal", "seal-not-imprinted")}
    findings = stamp(run_rules(pkg, AS_OF, seals_off), {}, [], AS_OF)
    (status,) = [
        s for s in item_statuses(pkg, findings) if s.item == "funding.capital_verification"
    ]
    assert status.status == "missing"  # the JSON contract: no document
    assert status.undecided and display_status(status) == "undecided"  # the checklist: 视情况
    assert all(f.severity is Severity.INFO for f in findings if f.finding.rule == "missing-item")


def test_a_conditional_item_raised_as_info_by_the_config_is_still_missing() -> None:
    # The fact says the item applies; the user only lowered missing-item to info.
    others = [d for d in ALL if d.path != "验资报告.pdf"]
    pkg = package(*others, facts={"requires_capital_verification": True})
    quiet = {"missing-item": RuleSetting(severity=Severity.INFO)}
    findings = stamp(run_rules(pkg, AS_OF, quiet), quiet, [], AS_OF)
    (status,) = [
        s for s in item_statuses(pkg, findings) if s.item == "funding.capital_verification"
    ]
    assert (status.status, status.undecided, display_status(status)) == (
        "missing",
        False,
        "missing",
    )
