"""The people, units, enterprises, projects and problems of the demo year (示范市, 2026)."""

from __future__ import annotations

from stdnum.cn import uscc

CITY_REGION = "510800"
SUPERVISION_OFFICE = "市政府督查室"
INVESTMENT_BUREAU = "市投资促进局"


def credit_code(serial: int, region: str = CITY_REGION) -> str:
    """A well-formed unified social credit code for a demo enterprise."""
    body = f"91{region}MA{serial:06d}X"[:17]
    return body + uscc.calc_check_digit(body)


UNITS = {
    "发改": ("市发展改革委", "李明"),
    "自规": ("市自然资源和规划局", "赵丽"),
    "生态": ("市生态环境局", "孙强"),
    "住建": ("市住房城乡建设局", "周敏"),
    "税务": ("国家税务总局示范市税务局", "吴涛"),
    "人社": ("市人力资源社会保障局", "郑华"),
    "经信": ("市经济和信息化局", "钱磊"),
    "金融": ("市地方金融管理局", "陈静"),
    "供电": ("国网示范供电公司", "刘洋"),
    "交通": ("市交通运输局", "黄勇"),
}

ENTERPRISES = [
    ("示范新能源科技有限公司", 1),
    ("川北高端装备制造有限公司", 2),
    ("蜀道冷链物流有限公司", 3),
    ("嘉陵文旅康养发展有限公司", 4),
    ("云栈数据科技有限公司", 5),
    ("剑门绿色建材有限公司", 6),
    ("利州食品股份有限公司", 7),
    ("昭化纺织有限公司", 8),
    ("朝天精细化工有限公司", 9),
    ("苍溪红心猕猴桃产业有限公司", 10),
    ("旺苍煤化科技有限公司", 11),
    ("青川竹木制品有限公司", 12),
]

# name, enterprise index, sector, investment (yuan), lead leader, team, the stage reached in
# 2026 (demo/projects.py plans how)
PROJECTS = [
    (
        "年产5万吨锂电池正极材料产业园",
        0,
        "新能源",
        3_500_000_000,
        "王建国",
        ["李明", "赵丽", "刘洋"],
        "under_construction",
    ),
    ("高端装备制造基地", 1, "装备制造", 1_200_000_000, "刘志强", ["钱磊", "周敏"], "signed"),
    (
        "川陕甘冷链物流园",
        2,
        "现代物流",
        600_000_000,
        "陈晓",
        ["黄勇", "李明"],
        "negotiation",
    ),
    ("嘉陵江文旅康养综合体", 3, "文化旅游", 250_000_000, "孙丽华", ["周敏"], "reserve"),
    (
        "云栈数据中心二期",
        4,
        "数字经济",
        800_000_000,
        "王建国",
        ["钱磊", "刘洋"],
        "operating",
    ),
    ("绿色建材产业化项目", 5, "建材", 150_000_000, "胡斌", ["钱磊"], "suspended"),
]

# category, channel, enterprise index, project index or None, unit key, description
ISSUES = [
    ("land", "visit", 0, 0, "自规", "二期用地指标尚未落实，影响正极材料生产线开工"),
    ("utilities", "meeting", 0, 0, "供电", "110千伏专用变电站接入方案迟迟未批复"),
    ("environmental_approval", "online_platform", 0, 0, "生态", "环评批复等待时间过长"),
    ("permits", "visit", 1, 1, "住建", "施工许可证办理材料反复补正"),
    ("financing", "meeting", 1, 1, "金融", "设备购置贷款授信额度不足"),
    ("labour", "hotline_12345", 1, None, "人社", "技术工人招聘难，需对接职业院校"),
    ("logistics", "visit", 2, 2, "交通", "园区连接线道路规划未明确"),
    ("land", "mayors_mailbox", 2, 2, "自规", "冷库用地性质需调整"),
    ("tax_and_fees", "online_platform", 3, None, "税务", "文旅企业增值税留抵退税进度咨询"),
    ("permits", "association", 3, 3, "住建", "康养综合体规划方案审查意见不一致"),
    ("utilities", "visit", 4, 4, "供电", "数据中心双回路供电改造需协调"),
    ("policy_not_honoured", "meeting", 4, 4, "发改", "招商引资协议约定的电价补贴未兑现"),
    ("environmental_approval", "visit", 5, 5, "生态", "粉尘治理改造验收标准不明确"),
    ("financing", "third_party", 5, 5, "金融", "停工期间贷款展期需要协调银行"),
    ("tax_and_fees", "hotline_12345", 6, None, "税务", "农产品加工企业所得税优惠申请被退回"),
    ("labour", "visit", 6, None, "人社", "稳岗补贴申领流程不清楚"),
    ("utilities", "online_platform", 7, None, "供电", "厂区用电频繁跳闸"),
    ("logistics", "meeting", 7, None, "交通", "货车通行证办理难"),
    ("environmental_approval", "visit", 8, None, "生态", "排污许可证延续审批慢"),
    ("permits", "hotline_12345", 8, None, "经信", "危化品仓储技改项目备案受阻"),
    ("financing", "association", 9, None, "金融", "猕猴桃收购季流动资金缺口"),
    ("land", "visit", 9, None, "自规", "冷藏库设施农用地备案"),
    ("policy_not_honoured", "mayors_mailbox", 10, None, "发改", "技改补助资金迟迟未拨付"),
    ("tax_and_fees", "online_platform", 10, None, "税务", "资源税计征口径有异议"),
    ("labour", "meeting", 11, None, "人社", "农民工工资保证金返还"),
    ("other", "visit", 11, None, "经信", "竹木制品出口认证指导"),
    ("utilities", "hotline_12345", 6, None, "供电", "新增冷库用电报装时间长"),
    ("permits", "online_platform", 7, None, "住建", "厂房改扩建消防验收排期久"),
    ("logistics", "visit", 9, None, "交通", "产地到高速路口道路破损"),
    ("financing", "meeting", 8, None, "金融", "应急转贷资金申请"),
    ("land", "association", 11, None, "自规", "厂区土地证与房产证不一致"),
    ("other", "third_party", 10, None, "经信", "首台套设备认定申报指导"),
    ("environmental_approval", "online_platform", 1, 1, "生态", "涂装线VOCs治理方案审查"),
    ("policy_not_honoured", "visit", 2, 2, "发改", "物流园入驻奖励政策兑现"),
    ("tax_and_fees", "meeting", 4, 4, "税务", "数据中心研发费用加计扣除辅导"),
    ("labour", "online_platform", 0, 0, "人社", "高层次人才公寓配置"),
]
