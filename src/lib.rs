//! aidstat: exact aggregations, shares and growth of paired-assistance
//! (对口帮扶) funding files.
//!
//! The data flows through the modules in the order they are listed:
//! bytes → [`read`] (decode, CSV / JSON records, header) → [`cell`] (amounts,
//! units, periods) → [`table`] (typed columns) → [`analyze`] (groups,
//! aggregates, shares, growth) → [`format`] (rounding at output).
//! [`bindings`] is the one thin layer that speaks JavaScript.

pub mod cell;
