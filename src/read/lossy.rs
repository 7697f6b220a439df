//! Bytes → text when the bytes are not all valid: each malformed sequence
//! becomes U+FFFD and is counted, as the WHATWG Encoding Standard says
//! (one U+FFFD per maximal ill-formed subpart).
//!
//! UTF-8 and UTF-16 are decoded here, by the standard library. The legacy
//! encodings (GBK / GB18030, Big5 and the rest chardetng may guess) are
//! decoded natively by `encoding_rs`; in the wasm build by the platform's
//! decoder (the browser's `TextDecoder`, which implements the same
//! standard), registered by the bindings with [`set_platform_decoder`], so
//! that the engine the page downloads first does not carry encoding_rs's
//! tables (docs/PERFORMANCE.md, "The first module").

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded with replacement.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Replaced {
    pub text: String,
    /// Malformed sequences, each now one U+FFFD.
    pub errors: usize,
    /// Byte offset in `text` of the first of them.
    pub first_error: Option<usize>,
}

impl Replaced {
    fn replace(&mut self) {
        self.errors += 1;
        self.first_error.get_or_insert(self.text.len());
        self.text.push('\u{fffd}');
    }
}

/// Decodes `bytes` (no byte-order mark handling: the caller drops it).
pub(crate) fn decode(encoding: &'static Encoding, bytes: &[u8]) -> Replaced {
    if encoding == UTF_8 {
        utf8(bytes)
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        utf16(bytes, encoding == UTF_16BE)
    } else if encoding == REPLACEMENT {
        // The "replacement" encoding (labels such as iso-2022-kr): one
        // U+FFFD for any input, none for none.
        let mut out = Replaced::default();
        if !bytes.is_empty() {
            out.replace();
        }
        out
    } else {
        legacy(encoding, bytes)
    }
}

fn utf8(bytes: &[u8]) -> Replaced {
    let mut out = Replaced {
        text: String::with_capacity(bytes.len() + 16),
        ..Replaced::default()
    };
    for chunk in bytes.utf8_chunks() {
        out.text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.replace();
        }
    }
    out
}

fn utf16(bytes: &[u8], big_endian: bool) -> Replaced {
    let mut out = Replaced {
        text: String::with_capacity(bytes.len() + bytes.len() / 2),
        ..Replaced::default()
    };
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|p| match p {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let mut last_unpaired_lead = false;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                last_unpaired_lead = false;
                out.text.push(c);
            }
            Err(e) => {
                last_unpaired_lead = (0xd800..0xdc00).contains(&e.unpaired_surrogate());
                out.replace();
            }
        }
    }
    // A byte left over at the end is one error, the same one as a lead
    // surrogate left waiting for its pair (the last unit: any other unpaired
    // lead is followed by a unit that resets the flag).
    if odd && !last_unpaired_lead {
        out.replace();
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn legacy(encoding: &'static Encoding, bytes: &[u8]) -> Replaced {
    by_encoding_rs(encoding, bytes)
}

/// Decodes with encoding_rs (natively; in tests, the reference the other
/// decoders here are compared with).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub(crate) fn by_encoding_rs(encoding: &'static Encoding, bytes: &[u8]) -> Replaced {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = Replaced {
        text: String::with_capacity(cap),
        ..Replaced::default()
    };
    let mut input = bytes;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(input, &mut out.text, true);
        input = input.get(read..).unwrap_or(&[]);
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                out.text.reserve(input.len().saturating_mul(3) + 16)
            }
            encoding_rs::DecoderResult::Malformed(_, _) => out.replace(),
        }
    }
    out
}

/// A decoder the platform provides: the text of `bytes` in the encoding
/// named `label` (a WHATWG label, e.g. `GBK`, `Big5`), with malformed
/// sequences replaced by U+FFFD, or `None` when `fatal` and there is one, or
/// when the platform does not know the encoding.
pub type PlatformDecoder = fn(label: &str, bytes: &[u8], fatal: bool) -> Option<String>;

#[cfg(target_arch = "wasm32")]
static PLATFORM: std::sync::OnceLock<PlatformDecoder> = std::sync::OnceLock::new();

/// Registers the platform's decoder of legacy encodings (the wasm bindings
/// register the browser's `TextDecoder` when the module starts). Natively,
/// encoding_rs decodes and this does nothing.
pub fn set_platform_decoder(decoder: PlatformDecoder) {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = PLATFORM.set(decoder);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = decoder;
}

#[cfg(target_arch = "wasm32")]
fn legacy(encoding: &'static Encoding, bytes: &[u8]) -> Replaced {
    let label = encoding.name();
    if let Some(platform) = PLATFORM.get() {
        // Without errors the text is taken as it is (it may hold a U+FFFD
        // the file itself encodes); with errors, each U+FFFD is one.
        if let Some(text) = platform(label, bytes, true) {
            return Replaced {
                text,
                ..Replaced::default()
            };
        }
        if let Some(text) = platform(label, bytes, false) {
            let errors = text.matches('\u{fffd}').count().max(1);
            let first_error = text.find('\u{fffd}');
            return Replaced {
                text,
                errors,
                first_error,
            };
        }
    }
    // No decoder for it: ASCII is kept, every other byte is an error.
    let mut out = Replaced::default();
    for &b in bytes {
        if b.is_ascii() {
            out.text.push(char::from(b));
        } else {
            out.replace();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn utf8_and_utf16_edges_as_encoding_rs() {
        let cases: &[&[u8]] = &[
            b"",
            b"abc",
            &[0xe9, 0x87],             // a truncated 3-byte sequence
            &[0xe9, 0x87, 0x41],       // … followed by ASCII
            &[0xf0, 0x9f, 0x98],       // a truncated 4-byte sequence
            &[0xed, 0xa0, 0x80],       // an encoded surrogate
            &[0xc0, 0xaf, 0xff, 0x80], // overlong, invalid, lone continuation
            &[0x00, 0xd8],             // UTF-16LE: a lone lead surrogate
            &[0x00, 0xd8, 0x41],       // … and an odd byte
            &[0x00, 0xd8, 0x41, 0x00], // … then 'A'
            &[0x00, 0xdc, 0x41, 0x00], // a lone trail surrogate
            &[0x3d, 0xd8, 0x00, 0xde], // a pair (U+1F600)
            &[0x41, 0x00, 0x42],       // 'A' and an odd byte
            &[0xd8, 0x00, 0x41],       // UTF-16BE: a lead surrogate and an odd byte
        ];
        for bytes in cases {
            for enc in [UTF_8, UTF_16LE, UTF_16BE] {
                assert_eq!(
                    decode(enc, bytes),
                    by_encoding_rs(enc, bytes),
                    "{} {bytes:02x?}",
                    enc.name()
                );
            }
        }
    }

    #[test]
    fn replacement_encoding() {
        assert_eq!(decode(REPLACEMENT, b"abc").text, "\u{fffd}");
        assert_eq!(decode(REPLACEMENT, b"").errors, 0);
        assert_eq!(decode(REPLACEMENT, b"x"), by_encoding_rs(REPLACEMENT, b"x"));
    }

    proptest! {
        #[test]
        fn utf8_as_encoding_rs(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(decode(UTF_8, &bytes), by_encoding_rs(UTF_8, &bytes));
        }

        #[test]
        fn utf16_as_encoding_rs(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0x00u8), Just(0x41), Just(0xd8), Just(0xdb), Just(0xdc), Just(0xdf), any::<u8>()],
                0..48,
            )
        ) {
            prop_assert_eq!(decode(UTF_16LE, &bytes), by_encoding_rs(UTF_16LE, &bytes));
            prop_assert_eq!(decode(UTF_16BE, &bytes), by_encoding_rs(UTF_16BE, &bytes));
        }
    }
}
