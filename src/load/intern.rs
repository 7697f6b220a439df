//! Labels of a key column, interned by their bytes: each distinct text is
//! trimmed, checked for markers, relabelled and parsed as a period once.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::cell::{is_null_marker, parse_period, total_marker, trim_cell, Grain, TotalLevel};
use crate::read::csv::field_text;
use crate::table::{Key, BLANK_LABEL};

/// Interns the values of one key column, keyed by the cell's bytes: each
/// distinct text is trimmed, checked for markers and parsed only once.
#[derive(Default)]
pub(crate) struct Interner {
    /// Cells of up to 16 bytes, packed into one integer (see [`short_key`]):
    /// a lookup hashes and compares one `u128`, not a byte string.
    pub(crate) by_short: FxHashMap<(u128, u8), u32>,
    /// The last short key met in each of [`RECENT`] slots (by a hash of the
    /// key) and its code: most cells of a key column repeat one of a few
    /// values, so a compare here skips the hash table's probe.
    recent: Recent,
    /// Longer cells.
    pub(crate) by_bytes: FxHashMap<Box<[u8]>, u32>,
    pub(crate) by_label: HashMap<String, u32>,
    pub(crate) keys: Vec<Key>,
    pub(crate) totals: Vec<Option<TotalLevel>>,
    /// Labels read as others (load option `relabel`); `None` for most columns.
    pub(crate) relabel: Option<Box<Relabel>>,
}

/// Slots of [`Interner::recent`].
const RECENT: usize = 256;

/// A direct-mapped cache of short keys: (key, length, code). A slot whose
/// length is above 16 is empty (no short key is that long).
struct Recent(Box<[(u128, u8, u32); RECENT]>);

impl Default for Recent {
    fn default() -> Recent {
        Recent(Box::new([(0, u8::MAX, 0); RECENT]))
    }
}

impl Recent {
    #[inline]
    fn slot(k: (u128, u8)) -> usize {
        let folded = (k.0 as u64) ^ ((k.0 >> 64) as u64) ^ u64::from(k.1);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }
}

/// One column's relabels. A relabelled cell's bytes are kept apart from
/// `by_bytes`, so its rows are counted; every other cell costs nothing extra.
#[derive(Default)]
pub(crate) struct Relabel {
    /// (label as written, label to use, rows).
    pub(crate) pairs: Vec<(String, String, usize)>,
    /// Label as written → index in `pairs`.
    pub(crate) index: HashMap<String, usize>,
    /// Cells met: bytes → (code, index in `pairs`).
    pub(crate) seen: FxHashMap<Box<[u8]>, (u32, usize)>,
}

impl Relabel {
    pub(crate) fn new(pairs: Vec<(String, String)>) -> Relabel {
        let mut r = Relabel::default();
        for (from, to) in pairs {
            r.index.insert(from.clone(), r.pairs.len());
            r.pairs.push((from, to, 0));
        }
        r
    }

    /// One more row read with relabel `k`.
    pub(crate) fn count(&mut self, k: usize) {
        if let Some(p) = self.pairs.get_mut(k) {
            p.2 += 1;
        }
    }
}

impl Interner {
    /// Code of a raw cell.
    #[inline]
    pub(crate) fn code(&mut self, raw: &[u8], period: Option<Grain>) -> u32 {
        let Some(k) = short_key(raw) else {
            return match self.by_bytes.get(raw) {
                Some(&c) => c,
                None => self.intern(raw, period),
            };
        };
        let i = Recent::slot(k);
        if let Some(&(key, len, code)) = self.recent.0.get(i) {
            if (key, len) == k {
                return code;
            }
        }
        // Only what `by_short` holds is cached: a relabelled cell is not in
        // it, as it is counted each time it is met.
        match self.by_short.get(&k) {
            Some(&code) => {
                if let Some(slot) = self.recent.0.get_mut(i) {
                    *slot = (k.0, k.1, code);
                }
                code
            }
            None => self.intern(raw, period),
        }
    }

    /// A cell not met before, or one that is relabelled.
    pub(crate) fn intern(&mut self, raw: &[u8], period: Option<Grain>) -> u32 {
        let written = trim_cell(field_text(raw));
        // (index in the relabels, label to use)
        let relabelled = match self.relabel.as_deref_mut() {
            Some(r) => {
                if let Some(&(code, k)) = r.seen.get(raw) {
                    r.count(k);
                    return code;
                }
                r.index
                    .get(written)
                    .and_then(|&k| Some((k, r.pairs.get(k)?.1.clone())))
            }
            None => None,
        };
        let text = relabelled.as_ref().map_or(written, |(_, to)| trim_cell(to));
        let total = total_marker(text);
        let mut key = Key {
            label: text.to_string(),
            period: None,
            blank: false,
            bad: false,
        };
        if total.is_none() && is_null_marker(text) {
            key.label = BLANK_LABEL.to_string();
            key.blank = true;
        } else if let (Some(grain), None) = (period, total) {
            match parse_period(text).map(|v| v.and_then(|v| v.at(grain))) {
                Ok(Some(p)) => {
                    key.label = p.label();
                    key.period = Some(p);
                }
                Ok(None) | Err(_) => key.bad = true, // not a period, or coarser than the grain
            }
        }
        let code = match self.by_label.get(&key.label) {
            Some(&c) if !key.bad => c,
            _ => {
                let c = self.keys.len() as u32;
                if !key.bad {
                    self.by_label.insert(key.label.clone(), c);
                }
                self.keys.push(key);
                self.totals.push(total);
                c
            }
        };
        match (relabelled, self.relabel.as_deref_mut()) {
            (Some((k, _)), Some(r)) => {
                r.seen.insert(raw.into(), (code, k));
                r.count(k);
            }
            _ => match short_key(raw) {
                Some(k) => {
                    self.by_short.insert(k, code);
                }
                None => {
                    self.by_bytes.insert(raw.into(), code);
                }
            },
        }
        code
    }
}

/// A cell of at most 16 bytes as one integer and its length: equal keys
/// exactly when the bytes are equal. The integer is read with fixed-size
/// loads (no copy of a variable length): the first and the last eight bytes
/// of a cell of 8 to 16 (they overlap below 16), the first and last four of
/// one of 4 to 7, the first, middle and last byte of a shorter one. For a
/// given length these cover every byte, so with the length the key decides
/// the bytes.
#[inline]
fn short_key(raw: &[u8]) -> Option<(u128, u8)> {
    let n = raw.len();
    let key = if n >= 8 {
        if n > 16 {
            return None;
        }
        let lo = u64::from_le_bytes(*raw.first_chunk::<8>()?);
        let hi = u64::from_le_bytes(*raw.last_chunk::<8>()?);
        u128::from(lo) | u128::from(hi) << 64
    } else if n >= 4 {
        let lo = u32::from_le_bytes(*raw.first_chunk::<4>()?);
        let hi = u32::from_le_bytes(*raw.last_chunk::<4>()?);
        u128::from(lo) | u128::from(hi) << 32
    } else if n > 0 {
        let b = |i: usize| u128::from(raw.get(i).copied().unwrap_or(0));
        b(0) | b(n / 2) << 8 | b(n - 1) << 16
    } else {
        0
    };
    Some((key, n as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_equal_exactly_when_the_bytes_are() {
        let mut cells: Vec<Vec<u8>> = [
            &b""[..],
            b"\0",
            b"\0\0",
            b"a",
            b"a\0",
            "乡村振兴".as_bytes(),
            "乡村振兴 ".as_bytes(),
            b"0123456789abcdef",
            b"0123456789abcdeg",
        ]
        .iter()
        .map(|c| c.to_vec())
        .collect();
        // Every length up to 16, each byte position changed in turn.
        for n in 1..=16u8 {
            let base: Vec<u8> = (1..=n).collect();
            for at in 0..usize::from(n) {
                let mut c = base.clone();
                c[at] = 0xE5;
                cells.push(c);
            }
            cells.push(base);
        }
        let cells: Vec<&[u8]> = cells.iter().map(Vec::as_slice).collect();
        for &a in &cells {
            for &b in &cells {
                assert_eq!(short_key(a) == short_key(b), a == b, "{a:?} {b:?}");
            }
        }
        assert_eq!(short_key(b"0123456789abcdefX"), None);
    }

    #[test]
    fn many_keys_sharing_the_cache_keep_their_codes() {
        // 5,000 short keys over 256 slots: most slots are shared, so every
        // lookup after the first pass mixes hits, misses and overwrites.
        let mut i = Interner::default();
        let keys: Vec<String> = (0..5000).map(|n| format!("k{n}")).collect();
        for (n, k) in keys.iter().enumerate() {
            assert_eq!(i.code(k.as_bytes(), None) as usize, n);
        }
        for round in 0..3 {
            for (n, k) in keys.iter().enumerate().rev().step_by(round + 1) {
                assert_eq!(i.code(k.as_bytes(), None) as usize, n, "{k}");
                assert_eq!(i.code(k.as_bytes(), None) as usize, n, "{k} again");
            }
        }
        assert_eq!(i.keys.len(), 5000);
        assert_eq!(i.keys.get(4321).map(|k| k.label.as_str()), Some("k4321"));
    }

    #[test]
    fn short_and_long_cells_keep_their_codes() {
        let mut i = Interner::default();
        let long = "广州市花都区对口帮扶清远市".as_bytes();
        let a = i.code(b"2023", None);
        let b = i.code(long, None);
        let c = i.code(b" 2023", None); // trims to the same label: the same code
        assert_eq!((i.code(b"2023", None), i.code(long, None)), (a, b));
        assert_eq!(c, a);
        assert_ne!(a, b);
        assert_eq!(i.keys.len(), 2);
    }
}
