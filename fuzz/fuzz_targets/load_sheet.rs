//! The cells the Office module hands the core, made from the input: a small
//! grid of typed cells (text, numbers, dates, errors, empties) with merged
//! areas that may overlap, reach past the grid or start above it, loaded as
//! a sheet. Also the raw input as the cells' bytes. Never a panic, and every
//! row read is accounted for.
#![no_main]

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::load::{load_sheet, LoadOptions};
use aidstat_cells::{Area, Book, Cell, Grid, Kind, SheetInfo};
use libfuzzer_sys::fuzz_target;

const TEXTS: [&str; 12] = ["年度", "板块", "金额(万元)", "合计", "小计", "医疗帮扶", "单位：万元", "约950", "#DIV/0!", "", "2020年", "(100)万元"];

fuzz_target!(|data: &[u8]| {
    let _ = load_sheet(data, &LoadOptions::default());
    let Some((&shape, rest)) = data.split_first() else { return };
    let width = u32::from(shape % 6) + 1;
    let mut grid = Grid::new(u32::from(shape >> 4), u32::from(shape & 3), width);
    let mut bytes = rest.iter().copied();
    let mut areas = Vec::new();
    while let Some(b) = bytes.next() {
        let cell = match b % 8 {
            0 => Cell::empty(),
            1 | 2 => Cell::text(TEXTS[usize::from(b >> 3) % TEXTS.len()]),
            3 | 4 => Cell::number(format!("{}", i64::from(b) * 37 - 2000)),
            5 => Cell { kind: Kind::Date, text: format!("20{:02}-0{}-15", b % 30, b % 9 + 1) },
            6 => Cell { kind: Kind::Error, text: "#N/A".into() },
            _ => {
                // A merged area from the next four bytes, anywhere.
                let mut n = || u32::from(bytes.next().unwrap_or(0) % 24);
                let (top, left, h, w) = (n(), n(), n(), n() % 3);
                areas.push(Area { top, left, bottom: top + h, right: left + w });
                continue;
            }
        };
        grid.push(cell);
    }
    grid.merged = Some(areas);
    let rows = grid.height() as u32;
    let book = Book {
        format: "xlsx".into(),
        sheets: vec![SheetInfo { name: "表".into(), visible: true, rows, columns: width }],
        chosen: 0,
        grid,
        notes: vec![],
    };
    let Ok(t) = load_sheet(&book.to_bytes(), &LoadOptions::default()) else { return };
    let names: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
    let Some(first) = names.first() else { return };
    let Ok(spec) = Spec::from_json(&serde_json::json!({ "rows": [first] }).to_string()) else { return };
    if let Ok(r) = analyze(&t, &spec) {
        let d = &r.diagnostics;
        let aside = d.set_aside.iter().map(|i| i.line).collect::<std::collections::BTreeSet<_>>().len();
        assert!(d.rows_used + aside <= d.rows_read + t.total_rows.len(), "rows unaccounted: {d:?}");
    }
});
