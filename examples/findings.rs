//! Prints the checks' findings of a file: `cargo run --example findings -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: findings FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t = aidstat::load::load(&bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    for c in &t.columns {
        println!("column {} {:?} bad {}", c.name, c.role, c.bad);
    }
    for i in &t.cell_issues {
        println!("cell issue line {} {} {:?}", i.line, i.reason, i.raw);
    }
    for f in aidstat::check::check(&t) {
        println!("{} {:?} {:?}: {}", f.code, f.severity, f.lines, f.text.zh);
    }
}
