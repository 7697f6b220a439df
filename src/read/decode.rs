//! Bytes → text. The encoding is detected, not assumed: a byte-order mark
//! wins, then valid UTF-8, then a statistical guess among the legacy
//! encodings (GBK / GB18030, Big5, …) by `chardetng` (in the wasm build by
//! `guess`, which reads the bytes both ways with the browser's decoder). An
//! encoding given by the user overrides all of that. Line breaks of old Mac files (a lone
//! `\r`) become `\n`, so that every line is counted where it is.

use crate::message::Texts;
use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::kind::not_text;
use super::Note;
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
    /// What the analyst should know: bytes that could not be decoded (and
    /// where the first is), lines in another encoding.
    pub notes: Vec<Note>,
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
    if bom_encoding.is_none() {
        let utf16 = label.is_some_and(|l| l.to_ascii_lowercase().starts_with("utf-16"))
            || utf16_without_bom(bytes).is_some();
        not_text(bytes, utf16)?;
    }
    // Valid UTF-8 without a BOM (the common case) is validated once and borrowed.
    if label.is_none() && bom_encoding.is_none() {
        if let Some(s) = utf8(bytes) {
            return Ok(finish(
                Cow::Borrowed(s),
                UTF_8,
                true,
                false,
                Lossy::default(),
                1,
            ));
        }
        // Not UTF-8 as a whole: UTF-16 without a BOM, UTF-8 with a few broken
        // bytes, a legacy encoding, or lines of both (see `by_lines`).
        if utf16_without_bom(bytes).is_none() {
            if let Some((text, encoding, lossy)) = by_lines(bytes, None) {
                return Ok(finish(text, encoding, true, false, lossy, 1));
            }
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
    let (text, lossy) = if encoding == UTF_8 {
        match utf8(body) {
            Some(s) => (Cow::Borrowed(s), Lossy::default()),
            None => decode_lossy(encoding, body),
        }
    } else {
        decode_lossy(encoding, body)
    };
    Ok(finish(text, encoding, detected, skip > 0, lossy, 1))
}

/// The bytes as text when they are valid UTF-8: SIMD-accelerated (simdutf8:
/// AVX2 or SSE 4.2 natively when the CPU has them, simd128 in the SIMD wasm
/// build), with the same answer as `std::str::from_utf8`.
#[inline]
pub(crate) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// A later part of a file read in chunks (see `load::Loader`): whole lines,
/// starting at line `first_line`, of a file whose start was decoded as
/// `start`. A part that is valid UTF-8 is borrowed (ASCII reads the same in
/// every encoding we meet); otherwise its lines are decoded as in [`decode`],
/// with the legacy encoding of the file's start when it had one.
pub(crate) fn decode_part<'a>(
    bytes: &'a [u8],
    start: &'static Encoding,
    first_line: u64,
) -> Decoded<'a> {
    if let Some(s) = utf8(bytes) {
        return finish(
            Cow::Borrowed(s),
            start,
            true,
            false,
            Lossy::default(),
            first_line,
        );
    }
    let legacy = Some(start).filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    let (text, encoding, mut lossy) = match (by_lines(bytes, legacy), legacy) {
        (Some(found), _) => found,
        (None, Some(enc)) => {
            let (text, lossy) = decode_lossy(enc, bytes);
            (text, enc, lossy)
        }
        // No line of a part of a UTF-8 file reads as UTF-8: all its lines
        // are in another encoding, as `by_lines` would say of them in the
        // whole file.
        (None, None) => {
            let sample = bytes.get(..bytes.len().min(512 * 1024)).unwrap_or(bytes);
            let enc = guess_legacy(sample, false);
            let (text, mut lossy) = decode_lossy(enc, bytes);
            let lines = bytes.split_inclusive(|&b| b == b'\n').count() as u64;
            lossy.other_lines = Some((enc, (1..=lines).collect()));
            (Cow::Owned(text.into_owned()), UTF_8, lossy)
        }
    };
    if let Some((_, lines)) = lossy.other_lines.as_mut() {
        for l in lines.iter_mut() {
            *l += first_line - 1;
        }
    }
    finish(text, encoding, true, false, lossy, first_line)
}

/// The encoding named by a [`Decoded::encoding`] (UTF-8 when unknown).
pub(crate) fn encoding_named(name: &str) -> &'static Encoding {
    Encoding::for_label(name.as_bytes()).unwrap_or(UTF_8)
}

/// What lossy decoding met: malformed sequences (each now U+FFFD), where
/// the first one is in the text, and the lines read in a second encoding.
#[derive(Debug, Default)]
struct Lossy {
    errors: usize,
    first_error: Option<usize>,
    /// Lines decoded with another encoding than the file's: (encoding, lines).
    other_lines: Option<(&'static Encoding, Vec<u64>)>,
}

/// The decoded text with its line breaks made countable and the notes of
/// what decoding met.
fn finish<'a>(
    text: Cow<'a, str>,
    encoding: &'static Encoding,
    detected: bool,
    bom: bool,
    lossy: Lossy,
    first_line: u64,
) -> Decoded<'a> {
    let (text, trailing_nuls) = without_trailing_nuls(lone_cr_to_lf(text));
    let name = display_name(encoding);
    let line_at = |offset: usize| {
        first_line
            + memchr::memchr_iter(b'\n', text.as_bytes().get(..offset).unwrap_or(&[])).count()
                as u64
    };
    let mut notes = Vec::new();
    if let Some((other, lines)) = &lossy.other_lines {
        let other = display_name(other);
        let (zh, en) = line_list(lines);
        notes.push(Note {
            code: "mixed_encoding",
            text: Texts::new(format!("{zh}是 {other} 编码，其余是 {name}（文件可能经不同软件编辑过）：已逐行按各自的编码读取；请核对这些行，最好把整个文件另存为 UTF-8"), format!("{en} are in {other} and the rest in {name} (the file was probably edited with different programs): each line was read in its own encoding; check these lines, and save the whole file as UTF-8")),
            line: lines.first().copied(),
        });
    }
    if lossy.errors > 0 {
        let n = lossy.errors;
        let line = lossy.first_error.map(line_at);
        let (at_zh, at_en) = line.map_or((String::new(), String::new()), |l| {
            (
                format!("（第一处在第 {l} 行）"),
                format!(" (the first at line {l})"),
            )
        });
        notes.push(Note {
            code: "decode_errors",
            text: Texts::new(format!("有 {n} 处字节无法按 {name} 解码{at_zh}，显示为 �；如有乱码，请选择正确的编码（如 GBK、Big5）"), format!("{n} byte sequence(s) could not be decoded as {name}{at_en} and show as �; if text looks garbled, choose the right encoding (e.g. GBK or Big5)")),
            line,
        });
    }
    if trailing_nuls > 0 {
        let n = trailing_nuls;
        notes.push(Note {
            code: "nul_bytes",
            text: Texts::new(
                format!("文件末尾有 {n} 个空字节（NUL），已忽略"),
                format!("{n} NUL byte(s) at the end of the file were ignored"),
            ),
            line: None,
        });
    }
    let mut nuls = memchr::memchr_iter(0, text.as_bytes());
    if let Some(first) = nuls.next() {
        let n = 1 + nuls.count();
        let line = line_at(first);
        notes.push(Note {
            code: "nul_bytes",
            text: Texts::new(format!("文件中有 {n} 个空字节（NUL，第一个在第 {line} 行），显示为 ␀，含有它的单元格不能当作数字读取；文件可能已损坏，或编码不对（可试 UTF-16）"), format!("the file holds {n} NUL byte(s) (the first at line {line}), shown as ␀; a cell holding one cannot be read as a number. The file may be damaged, or in another encoding (try UTF-16)")),
            line: Some(line),
        });
    }
    Decoded {
        text,
        encoding: name,
        detected,
        bom,
        errors: lossy.errors,
        notes,
    }
}

/// NUL bytes at the very end (with the line breaks and spaces between them)
/// are padding some programs write after the data: dropped and counted.
fn without_trailing_nuls(text: Cow<'_, str>) -> (Cow<'_, str>, usize) {
    let tail = |s: &str| {
        s.len()
            - s.trim_end_matches(|c: char| c == '\0' || c.is_whitespace())
                .len()
    };
    let cut = tail(&text);
    let nuls = text
        .as_bytes()
        .get(text.len() - cut..)
        .map_or(0, |t| t.iter().filter(|b| **b == 0).count());
    if nuls == 0 {
        return (text, 0);
    }
    let keep = text.len() - cut;
    let text = match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(..keep).unwrap_or(s)),
        Cow::Owned(mut s) => {
            s.truncate(keep);
            Cow::Owned(s)
        }
    };
    (text, nuls)
}

/// "第 3、5 行" / "lines 3, 5", at most ten lines named.
fn line_list(lines: &[u64]) -> (String, String) {
    const SHOWN: usize = 10;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    let more = lines.len().saturating_sub(SHOWN);
    let (more_zh, more_en) = if more > 0 {
        (
            format!("等 {} 行", lines.len()),
            format!(" and {more} more"),
        )
    } else {
        (String::new(), String::new())
    };
    (
        format!("第 {} 行{more_zh}", shown.join("、")),
        format!(
            "line{} {}{more_en}",
            if lines.len() > 1 { "s" } else { "" },
            shown.join(", ")
        ),
    )
}

/// How one line of a file that is not valid UTF-8 reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// Only ASCII: the same in every encoding here.
    Ascii,
    /// UTF-8 (possibly with a few broken bytes): its characters are those of
    /// a Chinese table (CJK, full-width forms, punctuation), at least four
    /// for each broken sequence.
    Utf8,
    /// Anything else: a legacy encoding (GBK, Big5 …).
    Legacy,
}

/// Characters a Chinese table is written in, all three bytes long in UTF-8.
/// Legacy (GBK, Big5) bytes that happen to be valid UTF-8 mostly decode to
/// two-byte letters (U+0080–U+07FF: Latin, Greek, Cyrillic …) or rare
/// ideographs, none of which are here.
pub(super) fn plausible(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{3000}'..='\u{303f}' // CJK symbols and punctuation
        | '\u{ff00}'..='\u{ffef}' // full-width forms
        | '\u{2000}'..='\u{206f}' // general punctuation (— … ‘ ’ “ ”)
    )
}

fn line_kind(line: &[u8]) -> LineKind {
    if line.is_ascii() {
        return LineKind::Ascii;
    }
    let (mut good, mut errors) = (0usize, 0usize);
    let mut rest = line;
    loop {
        let (valid, next) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => {
                let (ok, bad) = rest.split_at(e.valid_up_to());
                let skip = e.error_len().unwrap_or(bad.len());
                (
                    std::str::from_utf8(ok).unwrap_or(""),
                    Some(bad.get(skip..).unwrap_or(&[])),
                )
            }
        };
        for c in valid.chars().filter(|c| !c.is_ascii()) {
            if !plausible(c) {
                return LineKind::Legacy;
            }
            good += 1;
        }
        match next {
            None => break,
            Some(n) => {
                errors += 1;
                if errors * 4 > good + 8 {
                    return LineKind::Legacy;
                }
                rest = n;
            }
        }
    }
    // At most one broken sequence per four good characters.
    if good > 0 && errors * 4 <= good {
        LineKind::Utf8
    } else {
        LineKind::Legacy
    }
}

/// Bytes that are not valid UTF-8, line by line. `None` when no line reads
/// as UTF-8 (the whole file is then guessed as one legacy encoding). When
/// no line needs a legacy encoding, the file is UTF-8 with a few broken
/// bytes (shown as U+FFFD). When both kinds are there (a file edited in
/// two programs), each line is decoded in its own encoding.
fn by_lines(
    bytes: &[u8],
    known: Option<&'static Encoding>,
) -> Option<(Cow<'static, str>, &'static Encoding, Lossy)> {
    let lines = || bytes.split_inclusive(|&b| b == b'\n');
    let kinds: Vec<LineKind> = lines().map(line_kind).collect();
    let utf8 = kinds.iter().filter(|k| **k == LineKind::Utf8).count();
    let legacy = kinds.iter().filter(|k| **k == LineKind::Legacy).count();
    if utf8 == 0 {
        return None;
    }
    if legacy == 0 {
        let (text, lossy) = decode_lossy(UTF_8, bytes);
        return Some((Cow::Owned(text.into_owned()), UTF_8, lossy));
    }
    // The legacy encoding, guessed from the legacy lines only.
    let mut sample = Vec::new();
    for (line, kind) in lines().zip(&kinds) {
        if *kind == LineKind::Legacy && sample.len() < 512 * 1024 {
            sample.extend_from_slice(line);
        }
    }
    let other = known.unwrap_or_else(|| guess_legacy(&sample, true));
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut lossy = Lossy::default();
    let mut other_lines = Vec::new();
    for (n, (line, kind)) in lines().zip(&kinds).enumerate() {
        let enc = match kind {
            LineKind::Legacy => {
                other_lines.push(n as u64 + 1);
                other
            }
            _ => UTF_8,
        };
        let (part, l) = decode_lossy(enc, line);
        if l.errors > 0 && lossy.first_error.is_none() {
            lossy.first_error = l.first_error.map(|e| text.len() + e);
        }
        lossy.errors += l.errors;
        text.push_str(&part);
    }
    // The file's encoding is the one most lines are in.
    let (main, minor) = if legacy > utf8 {
        let utf8_lines = (1..=kinds.len() as u64)
            .filter(|n| kinds.get(*n as usize - 1) == Some(&LineKind::Utf8))
            .collect();
        ((other, UTF_8), utf8_lines)
    } else {
        ((UTF_8, other), other_lines)
    };
    lossy.other_lines = Some((main.1, minor));
    Some((Cow::Owned(text), main.0, lossy))
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

fn decode_lossy<'a>(encoding: &'static Encoding, body: &'a [u8]) -> (Cow<'a, str>, Lossy) {
    let l = super::lossy::decode(encoding, body);
    (
        Cow::Owned(l.text),
        Lossy {
            errors: l.errors,
            first_error: l.first_error,
            other_lines: None,
        },
    )
}

/// Guesses the encoding of bytes without a BOM that are not valid UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    // A few hundred KB decide as well as the whole file and keep big files fast.
    let sample = bytes.get(..bytes.len().min(512 * 1024)).unwrap_or(bytes);
    guess_legacy(sample, sample.len() == bytes.len())
}

/// The legacy encoding of `sample` (`last`: it is the whole text), in the
/// wasm build (see `guess`).
#[cfg(target_arch = "wasm32")]
fn guess_legacy(sample: &[u8], last: bool) -> &'static Encoding {
    super::guess::chinese_legacy(sample, last)
}

/// The legacy encoding of `sample` (`last`: it is the whole text).
#[cfg(not(target_arch = "wasm32"))]
fn guess_legacy(sample: &[u8], last: bool) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, last);
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

/// Whether `bytes` look like UTF-16 without a byte-order mark.
pub(crate) fn looks_utf16(bytes: &[u8]) -> bool {
    utf16_without_bom(bytes).is_some()
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
    // NULs on one side of the pairs (the high bytes of ASCII, and of some
    // punctuation), almost none on the other. Text mostly in CJK has fewer
    // NULs than ASCII, so a tenth of the pairs is enough.
    let half = sample.len() / 2;
    if odd_nul * 10 > half && even_nul * 10 < odd_nul {
        Some(UTF_16LE)
    } else if even_nul * 10 > half && odd_nul * 10 < even_nul {
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
            assert_eq!(
                decode(input.as_bytes(), None).unwrap().text,
                want,
                "{input:?}"
            );
        }
    }

    #[test]
    fn lines_in_two_encodings_are_each_read_in_their_own() {
        let mut bytes = "年度,板块,金额\n2020,教育帮扶,148\n".as_bytes().to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("2021,医疗帮扶,30\n").0);
        bytes.extend_from_slice("2022,产业合作,5\n".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(
            d.text,
            "年度,板块,金额\n2020,教育帮扶,148\n2021,医疗帮扶,30\n2022,产业合作,5\n"
        );
        assert_eq!((d.encoding, d.errors), ("UTF-8", 0));
        let n = &d.notes[0];
        assert_eq!((n.code, n.line), ("mixed_encoding", Some(3)));
        assert_eq!(
            n.text.en,
            "line 3 are in GBK and the rest in UTF-8 (the file was probably edited with different programs): each line was read in its own encoding; check these lines, and save the whole file as UTF-8"
        );
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "年度,板块,金额\n2020,教育帮扶,148\n2021,医疗"
            .as_bytes()
            .to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("帮扶,30\n".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(
            d.text,
            "年度,板块,金额\n2020,教育帮扶,148\n2021,医疗\u{fffd}帮扶,30\n"
        );
        assert_eq!((d.encoding, d.errors), ("UTF-8", 1));
        assert_eq!(
            (d.notes[0].code, d.notes[0].line),
            ("decode_errors", Some(3))
        );
    }

    /// Common hanzi of an encoding, from its bytes: GB2312 level 1 for GBK
    /// (lead bytes B0–D7), the frequent characters of Big5 (A4–C6).
    fn common_hanzi(enc: &'static Encoding) -> Vec<char> {
        let (leads, trails) = if enc == encoding_rs::BIG5 {
            (0xa4u8..=0xc6, [0x40u8..=0x7e, 0xa1..=0xfe])
        } else {
            (0xb0u8..=0xd7, [0xa1u8..=0xfe, 0xa1..=0xfe])
        };
        let mut bytes = Vec::new();
        for hi in leads {
            for lo in trails.clone().into_iter().flatten() {
                bytes.extend_from_slice(&[hi, lo]);
            }
        }
        let (text, _) = enc.decode_without_bom_handling(&bytes);
        text.chars().filter(|c| *c != '\u{fffd}').collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// No line of a GBK or Big5 file of common hanzi reads as UTF-8, so
        /// such files are never split into two encodings.
        #[test]
        fn legacy_lines_are_never_taken_for_utf8(
            picks in proptest::collection::vec(
                proptest::collection::vec(0usize..10_000, 1..12), 1..40),
            big5 in proptest::bool::ANY,
        ) {
            let enc = if big5 { encoding_rs::BIG5 } else { encoding_rs::GBK };
            let pool = common_hanzi(enc);
            let mut text = String::new();
            for (i, line) in picks.iter().enumerate() {
                let name: String = line.iter().filter_map(|&k| pool.get(k % pool.len())).collect();
                text.push_str(&format!("{},{name},{}\n", 2000 + i, i * 7));
            }
            let (bytes, _, unmappable) = enc.encode(&text);
            proptest::prop_assert!(!unmappable);
            proptest::prop_assert!(by_lines(&bytes, None).is_none(), "{}", text);
        }
    }

    #[test]
    fn invalid_utf8_declared_utf8_counts_errors() {
        let d = decode(b"a\xffb", Some("utf-8")).unwrap();
        assert_eq!(d.text, "a\u{fffd}b");
        assert_eq!(d.errors, 1);
    }
}
