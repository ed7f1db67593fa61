"""Short texts that read like each material of the icp manifest (for matching tests)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import docx

# item id -> (a typical file name, the text of its first page)
MATERIALS: dict[str, tuple[str, str]] = {
    "company.business_license": (
        "营业执照.pdf",
        "营业执照\n(副本)\n统一社会信用代码 91110108MA01QK7R8A\n名称 北京云启智联科技有限公司\n法定代表人 王明远\n"
        "注册资本 人民币壹仟万元整\n成立日期 2018年03月15日\n营业期限 2018年03月15日至长期\n"
        "经营范围 第二类增值电信业务\n登记机关 北京市海淀区市场监督管理局",
    ),
    "company.articles": (
        "公司章程.pdf",
        "北京云启智联科技有限公司章程\n第一章 总则\n第二条 公司章程依据公司法制定\n"
        "股东会由全体股东组成\n出资方式 货币\n董事 监事",
    ),
    "company.legal_rep_id": (
        "法人身份证.jpg",
        "中华人民共和国\n居民身份证\n签发机关 北京市公安局海淀分局\n有效期限 2020.05.01-2040.05.01\n"
        "姓名 王明远 民族 汉\n公民身份号码 110108198503154318",
    ),
    "company.shareholders": (
        "股东结构说明.docx",
        "股东结构说明\n股东名称 持股比例\n北京启明投资有限公司 60%\n王明远 40%",
    ),
    "business.development_report": (
        "业务发展报告.pdf",
        "业务发展报告\n一、业务模式\n二、服务内容\n三、市场定位\n四、发展规划",
    ),
    "business.technical_plan": (
        "技术方案.pdf",
        "技术方案\n一、技术架构\n二、数据处理流程\n三、安全保障措施\n数据库采用主从架构",
    ),
    "business.service_flow": (
        "服务流程说明.pdf",
        "服务流程说明\n1. 用户注册\n2. 使用服务\n3. 付费开通\n流程图如下",
    ),
    "personnel.staff_resumes": (
        "人员简历.pdf",
        "主要技术人员简历\n个人简历\n姓名 李华\n教育背景 清华大学 计算机 学历 硕士\n工作经历 2015-2020",
    ),
    "personnel.security_officer": (
        "安全负责人任命书.pdf",
        "信息安全负责人任命书\n兹任命 张伟 为我公司信息安全负责人\n"
        "注册信息安全专业人员 CISP 证书编号 CNITSEC2024CISE01234",
    ),
    "funding.proof": (
        "资信证明.pdf",
        "资信证明\n兹证明北京云启智联科技有限公司在我行开户，存款余额 人民币伍佰万元整\n中国工商银行",
    ),
    "funding.capital_verification": (
        "验资报告.pdf",
        "验资报告\n会计师事务所\n截至2024年12月31日 实收资本 人民币壹仟万元",
    ),
    "security.management_policy": (
        "信息安全管理制度.pdf",
        "信息安全管理制度\n第一章 信息保密\n第二章 防病毒\n第三章 防攻击",
    ),
    "security.protection_plan": (
        "网络安全防护方案.pdf",
        "网络安全防护方案\n一、防火墙部署\n二、入侵检测\n三、数据加密",
    ),
    "security.data_protection": (
        "用户数据保护方案.pdf",
        "用户数据保护方案\n一、数据备份\n二、访问控制\n三、数据加密\n个人信息保护",
    ),
    "other.domain_certificate": (
        "域名证书.pdf",
        "域名注册证书\n域名 yunqi-tech.cn\n注册所有人 北京云启智联科技有限公司\n注册商 阿里云\n"
        "注册日期 2019年06月01日\n到期日期 2028年06月01日",
    ),
    "other.hosting_agreement": (
        "服务器托管协议.pdf",
        "服务器托管协议\n甲方 北京云启智联科技有限公司\n乙方 北京数港云数据科技有限公司\n"
        "服务期限 2025年01月01日至2027年12月31日\n机柜 带宽",
    ),
    "other.provider_license": (
        "IDC许可证.pdf",
        "中华人民共和国\n增值电信业务经营许可证\n许可证编号 B1-20180123\n"
        "业务种类 互联网数据中心业务\n业务覆盖范围 北京\n有效期至 2028年05月30日",
    ),
}


def write_docx_materials(
    folder: Path, items: Iterable[str], texts: Mapping[str, str] | None = None
) -> Path:
    """``folder`` holding one DOCX (read without OCR) per item of ``items``, named as the
    sample material is; ``texts`` replaces an item's sample text."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        name, text = MATERIALS[item]
        document = docx.Document()
        for line in (texts or {}).get(item, text).splitlines():
            document.add_paragraph(line)
        document.save(str(folder / (Path(name).stem + ".docx")))
    return folder
