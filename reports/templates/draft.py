"""Drafts the Word templates shipped in this folder (urging_notice.docx, circular.docx) in the
layout of official documents (GB/T 9704: A4, 仿宋 三号 body, 小标宋 二号 title, the issuing
office in red above a red rule). The .docx files are the source an office edits in Word; this
script only made their first version: ``python -m reports.templates.draft``.

Fields are Jinja tags (docxtpl): ``{{ number }}``, a table row repeated with
``{%tr for … %}`` … ``{%tr endfor %}``, a chart where ``{{ trend_chart }}`` stands."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

HERE = Path(__file__).parent
BODY, TITLE, HEADING = "仿宋_GB2312", "方正小标宋简体", "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)


def _font(run_or_style: object, family: str, size: float, *, bold: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold = family, Pt(size), bold
    element = run_or_style.element  # type: ignore[attr-defined]
    properties = element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), family)


def new_document() -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    _font(normal, BODY, 16)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    return document


def line(
    document: DocumentObject,
    text: str,
    *,
    family: str = BODY,
    size: float = 16,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    color: RGBColor | None = None,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    run = paragraph.add_run(text)
    _font(run, family, size, bold=bold)
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def masthead(document: DocumentObject, number: str | None) -> None:
    """The issuing office in red, the number, and the red rule under them."""
    centred = WD_ALIGN_PARAGRAPH.CENTER
    line(document, "{{ issuer }}", family=TITLE, size=26, align=centred, color=RED)
    rule = line(document, number or "", align=centred)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "6"),
        ("w:color", "C00000"),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)
    document.add_paragraph()


def table(document: DocumentObject, headers: list[str], loop: str, cells: list[str]) -> None:
    """A header row, then one row repeated by docxtpl for each item of ``loop``."""
    grid = document.add_table(rows=4, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [headers, [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1), cells]
    rows.append(["{%tr endfor %}"] + [""] * (len(headers) - 1))
    header = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(header)
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            paragraph = grid.cell(r, c).paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.0  # not the body's exact 28 pt
            _font(paragraph.add_run(text), BODY, 12, bold=r == 0)


def picture(document: DocumentObject, field: str) -> None:
    """Where a chart goes: single spacing, since an exact line height would clip it."""
    paragraph = line(document, field, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.line_spacing = 1.0


def signature(document: DocumentObject, date_field: str) -> None:
    document.add_paragraph()
    right = WD_ALIGN_PARAGRAPH.RIGHT
    line(document, "{{ issuer }}", align=right)
    line(document, date_field, align=right)


def urging_notice() -> DocumentObject:
    document = new_document()
    masthead(document, "{{ number }}")
    line(document, "督 办 通 知", family=TITLE, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    line(document, "{{ unit }}：", indent=False)
    line(
        document,
        "你单位承办的“{{ issue.description }}”问题（企业：{{ issue.enterprise }}，统一社会"
        "信用代码：{{ issue.code }}；来源渠道：{{ issue.channel }}；问题类别："
        "{{ issue.category }}），于{{ assigned_on }}交办你单位{{ issue.person }}同志办理，"
        "{{ what }}为{{ due }}。截至{{ issued_on }}，该问题仍未办结，已逾期{{ overdue_days }}"
        "个工作日。",
    )
    line(
        document,
        "按照问题台账限时办结和“一事一督办”的要求，现予督办。"
        "{% if new_limit %}请于{{ new_limit }}前办结，{% else %}请抓紧办理，{% endif %}"
        "并将办理结果书面报送{{ issuer }}。逾期仍未办结的，将按规定予以通报。",
    )
    line(document, "送：{{ addressees }}。")
    line(document, "附：问题办理经过", family=HEADING)
    table(
        document,
        ["日期", "事项", "办理情况"],
        "e in history",
        ["{{ e.day }}", "{{ e.kind }}", "{{ e.what }}"],
    )
    signature(document, "{{ issued_on }}")
    line(document, "（经办人：{{ clerk }}）", size=14, indent=False)
    return document


def circular() -> DocumentObject:
    document = new_document()
    masthead(document, "{{ number }}")
    title = "关于{{ period_label }}政企服务工作情况的通报"
    line(document, title, family=TITLE, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    line(document, "{{ addressed_to }}：", indent=False)
    line(
        document,
        "现将{{ period_label }}全市问题台账办理和好差评情况通报如下（数据{{ as_of }}）。",
    )
    line(document, "一、总体情况", family=HEADING)
    line(
        document,
        "{{ period_label }}，各单位共受理企业问题{{ totals.received }}件，办结"
        "{{ totals.resolved }}件，办结率{{ totals.resolution_rate }}；办理时限到期"
        "{{ totals.due }}件，按时办结率{{ totals.on_time_rate }}，超时办结或逾期未办结"
        "{{ totals.missed }}件。{{ as_of }}，仍有{{ totals.overdue }}件问题逾期未办结。",
    )
    picture(document, "{{ trend_chart }}")
    line(document, "二、各单位办理情况", family=HEADING)
    table(
        document,
        ["序号", "单位", "受理", "办结", "按时办结率", "逾期未办结"],
        "u in units",
        ["{{ u.n }}", "{{ u.unit }}", "{{ u.received }}", "{{ u.resolved }}",
         "{{ u.on_time_rate }}", "{{ u.overdue }}"],
    )  # fmt: skip
    picture(document, "{{ rates_chart }}")
    line(document, "三、逾期未办结问题", family=HEADING)
    line(
        document,
        "{% if overdue %}以下问题已超过办理时限仍未办结，请责任单位抓紧办理："
        "{% else %}无逾期未办结问题。{% endif %}",
    )
    table(
        document,
        ["责任单位", "问题", "企业", "办理时限", "逾期工作日"],
        "o in overdue",
        ["{{ o.unit }}", "{{ o.description }}", "{{ o.enterprise }}", "{{ o.limit }}",
         "{{ o.days }}"],
    )  # fmt: skip
    line(document, "四、好差评情况", family=HEADING)
    line(
        document,
        "{{ period_label }}共收到好差评{{ reviews.total }}条。满意率前列的单位："
        "{{ reviews.good }}；满意率靠后的单位：{{ reviews.bad }}。",
    )
    line(document, "五、考核结果", family=HEADING)
    line(
        document,
        "{% if assessment.published %}根据{{ assessment.title }}结果（第{{ assessment.version }}"
        "版{% if assessment.document %}，{{ assessment.document }}{% endif %}），列入好评榜的单位："
        "{{ assessment.good }}；列入差评通报的单位：{{ assessment.bad }}。"
        "{% if assessment.summoned %}连续两年考核结果靠后、拟约谈其主要负责人的单位："
        "{{ assessment.summoned }}。{% endif %}"
        "{% else %}本期考核结果尚未公布。{% endif %}",
    )
    line(document, "六、工作要求", family=HEADING)
    line(
        document,
        "各单位要对照本通报，逐件梳理逾期问题，明确责任人和办结时限，做到问题不解决不销号；"
        "对差评要及时核实整改、回访，切实提升企业满意度。",
    )
    signature(document, "{{ issued_on }}")
    return document


if __name__ == "__main__":
    urging_notice().save(str(HERE / "urging_notice.docx"))
    circular().save(str(HERE / "circular.docx"))
