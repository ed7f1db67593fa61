"""expiring-soon: validity ends within the review period after the as-of date."""

from __future__ import annotations

import pytest

from tests.builders import doc
from tests.rules.text_helpers import clean_documents, rows, run
from validator.model import Document
from validator.rules import expiring_soon
from validator.rules.options import OptionError, resolve

S = "expiring-soon"
IDC = "增值电信业务经营许可证\n许可证编号 B1-20180123\n业务种类 互联网数据中心业务\n有效期至 {}"
OFFICER = "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n{}"


def _idc(end: str, source: str = "text") -> Document:
    return doc("IDC许可证.pdf", IDC.format(end), source=source)


CASES = [
    ("44 days left", _idc("2026年07月15日"), [(S, "other.provider_license", "IDC许可证.pdf", 1, None)]),
    ("ends on the as-of day", _idc("2026年06月01日"), [(S, "other.provider_license", "IDC许可证.pdf", 1, None)]),
    ("last day of the window", _idc("2026年07月31日"), [(S, "other.provider_license", "IDC许可证.pdf", 1, None)]),
    ("first day after the window", _idc("2026年08月01日"), []),
    ("already expired", _idc("2026年05月31日"), []),
    ("OCR noise", _idc("2O26 年 7 月 l5 日", source="ocr"), [(S, "other.provider_license", "IDC许可证.pdf", 1, None)]),
    ("full-width", _idc("２０２６年７月１５日"), [(S, "other.provider_license", "IDC许可证.pdf", 1, None)]),
    ("licence 长期", doc("营业执照.pdf", "营业执照\n营业期限 2018年03月15日至长期"), []),
    ("estimated certificate end", doc("安全负责人任命书.pdf", OFFICER.format("持有 CISSP 证书\n签发日期 2023-07-01")),
     [(S, "personnel.security_officer", "安全负责人任命书.pdf", 1, None)]),
    ("printed certificate end", doc("安全负责人任命书.pdf", OFFICER.format("CISP 有效期至 2026年06月30日")),
     [(S, "personnel.security_officer", "安全负责人任命书.pdf", 1, None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_expiring_soon(document: Document, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(expiring_soon, document)) == expected


def test_message_counts_the_days_left() -> None:
    (finding,) = run(expiring_soon, _idc("2026年07月15日"))
    assert finding.message_id == "expiring-soon.end"
    assert finding.arguments == {"end": "2026-07-15", "days": "44", "window": "60"}


def test_estimated_end_is_marked_as_such() -> None:
    text = OFFICER.format("持有 CISSP 证书\n签发日期 2023-07-01")
    (finding,) = run(expiring_soon, doc("安全负责人任命书.pdf", text))
    assert finding.message_id == "expiring-soon.estimated"
    assert finding.arguments["end"] == "2026-06-30"


def test_days_option_overrides_the_manifest() -> None:
    document = _idc("2026年08月15日")
    assert run(expiring_soon, document) == []
    (finding,) = run(expiring_soon, document, days=90)
    assert finding.arguments["window"] == "90"
    assert run(expiring_soon, _idc("2026年07月15日"), days=30) == []


@pytest.mark.parametrize("days", ["60", -1, True, 1.5])
def test_bad_days_option_is_refused(days: object) -> None:
    with pytest.raises(OptionError, match=r"^days: .* is not a whole number of at least 0"):
        resolve(expiring_soon.OPTIONS, {"days": days})


def test_silent_on_the_clean_package() -> None:
    assert run(expiring_soon, *clean_documents()) == []
