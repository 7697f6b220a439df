#!/usr/bin/env python3
"""Writes the encoded test fixtures from huadu_utf8.csv (a copy of
../shared/data/huadu_qingxin.csv). Python's codecs do the encoding, so the
engine's decoder is checked against an independent encoder.
Run: python3 tests/data/make_fixtures.py"""
import csv, io, json, os
from decimal import Decimal

here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.reader(open(os.path.join(here, "huadu_utf8.csv"), encoding="utf-8")))
header, body = rows[0], rows[1:]

def write(name, text, encoding):
    with open(os.path.join(here, name), "wb") as f:
        f.write(text.encode(encoding))

# GBK with a title line and a unit line above a header that names no unit.
lines = ["2020—2022年花都区对口帮扶清新区资金使用情况表,,,,,",
         "单位：万元,,,,,",
         "年度,帮扶方,受援方,资金来源,板块,金额"]
lines += [",".join(r) for r in body]
write("huadu_gbk_title.csv", "\r\n".join(lines) + "\r\n", "gbk")

# Big5, traditional labels, unit in the header in traditional script.
trad = {"花都区": "花都區", "清新区": "清新區", "花都区专项": "花都區專項", "清远市争取": "清遠市爭取",
        "医疗帮扶": "醫療幫扶", "教育帮扶": "教育幫扶", "招商推介": "招商推介", "人才招聘": "人才招聘",
        "老区建设": "老區建設", "文体交流": "文體交流", "乡村振兴": "鄉村振興"}
lines = ["年度,幫扶方,受援方,資金來源,板塊,金額(萬元)"]
lines += [",".join([r[0]] + [trad[c] for c in r[1:5]] + [r[5]]) for r in body]
write("huadu_big5_trad.csv", "\r\n".join(lines) + "\r\n", "big5")

# UTF-16LE with BOM, tab-separated: what Excel's "Unicode text" export writes.
lines = ["\t".join(header)] + ["\t".join(r) for r in body]
write("huadu_utf16.txt", "\ufeff" + "\r\n".join(lines) + "\r\n", "utf-16-le")

# 元 with thousands separators, quoted, and a 合计 row that is right.
def yuan(wan):
    v = int(Decimal(wan) * 10000)
    return '"{:,}"'.format(v)
lines = ["年度,帮扶方,受援方,资金来源,板块,金额(元)"]
lines += [",".join(r[:5] + [yuan(r[5])]) for r in body]
lines.append('合计,,,,,"43,000,000"')
write("huadu_yuan.csv", "\n".join(lines) + "\n", "utf-8")

# JSON records with mixed units: some cells carry their own unit.
recs = []
for i, r in enumerate(body):
    amount = r[5]
    if i % 3 == 1:
        amount = "{}元".format(int(Decimal(r[5]) * 10000))
    elif i % 3 == 2:
        amount = "{}亿元".format(Decimal(r[5]) / 10000)
    else:
        amount = json.loads(r[5])  # a bare JSON number, in the column's 万元
    recs.append({"年度": int(r[0]), "帮扶方": r[1], "受援方": r[2], "资金来源": r[3], "板块": r[4], "金额(万元)": amount})
write("huadu_mixed.json", json.dumps(recs, ensure_ascii=False, indent=1) + "\n", "utf-8")

# Years across the top (issue #13): 板块 × 年, newest first, GBK, a title and a
# 单位 line, a 合计 column and a 合计 row (the sums computed here with
# Decimal), an empty cell where a category has no record that year.
years = sorted({r[0] for r in body}, reverse=True)
cats = []
for r in body:
    if r[4] not in cats:
        cats.append(r[4])
sums = {}
for r in body:
    sums[(r[4], r[0])] = sums.get((r[4], r[0]), Decimal(0)) + Decimal(r[5])
wide = ["对口帮扶资金分板块情况（2020—2022年）", "单位：万元", ",".join(["板块"] + [y + "年" for y in years] + ["合计"])]
for c in cats:
    cells = [str(sums[(c, y)]) if (c, y) in sums else "" for y in years]
    wide.append(",".join([c] + cells + [str(sum((sums.get((c, y), Decimal(0)) for y in years), Decimal(0)))]))
col = [str(sum((v for (c, y), v in sums.items() if y == yy), Decimal(0))) for yy in years]
wide.append(",".join(["合计"] + col + [str(sum(sums.values(), Decimal(0)))]))
os.makedirs(os.path.join(here, "wide"), exist_ok=True)
write("wide/huadu_wide_gbk.csv", "\r\n".join(wide) + "\r\n", "gbk")
