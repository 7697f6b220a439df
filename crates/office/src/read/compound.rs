//! A guard before calamine reads an OLE compound file (`.xls`, an encrypted
//! `.xlsx`): every sector its allocation tables name must lie inside the
//! file. calamine 0.38 panics (`cfb.rs`, a slice past the end) on a table
//! that names a sector past the end of a truncated or damaged file, and a
//! panic in wasm takes the module down; such a file is refused here as
//! damaged instead. Only the header and the allocation tables are looked at
//! (MS-CFB §2.2–2.5); calamine does all the reading.

/// Cells an `.xls` sheet can hold (BIFF8: 65,536 rows × 256 columns).
const XLS_MAX_CELLS: u64 = 65_536 * 256;

/// Whether every DIMENSIONS record (`00 02 0E 00`: the used range calamine
/// reserves memory for) declares a range an `.xls` can hold. calamine 0.38
/// reserves rows × columns cells for the range as declared, so a damaged
/// file declaring billions of cells ends the module for want of memory. A
/// record whose bytes are split across sectors is not seen; one found by
/// chance in other data and within bounds changes nothing.
///
/// # Example
/// ```
/// use aidstat_office::read::compound::dimensions_plausible;
/// let mut rec = vec![0x00, 0x02, 0x0e, 0x00];
/// rec.extend(0u32.to_le_bytes()); // first row
/// rec.extend(4_000_000_000u32.to_le_bytes()); // last row + 1: far past 65,536
/// rec.extend([0, 0, 255, 0, 0, 0]);
/// assert!(!dimensions_plausible(&rec));
/// ```
pub fn dimensions_plausible(b: &[u8]) -> bool {
    b.windows(18)
        .filter(|w| w.starts_with(&[0x00, 0x02, 0x0e, 0x00]))
        .all(|w| {
            let (Some(r0), Some(r1)) = (u32_at(w, 4), u32_at(w, 8)) else {
                return true;
            };
            let c = |at: usize| {
                w.get(at..at + 2)
                    .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
            };
            let rows = u64::from(r1.saturating_sub(r0));
            // As calamine reads it: a first column past 255 or past the last is 0.
            let (c0, c1) = (c(12), c(14));
            let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
            let cols = u64::from(c1.saturating_sub(c0));
            rows.saturating_mul(cols) <= XLS_MAX_CELLS
        })
}

/// Sector ids at and above this are markers (end of chain, free, …).
const MARKERS: u32 = 0xFFFF_FFFA;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Whether every sector the header and the allocation tables name exists.
///
/// # Example
/// ```
/// use aidstat_office::read::compound::sectors_inside;
/// let mut header = vec![0u8; 512];
/// header[..8].copy_from_slice(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/// header[0x1e] = 9; // 512-byte sectors
/// for i in 0..109 { header[0x4c + 4 * i..0x50 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes()); }
/// header[0x4c..0x50].copy_from_slice(&7u32.to_le_bytes()); // a table in sector 7: not in the file
/// assert!(!sectors_inside(&header));
/// ```
pub fn sectors_inside(b: &[u8]) -> bool {
    let Some(shift) = b.get(0x1e).copied() else {
        return false;
    };
    if shift != 9 && shift != 12 {
        return false;
    }
    let size = 1usize << shift;
    // A sector may end past the file's last byte (a short last sector), not start past it.
    let count = b.len().saturating_sub(512).div_ceil(size);
    let exists = |id: u32| id >= MARKERS || (id as usize) < count;
    let sector = |id: u32| {
        b.get(512 + id as usize * size..)
            .map(|s| &s[..s.len().min(size)])
    };
    for at in [0x30, 0x3c, 0x44] {
        match u32_at(b, at) {
            Some(id) if exists(id) => {}
            _ => return false,
        }
    }
    // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(b, 0x4c + 4 * i)).collect();
    let mut next = u32_at(b, 0x44).unwrap_or(u32::MAX);
    let mut hops = 0;
    while next < MARKERS {
        hops += 1;
        let Some(s) = sector(next).filter(|_| hops <= count) else {
            return false;
        };
        let per = size / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, 4 * per).unwrap_or(u32::MAX);
        if !exists(next) {
            return false;
        }
    }
    for &id in &fat_sectors {
        if id >= MARKERS {
            continue;
        }
        let Some(s) = sector(id).filter(|_| exists(id)) else {
            return false;
        };
        if !(0..s.len() / 4)
            .filter_map(|i| u32_at(s, 4 * i))
            .all(exists)
        {
            return false;
        }
    }
    true
}
