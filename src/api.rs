//! The operations of the JavaScript API, in pure Rust: options and specs
//! come in as JSON text, answers go out as serialisable values, errors as
//! [`Error`]. `bindings` only converts between these and JavaScript; the
//! policy lives here: how text is read, that the checks run once (or slice
//! by slice) and are kept, that a grouping keeps its spec to render again.
//!
//! # Example
//! ```
//! use aidstat::api::Session;
//! let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,148\n2021,教育帮扶,420\n";
//! let s = Session::from_bytes(csv.as_bytes(), "{}").unwrap();
//! let a = s.analyze(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap();
//! assert_eq!(a.result.diagnostics.rows_used, 3);
//! assert!(a.paragraph.zh.contains("998.00万元"));
//! let g = s.group(r#"{"rows":["板块"]}"#).unwrap();
//! assert_eq!(g.render(r#"{"share":"grand"}"#).unwrap().result.spec.share.as_str(), "grand");
//! while !s.check_step().done {}
//! assert!(s.findings().is_empty());
//! ```

use std::cell::{OnceCell, RefCell};

use serde::Serialize;

use crate::analyze::spec::{spec_object, Spec};
use crate::analyze::{group, result::AnalysisResult, Grouped};
use crate::check::{Checker, Finding};
use crate::error::{Error, ErrorCode, Result};
use crate::limits;
use crate::load::{self, LoadOptions};
use crate::report::{paragraphs, Paragraph};
use crate::table::{describe, Table};

/// A result as the API gives it: the figures and the report paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// The figures, diagnostics and findings of the view.
    #[serde(flatten)]
    pub result: AnalysisResult,
    /// The paragraph for the report, from the view's shown figures.
    pub paragraph: Paragraph,
}

impl Analysis {
    fn of(result: AnalysisResult) -> Analysis {
        let paragraph = paragraphs(&result);
        Analysis { result, paragraph }
    }
}

/// How far the checks have run: slices run so far, of `steps`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CheckProgress {
    /// Whether every slice has run (then [`Session::findings`] answers at once).
    pub done: bool,
    /// Slices run.
    pub step: usize,
    /// Slices in all.
    pub steps: usize,
}

/// The names a spec may use and its defaults, for a page that builds specs
/// (so that it never repeats them by hand).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// `aggregate` values, in the order a page lists them.
    pub aggregates: Vec<&'static str>,
    /// `share` values.
    pub shares: Vec<&'static str>,
    /// `growth` values.
    pub growths: Vec<&'static str>,
    /// `unit` values (money units, smallest first).
    pub units: Vec<&'static str>,
    /// The defaults of the fields a page sets.
    pub defaults: serde_json::Value,
    /// Why a figure is empty or flagged: each reason code's text in
    /// `zh-CN`, `zh-TW` and `en`.
    pub reasons: serde_json::Value,
}

/// The spec's vocabulary and defaults.
///
/// # Example
/// ```
/// let v = aidstat::api::vocabulary();
/// assert_eq!(v.aggregates[0], "sum");
/// assert!(v.growths.contains(&"cagr"));
/// assert_eq!(v.units, ["元", "千元", "万元", "百万元", "千万元", "亿元"]);
/// assert_eq!(v.defaults["precision"], 2);
/// ```
pub fn vocabulary() -> Vocabulary {
    use crate::analyze::spec::{Aggregate, GrowthKind, ShareKind};
    use crate::cell::MoneyUnit;
    let d = Spec::default();
    Vocabulary {
        aggregates: Aggregate::ALL.iter().map(|a| a.as_str()).collect(),
        shares: ShareKind::ALL.iter().map(|a| a.as_str()).collect(),
        growths: GrowthKind::ALL.iter().map(|a| a.as_str()).collect(),
        units: MoneyUnit::ALL.iter().map(|u| u.label()).collect(),
        defaults: serde_json::json!({
            "aggregate": d.aggregate.as_str(),
            "share": d.share.as_str(),
            "growth": d.growth.as_str(),
            "precision": d.precision,
            "percentPrecision": d.percent_precision,
            "subtotals": d.subtotals,
            "totals": d.totals,
            "largestRemainder": d.largest_remainder,
        }),
        reasons: crate::analyze::reasons::REASONS
            .iter()
            .map(|(code, [zh, tw, en])| {
                (
                    (*code).to_string(),
                    serde_json::json!({"zh-CN": zh, "zh-TW": tw, "en": en}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// Refuses, before they are copied, inputs larger than a tab can hold.
///
/// # Example
/// ```
/// use aidstat::{api::check_size, limits::MAX_BYTES};
/// assert!(check_size(MAX_BYTES).is_ok());
/// assert_eq!(check_size(MAX_BYTES + 1).unwrap_err().code.as_str(), "too_large");
/// ```
pub fn check_size(bytes: usize) -> Result<()> {
    if bytes > limits::MAX_BYTES {
        return Err(limits::file_too_large(bytes));
    }
    Ok(())
}

/// Parses load options from JSON text (`null` or empty: the defaults).
pub(crate) fn load_options(json: &str) -> Result<LoadOptions> {
    LoadOptions::from_json(json)
}

/// A loader for a file that arrives in chunks.
///
/// # Example
/// ```
/// let mut l = aidstat::api::loader(r#"{"delimiter":";"}"#, None).unwrap();
/// l.push("项目;金额\na;1\nb;2\n".as_bytes()).unwrap();
/// assert_eq!(l.finish().unwrap().len(), 2);
/// let bad = aidstat::api::loader(r#"{"delimiter":"::"}"#, None); // options are read first
/// assert_eq!(bad.err().map(|e| e.code.as_str()), Some("bad_spec"));
/// ```
pub fn loader(options_json: &str, size: Option<u64>) -> Result<load::Loader> {
    Ok(load::Loader::new(load_options(options_json)?, size))
}

/// A loaded table with its checks: load once, analyse as often as the
/// analyst clicks. The checks are about the file and cost a pass over it:
/// they run once, when first asked for ([`Session::findings`]) or a slice at
/// a time ([`Session::check_step`]), and are kept; no analysis waits for them.
#[derive(Debug)]
pub struct Session {
    table: Table,
    findings: OnceCell<Vec<Finding>>,
    checker: RefCell<Option<Checker>>,
    /// The groups of the last analysis: a new view that groups alike (only
    /// share, growth, unit, precision, totals differ) is rendered from them.
    last: RefCell<Option<Grouped>>,
}

impl Session {
    /// A session over a loaded table.
    ///
    /// # Example
    /// ```
    /// let t = aidstat::load::load("项目,金额\na,1\nb,2\n".as_bytes(), &Default::default()).unwrap();
    /// let s = aidstat::api::Session::new(t);
    /// assert_eq!(s.table().len(), 2);
    /// ```
    pub fn new(table: Table) -> Session {
        Session {
            table,
            findings: OnceCell::new(),
            checker: RefCell::new(None),
            last: RefCell::new(None),
        }
    }

    /// Loads a file's bytes (CSV or JSON, any supported encoding).
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("项目,金额\na,1\n".as_bytes(), r#"{"delimiter":","}"#).unwrap();
    /// assert_eq!(s.table().len(), 1);
    /// assert_eq!(
    ///     aidstat::api::Session::from_bytes(b"x", r#"{"nope":1}"#).unwrap_err().code.as_str(),
    ///     "bad_spec"
    /// );
    /// ```
    pub fn from_bytes(bytes: &[u8], options_json: &str) -> Result<Session> {
        check_size(bytes.len())?;
        let opts = load_options(options_json)?;
        load::load(bytes, &opts).map(Session::new)
    }

    /// Loads a workbook's sheet: the cells the Office module read (the bytes
    /// of an [`aidstat_cells::Book`]).
    ///
    /// # Example
    /// ```
    /// use aidstat_cells::{Book, Cell, Grid, SheetInfo};
    /// // A sheet whose header is on row 3 (0-based row 2) of the sheet.
    /// let mut grid = Grid::new(2, 0, 2);
    /// for c in [Cell::text("年度"), Cell::text("金额"), Cell::number("2020"), Cell::number("430")] {
    ///     grid.push(c);
    /// }
    /// let sheets = vec![SheetInfo { name: "明细".into(), visible: true, rows: 4, columns: 2 }];
    /// let book = Book { format: "xlsx".into(), sheets, chosen: 0, grid, notes: vec![] };
    /// let s = aidstat::api::Session::from_cells(&book.to_bytes(), "{}").unwrap();
    /// assert_eq!(s.table().lines, [4]); // lines are the sheet's row numbers
    /// assert_eq!(s.schema().source.sheet.as_deref(), Some("明细"));
    /// let junk = aidstat::api::Session::from_cells(b"not cells", "{}").unwrap_err();
    /// assert_eq!(junk.code.as_str(), "bad_workbook");
    /// ```
    pub fn from_cells(cells: &[u8], options_json: &str) -> Result<Session> {
        let opts = load_options(options_json)?;
        load::load_sheet(cells, &opts).map(Session::new)
    }

    /// Loads text (cells pasted from Excel: tab-separated). Text is already
    /// decoded, so it is read as UTF-8 whatever the options say.
    ///
    /// # Example
    /// ```
    /// // Cells pasted from Excel: tab-separated; the encoding option is ignored.
    /// let s = aidstat::api::Session::from_text("年度\t金额\n2020\t430\n", r#"{"encoding":"gbk"}"#).unwrap();
    /// assert_eq!(s.schema().source.delimiter.as_deref(), Some("\t"));
    /// assert_eq!(s.schema().source.encoding, "UTF-8");
    /// assert_eq!(s.table().columns[1].name, "金额");
    /// ```
    pub fn from_text(text: &str, options_json: &str) -> Result<Session> {
        check_size(text.len())?;
        let mut opts = load_options(options_json)?;
        opts.read.encoding = Some("utf-8".into());
        load::load(text.as_bytes(), &opts).map(Session::new)
    }

    /// Several files' tables of one layout as one (see [`crate::table::concat`]):
    /// a dimension 来源文件 names each row's file; the files whose columns
    /// cannot be matched are left out and returned, with why.
    ///
    /// # Example
    /// ```
    /// use aidstat::api::Session;
    /// let a = Session::from_bytes("年度,金额(万元)\n2020,430\n".as_bytes(), "{}").unwrap();
    /// let b = Session::from_bytes("年度,金额(元)\n2021,4730000\n".as_bytes(), "{}").unwrap();
    /// let parts = vec![("甲".into(), a.into_table()), ("乙".into(), b.into_table())];
    /// let (s, refused) = Session::concat(parts).unwrap();
    /// assert!(refused.is_empty());
    /// let r = s.analyze(r#"{"rows":["来源文件"]}"#).unwrap().result;
    /// assert_eq!(r.row("乙").unwrap().cells[0].value.text, "473.00"); // 万元, the first file's unit
    /// ```
    pub fn concat(
        parts: Vec<(String, Table)>,
    ) -> Result<(Session, Vec<crate::table::concat::Refused>)> {
        let c = crate::table::concat::concat(parts)?;
        Ok((Session::new(c.table), c.refused))
    }

    /// The table, taken out of the session (to combine it with others).
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("年度,金额\n2020,1\n".as_bytes(), "{}").unwrap();
    /// assert_eq!(s.into_table().len(), 1);
    /// ```
    pub fn into_table(self) -> Table {
        self.table
    }

    /// The table.
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("年度,金额\n2020,1\n2021,2\n".as_bytes(), "{}").unwrap();
    /// assert_eq!(s.table().lines, [2, 3]);
    /// ```
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// What was understood of the file.
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("年度,板块,金额(万元)\n2020,教育帮扶,148\n".as_bytes(), "{}").unwrap();
    /// let schema = s.schema();
    /// assert_eq!(schema.columns[2].role, "measure");
    /// assert_eq!(schema.columns[2].unit, Some("万元"));
    /// ```
    pub fn schema(&self) -> describe::Schema {
        describe::describe(&self.table)
    }

    /// One analysis: the figures and the report paragraph. When the last
    /// analysis grouped the rows alike, its groups are rendered again (no
    /// pass over the rows); the figures are the same either way.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,570\n";
    /// let s = aidstat::api::Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    /// let a = s.analyze(r#"{"rows":["板块"],"share":"grand"}"#).unwrap();
    /// // Without columns, the one column is the measure's.
    /// assert_eq!(a.result.cell("医疗帮扶", "金额(万元)").unwrap().share.as_ref().unwrap().text, "43.00%");
    /// // Only the unit differs: rendered from the same groups.
    /// let b = s.analyze(r#"{"rows":["板块"],"unit":"亿元","precision":4}"#).unwrap();
    /// assert_eq!(b.result.cell("医疗帮扶", "金额(万元)").unwrap().value.text, "0.0430");
    /// assert_eq!(s.analyze(r#"{"rows":["地区"]}"#).unwrap_err().code.as_str(), "unknown_column");
    /// ```
    pub fn analyze(&self, spec_json: &str) -> Result<Analysis> {
        let spec = Spec::from_json(spec_json)?;
        let mut last = self.last.borrow_mut();
        if let Some(g) = last.as_ref().filter(|g| g.spec().same_grouping(&spec)) {
            return g.render(&spec).map(Analysis::of);
        }
        let g = group(&self.table, &spec)?;
        let out = g.render(&spec).map(Analysis::of);
        *last = Some(g);
        out
    }

    /// Groups the rows once, to render many times ([`Groups::render`]).
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2021,医疗帮扶,473\n";
    /// let s = aidstat::api::Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    /// let g = s.group(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap();
    /// let r = g.render(r#"{"growth":"change"}"#).unwrap();
    /// assert_eq!(r.result.cell("医疗帮扶", "2021").unwrap().growth.as_ref().unwrap().text, "43.00");
    /// ```
    pub fn group(&self, spec_json: &str) -> Result<Groups> {
        let base = spec_object(spec_json)?;
        let spec = Spec::from_json(&serde_json::Value::Object(base.clone()).to_string())?;
        group(&self.table, &spec).map(|grouped| Groups { grouped, base })
    }

    /// The view of `spec_json` as one SQL SELECT (DuckDB or Spark) over this
    /// table's clean export loaded as `table` (see [`crate::export`]); its
    /// amounts are in `unit_in` (default: the spec's unit, else each
    /// column's own, as `aidstat clean` writes them).
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("年度,板块,金额(万元)\n2020,医疗,430\n".as_bytes(), "{}").unwrap();
    /// let sql = s.to_sql(r#"{"rows":["板块"],"share":"grand"}"#, "duckdb", "clean", None).unwrap();
    /// assert!(sql.contains("\"clean\""));
    /// assert_eq!(s.to_sql("{}", "oracle", "clean", None).unwrap_err().code.as_str(), "unknown_operation");
    /// ```
    pub fn to_sql(
        &self,
        spec_json: &str,
        dialect: &str,
        table: &str,
        unit_in: Option<&str>,
    ) -> Result<String> {
        let spec = Spec::from_json(spec_json)?;
        let dialect: crate::export::sql::Dialect = dialect.parse()?;
        let unit = match unit_in.map(str::trim).filter(|u| !u.is_empty()) {
            None => spec.unit,
            Some(u) => Some(crate::cell::MoneyUnit::from_label(u).ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownOperation,
                    format!("不认识的金额单位“{u}”"),
                    format!("unknown money unit \"{u}\""),
                )
            })?),
        };
        let layout = crate::export::layout(&self.table, unit);
        crate::export::sql::render(&spec, &layout, dialect, table)
    }

    /// The checks' findings (the slices not run yet are run first), kept.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额\n2020,教育帮扶,148\n2022,教育帮扶,210\n";
    /// let s = aidstat::api::Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    /// assert_eq!(s.findings()[0].code, "period_gap"); // no 2021
    /// assert!(std::ptr::eq(s.findings(), s.findings())); // run once, kept
    /// ```
    pub fn findings(&self) -> &[Finding] {
        self.findings.get_or_init(|| {
            let checker = self
                .checker
                .take()
                .unwrap_or_else(|| Checker::new(&self.table));
            checker.finish(&self.table)
        })
    }

    /// Runs the next slice of the checks.
    ///
    /// # Example
    /// ```
    /// let s = aidstat::api::Session::from_bytes("项目,金额\na,1\na,1\n".as_bytes(), "{}").unwrap();
    /// let first = s.check_step();
    /// assert_eq!((first.done, first.step), (false, 1));
    /// while !s.check_step().done {}
    /// assert_eq!(s.findings()[0].code, "duplicate_rows");
    /// ```
    pub fn check_step(&self) -> CheckProgress {
        if self.findings.get().is_some() {
            return CheckProgress {
                done: true,
                step: 1,
                steps: 1,
            };
        }
        let (step, steps) = {
            let mut slot = self.checker.borrow_mut();
            let checker = slot.get_or_insert_with(|| Checker::new(&self.table));
            checker.step(&self.table);
            checker.progress()
        };
        if step >= steps {
            self.findings();
        }
        CheckProgress {
            done: step >= steps,
            step,
            steps,
        }
    }

    /// The distinct values of a period or dimension column, as results show them.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,资金来源,金额\n2021,花都区专项,1\n2020,清远市争取,2\n合计,,3\n";
    /// let s = aidstat::api::Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    /// assert_eq!(s.values("资金来源").unwrap(), ["花都区专项", "清远市争取"]);
    /// assert_eq!(s.values("年度").unwrap(), ["2020", "2021"]);
    /// assert_eq!(s.values("金额").unwrap_err().code.as_str(), "bad_request");
    /// assert_eq!(s.values("地区").unwrap_err().code.as_str(), "unknown_column");
    /// ```
    pub fn values(&self, column: &str) -> Result<Vec<String>> {
        let i = self.table.column(column).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownColumn,
                format!("没有名为“{column}”的列"),
                format!("no column named \"{column}\""),
            )
        })?;
        self.table.values(i).ok_or_else(|| {
            Error::new(
                ErrorCode::BadRequest,
                format!("“{column}”是数值列，没有分类值"),
                format!("\"{column}\" is a measure column and has no category values"),
            )
        })
    }
}

/// Groups of a table with the spec they were made for.
#[derive(Debug)]
pub struct Groups {
    grouped: Grouped,
    base: serde_json::Map<String, serde_json::Value>,
}

impl Groups {
    /// Renders the groups as [`Session::analyze`] gives them; `patch_json`
    /// changes share, growth, unit, precision, subtotals or totals.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,570\n";
    /// let s = aidstat::api::Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    /// let g = s.group(r#"{"rows":["板块"]}"#).unwrap();
    /// let a = g.render(r#"{"unit":"元","precision":0}"#).unwrap();
    /// assert_eq!(a.result.row("教育帮扶").unwrap().cells[0].value.text, "5,700,000");
    /// assert_eq!(g.render(r#"{"rows":["年度"]}"#).unwrap_err().code.as_str(), "bad_spec");
    /// ```
    pub fn render(&self, patch_json: &str) -> Result<Analysis> {
        let mut merged = self.base.clone();
        merged.extend(spec_object(patch_json)?);
        let spec = Spec::from_json(&serde_json::Value::Object(merged).to_string())?;
        self.grouped.render(&spec).map(Analysis::of)
    }
}

/// Rows of the file [`warm_up`] reads by default: half a block of the row
/// loop. In headless Chromium 1,000 rows left the grouping on baseline code;
/// 2,000 to 48,000 all gave the same first figures within 25 ms, while the
/// warm-up itself grew from 50 to 120 ms (docs/PERFORMANCE.md, "JIT tiers").
pub const WARM_UP_ROWS: usize = 4_000;

/// Reads a small made-up file of `rows` rows (at least one; [`WARM_UP_ROWS`]
/// is what the page uses) through the whole
/// path of a real one (chunks, types, exact amounts, one grouping and its
/// render) and returns the rows used. Nothing is kept. A wasm engine starts
/// every function on baseline code and optimises the busy ones after a
/// while; run once after instantiation, before a file is chosen, this moves
/// that wait out of the analyst's first load (docs/PERFORMANCE.md, "JIT tiers").
///
/// # Example
/// ```
/// assert_eq!(aidstat::api::warm_up(aidstat::api::WARM_UP_ROWS), 4_000);
/// assert_eq!(aidstat::api::warm_up(0), 1);
/// ```
pub fn warm_up(rows: usize) -> usize {
    let rows = rows.clamp(1, 1 << 20);
    // (labels of characters the messages already use: the Taiwan-form
    // table covers every Chinese literal under src/, tests/hant.rs)
    const KINDS: [&str; 4] = ["资金项目", "帮扶项目", "项目资金", "其他项目"];
    const GIVERS: [&str; 3] = ["帮扶方一", "帮扶方二", "帮扶方三"];
    let mut csv = String::with_capacity(rows * 48);
    csv.push_str("年度,帮扶方,类别,金额(万元),人数\n");
    for i in 0..rows {
        let (kind, giver) = (KINDS[i % 4], GIVERS[i % 3]);
        let year = 2018 + i % 7;
        csv.push_str(&format!(
            "{year},{giver},{kind},{}.{:02},{}\n",
            i % 997,
            i % 100,
            i % 50
        ));
    }
    let bytes = csv.as_bytes();
    let Ok(mut l) = loader("{}", Some(bytes.len() as u64)) else {
        return 0;
    };
    if bytes.chunks(1 << 16).any(|c| l.push(c).is_err()) {
        return 0;
    }
    let Ok(table) = l.finish() else { return 0 };
    let s = Session::new(table);
    match s.group(r#"{"rows":["类别"],"columns":"年度","measure":"金额(万元)"}"#) {
        Ok(g) => match g.render("{}") {
            Ok(a) => a.result.diagnostics.rows_used,
            Err(_) => 0,
        },
        Err(_) => 0,
    }
}
