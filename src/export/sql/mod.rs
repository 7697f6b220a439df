//! An analysis spec as one SQL query over the clean table.
