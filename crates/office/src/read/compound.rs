//! A guard before calamine reads an OLE compound file (`.xls`, an encrypted
//! `.xlsx`): every sector its allocation tables name must lie inside the
//! file. calamine 0.38 panics (`cfb.rs`, a slice past the end) on a table
//! that names a sector past the end of a truncated or damaged file, and a
//! panic in wasm takes the module down; such a file is refused here as
//! damaged instead. Only the header and the allocation tables are looked at
//! (MS-CFB §2.2–2.5); calamine does all the reading.

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
