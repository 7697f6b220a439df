#!/usr/bin/env python3
"""Adversarial CSV files for timing the engine and its checks (not tests).

    python3 bench/gen-adversarial.py KIND ROWS OUT.csv

KIND:
  id        a unique 项目编号 per row beside 年度, 板块, 资金来源, 金额(万元)
  distinct  every column's value distinct (板块 too), amounts distinct
  same      every row the same (one category, one year, one amount)
  long      板块 cells of 100 characters (7 of them), 项目 cells of 50 characters, unique
  nearsame  the same keys and amount on every row, a second measure distinct
"""
import random
import sys

CATS = ["教育帮扶", "医疗帮扶", "产业合作", "劳务协作", "乡村振兴", "文体交流", "人才招聘"]
SOURCES = ["花都区专项", "清远市争取", "社会捐赠"]


def main():
    kind, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(7)
    with open(out, "w", encoding="utf-8", newline="") as f:
        if kind == "id":
            f.write("项目编号,年度,板块,资金来源,金额(万元)\n")
            for i in range(rows):
                f.write(f"XM{i:08d},{2018 + i % 7},{CATS[rnd.randrange(7)]},{SOURCES[i % 3]},{rnd.randrange(1, 10**6)/100:.2f}\n")
        elif kind == "distinct":
            f.write("年度,板块,资金来源,金额(万元)\n")
            for i in range(rows):
                f.write(f"{2018 + i % 7},类别{i},来源{i * 7919 % rows},{i + 1}.{i % 100:02d}\n")
        elif kind == "same":
            f.write("年度,板块,资金来源,金额(万元)\n")
            for i in range(rows):
                f.write("2020,教育帮扶,花都区专项,100.00\n")
        elif kind == "long":
            longs = [c * 25 for c in CATS]
            f.write("年度,板块,项目,金额(万元)\n")
            for i in range(rows):
                f.write(f"{2018 + i % 7},{longs[i % 7]},{'项目' * 20}{i:010d},{rnd.randrange(1, 10**6)/100:.2f}\n")
        elif kind == "nearsame":
            f.write("年度,板块,金额(万元),人数\n")
            for i in range(rows):
                f.write(f"2020,教育帮扶,100.00,{i}\n")
        else:
            sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    main()
