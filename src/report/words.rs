//! What every language's phrasing needs of a result beside its facts: the
//! measure's unit, whether it is money, its bare name, and small helpers.

use crate::analyze::result::{AnalysisResult, Figure};
use crate::analyze::spec::Aggregate;
use crate::table::schema::MeasureKind;

/// The measure of one result, as the phrasings name it.
pub(super) struct Words<'r> {
    /// The result.
    pub(super) r: &'r AnalysisResult,
    /// The measure's unit (`""` when it has none).
    pub(super) unit: &'r str,
    /// The figures are amounts of money (not counts of them).
    pub(super) money: bool,
}

impl<'r> Words<'r> {
    pub(super) fn new(r: &'r AnalysisResult) -> Words<'r> {
        Words {
            r,
            unit: r.measure.unit.unwrap_or(""),
            money: r.measure.kind == Some(MeasureKind::Money)
                && !matches!(
                    r.spec.aggregate,
                    Aggregate::Count | Aggregate::CountNonnull | Aggregate::Distinct
                ),
        }
    }

    /// The measure's name without its unit in brackets.
    pub(super) fn bare_name(&self) -> String {
        let name = self.r.measure.name.as_deref().unwrap_or("");
        name.split(['(', '（'])
            .next()
            .unwrap_or(name)
            .trim()
            .to_string()
    }
}

/// The text without its minus sign (after a word that says it fell).
pub(super) fn unsigned(f: &Figure) -> &str {
    f.text.strip_prefix('-').unwrap_or(&f.text)
}

/// Up to ten line numbers, then `…`.
pub(super) fn lines(l: &[u64], sep: &str) -> String {
    let mut s: Vec<String> = l.iter().take(10).map(u64::to_string).collect();
    if l.len() > 10 {
        s.push("…".into());
    }
    s.join(sep)
}
