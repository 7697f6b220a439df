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


if __name__ == "__main__":
    seed(os.path.join(HERE, "seed.xlsx"))
    print("wrote", os.path.join(HERE, "seed.xlsx"))
