//! Found by the `load_analyze` fuzz target: a row with two bad cells in
//! columns the view reads (a bad year and a bad amount) was listed twice in
//! `setAside`, so rowsUsed + nulls + setAside + filteredOut came to one more
//! than rowsRead, and the page's counts did not add up.

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::load::{load, LoadOptions};

#[test]
fn a_row_with_two_bad_cells_is_set_aside_once() {
    let text = "年度,板块,金额(万元)\n\
                2020,教育,148\n\
                2021,教育,420\n\
                2022,教育,658\n\
                2023,教育,700\n\
                0020,医疗,43/\n";
    let t = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    let spec = Spec::from_json(r#"{"rows":["年度"],"aggregate":"max"}"#).unwrap();
    let d = analyze(&t, &spec).unwrap().diagnostics;
    assert_eq!(
        d.rows_used + d.nulls.count + d.set_aside.len() + d.filtered_out,
        d.rows_read
    );
    assert_eq!(d.set_aside.len(), 1);
    let item = &d.set_aside[0];
    assert_eq!((item.line, item.reason), (6, "bad_period"));
    assert_eq!(
        item.text.en,
        "bad value \"0020\" in column \"年度\" at line 6: year outside 1900 to 2100; \
         also: bad value \"43/\" in column \"金额(万元)\" at line 6: not a number"
    );
    assert_eq!(
        item.text.zh,
        "第 6 行“年度”列的“0020”：年份不在1900至2100之间；另：第 6 行“金额(万元)”列的“43/”：不是数字"
    );
}
