//! Loading in chunks (`load::Loader`, the page's path for every chosen file)
//! against loading the whole file. The first three bytes choose the size of
//! the start read whole, of the later parts and of the chunks; the rest is the
//! file. Must not panic. When both loads succeed on text that is valid UTF-8
//! (no NUL) and decide the same (delimiter, header line, lines above it,
//! columns with their roles and units: a chunked load decides them from its
//! start, which in these small inputs can be a few bytes), they must have
//! read the same rows: the same lines loaded, set aside and with bad cells,
//! the same blank lines and total rows.
#![no_main]

use aidstat::load::{load, LoadOptions, Loader};
use aidstat::table::{describe::describe, Table};
use libfuzzer_sys::fuzz_target;

fn decisions(t: &Table) -> Vec<String> {
    let s = &t.source;
    let mut out = vec![format!("{:?} {:?} {:?}", s.delimiter, s.header_line, s.skipped_lines)];
    out.extend(
        describe(t)
            .columns
            .iter()
            .map(|c| format!("{}|{:?}|{:?}|{:?}|{:?}", c.name, c.role, c.kind, c.unit, c.grain)),
    );
    out
}

fn rows(t: &Table) -> String {
    let set_aside: Vec<(u64, &str)> = t.set_aside.iter().map(|i| (i.line, i.reason)).collect();
    let cells: Vec<(u64, Option<usize>, &str)> =
        t.cell_issues.iter().map(|i| (i.line, i.column, i.reason)).collect();
    format!(
        "{:?} {set_aside:?} {cells:?} {} {} {}",
        t.lines,
        t.rows_read,
        t.blank_lines,
        t.total_rows.len()
    )
}

fuzz_target!(|data: &[u8]| {
    let [h, p, c, file @ ..] = data else { return };
    let head = 16 + usize::from(*h) * 16;
    let part = 1 + usize::from(*p) * 2;
    let chunk = 1 + usize::from(*c);
    let mut loader = Loader::with_sizes(LoadOptions::default(), Some(file.len() as u64), head, part);
    let mut streamed = Ok(());
    for piece in file.chunks(chunk) {
        streamed = loader.push(piece);
        if streamed.is_err() {
            break;
        }
    }
    let streamed = streamed.and_then(|()| loader.finish());
    let whole = load(file, &LoadOptions::default());
    if let (Ok(s), Ok(w)) = (&streamed, &whole) {
        let comparable = std::str::from_utf8(file).is_ok() && !file.contains(&0);
        if comparable && decisions(s) == decisions(w) {
            assert_eq!(rows(s), rows(w), "chunks read other rows than the whole file");
        }
    }
});
