//! How answers are written: JSON as the JS API gives it, the text table,
//! the page's CSV, the xlsx of the Office module.

pub mod csv;
pub mod table;
pub mod xlsx;

use std::io::Write;

use aidstat::check::Finding;
use serde::Serialize;
use serde_json::Value;

use crate::error::CliError;
use crate::labels::Lang;

/// JSON text of an answer, as the bindings serialise it (serde_json with
/// arbitrary_precision: every decimal as the engine wrote it).
pub fn json_text<T: Serialize + ?Sized>(v: &T, pretty: bool) -> Result<String, CliError> {
    let r = if pretty {
        serde_json::to_string_pretty(v)
    } else {
        serde_json::to_string(v)
    };
    r.map_err(|e| {
        CliError::new(
            "bad_request",
            format!("结果无法输出：{e}"),
            format!("result could not be written: {e}"),
        )
    })
}

/// An answer as a JSON value, for the writers that read it as the page does.
pub fn value_of<T: Serialize>(v: &T) -> Result<Value, CliError> {
    serde_json::from_str(&json_text(v, false)?).map_err(|e| {
        CliError::new(
            "bad_request",
            format!("结果无法输出：{e}"),
            format!("result could not be written: {e}"),
        )
    })
}

/// Prints JSON on stdout: on one line when `compact`, else indented.
pub fn print_json<T: Serialize + ?Sized>(v: &T, compact: bool) -> Result<(), CliError> {
    let text = json_text(v, !compact)?;
    write_out(None, format!("{text}\n").as_bytes())
}

/// Writes to the file named, or to stdout.
pub fn write_out(path: Option<&str>, bytes: &[u8]) -> Result<(), CliError> {
    match path {
        Some(p) => std::fs::write(p, bytes).map_err(|e| CliError::write(p, &e)),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is not an error of the input.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(CliError::write("stdout", &e))
                }
                _ => Ok(()),
            }
        }
    }
}

/// The findings as lines: severity, code, message, lines, and the fix.
pub fn findings_text(findings: &[Finding], lang: &str) -> Result<String, CliError> {
    let l = Lang::of(lang);
    let key = match l {
        Lang::Zh => "messageZh",
        Lang::Tw => "messageZhTw",
        Lang::En => "messageEn",
    };
    let all = value_of(&findings)?;
    let mut out = String::new();
    let list = all.as_array().map_or(&[][..], Vec::as_slice);
    if list.is_empty() {
        out.push_str(&crate::msg(lang, "没有发现问题", "no findings"));
        out.push('\n');
    }
    for f in list {
        let str_of = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        out.push_str(&format!(
            "[{}] {}: {}\n",
            str_of("severity"),
            str_of("code"),
            str_of(key)
        ));
        if let Some(lines) = f
            .get("lines")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
        {
            let shown: Vec<String> = lines.iter().take(20).map(Value::to_string).collect();
            let more = if lines.len() > 20 { " …" } else { "" };
            let word = crate::msg(lang, "行", "lines");
            out.push_str(&format!("    {word}: {}{more}\n", shown.join(", ")));
        }
        if let Some(fix) = f.get("correction").filter(|c| !c.is_null()) {
            let word = crate::msg(lang, "修正（加入 --options）", "fix (add to --options)");
            out.push_str(&format!("    {word}: {fix}\n"));
        }
    }
    Ok(out)
}
