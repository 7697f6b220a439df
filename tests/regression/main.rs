//! One file per bug found by the fuzzer or the catalogue of bad inputs, each
//! with the input that broke it. See docs/ROBUSTNESS.md for the list.

mod cfb_sector_past_end;
mod cr_line_endings;
mod plain_19_digits;
mod set_aside_once_per_row;
