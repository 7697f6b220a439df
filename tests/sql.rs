//! The analysis as SQL: for many specs over the fixtures, the clean CSV and
//! the rendered SQL are run in DuckDB (the venv python at target/py, which
//! scripts/setup.sh makes) and every figure of the result (value, share,
//! growth, summary and their reason codes) must be aidstat's own, exactly
//! on the rounded figure. `scripts/verify-spark.sh` runs the same test in
//! Spark (AIDSTAT_SQL_ENGINE=spark, AIDSTAT_SQL_PYTHON=its venv).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use aidstat::analyze::result::Figure;
use aidstat::api::{Analysis, Session};
use aidstat::cell::MoneyUnit;
use aidstat::export::{layout, sql::render, write_clean};
use serde_json::Value;

const FIXTURES: &[&str] = &[
    "tests/data/huadu_utf8.csv",
    "tests/data/huadu_yuan.csv",
    "tests/data/huadu_gbk_title.csv",
    "tests/data/sql_edges.csv",
    "tests/data/sql_quarters.csv",
];

/// Specs for every fixture (a spec naming a column a fixture lacks is skipped there).
const SPECS: &[&str] = &[
    r#"{"rows":["板块"],"columns":"年度","share":"column","growth":"rate"}"#,
    r#"{"rows":["板块"],"columns":"年度","share":"grand","growth":"change"}"#,
    r#"{"rows":["资金来源","板块"],"columns":"年度","share":"parent","growth":"index"}"#,
    r#"{"rows":["资金来源","板块"],"columns":"年度","share":"row","subtotals":false,"growth":"speed"}"#,
    r#"{"rows":["板块"],"columns":"年度","share":"row","unit":"亿元","precision":4,"growth":"contribution"}"#,
    r#"{"rows":["板块"],"columns":"年度","growth":"pull","unit":"元","precision":0,"percentPrecision":3}"#,
    r#"{"rows":["板块"],"columns":"年度","growth":"cagr"}"#,
    r#"{"rows":["板块"],"columns":"年度","growth":"average","totals":false}"#,
    r#"{"rows":["年度","板块"],"share":"parent","growth":"rate"}"#,
    r#"{"rows":["年度"],"growth":"cagr"}"#,
    r#"{"rows":["板块","年度"],"growth":"change","share":"grand"}"#,
    r#"{"rows":["年度"],"columns":"板块","growth":"rate","share":"column"}"#,
    r#"{"rows":["板块"],"columns":"年度","aggregate":"count","share":"column","growth":"rate"}"#,
    r#"{"rows":["板块"],"columns":"年度","aggregate":"count_nonnull","growth":"change"}"#,
    r#"{"rows":["板块"],"columns":"年度","aggregate":"mean","growth":"rate","precision":3}"#,
    r#"{"rows":["板块"],"columns":"年度","aggregate":"min","growth":"change","share":"row"}"#,
    r#"{"rows":["板块"],"columns":"年度","aggregate":"max","growth":"index","basePeriod":"2021"}"#,
    r#"{"rows":["年度"],"aggregate":"distinct","measure":"板块"}"#,
    r#"{"rows":["板块"],"aggregate":"distinct"}"#,
    r#"{"columns":"年度","growth":"rate","share":"grand"}"#,
    r#"{"share":"grand"}"#,
    r#"{"rows":["板块"],"columns":"年度","filters":[{"column":"资金来源","keep":["花都区专项"]}],"growth":"rate","share":"column"}"#,
    r#"{"rows":["板块"],"columns":"年度","filters":[{"column":"年度","drop":["2020"]},{"column":"板块","drop":["(空白)"]}],"growth":"rate"}"#,
    r#"{"rows":["地区","板块"],"columns":"年度","share":"parent","growth":"rate"}"#,
    r#"{"rows":["地区","板块"],"columns":"年度","growth":"pull","share":"column"}"#,
    r#"{"rows":["地区","年度"],"growth":"cagr"}"#,
    r#"{"rows":["地区"],"columns":"年度","share":"row","growth":"speed"}"#,
    r#"{"rows":["板块"],"columns":"年度","share":"grand","filters":[{"column":"地区","keep":["丙"]}],"growth":"contribution"}"#,
    r#"{"rows":["地区","年度"],"growth":"index","share":"parent"}"#,
    r#"{"rows":["项目"],"columns":"季度","growth":"rate","share":"column"}"#,
    r#"{"rows":["季度"],"growth":"change","unit":"万元","precision":4}"#,
    r#"{"rows":["项目"],"columns":"季度","growth":"cagr"}"#,
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> PathBuf {
    let p = match std::env::var("AIDSTAT_SQL_PYTHON") {
        Ok(p) => PathBuf::from(p),
        Err(_) => root().join("target/py/bin/python"),
    };
    assert!(
        p.exists(),
        "{} is missing: run scripts/setup.sh (it makes the venv target/py with duckdb)",
        p.display()
    );
    p
}

/// A figure as the SQL gives it: its rounded text or its reason.
fn want(f: &Figure) -> (Option<String>, Option<String>) {
    match &f.exact {
        Some(_) => (Some(f.text.replace([',', '%'], "")), None),
        None => (None, f.reason.map(str::to_string)),
    }
}

fn got(row: &HashMap<String, Value>, name: &str) -> (Option<String>, Option<String>) {
    let s = |k: &str| row.get(k).and_then(Value::as_str).map(str::to_string);
    (s(name), s(&format!("{name}_reason")))
}

/// Every figure of `a` against the SQL rows; mismatches as text.
fn compare(what: &str, a: &Analysis, rows: &[HashMap<String, Value>]) -> Vec<String> {
    let r = &a.result;
    let blank = |s: &Option<String>| s.clone().filter(|s| s != "(空白)");
    let key_of = |row: &HashMap<String, Value>| {
        let mut k = vec![row
            .get("row_level")
            .map(Value::to_string)
            .unwrap_or_default()];
        for d in &r.row_dims {
            k.push(row.get(d).map(Value::to_string).unwrap_or_default());
        }
        if let Some(c) = &r.col_dim {
            k.push(row.get(c).map(Value::to_string).unwrap_or_default());
        }
        k.push(
            row.get("column_total")
                .map(Value::to_string)
                .unwrap_or_default(),
        );
        k
    };
    let by_key: HashMap<Vec<String>, &HashMap<String, Value>> =
        rows.iter().map(|row| (key_of(row), row)).collect();
    let mut bad = Vec::new();
    let mut figures = 0;
    let js = |s: Option<String>| s.map_or(Value::Null, Value::String).to_string();
    for row in &r.rows {
        for (j, cell) in row.cells.iter().enumerate() {
            figures += 1;
            let col = r.columns.get(j).unwrap();
            let mut k = vec![row.level.to_string()];
            k.extend(row.keys.iter().map(|x| js(blank(x))));
            let total = col.kind == "total";
            if r.col_dim.is_some() {
                k.push(js(if total {
                    None
                } else {
                    blank(&Some(col.label.clone()))
                }));
            }
            k.push(total.to_string());
            let Some(sql) = by_key.get(&k) else {
                bad.push(format!("{what}: no SQL row for {k:?}"));
                continue;
            };
            let mut check = |name: &str, f: Option<&Figure>| {
                if let Some(f) = f {
                    let (w, g) = (want(f), got(sql, name));
                    if w != g {
                        bad.push(format!(
                            "{what}: {k:?} {name}: aidstat {w:?} ({}), SQL {g:?}",
                            f.text
                        ));
                    }
                }
            };
            check("value", Some(&cell.value));
            check("share", cell.share.as_ref());
            check("growth", cell.growth.as_ref());
            check("summary", row.summary.as_ref());
        }
    }
    if figures != rows.len() {
        bad.push(format!(
            "{what}: aidstat has {figures} figures, SQL {} rows",
            rows.len()
        ));
    }
    bad
}

struct Job {
    what: String,
    analysis: Analysis,
    csv: PathBuf,
    sql: PathBuf,
}

fn run(engine: &str, jobs: &[Job], dir: &Path) -> Vec<Vec<HashMap<String, Value>>> {
    let list: Vec<Value> = jobs
        .iter()
        .map(|j| serde_json::json!({"csv": j.csv, "sql": j.sql}))
        .collect();
    let path = dir.join("jobs.json");
    std::fs::write(&path, Value::Array(list).to_string()).unwrap();
    let out = std::process::Command::new(python())
        .arg(root().join("tests/sql/run.py"))
        .arg(engine)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_figure_of_every_spec_is_aidstats_own() {
    let engine = std::env::var("AIDSTAT_SQL_ENGINE").unwrap_or_else(|_| "duckdb".into());
    let dialect = engine.parse().unwrap();
    let _ = python();
    let dir = std::env::temp_dir().join(format!("aidstat-sql-{engine}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut jobs = Vec::new();
    for (fi, file) in FIXTURES.iter().enumerate() {
        let bytes = std::fs::read(root().join(file)).unwrap();
        let s = Session::from_bytes(&bytes, "{}").unwrap();
        // Clean tables in the column's own unit and in 元.
        for (ui, unit) in [None, Some(MoneyUnit::Yuan)].into_iter().enumerate() {
            let csv = dir.join(format!("f{fi}_u{ui}.csv"));
            let f = std::fs::File::create(&csv).unwrap();
            write_clean(s.table(), file, unit, std::io::BufWriter::new(f)).unwrap();
            let l = layout(s.table(), unit);
            for (si, spec) in SPECS.iter().enumerate() {
                let Ok(analysis) = s.analyze(spec) else {
                    continue;
                };
                let parsed = aidstat::analyze::spec::Spec::from_json(spec).unwrap();
                let text = render(&parsed, &l, dialect, "clean").unwrap();
                let sql = dir.join(format!("f{fi}_u{ui}_s{si}.sql"));
                std::fs::write(&sql, text).unwrap();
                let what = format!("{file} unit {unit:?} spec {spec}");
                jobs.push(Job {
                    what,
                    analysis,
                    csv: csv.clone(),
                    sql,
                });
            }
        }
    }
    assert!(jobs.len() > 100, "only {} jobs", jobs.len());
    let results = run(&engine, &jobs, &dir);
    let mut bad = Vec::new();
    let mut figures = 0;
    let mut reasons = std::collections::BTreeSet::new();
    for (job, rows) in jobs.iter().zip(&results) {
        figures += rows.len();
        for row in rows {
            for (k, v) in row {
                if let (true, Some(v)) = (k.ends_with("reason"), v.as_str()) {
                    reasons.insert(v.to_string());
                }
            }
        }
        bad.extend(compare(&job.what, &job.analysis, rows));
    }
    eprintln!(
        "{engine}: {} views, {figures} figures compared; reasons {reasons:?}",
        jobs.len()
    );
    for r in [
        "no_records",
        "no_value",
        "no_prior",
        "zero_base",
        "no_period",
        "no_current",
        "no_base",
        "zero_total",
        "not_additive",
        "cagr_undefined",
    ] {
        assert!(
            reasons.contains(r),
            "no figure with reason {r}: {reasons:?}"
        );
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
