//! Times combining files (`cargo run --release --example concat_time -- A.csv B.csv …`):
//! load each, then `Session::concat`, then one analysis by 来源文件.
use std::time::Instant;

fn main() {
    let mut parts = Vec::new();
    let t0 = Instant::now();
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap_or_default();
        match aidstat::api::Session::from_bytes(&bytes, "{}") {
            Ok(s) => parts.push((p, s.into_table())),
            Err(e) => eprintln!("{p}: {e}"),
        }
    }
    let t1 = Instant::now();
    let Ok((s, refused)) = aidstat::api::Session::concat(parts) else {
        eprintln!("nothing combined");
        return;
    };
    let t2 = Instant::now();
    let a = s.analyze(r#"{"rows":["来源文件"],"columns":"年度"}"#);
    let t3 = Instant::now();
    println!(
        "rows {} refused {} load {:?} concat {:?} analyze {:?} ok {}",
        s.table().len(),
        refused.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        a.is_ok()
    );
}
