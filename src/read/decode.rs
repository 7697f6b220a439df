//! Bytes → text. The encoding is detected, not assumed: a byte-order mark
//! wins, then valid UTF-8, then a statistical guess among the legacy
//! encodings (GBK / GB18030, Big5, …) by `chardetng`. An encoding given by
//! the user overrides all of that. Line breaks of old Mac files (a lone
//! `\r`) become `\n`, so that every line is counted where it is.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, ErrorCode, Result};
use crate::limits;

/// Text decoded from a file, with what was learnt on the way.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, borrowed from the input when it already was UTF-8.
    pub text: Cow<'a, str>,
    /// Name of the encoding used, e.g. `"UTF-8"`, `"GBK"`, `"Big5"`.
    pub encoding: &'static str,
    /// Whether the encoding was detected (true) or given (false).
    pub detected: bool,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub errors: usize,
}

/// Decodes `bytes`, detecting the encoding unless `label` names one.
///
/// # Example
/// ```
/// let gbk = [0xbd, 0xf0, 0xb6, 0xee]; // "金额" in GBK
/// let d = aidstat::read::decode::decode(&gbk, None).unwrap();
/// assert_eq!(d.text, "金额");
/// assert_eq!(d.encoding, "GBK");
/// ```
pub fn decode<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>> {
    if bytes.len() > limits::MAX_BYTES {
        return Err(limits::file_too_large(bytes.len()));
    }
    let (bom_encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let label = label
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "auto");
    // Valid UTF-8 without a BOM (the common case) is validated once and borrowed.
    if label.is_none() && bom_encoding.is_none() {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(Decoded {
                text: lone_cr_to_lf(Cow::Borrowed(s)),
                encoding: "UTF-8",
                detected: true,
                bom: false,
                errors: 0,
            });
        }
    }
    let (encoding, detected) = match label {
        Some(l) => match Encoding::for_label(l.as_bytes()) {
            Some(enc) => (enc, false),
            None => {
                return Err(Error::new(
                    ErrorCode::UnknownEncoding,
                    format!("不认识的编码“{l}”，可选：auto、utf-8、gbk、gb18030、big5、utf-16le、utf-16be"),
                    format!("unknown encoding \"{l}\"; use auto, utf-8, gbk, gb18030, big5, utf-16le or utf-16be"),
                ))
            }
        },
        None => (bom_encoding.unwrap_or_else(|| guess(bytes)), true),
    };
    // A BOM of the chosen encoding is dropped; any other BOM is data.
    let skip = if bom_encoding == Some(encoding) {
        bom_len
    } else {
        0
    };
    let body = bytes.get(skip..).unwrap_or(&[]);
    let (text, errors) = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => (Cow::Borrowed(s), 0),
            Err(_) => decode_lossy(encoding, body),
        }
    } else {
        decode_lossy(encoding, body)
    };
    Ok(Decoded {
        text: lone_cr_to_lf(text),
        encoding: display_name(encoding),
        detected,
        bom: skip > 0,
        errors,
    })
}

/// A `\r` not followed by `\n` (the line break of classic Mac OS, still
/// written by Excel's "CSV (Macintosh)") becomes `\n`. The CSV reader takes
/// either as a line break, but lines are counted at `\n`: without this, every
/// record of such a file would be reported at line 1. The length is kept.
fn lone_cr_to_lf(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return text;
    }
    let mut out = text.into_owned().into_bytes();
    for i in 0..out.len() {
        if out.get(i) == Some(&b'\r') && out.get(i + 1) != Some(&b'\n') {
            if let Some(b) = out.get_mut(i) {
                *b = b'\n';
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

fn decode_lossy<'a>(encoding: &'static Encoding, body: &'a [u8]) -> (Cow<'a, str>, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut errors = 0usize;
    let mut input = body;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut out, true);
        input = input.get(read..).unwrap_or(&[]);
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(input.len().saturating_mul(3) + 16)
            }
            encoding_rs::DecoderResult::Malformed(_, _) => {
                errors += 1;
                out.push('\u{fffd}');
            }
        }
    }
    (Cow::Owned(out), errors)
}

/// Guesses the encoding of bytes without a BOM that are not valid UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // A few hundred KB decide as well as the whole file and keep big files fast.
    let sample = bytes.get(..bytes.len().min(512 * 1024)).unwrap_or(bytes);
    det.feed(sample, sample.len() == bytes.len());
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // Short samples of GBK can look Korean or Western to the detector. Our
    // files are Chinese: when the free guess is not a Chinese encoding, ask
    // again as for a .cn page, which leans to GBK (Big5 is kept when it is
    // the free guess).
    if [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5].contains(&guess) {
        guess
    } else {
        det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
    }
}

/// UTF-16 text without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(4096))?;
    if sample.len() < 8 {
        return None;
    }
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let half = sample.len() / 2;
    if odd_nul * 10 > half * 3 && even_nul * 20 < half {
        Some(UTF_16LE)
    } else if even_nul * 10 > half * 3 && odd_nul * 20 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn display_name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "gbk" | "GBK" => "GBK",
        "gb18030" => "GB18030",
        "Big5" => "Big5",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        // (bytes, expected text, expected encoding name, bom)
        let rows: Vec<(Vec<u8>, &str, &str, bool)> = vec![
            (b"abc".to_vec(), "abc", "UTF-8", false),
            ("金额".as_bytes().to_vec(), "金额", "UTF-8", false),
            (
                [&[0xef, 0xbb, 0xbf][..], "年度".as_bytes()].concat(),
                "年度",
                "UTF-8",
                true,
            ),
            // "年度" in UTF-16LE / BE with BOM
            (
                vec![0xff, 0xfe, 0x74, 0x5e, 0xa6, 0x5e],
                "年度",
                "UTF-16LE",
                true,
            ),
            (
                vec![0xfe, 0xff, 0x5e, 0x74, 0x5e, 0xa6],
                "年度",
                "UTF-16BE",
                true,
            ),
        ];
        for (bytes, text, enc, bom) in rows {
            let d = decode(&bytes, None).unwrap();
            assert_eq!(
                (d.text.as_ref(), d.encoding, d.bom),
                (text, enc, bom),
                "row {text}"
            );
        }
    }

    #[test]
    fn override_and_unknown_label() {
        let gbk = [0xbd, 0xf0, 0xb6, 0xee];
        assert_eq!(decode(&gbk, Some("gb18030")).unwrap().text, "金额");
        let e = decode(&gbk, Some("klingon")).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownEncoding);
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        let rows = [
            ("a\rb\r", "a\nb\n"),
            ("a\r\nb\r\n", "a\r\nb\r\n"),
            ("a\r\r\nb", "a\n\r\nb"),
            ("金额\r1", "金额\n1"),
        ];
        for (input, want) in rows {
            assert_eq!(decode(input.as_bytes(), None).unwrap().text, want, "{input:?}");
        }
    }

    #[test]
    fn invalid_utf8_declared_utf8_counts_errors() {
        let d = decode(b"a\xffb", Some("utf-8")).unwrap();
        assert_eq!(d.text, "a\u{fffd}b");
        assert_eq!(d.errors, 1);
    }
}
