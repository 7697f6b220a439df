"""Runs rendered SQL over clean CSVs in DuckDB or Spark (local mode) and
prints every result row as JSON (decimals as exact text).

    python tests/sql/run.py duckdb|spark jobs.json   # [{"csv": path, "sql": path}, ...]
"""
import json
import sys
from decimal import Decimal


def cell(v):
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v)
    return v


def run_duckdb(jobs):
    import duckdb

    out = []
    for job in jobs:
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE clean AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
            [job["csv"]],
        )
        rel = con.sql(open(job["sql"], encoding="utf-8").read())
        cols = rel.columns
        out.append([{c: cell(v) for c, v in zip(cols, row)} for row in rel.fetchall()])
        con.close()
    return out


def run_spark(jobs):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("aidstat-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    out = []
    for job in jobs:
        df = spark.read.csv(job["csv"], header=True, inferSchema=False, encoding="UTF-8")
        df.createOrReplaceTempView("clean")
        rows = spark.sql(open(job["sql"], encoding="utf-8").read()).collect()
        out.append([{k: cell(v) for k, v in r.asDict().items()} for r in rows])
    spark.stop()
    return out


def main():
    engine, jobs_path = sys.argv[1], sys.argv[2]
    jobs = json.load(open(jobs_path, encoding="utf-8"))
    res = run_duckdb(jobs) if engine == "duckdb" else run_spark(jobs)
    json.dump(res, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
