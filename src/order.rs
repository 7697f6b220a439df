//! Stable sorting through one compiled sort.
//!
//! Each call of the standard library's `sort_by` / `sort_by_key` with its
//! own closure compiles its own copy of the sort (about 9 KB of wasm each;
//! nineteen of them were an eighth of the engine's code). These sort the
//! positions instead, with the comparison behind one `dyn` call, so that the
//! sort is compiled once; ties are broken by position, so the order is the
//! stable one `sort_by` gives. None of these sorts is in a per-row loop of
//! an analysis: they order groups, labels, findings and set-aside rows.

use std::cmp::Ordering;

/// Sorts `v` as `v.sort_by(cmp)` does (stable).
pub(crate) fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` as `v.sort_by_key(key)` does (stable).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` as `v.sort()` does.
pub(crate) fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` gives, ties by position.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            super::sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
            let mut ours = v.clone();
            super::sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = v.clone();
            std.sort_by_key(|p| std::cmp::Reverse(p.0));
            prop_assert_eq!(ours, std);
            let mut ours = v.clone();
            super::sort(&mut ours);
            let mut std = v;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }
}
