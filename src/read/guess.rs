//! Which legacy encoding a Chinese file is in, in the wasm build, where the
//! engine carries neither chardetng's statistics nor encoding_rs's tables
//! (natively chardetng guesses; see `decode::guess_legacy`).
//!
//! The bytes are read both ways, as GBK and as Big5 (by `lossy::decode`:
//! the browser's `TextDecoder` in the wasm build), and the reading with
//! fewer characters a Chinese table does not hold wins; GBK on a tie, as
//! chardetng leans for a .cn file. Out of place are: bytes that do not
//! decode, kana, bopomofo, Greek, Cyrillic, box drawing, private-use and
//! rare ideographs (outside the basic block), and, read as GBK, the
//! characters outside GB2312 (a second byte below 0xA1: the GBK extensions,
//! where the second byte of four Big5 characters in ten falls). Big5's
//! common characters read as GBK are kana, Greek, Cyrillic or private-use
//! characters; GBK's full-width punctuation (，：０–９) read as Big5 is
//! bopomofo. Bytes that neither reading can decode, standing alone between
//! ASCII ones, are a Western file (windows-1252).

use encoding_rs::{Encoding, BIG5, GBK, WINDOWS_1252};

use super::lossy;

/// The legacy encoding of `sample` (`last`: the sample is the whole text;
/// otherwise it is cut at its last line break, so that no character is cut).
pub(crate) fn chinese_legacy(sample: &[u8], last: bool) -> &'static Encoding {
    let sample = if last {
        sample
    } else {
        match memchr::memrchr(b'\n', sample) {
            Some(end) => sample.get(..=end).unwrap_or(sample),
            None => sample,
        }
    };
    let as_gbk = lossy::decode(GBK, sample);
    let as_big5 = lossy::decode(BIG5, sample);
    if as_gbk.errors > 0 && as_big5.errors > 0 && western(sample) {
        return WINDOWS_1252;
    }
    let gbk = out_of_place(&as_gbk.text);
    let big5 = out_of_place(&as_big5.text);
    // On a tie (both readings all ideographs), many characters outside
    // GB2312 say Big5: a GBK file of common characters has few; four Big5
    // characters in ten read as such.
    let (outside, pairs) = outside_gb2312(sample);
    if big5 < gbk || (big5 == gbk && outside > 0 && outside * 3 >= pairs) {
        BIG5
    } else {
        GBK
    }
}

/// Characters a Chinese table is not written in.
fn out_of_place(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_ascii() && !in_place(*c))
        .count()
}

/// What `decode::plausible` takes for a line of a Chinese table, and the
/// symbols GBK's and Big5's punctuation rows hold besides.
fn in_place(c: char) -> bool {
    super::decode::plausible(c)
        || matches!(c,
            '\u{fe30}'..='\u{fe6f}' // CJK compatibility and small forms (Big5's punctuation row)
            | '\u{2100}'..='\u{22ff}' // letter-like (℃ №), number forms (Ⅻ), arrows, mathematics
            | '\u{2460}'..='\u{24ff}' // enclosed numbers (① ⑴ ⒈)
            | '\u{25a0}'..='\u{26ff}' // shapes and symbols (■ ○ ★)
            | '\u{a7}' | '\u{b0}' | '\u{b1}' | '\u{b7}' | '\u{d7}' | '\u{f7}' // § ° ± · × ÷
        )
}

/// Two-byte GBK characters whose second byte is below 0xA1 (outside GB2312,
/// whose characters, the common simplified ones, all have both bytes in
/// 0xA1–0xFE), and all two-byte characters.
fn outside_gb2312(bytes: &[u8]) -> (usize, usize) {
    let (mut n, mut pairs) = (0, 0);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if (0x81..=0xfe).contains(&b) {
            match bytes.get(i + 1) {
                // The first of a four-byte GB18030 sequence.
                Some(0x30..=0x39) => i += 4,
                Some(&t) => {
                    pairs += 1;
                    if (0x40..0xa1).contains(&t) {
                        n += 1;
                    }
                    i += 2;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    (n, pairs)
}

/// Most bytes ≥ 0x80 stand alone between ASCII ones (é in "café"), as in a
/// Western file; Chinese ones come in pairs.
fn western(bytes: &[u8]) -> bool {
    let (mut high, mut paired) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b >= 0x80 {
            high += 1;
            let next = bytes.get(i + 1).is_some_and(|n| *n >= 0x80);
            let prev = i > 0 && bytes.get(i - 1).is_some_and(|p| *p >= 0x80);
            if next || prev {
                paired += 1;
            }
        }
    }
    high > 0 && paired * 4 < high
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GBK.encode(s).0.into_owned()
    }
    fn big5(s: &str) -> Vec<u8> {
        BIG5.encode(s).0.into_owned()
    }

    #[test]
    fn short_labels() {
        assert_eq!(
            chinese_legacy(&gbk("年度,板块,金额\n2020,医疗帮扶,430\n"), true),
            GBK
        );
        assert_eq!(chinese_legacy(&big5("醫療幫扶"), true), BIG5);
        assert_eq!(
            chinese_legacy(&big5("年度,板塊,金額（萬元）\n"), true),
            BIG5
        );
        assert_eq!(
            chinese_legacy(&gbk("金额（万元），合计：１２０"), true),
            GBK
        );
        assert_eq!(
            chinese_legacy(b"caf\xe9,Z\xfcrich,12\n", true),
            WINDOWS_1252
        );
    }

    #[test]
    fn a_cut_sample_is_read_to_its_last_line() {
        let mut bytes = big5("年度,板塊\n2020,醫療幫扶\n");
        bytes.extend_from_slice(&big5("教育")[..3]);
        assert_eq!(chinese_legacy(&bytes, false), BIG5);
    }

    #[test]
    fn counts_the_gbk_extensions() {
        // 丂 (0x8140) and 亐 (0x8181) are GBK/3; 啊 (0xB0A1) is GB2312.
        assert_eq!(outside_gb2312(&gbk("丂亐啊a")), (2, 3));
        assert_eq!(outside_gb2312(&gbk("\u{20087}")), (0, 0)); // four bytes
    }

    /// The Chinese lines of the repository's documents and fixtures, in GBK
    /// (as written) and in Big5 (in Taiwan form where the message table
    /// knows the characters; characters Big5 lacks left out), one line,
    /// three, ten and fifty at a time: wherever chardetng (with the .cn
    /// lean the native build uses) is right, this is right too.
    #[test]
    fn right_wherever_chardetng_is() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = Vec::new();
        for dir in ["docs", "tests/data", "tests/data/checks", "tests/data/wide"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            let mut paths: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            paths.sort();
            for p in paths {
                let Ok(bytes) = std::fs::read(&p) else {
                    continue;
                };
                let Ok(d) = crate::read::decode::decode(&bytes, None) else {
                    continue;
                };
                lines.extend(
                    d.text
                        .lines()
                        .filter(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                        .map(str::to_owned),
                );
            }
        }
        assert!(lines.len() > 500, "corpus of {} lines", lines.len());
        let big5_text = |l: &str| -> String {
            aidstat_hant::hant(l)
                .chars()
                .filter(|c| !BIG5.encode(&c.to_string()).2)
                .collect()
        };
        let chardetng = |b: &[u8]| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(b, true);
            let g = det.guess(None, chardetng::Utf8Detection::Allow);
            if [GBK, encoding_rs::GB18030, BIG5].contains(&g) {
                g
            } else {
                det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
            }
        };
        let (mut samples, mut theirs, mut ours, mut worse) = (0, 0, 0, Vec::new());
        for k in [1usize, 3, 10, 50] {
            for chunk in lines.chunks(k) {
                let text = chunk.join("\n") + "\n";
                for (truth, bytes) in [(GBK, gbk(&text)), (BIG5, big5(&big5_text(&text)))] {
                    if bytes.is_ascii() {
                        continue;
                    }
                    samples += 1;
                    let c = chardetng(&bytes) == truth;
                    let o = chinese_legacy(&bytes, true) == truth;
                    theirs += usize::from(c);
                    ours += usize::from(o);
                    if c && !o {
                        worse.push((k, truth.name(), text.chars().take(60).collect::<String>()));
                    }
                }
            }
        }
        eprintln!("{samples} samples: chardetng right on {theirs}, this on {ours}");
        assert!(
            worse.is_empty(),
            "{} samples where chardetng is right and this is not: {:?}",
            worse.len(),
            worse.iter().take(20).collect::<Vec<_>>()
        );
    }
}
