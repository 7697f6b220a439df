//! Times the engine's steps natively on a file: `cargo run --release --example profile -- FILE [SPEC_JSON]`.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile FILE [SPEC_JSON]");
        std::process::exit(2);
    };
    let spec = args.next().unwrap_or_else(|| {
        r#"{"rows":["category"],"columns":"year","measure":"amount_wan"}"#.into()
    });
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t0 = Instant::now();
    let table = aidstat::load::load(&bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let t1 = Instant::now();
    let spec = aidstat::analyze::spec::Spec::from_json(&spec).unwrap_or_else(|e| panic!("{e}"));
    let (t2, t3, shown) = match aidstat::analyze::group(&table, &spec) {
        Ok(g) => {
            let t2 = Instant::now();
            let r = g.render(&spec).unwrap_or_else(|e| panic!("{e}"));
            let t3 = Instant::now();
            let again = Instant::now();
            let _ = g.render(&spec);
            eprintln!("a second render: {:?}", again.elapsed());
            (t2, t3, r.rows.len())
        }
        Err(e) => {
            eprintln!("analysis refused: {e}");
            let t = Instant::now();
            (t, t, 0)
        }
    };
    let findings = aidstat::check::check(&table);
    let t4 = Instant::now();
    println!(
        "rows {} load {:?} group {:?} render {:?} ({} result rows) checks {:?} ({} findings)",
        table.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        shown,
        t4 - t3,
        findings.len()
    );
}
