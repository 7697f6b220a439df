//! aidstat's Office module: the workbook code, kept out of the core so that
//! opening a CSV never pays for it. It holds no table: a workbook's bytes go
//! in and a [`aidstat_cells::Book`] (the chosen sheet's typed cells) comes
//! out ([`read`]); the core does everything after. A view as the JS API
//! gives it goes in and an `.xlsx` comes out ([`write`]). [`bindings`] is the thin
//! wasm-bindgen layer.
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

pub mod bindings;
pub mod error;
pub mod number;
pub mod read;
pub mod write;

pub use error::OfficeError;
