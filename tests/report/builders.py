"""Hand-made results for the report tests.

Everything a report could vary on is pinned here: roots are relative, dates
fixed, fingerprints literal, so golden files stay byte-identical. Message
ids point at ``TEST_MESSAGES`` (installed by the ``test_catalogue`` fixture)
so that rewording a rule's message elsewhere does not churn these goldens.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from validator.model import (
    Assignment,
    Document,
    ExtractionError,
    Fact,
    Finding,
    ItemStatus,
    ManifestInfo,
    MatchScore,
    PackageFacts,
    PackageResult,
    Page,
    Provenance,
    Region,
    ReportedFinding,
    Result,
    Seal,
    SealAttribution,
    Severity,
    Text,
)

AS_OF = date(2025, 6, 1)
TOOL_VERSION = "1.2.3"
ID_NUMBER = "11010519900307123X"  # a made-up resident ID number (valid birth date)
MASKED_ID = "110105********123X"
# A 1x1 PNG, standing in for the page thumbnail extraction makes.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SCRIPT = "<script>alert(1)</script>"

TEST_MESSAGES: dict[str, dict[str, str]] = {
    "test.missing-item": {"zh": "缺少必需材料：{title}", "en": "Required item missing: {title}"},
    "test.missing-seal": {"zh": "未检测到{kind}印章", "en": "No {kind} seal found"},
    "test.invalid-id": {
        "zh": "身份证号码 {number} 校验失败",
        "en": "ID number {number} fails its checksum",
    },
    "test.missing-topic": {"zh": "缺少内容：{topic}", "en": "Topic not covered: {topic}"},
    "test.unreadable": {"zh": "文件无法读取：{detail}", "en": "File cannot be read: {detail}"},
    "test.unmatched": {"zh": "文件未对应任何材料", "en": "File matches no item"},
    "test.seal-owner": {"zh": "印章文字无法识别", "en": "Seal ring text unreadable"},
    "test.low-quality": {
        "zh": "扫描分辨率 {dpi} dpi 过低",
        "en": "Scan resolution {dpi} dpi is low",
    },
    "test.expiring": {"zh": "将于 {date} 到期", "en": "Expires on {date}"},
    "hint.missing-seal": {"zh": "加盖公章后重新扫描。", "en": "Stamp the company seal and rescan."},
    "hint.missing-item": {"zh": "补充该材料。", "en": "Add the document."},
    "rule.missing-seal.title": {"zh": "缺少印章", "en": "Seal missing"},
    "rule.missing-item.title": {"zh": "缺少材料", "en": "Item missing"},
}

COMBINED = "汇编.pdf"
ID_SCAN = "法人/身份证.jpg"
PLAN = "技术方案.docx"
CORRUPT = "notes/扫描件.pdf"
STRAY = "notes/readme.pdf"


def manifest_info() -> ManifestInfo:
    return ManifestInfo(
        id="icp",
        version=1,
        title=Text("经营性ICP许可证申请材料", "ICP licence application"),
        provenance=Provenance("工信部公布的申请材料清单", "2024-05-01", "北京"),
        path="manifests/icp.yaml",
        categories=(
            ("company", Text("公司基本资料", "Company documents")),
            ("business", Text("业务资料", "Business documents")),
            ("funding", Text("资金证明", "Funding")),
            ("other", Text("其他材料", "Other documents")),
        ),
        lines={
            "company.business_license": 12,
            "company.legal_rep_id": 30,
            "company.shareholders": 41,
            "business.technical_plan": 60,
            "funding.proof": 88,
            "other.hosting_agreement": 120,
        },
    )


def facts() -> PackageFacts:
    return PackageFacts(
        applicant=Fact("北京示例科技有限公司", COMBINED, 1),
        uscc=Fact("91110105MA01ABCD2X", COMBINED, 1),
        legal_representative=Fact("张三", COMBINED, 1),
        registered_capital=Fact("人民币1000万元", COMBINED, 1),
        business_scope=None,
    )


def items() -> tuple[ItemStatus, ...]:
    def status(
        item: str,
        title: Text,
        state: str,
        required: str = "true",
        documents: tuple[Assignment, ...] = (),
    ) -> ItemStatus:
        return ItemStatus(item, item.split(".", maxsplit=1)[0], title, state, required, documents)

    return (
        status(
            "company.business_license",
            Text("企业法人营业执照副本及复印件", "Business licence"),
            "present",
            documents=(Assignment("company.business_license", COMBINED, 0.9126, 1, 2),),
        ),
        status(
            "company.legal_rep_id",
            Text("法定代表人身份证明及复印件", "Legal representative's ID"),
            "defective",
            documents=(Assignment("company.legal_rep_id", ID_SCAN, 0.8),),
        ),
        status(
            "company.shareholders",
            Text("股东结构说明及股东身份证明", "Shareholders"),
            "not_applicable",
            required="conditional",
        ),
        status(
            "business.technical_plan",
            Text("技术方案", "Technical plan"),
            "present",
            documents=(Assignment("business.technical_plan", PLAN, 0.75),),
        ),
        status(
            "funding.proof",
            Text("银行资信证明或近期财务报表", "Bank reference or statements"),
            "missing",
        ),
        status(
            "other.hosting_agreement",
            Text("服务器托管或租赁协议", "Hosting agreement"),
            "defective",
            documents=(
                Assignment("other.hosting_agreement", COMBINED, 0.66666, 5, 7),
                Assignment("other.hosting_agreement", COMBINED, 0.5, 3, 3),
            ),
        ),
    )


def documents() -> tuple[Document, ...]:
    combined_pages = tuple(
        Page(n, f"第{n}页", "text", seals=_seals(n), size=(1654, 2339), dpi=200)
        for n in range(1, 8)
    )
    return (
        Document(STRAY, "c" * 64, "pdf", 2048, (Page(1, "readme", "text"),)),
        Document(COMBINED, "a" * 64, "pdf", 512_000, combined_pages),
        Document(
            ID_SCAN,
            "b" * 64,
            "image",
            80_000,
            (Page(1, f"公民身份号码 {ID_NUMBER}", "ocr", 0.61234, size=(800, 500), dpi=96),),
        ),
        Document(PLAN, "d" * 64, "docx", 30_000, (Page(1, "技术架构", "text"),), paged=False),
        Document(
            CORRUPT,
            "e" * 64,
            "unknown",
            10,
            error=ExtractionError("corrupt", "startxref not found"),
        ),
    )


def _seals(page: int) -> tuple[Seal, ...]:
    if page == 1:
        return (
            Seal((900, 1800, 1300, 2200), 0.9567, "red", "round", "北京示例科技有限公司", 0.88),
        )
    if page == 3:
        return (Seal((100, 100, 400, 400), 0.7, "red", "oval", "", 0.1),)
    return ()


def matches() -> tuple[tuple[str, tuple[MatchScore, ...]], ...]:
    return (
        (
            COMBINED,
            (
                MatchScore("other.hosting_agreement", 0.66666, 5, 7),
                MatchScore("company.business_license", 0.9126, 1, 2),
            ),
        ),
        (ID_SCAN, (MatchScore("company.legal_rep_id", 0.8),)),
        (
            PLAN,
            (
                MatchScore("business.technical_plan", 0.75),
                MatchScore("funding.proof", 0.1, alternative="statements"),
            ),
        ),
        (STRAY, ()),
    )


def finding(
    rule: str,
    message_id: str,
    severity: Severity,
    fingerprint: str,
    *,
    waived: bool = False,
    reason: str = "",
    **fields: object,
) -> ReportedFinding:
    base = Finding(rule=rule, message_id=message_id)
    return ReportedFinding(replace(base, **fields), severity, fingerprint, waived, reason)


def findings() -> tuple[ReportedFinding, ...]:
    error, warning, info = Severity.ERROR, Severity.WARNING, Severity.INFO
    return (
        finding(
            "missing-seal",
            "test.missing-seal",
            error,
            "f0000001",
            item="other.hosting_agreement",
            path=COMBINED,
            page=5,
            page_end=7,
            args=(("kind", "双方"),),
            evidence=f"乙方（盖章）{SCRIPT}",
            region=Region(5, "seal-missing", None, (1654, 2339), PIXEL),
        ),
        finding(
            "missing-item",
            "test.missing-item",
            error,
            "f0000002",
            item="funding.proof",
            args=(("title", "银行资信证明或近期财务报表"),),
        ),
        finding(
            "invalid-identifier",
            "test.invalid-id",
            error,
            "f0000003",
            item="company.legal_rep_id",
            path=ID_SCAN,
            page=1,
            args=(("number", ID_NUMBER),),
            evidence=f"公民身份号码 {ID_NUMBER}",
        ),
        finding(
            "low-quality-scan",
            "test.low-quality",
            warning,
            "f0000004",
            item="company.legal_rep_id",
            path=ID_SCAN,
            page=1,
            args=(("dpi", "96"),),
            region=Region(1, "page", None, (800, 500), PIXEL),
        ),
        finding(
            "missing-topic",
            "test.missing-topic",
            warning,
            "f0000005",
            item="business.technical_plan",
            path=PLAN,
            args=(("topic", "安全保障措施"),),
        ),
        finding(
            "seal-owner-unverified",
            "test.seal-owner",
            warning,
            "f0000006",
            item="other.hosting_agreement",
            path=COMBINED,
            page=3,
            region=Region(3, "seal", (100, 100, 400, 400), (1654, 2339), PIXEL),
        ),
        finding(
            "unreadable-document",
            "test.unreadable",
            error,
            "f0000007",
            path=CORRUPT,
            args=(("detail", "startxref not found"),),
        ),
        finding("unmatched-document", "test.unmatched", info, "f0000008", path=STRAY),
        finding(
            "expired",
            "test.expiring",
            warning,
            "f0000009",
            item="company.business_license",
            path=COMBINED,
            page=2,
            args=(("date", "2025-07-01"),),
            waived=True,
            reason="续期申请已受理",
        ),
    )


def seal_owners() -> tuple[SealAttribution, ...]:
    """As the package decided them: the applicant's 公章 on page 1, an unreadable seal on 3."""
    return (
        SealAttribution(COMBINED, 1, 0, owner="applicant", kind="official"),
        SealAttribution(COMBINED, 3, 0, owner="unknown", kind="unknown"),
    )


def acme() -> PackageResult:
    return PackageResult(
        "packages/acme",
        manifest_info(),
        facts(),
        items(),
        documents(),
        matches(),
        findings(),
        seal_owners=seal_owners(),
    )


def empty_package() -> PackageResult:
    present = ItemStatus(
        "company.business_license",
        "company",
        Text("企业法人营业执照副本及复印件", "Business licence"),
        "present",
        "true",
        (Assignment("company.business_license", "营业执照.pdf", 1.0),),
    )
    document = Document("营业执照.pdf", "f" * 64, "pdf", 1000, (Page(1, "营业执照", "text"),))
    return PackageResult(
        "packages/beta", manifest_info(), PackageFacts(), (present,), (document,), (), ()
    )


def build_result() -> Result:
    """Two packages: one with every kind of finding, one clean."""
    return Result(TOOL_VERSION, AS_OF, (acme(), empty_package()))
