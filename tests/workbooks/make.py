#!/usr/bin/env python3
"""Makes the fixture workbooks of the workbook tests with an independent
writer (XlsxWriter), so aidstat's reader is tested on files it did not write.

    target/py/bin/python tests/workbooks/make.py      # writes tests/workbooks/*.xlsx

The figures are the seed data of tests/data/huadu_utf8.csv (SEMANTICS seed
000); the expected values are worked out by hand in tests/workbook.rs.
XlsxWriter's write_formula takes the cached value a formula cell needs
(openpyxl would write none). The .xls and .ods beside them were converted
from seed.xlsx by LibreOffice (see README.md in this folder)."""
import datetime
import os
import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))

ROWS = [
    (2020, "花都区专项", "医疗帮扶", 430), (2020, "花都区专项", "教育帮扶", 148),
    (2020, "花都区专项", "招商推介", 90), (2020, "花都区专项", "人才招聘", 14),
    (2020, "花都区专项", "老区建设", 130), (2020, "花都区专项", "文体交流", 188),
    (2021, "花都区专项", "教育帮扶", 420), (2021, "清远市争取", "教育帮扶", 950),
    (2021, "花都区专项", "招商推介", 210), (2021, "花都区专项", "人才招聘", 14),
    (2021, "花都区专项", "老区建设", 120), (2021, "花都区专项", "乡村振兴", 344),
    (2021, "花都区专项", "医疗帮扶", 30), (2021, "花都区专项", "文体交流", 12),
    (2022, "花都区专项", "教育帮扶", 658), (2022, "花都区专项", "医疗帮扶", 150),
    (2022, "花都区专项", "人才招聘", 14), (2022, "花都区专项", "乡村振兴", 340),
    (2022, "花都区专项", "招商推介", 38),
]


def seed(path):
    """The seed data as an office lays it out: a hidden sheet and a cover
    before it, a merged title and 单位 row, each year written once in a
    merged cell beside its rows, amounts typed, computed by formula and
    typed as text, a 合计 row with =SUM(), and a second sheet of dates and
    an error cell."""
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0.00"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})

    hidden = wb.add_worksheet("旧表")
    hidden.write_row(0, 0, ["年度", "金额"])
    hidden.write_row(1, 0, [2019, 999])
    hidden.hide()

    cover = wb.add_worksheet("封面")
    cover.write(0, 0, "花都区对口帮扶清新区资金统计")

    ws = wb.add_worksheet("明细")
    ws.activate()  # the first sheet can only be hidden when another is active
    ws.merge_range(0, 0, 0, 5, "花都区对口帮扶清新区资金明细表（2020—2022年）", bold)
    ws.merge_range(1, 0, 1, 5, "单位：万元")
    ws.write_row(2, 0, ["年度", "帮扶方", "受援方", "资金来源", "板块", "金额"], bold)
    row = 3
    for year in (2020, 2021, 2022):
        block = [r for r in ROWS if r[0] == year]
        ws.merge_range(row, 0, row + len(block) - 1, 0, year)
        for (_, source, cat, amount) in block:
            ws.write_row(row, 1, ["花都区", "清新区", source, cat])
            if (year, cat) == (2020, "医疗帮扶"):
                # 430 as a formula: 400 + 30, cached 430.
                ws.write_formula(row, 5, "=400+30", money, 430)
            elif (year, cat) == (2020, "文体交流"):
                # 188 as 0.1 + 0.2 style arithmetic: =94*2, cached 188.
                ws.write_formula(row, 5, "=94*2", money, 188)
            elif (year, source) == (2021, "清远市争取"):
                # A text amount, as pasted from a report.
                ws.write_string(row, 5, "950")
            else:
                ws.write_number(row, 5, amount, money)
            row += 1
    ws.write(row, 0, "合计", bold)
    ws.write_formula(row, 5, f"=SUM(F4:F{row})", money, 4300)

    other = wb.add_worksheet("2023")
    other.write_row(0, 0, ["日期", "板块", "金额"])
    other.write_datetime(1, 0, datetime.datetime(2023, 3, 15), date)
    other.write(1, 1, "医疗帮扶")
    other.write_number(1, 2, 0.1 + 0.2)
    other.write_datetime(2, 0, datetime.datetime(2023, 7, 1), date)
    other.write(2, 1, "教育帮扶")
    other.write_formula(2, 2, "=1/0", None, "#DIV/0!")
    other.write_datetime(3, 0, datetime.datetime(2023, 11, 30), date)
    other.write(3, 1, "教育帮扶")
    other.write_number(3, 2, 1033.98)
    wb.close()


def office(path):
    """A workbook as another office lays it out: a title merged over two rows,
    a 填报单位 line, a 序号 column, each 项目类别 merged down its block with a
    =SUBTOTAL 小计 row after it, a blank row between blocks, a 合计 row, notes
    and signatures below the table, a 拨付日期 column of dates, an amount
    typed as text with 约, and a chart sheet (not a worksheet)."""
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0.00"})
    date = wb.add_format({"num_format": "yyyy年m月d日"})
    ws = wb.add_worksheet("2023年")
    ws.merge_range(0, 0, 1, 7, "2023年清远市对口帮扶项目资金投入情况表", bold)
    ws.merge_range(2, 0, 2, 7, "填报单位：清远市协作办　　　　单位：万元")
    ws.write_row(3, 0, ["序号", "项目类别", "项目名称", "帮扶方", "受援方", "拨付日期", "投入资金", "备注"], bold)
    blocks = [
        ("产业帮扶", [("茶叶基地", "花都区", "清新区", datetime.datetime(2023, 3, 1), 120.5, ""),
                      ("农产品冷链", "花都区", "清新区", datetime.datetime(2023, 6, 18), 80, ""),
                      ("产业园配套", "白云区", "连南县", datetime.datetime(2023, 9, 9), "约60", "按合同约数")]),
        ("教育帮扶", [("学校改造", "花都区", "清新区", datetime.datetime(2023, 4, 2), 200, "分两期"),
                      ("教师培训", "白云区", "连南县", datetime.datetime(2023, 8, 30), 35.25, "")]),
    ]
    row, first_data, subtotal_rows, n = 4, 4, [], 1
    for cat, items in blocks:
        start = row
        for (name, giver, county, when, amount, note) in items:
            ws.write_number(row, 0, n)
            ws.write_row(row, 2, [name, giver, county])
            ws.write_datetime(row, 5, when, date)
            if isinstance(amount, str):
                ws.write_string(row, 6, amount)
            else:
                ws.write_number(row, 6, amount, money)
            ws.write(row, 7, note)
            row += 1
            n += 1
        ws.merge_range(start, 1, row - 1, 1, cat)
        ws.write(row, 1, "小计", bold)
        # The cached value counts 约60 as 60, as an analyst's total would.
        cached = sum(a if not isinstance(a, str) else 60 for (_, _, _, _, a, _) in items)
        ws.write_formula(row, 6, f"=SUBTOTAL(9,G{start + 1}:G{row})", money, cached)
        subtotal_rows.append(row)
        row += 2  # a blank row between blocks
    ws.write(row, 0, "合计", bold)
    ws.write_formula(row, 6, "=" + "+".join(f"G{r + 1}" for r in subtotal_rows), money, 495.75)
    row += 2
    ws.merge_range(row, 0, row, 7, "注：1. 数据来源于各帮扶单位报送；2. 约数按合同金额填报。")
    ws.write(row + 1, 0, "填表人：张三")
    ws.write(row + 1, 4, "审核人：李四")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "='2023年'!$G$5:$G$7"})
    cs = wb.add_chartsheet("图表")
    cs.set_chart(chart)
    wb.close()


def two_header_rows(path):
    """Years merged across the top over 金额 / 占比 sub-columns (two header
    rows), as yearbook tables are laid out; 板块 merged down both header rows."""
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0.00%"})
    ws = wb.add_worksheet("分年")
    ws.merge_range(0, 0, 0, 6, "花都区对口帮扶清新区资金（分年）", bold)
    ws.write(1, 0, "单位：万元")
    ws.merge_range(2, 0, 3, 0, "板块", bold)
    data = {"医疗帮扶": (430, 30, 150), "教育帮扶": (570, 2070, 1050)}
    totals = (1000, 2100, 1200)
    for k, year in enumerate((2020, 2021, 2022)):
        ws.merge_range(2, 1 + 2 * k, 2, 2 + 2 * k, f"{year}年", bold)
        ws.write(3, 1 + 2 * k, "金额", bold)
        ws.write(3, 2 + 2 * k, "占比", bold)
    for r, (cat, values) in enumerate(data.items()):
        ws.write(4 + r, 0, cat)
        for k, v in enumerate(values):
            ws.write_number(4 + r, 1 + 2 * k, v)
            ws.write_number(4 + r, 2 + 2 * k, v / totals[k], pct)
    wb.close()


def no_cached_values(path):
    """Formulas with no cached result, as openpyxl writes them (it does not
    calculate): aidstat must not read them as empty or 0."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    ws.append(["年度", "板块", "金额(万元)"])
    ws.append([2020, "医疗帮扶", 430])
    ws.append([2020, "教育帮扶", "=100+48"])
    ws.append([2021, "教育帮扶", 420])
    wb.save(path)


if __name__ == "__main__":
    seed(os.path.join(HERE, "seed.xlsx"))
    office(os.path.join(HERE, "office.xlsx"))
    no_cached_values(os.path.join(HERE, "nocache.xlsx"))
    two_header_rows(os.path.join(HERE, "twoheader.xlsx"))
    print("wrote seed.xlsx and office.xlsx in", HERE)
