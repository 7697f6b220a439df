//! aidstat: exact aggregations, shares and growth of paired-assistance
//! (对口帮扶) funding files.
//!
//! The data flows through the modules in the order they are listed:
//! bytes → [`read`] (decode, CSV / JSON records, header) → [`cell`] (amounts,
//! units, periods) → [`load`] (roles, units, corrections: records → typed
//! columns) → [`table`] (the typed table, its total rows) → [`analyze`]
//! (groups, aggregates, shares, growth) → [`format`] (rounding at output).
//! [`export`] writes the table as a clean dataset and the analysis as SQL.
//! Beside the figures: [`check`] (is the data right? findings with their
//! fixes) and [`report`] (the paragraph for the report, from a result).
//! [`api`] holds the JavaScript API's operations in pure Rust, and
//! [`bindings`] is the one thin layer that converts them to JavaScript; [`limits`]
//! holds the bounds that keep a browser tab alive.
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod analyze;
pub mod api;
pub mod bindings;
pub mod cell;
pub mod check;
pub mod error;
pub mod export;
pub mod format;
pub use aidstat_hant as hant;
pub mod limits;
pub mod load;
pub mod message;
mod order;
pub mod read;
pub mod report;
pub mod table;

pub use error::{Error, ErrorCode, Result};
