#!/usr/bin/env python3
"""Generates N county files of paired-assistance funds, as offices send them,
for the roll-up in docs/SCALE.md, and the exact totals they must give.

    python3 scripts/gen-counties.py 100 target/counties [--rows 2000]

Each county's file is one of three forms, in turn: GBK with a title line and
`单位：万元` above the header; UTF-8 with `金额(元)` (amounts in 元, with
thousands separators); UTF-8 with `金额(万元)` and no 资金来源 column. Every
file ends with its own 合计 row. `expected.json` holds the totals by year and
by 板块 in 万元, computed with Python's Decimal (not by aidstat).
"""
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

BLOCKS = ["教育帮扶", "医疗帮扶", "产业合作", "劳务协作", "人才招聘", "乡村振兴", "消费帮扶"]
SOURCES = ["区级财政", "社会捐赠", "市级统筹"]
YEARS = [2020, 2021, 2022, 2023, 2024]


def main():
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 2000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261202)
    by_year = {y: Decimal(0) for y in YEARS}
    by_block = {b: Decimal(0) for b in BLOCKS}
    for k in range(n):
        county = f"县{k + 1:03d}"
        form = k % 3
        lines = []
        total = Decimal(0)
        for _ in range(rows):
            y = rng.choice(YEARS)
            b = rng.choice(BLOCKS)
            s = rng.choice(SOURCES)
            wan = Decimal(rng.randrange(1, 5_000_000)) / 100  # 0.01 … 49,999.99 万元
            by_year[y] += wan
            by_block[b] += wan
            total += wan
            if form == 1:
                yuan = wan * 10000
                lines.append(f'{y},花都区,{county},{s},{b},"{yuan:,.0f}"')
            elif form == 2:
                lines.append(f"{y},花都区,{county},{b},{wan}")
            else:
                lines.append(f"{y},花都区,{county},{s},{b},{wan}")
        if form == 0:
            text = f"{county}对口帮扶资金明细表\n单位：万元\n年度,帮扶方,受援方,资金来源,板块,金额\n"
            text += "\n".join(lines) + f"\n合计,,,,,{total}\n"
            (out / f"{county}.csv").write_bytes(text.encode("gbk"))
        elif form == 1:
            text = "年度,帮扶方,受援方,资金来源,板块,金额(元)\n" + "\n".join(lines)
            text += f'\n合计,,,,,"{total * 10000:,.0f}"\n'
            (out / f"{county}.csv").write_text(text, encoding="utf-8")
        else:
            text = "年度,帮扶方,受援方,板块,金额(万元)\n" + "\n".join(lines) + f"\n合计,,,,{total}\n"
            (out / f"{county}.csv").write_text(text, encoding="utf-8")
    expected = {
        "files": n,
        "rows": n * rows,
        "unit": "万元",
        "byYear": {str(y): str(v) for y, v in by_year.items()},
        "byBlock": {b: str(v) for b, v in by_block.items()},
        "total": str(sum(by_year.values())),
    }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{n} files, {n * rows} rows, in {out}")


if __name__ == "__main__":
    main()
