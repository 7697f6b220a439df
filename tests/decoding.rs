//! Every text fixture, and each again in GBK, Big5 and with damage, as the
//! native build reads it (encoding_rs decodes, chardetng guesses): written
//! to `target/decoding/native.json` for `tests/js/decoding.test.mjs`, which
//! reads the same files with the wasm build (the browser's or Node's
//! `TextDecoder` decodes, `read::guess` guesses) and requires the same
//! schema, values and errors. `scripts/test.sh` runs this before the JS tests.

use std::path::{Path, PathBuf};

use aidstat::api::Session;
use encoding_rs::{BIG5, GBK};
use serde_json::{json, Value};

fn text_fixtures(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join("tests/data"), root.join("tests/regression/data")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("csv" | "json" | "txt")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// What the JS API shows of a file: its schema and every column's values, or
/// the error.
fn reading(bytes: &[u8]) -> Value {
    match Session::from_bytes(bytes, "{}") {
        Ok(s) => {
            let schema = s.schema();
            let values: serde_json::Map<String, Value> = schema
                .columns
                .iter()
                .filter_map(|c| s.values(&c.name).ok().map(|v| (c.name.clone(), json!(v))))
                .collect();
            json!({ "schema": schema, "values": values, "rowCount": s.table().len() })
        }
        Err(e) => {
            json!({ "error": { "code": e.code.as_str(), "messageZh": e.text.zh, "line": e.line } })
        }
    }
}

#[test]
fn native_readings_for_the_wasm_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = root.join("target/decoding");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for p in text_fixtures(root) {
        let bytes = std::fs::read(&p).unwrap();
        let name = p
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('/', "__");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let text = text.trim_start_matches('\u{feff}');
            if !text.is_ascii() {
                files.push((format!("{name}.gbk"), GBK.encode(text).0.into_owned()));
                let trad: String = aidstat_hant::hant(text)
                    .chars()
                    .filter(|c| !BIG5.encode(&c.to_string()).2)
                    .collect();
                files.push((format!("{name}.big5"), BIG5.encode(&trad).0.into_owned()));
                // A line in GBK among UTF-8 ones (a file edited in two programs).
                let mut lines: Vec<Vec<u8>> = text
                    .split_inclusive('\n')
                    .map(|l| l.as_bytes().to_vec())
                    .collect();
                if lines.len() > 2 {
                    let l = lines.len() / 2;
                    let gbk = GBK
                        .encode(std::str::from_utf8(&lines[l]).unwrap())
                        .0
                        .into_owned();
                    lines[l] = gbk;
                    files.push((format!("{name}.mixed"), lines.concat()));
                }
                // GBK with a broken byte pair in the middle.
                let mut broken = GBK.encode(text).0.into_owned();
                let mid = broken.len() / 2;
                broken.splice(mid..mid, [0xfe, 0x20]);
                files.push((format!("{name}.broken"), broken));
            }
        }
        files.push((name, bytes));
    }
    files.push((
        "latin1.csv".into(),
        b"year,place,amount\n2020,Z\xfcrich,12\n2021,Caf\xe9,3.5\n".to_vec(),
    ));
    let mut readings = serde_json::Map::new();
    for (name, bytes) in &files {
        std::fs::write(out_dir.join(name), bytes).unwrap();
        readings.insert(name.clone(), reading(bytes));
    }
    assert!(readings.len() > 40, "{} files", readings.len());
    std::fs::write(
        out_dir.join("native.json"),
        serde_json::to_string_pretty(&Value::Object(readings)).unwrap(),
    )
    .unwrap();
}
