//! Accumulators: what a group remembers of its records, so that every
//! aggregate can be evaluated from it and subtotals are merged from their
//! children, never re-read (DataFusion's update / merge / evaluate).

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::spec::Aggregate;

/// A value counted by `distinct`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DistinctKey {
    /// A key column's code.
    Code(u32),
    /// A measure value.
    Value(Decimal),
}

/// The state of one group.
#[derive(Clone, Debug, Default)]
pub struct Acc {
    /// Records.
    pub records: u64,
    /// Non-null values.
    pub nonnull: u64,
    /// Sum of the non-null values with decimals.
    pub sum: Decimal,
    /// Sum of the whole (scale 0) non-null values, kept as an integer: exact
    /// and much faster than decimal addition. [`Acc::total`] adds the two.
    pub int_sum: i128,
    /// The sum went beyond the decimal range.
    pub overflow: bool,
    /// Smallest value.
    pub min: Option<Decimal>,
    /// Largest value.
    pub max: Option<Decimal>,
    /// Distinct values, kept only for `distinct`.
    pub distinct: HashSet<DistinctKey>,
}

impl Acc {
    /// Adds one record with its value (None when null).
    #[inline]
    pub(crate) fn update(&mut self, v: Option<Decimal>) {
        self.records += 1;
        if let Some(v) = v {
            self.nonnull += 1;
            self.add(v);
            self.min = Some(self.min.map_or(v, |m| m.min(v)));
            self.max = Some(self.max.map_or(v, |m| m.max(v)));
        }
    }

    /// Adds one record, keeping only what sum, count and mean need.
    #[inline]
    pub(crate) fn update_sum(&mut self, v: Option<Decimal>) {
        self.records += 1;
        if let Some(v) = v {
            self.nonnull += 1;
            self.add(v);
        }
    }

    #[inline]
    fn add(&mut self, v: Decimal) {
        if v.scale() == 0 {
            match self.int_sum.checked_add(v.mantissa()) {
                Some(s) => self.int_sum = s,
                None => self.overflow = true,
            }
        } else {
            match self.sum.checked_add(v) {
                Some(s) => self.sum = s,
                None => self.overflow = true,
            }
        }
    }

    /// The exact sum of the non-null values, `None` beyond the decimal range.
    pub(crate) fn total(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        Decimal::try_from_i128_with_scale(self.int_sum, 0)
            .ok()?
            .checked_add(self.sum)
    }

    /// Merges another group into this one.
    pub(crate) fn merge(&mut self, o: &Acc) {
        self.records += o.records;
        self.nonnull += o.nonnull;
        match (
            self.sum.checked_add(o.sum),
            self.int_sum.checked_add(o.int_sum),
        ) {
            (Some(s), Some(i)) => (self.sum, self.int_sum) = (s, i),
            _ => self.overflow = true,
        }
        self.overflow |= o.overflow;
        self.min = match (self.min, o.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, o.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.distinct.extend(o.distinct.iter().copied());
    }

    /// The aggregate's value, or why there is none.
    pub(crate) fn evaluate(&self, agg: Aggregate) -> Result<Decimal, &'static str> {
        if self.records == 0 {
            return Err("no_records");
        }
        let need_value = |v: Option<Decimal>| v.ok_or("no_value");
        match agg {
            Aggregate::Count => Ok(Decimal::from(self.records)),
            Aggregate::CountNonnull => Ok(Decimal::from(self.nonnull)),
            Aggregate::Distinct => Ok(Decimal::from(self.distinct.len() as u64)),
            Aggregate::Sum | Aggregate::Mean if self.nonnull == 0 => Err("no_value"),
            Aggregate::Sum => self.total().ok_or("overflow"),
            Aggregate::Mean => self
                .total()
                .and_then(|t| t.checked_div(Decimal::from(self.nonnull)))
                .ok_or("overflow"),
            Aggregate::Min => need_value(self.min),
            Aggregate::Max => need_value(self.max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_null_groups() {
        let a = Acc::default();
        assert_eq!(a.evaluate(Aggregate::Sum), Err("no_records"));
        let mut b = Acc::default();
        b.update(None);
        assert_eq!(
            b.evaluate(Aggregate::Sum),
            Err("no_value"),
            "all-null group has a missing sum, not 0"
        );
        assert_eq!(b.evaluate(Aggregate::Count), Ok(Decimal::ONE));
        assert_eq!(b.evaluate(Aggregate::CountNonnull), Ok(Decimal::ZERO));
    }

    #[test]
    fn merge_equals_update() {
        let vals = [
            Some(Decimal::new(15, 1)),
            None,
            Some(Decimal::new(-3, 0)),
            Some(Decimal::new(7, 0)),
        ];
        let mut whole = Acc::default();
        let (mut a, mut b) = (Acc::default(), Acc::default());
        for (i, v) in vals.iter().enumerate() {
            whole.update(*v);
            if i % 2 == 0 {
                a.update(*v)
            } else {
                b.update(*v)
            }
        }
        a.merge(&b);
        for agg in Aggregate::ALL {
            assert_eq!(a.evaluate(*agg), whole.evaluate(*agg), "{agg:?}");
        }
        assert_eq!(
            whole.evaluate(Aggregate::Mean),
            Ok(Decimal::new(55, 1) / Decimal::from(3))
        );
    }
}
