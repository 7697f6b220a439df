//! JSON reading: any text (lossily decoded), through the JSON reader and
//! then the loader with the format forced to JSON. Must not panic; record
//! numbers must increase.
#![no_main]

use aidstat::read::json;
use aidstat::read::{Format, ReadOptions};
use aidstat::load::{load, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((_headers, records)) = json::read(&text) {
        let mut last = 0;
        for (n, _) in &records {
            assert!(*n > last, "record {n} after {last}");
            last = *n;
        }
    }
    let opts = LoadOptions {
        read: ReadOptions {
            format: Some(Format::Json),
            ..ReadOptions::default()
        },
        ..LoadOptions::default()
    };
    let _ = load(data, &opts);
});
