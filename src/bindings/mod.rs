//! The one layer that speaks JavaScript: each method converts its arguments
//! from JS, delegates to the pure core, and converts the answer back.
//! Options and specs cross as JSON (so every decimal stays a string); errors
//! cross as JS `Error` objects carrying `code`, `messageZh`, `messageEn`,
//! `line` and `column`. The shapes are declared in `types.d.ts`.

use wasm_bindgen::prelude::*;

use crate::api::{self, Groups, Session};
use crate::error::{Error, ErrorCode};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The browser's (or Node's) WHATWG decoder.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// At start-up: GBK, Big5 and the other legacy encodings are decoded by the
/// platform's `TextDecoder`, so this module carries no decoding tables.
#[wasm_bindgen(start)]
fn start() {
    crate::read::set_platform_decoder(text_decoder);
}

thread_local! {
    /// The decoders made so far, by label and fatality (a file read line by
    /// line in two encodings asks for one per line; making one costs more
    /// than decoding a line).
    static DECODERS: std::cell::RefCell<Vec<(String, bool, TextDecoder)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn text_decoder(label: &str, bytes: &[u8], fatal: bool) -> Option<String> {
    DECODERS.with(|cache| {
        let mut cache = cache.try_borrow_mut().ok()?;
        let at = match cache.iter().position(|(l, f, _)| l == label && *f == fatal) {
            Some(at) => at,
            None => {
                let options = js_sys::Object::new();
                js_sys::Reflect::set(&options, &"fatal".into(), &fatal.into()).ok()?;
                cache.push((
                    label.to_owned(),
                    fatal,
                    TextDecoder::new(label, &options).ok()?,
                ));
                cache.len() - 1
            }
        };
        cache.get(at)?.2.decode(bytes).ok()
    })
}

/// A loaded table: load once, analyse as often as the analyst clicks. The
/// checks (`findings()`) are run once, when first asked for, and kept: they
/// are about the file, and cost a pass over it, so no analysis waits for them.
/// `checkStep()` runs them a slice at a time, so that a caller can answer an
/// analysis between two slices. (The policy is `api::Session`'s.)
#[wasm_bindgen(js_name = Table)]
pub struct JsTable(Session);

#[wasm_bindgen(js_class = Table)]
impl JsTable {
    /// Loads a file's bytes (CSV or JSON, any supported encoding). The size
    /// is checked before the bytes are copied into the engine's memory, so a
    /// file too large for the tab is refused with `too_large`, not a crash.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsTable, JsValue> {
        let array = match bytes.dyn_into::<js_sys::Uint8Array>() {
            Ok(a) => a,
            Err(other) => js_sys::Uint8Array::new(&other), // ArrayBuffer, Array
        };
        api::check_size(array.length() as usize).map_err(js_error)?;
        let options = to_json(&options.into())?;
        Session::from_bytes(&array.to_vec(), &options)
            .map(JsTable)
            .map_err(js_error)
    }

    /// Loads a workbook's sheet from the cells the Office module read
    /// (`readWorkbook` of `aidstat_office`). `Table.open` does both steps.
    #[wasm_bindgen(js_name = fromCells)]
    pub fn from_cells(
        cells: &[u8],
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsTable, JsValue> {
        let options = to_json(&options.into())?;
        Session::from_cells(cells, &options)
            .map(JsTable)
            .map_err(js_error)
    }

    /// Several tables of one layout as one, with a column 来源文件 naming
    /// each row's file (`names[i]` for `tables[i]`). The tables are taken:
    /// their objects cannot be used afterwards. Files whose columns cannot
    /// be matched are left out and named in the warnings (`file_refused`).
    pub fn concat(tables: Vec<JsTable>, names: Vec<String>) -> Result<JsTable, JsValue> {
        let parts = names
            .into_iter()
            .chain(std::iter::repeat_with(String::new))
            .zip(tables)
            .map(|(n, t)| (n, t.0.into_table()))
            .collect();
        Session::concat(parts)
            .map(|(s, _)| JsTable(s))
            .map_err(js_error)
    }

    /// Loads text (e.g. cells pasted from Excel: tab-separated).
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        text: js_sys::JsString,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsTable, JsValue> {
        // UTF-16 units; the UTF-8 copy is at most three times as many bytes.
        api::check_size((text.length() as usize).saturating_mul(3)).map_err(js_error)?;
        let options = to_json(&options.into())?;
        Session::from_text(&String::from(text), &options)
            .map(JsTable)
            .map_err(js_error)
    }

    /// What was understood of the file.
    #[wasm_bindgen(unchecked_return_type = "Schema")]
    pub fn schema(&self) -> Result<JsValue, JsValue> {
        from_json(&self.0.schema())
    }

    /// Runs one analysis: the figures and the report paragraph.
    #[wasm_bindgen(unchecked_return_type = "AnalysisResult")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnalysisSpec")] spec: JsValue,
    ) -> Result<JsValue, JsValue> {
        from_json(&self.0.analyze(&to_json(&spec)?).map_err(js_error)?)
    }

    /// The view as one SQL SELECT for DuckDB or Spark (`dialect`: "duckdb" |
    /// "spark") over this table's clean export (`aidstat clean`) loaded as
    /// `table`, with its amounts in `unitIn` (default: the spec's unit).
    #[wasm_bindgen(js_name = toSql)]
    pub fn to_sql(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnalysisSpec")] spec: JsValue,
        dialect: &str,
        table: &str,
        #[wasm_bindgen(js_name = unitIn)] unit_in: Option<String>,
    ) -> Result<String, JsValue> {
        let spec = to_json(&spec)?;
        self.0
            .to_sql(&spec, dialect, table, unit_in.as_deref())
            .map_err(js_error)
    }

    /// The analyst's checks: findings with their figures and corrections.
    #[wasm_bindgen(unchecked_return_type = "CheckFinding[]")]
    pub fn findings(&self) -> Result<JsValue, JsValue> {
        from_json(&self.0.findings())
    }

    /// Runs the next slice of the checks; `{ done, step, steps }` says how
    /// far they are. When `done`, `findings()` answers at once.
    #[wasm_bindgen(js_name = checkStep, unchecked_return_type = "CheckProgress")]
    pub fn check_step(&self) -> Result<JsValue, JsValue> {
        from_json(&self.0.check_step())
    }

    /// Groups the rows once (rows, columns, measure, aggregate, filters), to
    /// render many times with other shares, growth, units or precision.
    pub fn group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnalysisSpec")] spec: JsValue,
    ) -> Result<JsGrouped, JsValue> {
        self.0
            .group(&to_json(&spec)?)
            .map(JsGrouped)
            .map_err(js_error)
    }

    /// The distinct values of a period or dimension column, as results show them.
    pub fn values(&self, column: &str) -> Result<Vec<String>, JsValue> {
        self.0.values(column).map_err(js_error)
    }

    /// Number of loaded rows.
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.0.table().len()
    }
}

/// A file loaded chunk by chunk, as `File.stream()` gives it, so that a file
/// of hundreds of megabytes is never held whole: only the table grows.
/// `push` each chunk in order, then `finish` for the table.
#[wasm_bindgen(js_name = Loader)]
pub struct JsLoader(crate::load::Loader);

#[wasm_bindgen(js_class = Loader)]
impl JsLoader {
    /// A loader for a file of `size` bytes (the file's size, when known, sizes
    /// the columns once instead of growing them).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] options: Option<js_sys::Object>,
        size: Option<u32>,
    ) -> Result<JsLoader, JsValue> {
        api::loader(&to_json(&options.into())?, size.map(u64::from))
            .map(JsLoader)
            .map_err(js_error)
    }

    /// Takes the next chunk of the file; errors as `Table.fromBytes` does.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.0.push(chunk).map_err(js_error)
    }

    /// Reads what is left and returns the table (the loader is used up).
    pub fn finish(self) -> Result<JsTable, JsValue> {
        self.0
            .finish()
            .map(|t| JsTable(Session::new(t)))
            .map_err(js_error)
    }

    /// Bytes received so far.
    #[wasm_bindgen(getter)]
    pub fn received(&self) -> usize {
        usize::try_from(self.0.received()).unwrap_or(usize::MAX)
    }

    /// Data rows read so far.
    #[wasm_bindgen(getter, js_name = rowsRead)]
    pub fn rows_read(&self) -> usize {
        self.0.rows_read()
    }
}

/// Groups of a table, from `table.group(spec)`.
#[wasm_bindgen(js_name = Grouped)]
pub struct JsGrouped(Groups);

#[wasm_bindgen(js_class = Grouped)]
impl JsGrouped {
    /// Renders the groups, with the paragraph, as `analyze` gives them; `patch`
    /// changes share, growth, unit, precision, subtotals or totals.
    #[wasm_bindgen(unchecked_return_type = "AnalysisResult")]
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AnalysisSpec>")] patch: Option<
            js_sys::Object,
        >,
    ) -> Result<JsValue, JsValue> {
        from_json(&self.0.render(&to_json(&patch.into())?).map_err(js_error)?)
    }
}

/// The names a spec may use and its defaults (`SpecVocabulary`).
#[wasm_bindgen(js_name = specVocabulary, unchecked_return_type = "SpecVocabulary")]
pub fn spec_vocabulary() -> Result<JsValue, JsValue> {
    from_json(&api::vocabulary())
}

/// Reads a small made-up file through the whole path and returns its rows
/// (see `api::warm_up`): call once after `init()`, before the first file.
/// `rows` defaults to 4,000 (at most 1,048,576).
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up(rows: Option<u32>) -> u32 {
    let rows = rows.map_or(crate::api::WARM_UP_ROWS, |r| r as usize);
    u32::try_from(crate::api::warm_up(rows)).unwrap_or(u32::MAX)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose: exists only so that the page's recovery from an engine
/// crash (a wasm trap: report, restart, replay the data, redraw the view) can
/// be tested in a real browser. The page sends it only with `?debug=crash`.
#[wasm_bindgen(js_name = __panicForTest)]
// A deliberate panic is the whole point of this function.
#[allow(clippy::panic)]
pub fn panic_for_test() {
    panic!("aidstat: deliberate panic for the crash-recovery test");
}

fn to_json(v: &JsValue) -> Result<String, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok("null".into());
    }
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(v).map(String::from).map_err(|_| {
        js_error(Error::new(
            ErrorCode::BadSpec,
            "设置无法转换为 JSON",
            "the options could not be turned into JSON",
        ))
    })
}

fn from_json<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| {
        js_error(Error::new(
            ErrorCode::BadRequest,
            format!("结果无法输出：{e}"),
            format!("result could not be written: {e}"),
        ))
    })?;
    js_sys::JSON::parse(&text)
}

fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&format!("{} ({})", e.text.zh, e.text.en));
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code.as_str()));
    set("messageZh", JsValue::from_str(&e.text.zh));
    set("messageZhTw", JsValue::from_str(&e.text.zh_tw()));
    set("messageEn", JsValue::from_str(&e.text.en));
    set(
        "line",
        e.line
            .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
    );
    set(
        "column",
        e.column
            .map_or(JsValue::NULL, |c| JsValue::from_f64(c as f64)),
    );
    err.into()
}
