//! Reading one cell: amounts with their units, periods, null and total markers.
//!
//! Every parser here takes any string and returns a value or an error kind;
//! none of them panics. Amounts are exact [`rust_decimal::Decimal`]s.

/// Declares a cell error kind: a fieldless enum with a stable machine code and
/// short Chinese and English messages, plus `Display` (English) and `Error`.
macro_rules! error_kind {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => ($code:literal, $zh:literal, $en:literal),)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Stable machine-readable code, e.g. for warnings in a result.
            /// (The example is on the type: `BadNumber`, `BadPeriod`.)
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }

            /// Short message in Chinese, for the analyst.
            /// (The example is on the type: `BadNumber`, `BadPeriod`.)
            pub fn message_zh(self) -> &'static str {
                match self { $(Self::$variant => $zh,)+ }
            }

            /// Short message in English.
            /// (The example is on the type: `BadNumber`, `BadPeriod`.)
            pub fn message_en(self) -> &'static str {
                match self { $(Self::$variant => $en,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.message_en())
            }
        }

        impl std::error::Error for $name {}
    };
}

pub mod marker;
pub mod number;
pub mod period;
pub mod unit;
pub mod width;

pub use marker::{is_note_text, is_null_marker, total_marker, TotalLevel};
pub use number::{parse_number, parse_plain, BadNumber, CellValue, Number};
pub use period::{parse_period, period_zh, BadPeriod, Grain, Period, PeriodValue};
pub use unit::{unit_from_header, unit_from_line, unit_of_line, MoneyUnit, Unit};
pub(crate) use width::loose_name;
pub use width::{to_halfwidth, trim_cell};
