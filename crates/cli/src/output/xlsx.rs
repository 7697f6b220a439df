//! The view as an xlsx workbook, from the same input the page gives the
//! Office module (src/bindings/xlsx-export.js `xlsxExport`): the result, the
//! title as shown, the language, the paragraph, the source, the reasons' texts.

use aidstat::table::describe::Schema;
use aidstat_office::write::{input::Export, write_xlsx};
use serde_json::{json, Map, Value};

use crate::error::CliError;
use crate::labels::{title, Lang};

/// The workbook's bytes.
pub fn xlsx_bytes(r: &Value, schema: &Schema, name: &str, lang: &str) -> Result<Vec<u8>, CliError> {
    let l = Lang::of(lang);
    let reasons: Map<String, Value> = aidstat::api::vocabulary()
        .reasons
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(code, t)| {
                    let text = t
                        .get(l.tag())
                        .or_else(|| t.get("zh-CN"))
                        .cloned()
                        .unwrap_or(Value::Null);
                    (code.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    let key = match l {
        Lang::Zh => "zh",
        Lang::Tw => "zhTw",
        Lang::En => "en",
    };
    let paragraph = r["paragraph"].get(key).cloned().unwrap_or(Value::Null);
    let input = json!({
        "result": r,
        "title": title(r, l),
        "lang": l.tag(),
        "paragraph": paragraph,
        "source": {"name": name, "format": schema.source.format, "sheet": schema.source.sheet},
        "reasons": reasons,
    });
    let export: Export = serde_json::from_value(input).map_err(|e| {
        CliError::new(
            "bad_result",
            format!("结果无法写成 xlsx：{e}"),
            format!("the result could not be made an xlsx: {e}"),
        )
    })?;
    Ok(write_xlsx(&export)?)
}
