"""The fact sheet read from business licences as RapidOCR really read real public photos.

Each text below is the engine's reading of a licence in the real-document
corpus (``benchmarks/realdocs.py``), copied as it came out: spaced labels
split across rows (称 on the name's line, 名 on another), two columns joined
by the column mark, label look-alikes, asterisks for no end.
"""

from __future__ import annotations

import pytest

from tests.builders import doc, ocr_doc, package
from validator.model import PackageFacts

# 0000.jpg: a 2015 licence photographed at 1920×1440.
SHAANXI = (
    "统一社会信用代码 │ 营业执照 │ 扫描二维码登录“国家企业信用信息公\n91610131322424287L\n"
    "(副本)(2-1)\n名称陕西如高电气有限公司 │ 注册资本捌佰伍拾万元人民币\n"
    "类型有限责任公司(自然人投资或控股)西如高电气有限公司成立日期2015年07月22日\n"
    "法定代表人孔令望 │ 营业期限长期\n登记机关\n2019年06月21日\n"
    "国家企业信用信息公示系统网址http:/www.gsxt.gov.cn 市场主体应当于每年1月1日至6月30日通过国家信用公示系统报送公示年度报告。"
)
# 0006.jpg: the label 名称 split by the detector; 称 stayed with the name.
DONGGUAN = (
    "营业执照\n统一社会信用代网做基他用途\n称东莞金准电器有限公司\n"
    "名类住型有限责任公司(台港澳法人独资)\n所东莞市大朗镇金沙墩工业区\n"
    "注册资本伍仟万港币\n成立日期2010年06月17日\n营业期限2010年06月17日至2030年06月17日"
)
# 0181.jpg: an individual business (个体工商户).
BAOYING = (
    "营业执照\n注册号321023600123456\n字号名称宝应县永高电力设备制造厂编号:321023000201106210015\n"
    "经营者姓名周梅\n经营场所宝应县\n组成形式个人经营\n注册日期2011年06月21日"
)
# 0061.jpg: an electronic licence prints asterisks for no end.
XUZHOU = (
    "营业执照\n统一社会信用代码\n名称徐州良辰建设工程有限公司\n法定代表人袁正良\n"
    "营业期限2009年01月06日至******"
)
# 0018.jpg: the right column's address runs into the representative's line.
DONGGUAN_2 = (
    "营业执照\n名称东莞市宏晟交通设施有限公司\n法定代表人李星亮 │ 莞东\n注册资本人民币贰佰万元"
)
# 0087.jpg: an older licence; its notice column stands right of the labels, and each
# value is printed below its label.
LOUDI = (
    "企业法人营业执照 │ 须知\n注册号 │ 4.《企业法人营业执照》不得伪造、涂改、出租、出借、转让。\n"
    "名称(1-1) S │ 人营业执照》。\n娄底龙山竹业有限公司 │ 6.每年三月一日至六月三十日,应当参加年度检验。\n"
    "法定代表人姓名 │ 9.《企业法人营业执照》遗朱或者毁坏的,应当在公司登记机关指定的报\n"
    "王立志 │ 刊上声明作废,申请补领。\n注册资本人民币伍佰万元整 │ 年度检验情况"
)
# 0059.jpg: a 4160-pixel photo; 名 and 称 of the spaced label stand a column's gap apart.
ZHUHAI = "营业执照\n名 │ 称珠海云控电子科技有限公司 │ (副本号:1-1)\n法定代表人苏亮伟"
# 0028.jpg: the name redacted; the type's line (类 lost to its own row) is below.
REDACTED = (
    "统一社会信尸一营业执照\n914403\n(副本)\n名称 │ )有限公司\n"
    "型有限责任公司(自然人独资) │ 成立日期2020年09月07日\n类\n住所\n法定代表人"
)
# 0146.jpg: an individual business named under 名称, a factory with no 有限公司.
# RapidOCR read 经 of the spaced 经营者 into one box with 期 of 成立日期 (the photo is
# tilted), leaving 营者 before the name.
LONGGANG = (
    "个体工商户营业执照(副本)\n注册号440307814431916\n名称深圳市龙岗区龙城岳扬化工厂\n"
    "经营场所深圳市龙岗区龙城街道回龙埔工业区B栋215\n营者杨其扬\n经期\n"
    "成立日期二〇一五年五月廿九日"
)
# 0047.jpg: a 416×297 copy; RapidOCR read 白 of 白云区 as 自 in the name, not in the address.
BAIYUN = (
    "个体工商户营业执照\n注册号440111600194563\n字号名称广州市自云区太和松菱电器厂\n"
    "经营者姓名王兴云\n组成形式个人经营\n经营场所广州市白云区太和镇太和南路80号"
)
# 0104.jpg: a black overprint (仅限官网APP展示使用) read into the representative's line.
SHANGHAI = (
    "营业执照\n名称上海卓朋教育科技有限公司 │ 注册资本人民币100.0000万元整\n"
    "法定代表人李天锋仅限官网APP展示使用营业期限2020年11月17日至2040年11月16日"
)
# 0128.jpg: 营业期限 left blank (至 alone); the date beside it, a column away, is the issue's.
FOSHAN = (
    "企业法人营业执照\n名称佛山市南海九洲普惠风机有限公司\n"
    "成立日期二〇〇二年五月十日 │ m\n营业期限至 │ 二〇〇四年三月十日"
)
# 0012.jpg: a sample licence whose 营业期限 prints its start only, the founding day.
SAMPLE = (
    "企业法人营业执照\n名称:摄图网 │ 注册号:1258123\n法定代表人姓名:摄小图 │ 注册资本:100万\n"
    "成立日期:2018年8月20日\n营业期限:2018年8月20日"
)


def _facts(text: str) -> PackageFacts:
    return package(doc("营业执照.jpg", text, kind="image", source="ocr")).facts


def _value(facts: PackageFacts, name: str) -> str | None:
    fact = getattr(facts, name)
    return fact.value if fact else None


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (SHAANXI, "applicant", "陕西如高电气有限公司"),
        (SHAANXI, "uscc", "91610131322424287L"),  # its label is on another line, with others
        (SHAANXI, "legal_representative", "孔令望"),
        (SHAANXI, "validity_end", "长期"),
        (SHAANXI, "issue_date", "2019-06-21"),  # under 登记机关, not 成立日期
        (DONGGUAN, "applicant", "东莞金准电器有限公司"),
        (DONGGUAN, "validity_end", "2030-06-17"),
        (DONGGUAN, "registered_capital", None),  # 港币: no yuan to judge
        (BAOYING, "applicant", "宝应县永高电力设备制造厂"),
        (BAOYING, "legal_representative", "周梅"),
        (XUZHOU, "validity_end", "长期"),
        (DONGGUAN_2, "legal_representative", "李星亮"),
        (LOUDI, "applicant", "娄底龙山竹业有限公司"),
        (LOUDI, "legal_representative", "王立志"),  # the line below, in the label's column
        (ZHUHAI, "applicant", "珠海云控电子科技有限公司"),
        (REDACTED, "applicant", None),  # 型有限责任公司 names no company
        (LONGGANG, "applicant", "深圳市龙岗区龙城岳扬化工厂"),
        (LONGGANG, "legal_representative", "杨其扬"),  # under 经营者 that lost its 经
        (BAIYUN, "applicant", "广州市白云区太和松菱电器厂"),  # as the address spells 白云区
        (SHANGHAI, "legal_representative", "李天锋"),
        (SHANGHAI, "validity_end", "2040-11-16"),
        (FOSHAN, "validity_end", None),
        (SAMPLE, "applicant", "摄图网"),
        (SAMPLE, "legal_representative", "摄小图"),
        (SAMPLE, "validity_end", None),  # a start, not an end: the company is no expired one
    ],
)
def test_licence_fields_read_from_real_ocr(text: str, field: str, value: str | None) -> None:
    assert _value(_facts(text), field) == value


def test_a_type_line_is_never_the_name() -> None:
    # 0082.jpg: the 名称 label alone, the value lost under a watermark, 类型 below it.
    facts = _facts("营业执照\n名称\n企业类型有限责任公司\n住所深圳市龙岗区横岗街道")
    assert facts.applicant is None


def test_a_look_alike_label_still_labels_the_code() -> None:
    facts = _facts("营业执照\n统一社会信用代葵914201006953366503\n名称湖北荣创科技有限公司")
    assert _value(facts, "uscc") == "914201006953366503"


def test_an_unlabelled_code_counts_only_when_its_check_character_holds() -> None:
    assert _value(_facts("营业执照\n914201006953366503"), "uscc") == "914201006953366503"
    assert _facts("营业执照\n914201006953366504").uscc is None


def test_a_fact_carries_its_line_and_confidence() -> None:
    lines = [(line, 0.99) for line in XUZHOU.splitlines()]
    lines[3] = ("法定代表人袁正良", 0.81)
    facts = package(ocr_doc("营业执照.jpg", lines)).facts
    assert facts.legal_representative is not None
    assert facts.legal_representative.evidence == "法定代表人袁正良"
    assert facts.legal_representative.confidence == 0.81
    assert package(doc("营业执照.pdf", XUZHOU)).facts.applicant.confidence is None  # type: ignore[union-attr]


def test_a_clipped_label_counts_only_at_a_line_start() -> None:
    assert _facts("营业执照\n名称北京某某科技有限公司\n项目营者杨其扬").legal_representative is None
