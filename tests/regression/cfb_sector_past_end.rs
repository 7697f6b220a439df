//! Found by the read_workbook fuzz target: a compound file whose allocation
//! table names a sector past its end made calamine 0.38 panic (cfb.rs:320, a
//! slice that starts past the data). It is now refused as a damaged workbook
//! before calamine reads it (crates/office/src/read/compound.rs).

use aidstat_office::read::{read_book, SheetChoice};

#[test]
fn a_compound_file_naming_a_sector_past_its_end_is_damaged_not_a_panic() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/regression/data/cfb_sector_past_end.xls"
    ))
    .unwrap();
    let e = read_book(&bytes, &SheetChoice::First).unwrap_err();
    assert_eq!(e.code, "bad_workbook");
}

/// Also found by read_workbook: a BoundSheet record whose stream position
/// lies past the workbook stream made calamine 0.38 panic (xls.rs:633). The
/// panic is caught natively and read as a damaged workbook; in wasm the
/// module is started afresh (engine/office.js).
#[test]
fn a_sheet_position_past_the_stream_is_damaged_not_a_panic() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/regression/data/xls_sheet_past_stream.xls"
    ))
    .unwrap();
    let e = read_book(&bytes, &SheetChoice::First).unwrap_err();
    assert_eq!(e.code, "bad_workbook");
}
