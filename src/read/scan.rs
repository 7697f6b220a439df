//! Where the next delimiter, `\n` or `\r` is in quote-free text: the hot
//! loop of [`super::csv::Plain`].
//!
//! With 16-byte vectors (SSE2 on x86_64, simd128 in the SIMD wasm build) the
//! text is scanned 64 bytes at a time into a bit mask of those bytes, and the
//! fields of a block are read off the mask, so every byte is compared once.
//! Elsewhere (the scalar wasm build) eight bytes are tested at a time as one
//! 64-bit word.

/// A scan of one text: the mask of the block last read.
#[derive(Clone, Debug)]
pub(crate) struct Scan {
    /// Where the block starts (far past any text before the first block).
    block: usize,
    /// Bit `i`: byte `block + i` is the delimiter, `\n` or `\r`.
    mask: u64,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            block: usize::MAX / 2,
            mask: 0,
        }
    }
}

impl Scan {
    /// The position of the next delimiter, `\n` or `\r` at or after `from`.
    #[inline]
    pub(crate) fn next(&mut self, text: &[u8], from: usize, d: u8) -> Option<usize> {
        if !VECTORS {
            return word_scan(text, from, d);
        }
        let mut from = from;
        loop {
            let off = from.wrapping_sub(self.block);
            if off < 64 {
                let m = self.mask & (u64::MAX << off);
                if m != 0 {
                    return Some(self.block + m.trailing_zeros() as usize);
                }
                from = self.block + 64;
            }
            let Some(chunk) = text.get(from..from + 64) else {
                return word_scan(text, from, d);
            };
            self.block = from;
            self.mask = mask64(chunk, d);
        }
    }
}

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
const VECTORS: bool = true;
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
const VECTORS: bool = false;

/// The bit mask of the delimiter, `\n` and `\r` in 64 bytes.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn mask64(chunk: &[u8], d: u8) -> u64 {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};
    let (dd, nl, cr) = (u8x16_splat(d), u8x16_splat(b'\n'), u8x16_splat(b'\r'));
    let mut mask = 0u64;
    for (k, part) in chunk.chunks_exact(16).take(4).enumerate() {
        // SAFETY: `part` is 16 readable bytes; v128_load has no alignment requirement.
        let x = unsafe { v128_load(part.as_ptr().cast::<v128>()) };
        let hit = v128_or(v128_or(u8x16_eq(x, dd), u8x16_eq(x, nl)), u8x16_eq(x, cr));
        mask |= u64::from(u8x16_bitmask(hit)) << (16 * k);
    }
    mask
}

/// The bit mask of the delimiter, `\n` and `\r` in 64 bytes.
#[cfg(target_arch = "x86_64")]
#[inline]
fn mask64(chunk: &[u8], d: u8) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0u64;
    // SAFETY: SSE2 is part of every x86_64 CPU; each `part` is 16 readable
    // bytes and _mm_loadu_si128 has no alignment requirement.
    unsafe {
        let (dd, nl, cr) = (
            _mm_set1_epi8(d as i8),
            _mm_set1_epi8(b'\n' as i8),
            _mm_set1_epi8(b'\r' as i8),
        );
        for (k, part) in chunk.chunks_exact(16).take(4).enumerate() {
            let x = _mm_loadu_si128(part.as_ptr().cast::<__m128i>());
            let hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, dd), _mm_cmpeq_epi8(x, nl)),
                _mm_cmpeq_epi8(x, cr),
            );
            mask |= u64::from(_mm_movemask_epi8(hit) as u16) << (16 * k);
        }
    }
    mask
}

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
#[inline]
fn mask64(_chunk: &[u8], _d: u8) -> u64 {
    0 // never called: VECTORS is false
}

/// Eight bytes at a time (a word with none of the three is skipped whole),
/// then the bytes left one by one. Fields are short, so this mostly saves
/// the comparisons of the bytes between two delimiters.
#[inline]
pub(crate) fn word_scan(text: &[u8], from: usize, d: u8) -> Option<usize> {
    const LO: u64 = u64::from_le_bytes([0x01; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    // A byte of `x` is zero: its high bit is set in the result (the lowest
    // such bit is always a true zero byte; bits above it may not be).
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let (dd, nl, cr) = (
        LO * u64::from(d),
        LO * u64::from(b'\n'),
        LO * u64::from(b'\r'),
    );
    let mut i = from;
    while let Some(w) = text.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        let m = zero(x ^ dd) | zero(x ^ nl) | zero(x ^ cr);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let tail = text.get(i..)?;
    tail.iter()
        .position(|&b| b == d || b == b'\n' || b == b'\r')
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position the scan stops at, from the start, as the reader asks.
    fn stops(text: &[u8], d: u8, vectors: bool) -> Vec<usize> {
        let mut scan = Scan::default();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = if vectors {
            scan.next(text, from, d)
        } else {
            word_scan(text, from, d)
        } {
            out.push(at);
            from = at + 1;
        }
        out
    }

    #[test]
    fn the_block_scan_and_the_word_scan_agree_with_a_byte_loop() {
        let mut text = Vec::new();
        for i in 0..700u32 {
            let cell = "金额".repeat((i % 23) as usize) + &"x".repeat((i % 67) as usize);
            text.extend_from_slice(cell.as_bytes());
            text.push(match i % 5 {
                0 => b'\n',
                1 => b'\r',
                _ => b',',
            });
        }
        let by_byte: Vec<usize> = (0..text.len())
            .filter(|&i| matches!(text[i], b',' | b'\n' | b'\r'))
            .collect();
        for cut in [0, 1, 63, 64, 65, 127, 1000, text.len()] {
            let t = &text[..cut.min(text.len())];
            let want: Vec<usize> = by_byte.iter().copied().filter(|&i| i < t.len()).collect();
            assert_eq!(stops(t, b',', true), want, "blocks, cut {cut}");
            assert_eq!(stops(t, b',', false), want, "words, cut {cut}");
        }
    }
}
