//! Times reading a workbook natively: `cargo run --release -p aidstat-office --example read_time -- FILE`.
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_time FILE");
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    let t = Instant::now();
    match aidstat_office::read::read_book(&bytes, &Default::default()) {
        Ok(book) => {
            let read = t.elapsed();
            let out = book.to_bytes();
            println!(
                "read {:?}, to_bytes {:?}, {} cells, {} bytes",
                read,
                t.elapsed() - read,
                book.grid.cells.len(),
                out.len()
            );
        }
        Err(e) => println!("{e:?}"),
    }
}
