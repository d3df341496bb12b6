"""Performance-target tables in space-aligned text (``pdftotext -layout``, issue 14): a 分值 | 得分
header over figure columns, a later page whose columns start left of the first page's (and prints a
column the first page leaves empty), a first page that ends with the header, template slots on
lines of their own. The lines are those the generator's ruled PDFs give (``samples.synth``,
``samples.render``), trailing spaces cut; each table's indicators are all read, none to review."""

from __future__ import annotations

from pathlib import Path

import pytest

from classify.analyze import analyze
from extract import read

SCORES = [
    "                                               2024年度项目支出绩效自评表",
    "                  项目名称                                               临时救助资金",
    "",
    "                  主管部门                         临城区民政局                             实施单位                           临城区民政局",
    "",
    "                  一级指标            二级指标             三级指标            年度指标值         实际完成值     分值     得分 偏差原因分析及改进措施",
    "",
    "                                  数量指标            救助人次数量             ≥28500个     ≥28500个     9        9",
    "",
    "                                  数量指标          开展临时救助次数              ≥6次         基本完成       9        8     部分工作进度滞后",
    "",
    "                  产出指标            质量指标           救助人次覆盖率              ≥95%        ≥95%       8        8",
    "",
    "                                  质量指标           临时救助合格率              100%        100%       8        8",
    "",
    "                                  时效指标           资金拨付及时率              100%        100%       8        8",
    "",
    "                  成本指标           经济成本指标         临时救助单位成本             30元/次        30元/次      8        8",
    "",
    "                                 社会效益指标         困难群众政策知晓率             ≥90%        ≥90%       8        8",
    "",
    "                  效益指标           生态效益指标           生态环境质量             逐步改善         逐步改善       8        8",
    "",
    "                             可持续影响指标           项目持续发挥作用年限             ≥3年         基本完成       8        6     部分工作进度滞后",
    "",
    "                           服务对象满意度指标             困难群众满意度              ≥90%        基本完成       8        6     部分工作进度滞后",
    "                 满意度指标",
    "                           服务对象满意度指标           临时救助服务对象满意度            ≥90%        ≥90%       8        8",
]

CONTINUED = [
    "                                                                  2020年度项目支出绩效自评表",
    "                    项目名称                                                                 财政国库业务经费",
    "",
    "                    主管部门                                     平阳县财政局                                         实施单位                                              平阳县财政局",
    "",
    "                    一级指标              二级指标                        三级指标                   年度指标值              实际完成值                  分值      得分 偏差原因分析及改进措施",
    "",
    "                                  经济成本指标                   国库集中支付单位成本                       30元/次               30元/次                  7        7",
    "                    成本指标",
    "                                  社会成本指标               对社会发展造成的负面影响                          无                   无                     0        0",
    "\x0c          数量指标       国库集中支付覆盖乡镇数         24个             基本完成           7   4   部分工作进度滞后",
    "",
    "          数量指标       开展国库集中支付次数          ≥2次               ≥2次          7   7",
    "",
    "          质量指标         支付笔数覆盖率           ≥95%              ≥95%         7   7",
    "产出指标",
    "          质量指标         政策落实到位率           100%            基本完成           7   5   部分工作进度滞后",
    "",
    "          时效指标       国库集中支付完成时间     2020.01-2020.12   2020.01-2020.12   7   7",
    "",
    "          时效指标         项目完成时限       2020年12月底前        2020年12月底前        7   7",
    "",
    "         经济效益指标       减轻预算单位负担         有效减轻              有效减轻           7   7",
    "",
    "         社会效益指标       促进资金支付安全         成效明显              成效明显           7   7",
    "效益指标",
    "         社会效益指标        资金支付安全          明显提升              明显提升           7   7",
    "",
    "         可持续影响指标     资金支付安全长效机制          长期                长期           7   7",
    "",
    "        服务对象满意度指标      预算单位满意度           ≥90%            基本完成           7   4   部分工作进度滞后",
    "满意度指标",
    "        服务对象满意度指标   国库集中支付服务对象满意度        ≥90%              ≥90%         6   6",
]

SLOTS = [
    "\x0c                                          项目支出绩效目标表",
    "                  专项（项目）名称                      农村饮水安全维修养护",
    "                     主管部门                           昔阳县水利局",
    "                             实施期资金总额：           125.87",
    "                  资金金额（万元）      其中：财政拨款         125.87",
    "                                 其他资金",
    "                     总体目标           年度目标：目标1：农村饮水安全。目标2：完成供水工程维修任务。",
    "                     绩效指标        一级指标          二级指标            指标内容             指标值",
    "                                                         指标1：供水工程维修单位成本        200元/次",
    "                                 成本指标          经济成本         指标2：项目总成本         ≤125.87万元",
    "                                                                ……",
    "                                                         指标1：开展供水工程维修次数         ≥6次",
    "                                               数量指标        指标2：受益人口数量          ≥120人",
    "                                                                ……",
    "                                 产出指标                    指标1：供水工程维修合格率          100%",
    "                                               质量指标",
    "                                                               指标2：",
    "                                                         指标1：供水工程维修完成时间 2015.01-2015.12",
    "                                               时效指标",
    "                                                                ……",
    "                                                           指标1：农村饮水安全          明显提升",
    "                                             社会效益指标",
    "                                                                ……",
    "                                 效益指标                    指标1：农村饮水安全长效机制         长期",
    "                                            可持续影响指标 指标2：项目持续发挥作用年限              ≥3年",
    "                                                                ……",
    "                                                            指标1：群众满意度           ≥90%",
    "                                 满意度指标    服务对象满意度指标",
    "                                                                ……",
    "备 注：1、绩效指标可选择填写。 2、根据需要可往下续表。",
]

TWIN = [
    "                                                  项目支出绩效目标表",
    "                                                               (2017年度)",
    "                   项目名称                                                 科普活动经费",
    "",
    "                   主管单位            乐都县科学技术局                          实施单位                                    乐都县科学技术局",
    "",
    "                   项目属性               延续性项目                          项目日期                                        2017年",
    "",
    "                                    中期资金总额:                         年度资金总额:                          17.57",
    "",
    "                  项目资金 (万元)         其中:财政拨款                         其中:财政拨款                          17.57",
    "",
    "                                       其他资金                          其他资金",
    "",
    "                              中期目标(2017年—2019年)                                              年度目标",
    "                总体目标",
    "                               目标1: 目标2: 目标3: .....                              1.公民科学素质; 2.完成科普宣传任务。",
    "",
    "                绩效指标   一级指标       二级指标          三级指标          指标值       二级指标                        三级指标       指标值",
    "\x0c产出指标                指标1:                    科普宣传覆盖乡镇数         13个",
    "",
    "          数量指标      指标2:       数量指标               指标2:",
    "",
    "                     .....                          .....",
    "",
    "                    指标1:                      政策落实到位率         100%",
    "",
    "          质量指标      指标2:       质量指标               指标2:",
    "",
    "                     .....                          .....",
    "",
    "                    指标1:                      资金拨付及时率         100%",
    "",
    "          时效指标      指标2:       时效指标            项目完成时限 2017年12月底前",
    "",
    "                     .....                          .....",
    "",
    "                    指标1:                        项目总成本       ≤17.57万元",
    "",
    "         经济成本指标     指标2:      经济成本指标         科普宣传单位成本        30元/次",
    "",
    "                     .....                          .....",
    "成本指标",
    "                    指标1:                 对社会发展造成的负面影响          无",
    "",
    "         社会成本指标     指标2:      社会成本指标              指标2:",
    "",
    "                     .....                          .....",
    "",
    "                    指标1:                     促进公民科学素质       成效明显",
    "",
    "         社会效益指标     指标2:      社会效益指标              指标2:",
    "",
    "                     .....                          .....",
    "效益指标",
    "                    指标1:                   项目持续发挥作用年限         ≥3年",
    "",
    "         可持续影响指标    指标2:      可持续影响指标             指标2:",
    "",
    "                     .....                          .....",
    "",
    "                    指标1:                        企业满意度         ≥95%",
    "",
    "满意度指标   服务对象满意度指标   指标2:     服务对象满意度指标            指标2:",
    "",
    "                     .....                          .....",
]


GOLD = {
    "scores": (SCORES, 11, ("数量指标", "开展临时救助次数", "≥6次")),
    "continued": (CONTINUED, 14, ("质量指标", "政策落实到位率", "100%")),
    "slots": (SLOTS, 10, ("时效指标", "供水工程维修完成时间", "2015.01-2015.12")),
    "header_only_page": (TWIN, 10, ("社会成本指标", "对社会发展造成的负面影响", "无")),
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_layout_pages_read_every_indicator(tmp_path: Path, name: str) -> None:
    """scores: 分值 | 得分 name figure columns (the header row is laid over the body by position,
    its words taking no column's kind); continued: the second page prints no level-1 column beside
    its rows and a 偏差原因 column the first page leaves empty; slots: 指标2： and …… lines are rows
    of their own, not the wrapped rest of the cell above; header_only_page: a 中期 | 年度 table whose
    first page ends with its header (its columns set by the header's 一级指标 | 二级指标)."""
    lines, count, example = GOLD[name]
    path = tmp_path / "budget.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = analyze(read(path)).indicators
    assert len(found) == count
    assert [(r.level3, r.value) for r in found if r.status != "auto"] == []
    assert example in [(r.level2, r.level3, r.value) for r in found]
