//! The JavaScript face of the Office module. No logic: convert, delegate,
//! convert back.

use wasm_bindgen::prelude::*;

use crate::read::{read_book, SheetChoice};
use crate::OfficeError;

fn js_error(e: OfficeError) -> JsValue {
    let err = js_sys::Error::new(&e.message_zh);
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code));
    set("messageZh", JsValue::from_str(&e.message_zh));
    set(
        "messageZhTw",
        JsValue::from_str(&aidstat_hant::hant(&e.message_zh)),
    );
    set("messageEn", JsValue::from_str(&e.message_en));
    set("line", JsValue::NULL);
    set("column", JsValue::NULL);
    err.into()
}

/// The sheet option as given in JS: a name, a 0-based index, or nothing.
fn choice(sheet: &JsValue) -> SheetChoice {
    if let Some(s) = sheet.as_string() {
        SheetChoice::Name(s)
    } else if let Some(f) = sheet
        .as_f64()
        .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9)
    {
        SheetChoice::Index(f as usize)
    } else {
        SheetChoice::First
    }
}

/// Reads a workbook's bytes: every sheet's name and size and the chosen
/// sheet's cells, as the bytes the core's `Table.fromCells` reads.
#[wasm_bindgen(js_name = readWorkbook)]
pub fn read_workbook(bytes: &[u8], sheet: JsValue) -> Result<Vec<u8>, JsValue> {
    read_book(bytes, &choice(&sheet))
        .map(|b| b.to_bytes())
        .map_err(js_error)
}

/// Writes a view as an `.xlsx` workbook: `export` is the JSON text of
/// `{result, title?, lang?, paragraph?, source?, reasons?}`, where `result` is
/// what `table.analyze(spec)` returned. Returns the file's bytes.
#[wasm_bindgen(js_name = writeXlsx)]
pub fn write_xlsx(export: &str) -> Result<Vec<u8>, JsValue> {
    let export: crate::write::input::Export = serde_json::from_str(export)
        .map_err(|e| js_error(OfficeError::bad_export(&e.to_string())))?;
    crate::write::write_xlsx(&export).map_err(js_error)
}

/// Writes views as a Word report (`.docx`): `report` is the JSON text of
/// `{lang?, title?, views: [{result, title?, paragraph?, source?, reasons?,
/// chart?: {png (base64), caption?}, openFindings?}]}`. Returns the file's bytes.
#[wasm_bindgen(js_name = writeDocx)]
pub fn write_docx(report: &str) -> Result<Vec<u8>, JsValue> {
    crate::write::docx::write_docx_json(report).map_err(js_error)
}

/// Encodes text as GB18030 bytes (a CSV export that older Excel / WPS open as GBK).
#[wasm_bindgen(js_name = encodeGb18030)]
pub fn encode_gb18030(text: &str) -> Vec<u8> {
    crate::write::gb18030(text)
}

/// `"zip"` or `"cfb"` when the bytes start as a workbook does, else undefined.
#[wasm_bindgen(js_name = workbookContainer)]
pub fn workbook_container(bytes: &[u8]) -> Option<String> {
    crate::read::container(bytes).map(str::to_string)
}

/// The module's version.
#[wasm_bindgen(js_name = officeVersion)]
pub fn office_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
