#!/usr/bin/env python3
"""The roll-up of docs/SCALE.md: county files → `aidstat clean` → the SQL of
`aidstat sql` in Spark (local mode) or DuckDB; the figures compared with the
totals the generator computed with Decimal (scripts/gen-counties.py).

    python3 scripts/rollup.py spark|duckdb DIR [--aidstat target/release/aidstat]

DIR holds the county files and expected.json. Prints each step's time.
"""
import json
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path


def main():
    engine, folder = sys.argv[1], Path(sys.argv[2])
    aidstat = sys.argv[sys.argv.index("--aidstat") + 1] if "--aidstat" in sys.argv else "target/release/aidstat"
    files = sorted(str(p) for p in folder.glob("*.csv") if p.name != "clean.csv" and p.name != "rejects.csv")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    spec = {"rows": ["板块"], "columns": "年度", "measure": "金额", "unit": "万元", "share": "column"}
    (folder / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    clean, rejects = folder / "clean.csv", folder / "rejects.csv"

    t0 = time.time()
    subprocess.run([aidstat, "clean", *files, "--unit", "万元", "--out", str(clean), "--rejects", str(rejects)], check=True)
    t1 = time.time()
    sql = subprocess.run(
        [aidstat, "sql", *files[:1], "--spec", str(folder / "spec.json"), "--dialect", engine, "--table", "clean"],
        check=True, capture_output=True, text=True,
    ).stdout
    (folder / f"rollup.{engine}.sql").write_text(sql, encoding="utf-8")
    t2 = time.time()
    if engine == "spark":
        from pyspark.sql import SparkSession

        spark = (SparkSession.builder.master("local[2]").appName("aidstat-rollup")
                 .config("spark.ui.enabled", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        t2 = time.time()
        spark.read.csv(str(clean), header=True, inferSchema=False, encoding="UTF-8").createOrReplaceTempView("clean")
        rows = [r.asDict() for r in spark.sql(sql).collect()]
        t3 = time.time()
        spark.stop()
    else:
        import duckdb

        con = duckdb.connect()
        con.execute("CREATE TABLE clean AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [str(clean)])
        rel = con.sql(sql)
        rows = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
        t3 = time.time()

    cent = Decimal("0.01")
    want_year = {y: Decimal(v).quantize(cent, ROUND_HALF_UP) for y, v in expected["byYear"].items()}
    want_block = {b: Decimal(v).quantize(cent, ROUND_HALF_UP) for b, v in expected["byBlock"].items()}
    got_year, got_block, grand = {}, {}, None
    for r in rows:
        v = r["value"]
        v = None if v is None else Decimal(str(v))
        if r["row_level"] == 0 and r["年度"] is not None:
            got_year[str(r["年度"])] = v
        elif r["row_level"] == 1 and r["年度"] is None:
            got_block[r["板块"]] = v
        elif r["row_level"] == 0 and r["年度"] is None:
            grand = v
    bad = [(k, want_year[k], got_year.get(k)) for k in want_year if got_year.get(k) != want_year[k]]
    bad += [(k, want_block[k], got_block.get(k)) for k in want_block if got_block.get(k) != want_block[k]]
    total = Decimal(expected["total"]).quantize(cent, ROUND_HALF_UP)
    if grand != total:
        bad.append(("合计", total, grand))
    print(json.dumps({
        "engine": engine, "files": len(files), "rows": expected["rows"],
        "clean_s": round(t1 - t0, 2), "sql_s": round(t2 - t1, 2), "query_s": round(t3 - t2, 2),
        "figures": len(rows), "grand_total": str(grand), "mismatches": [list(map(str, b)) for b in bad],
    }, ensure_ascii=False))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
