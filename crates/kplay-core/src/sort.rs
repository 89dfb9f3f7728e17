//! Stable sorting in little code, for the web page's sake.
//!
//! The standard library's stable sort is fast but large, and it is compiled again for every
//! element type and comparison: some thirty copies of it made up a tenth of the page's
//! WebAssembly. Here the sorting itself (a merge sort of positions, stable) is compiled once,
//! behind a `dyn` comparison, and each call site adds only the small loop that moves its
//! elements into the order found.
//!
//! Invariant: the result is exactly the standard library's `sort_by` result for any comparison
//! that is a total order — both are stable, so equal elements keep their order — which keeps the
//! simulation's traces identical (the golden trace hash tests check it).

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let v = &*v;
        stable_order(v.len(), &mut |a, b| compare(&v[a], &v[b]))
    };
    permute(v, order);
}

/// Sorts `v` stably by the key `f` gives, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` stably, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..len` in stable sorted order: a bottom-up merge sort that takes from the
/// left run on ties.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                let take_right = left == mid
                    || (right < end && compare(order[right], order[left]) == Ordering::Less);
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, cycle by cycle.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut i = start;
        while order[i] != DONE {
            let from = order[i];
            order[i] = DONE;
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs (key, original position) with many equal keys, from a fixed generator.
    fn sample(len: usize, keys: u64, seed: u64) -> Vec<(u64, usize)> {
        let mut x = seed;
        (0..len)
            .map(|i| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                ((x >> 33) % keys, i)
            })
            .collect()
    }

    #[test]
    fn sorts_exactly_as_the_standard_stable_sort() {
        for len in [0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1_000, 4_099] {
            for keys in [1, 2, 5, 1_000_000] {
                let data = sample(len, keys, len as u64 * 31 + keys);
                let mut expected = data.clone();
                expected.sort_by_key(|p| p.0);
                let mut got = data.clone();
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(got, expected, "{len} elements, {keys} keys");
                let mut got = data;
                sort_by(&mut got, |a, b| b.0.cmp(&a.0));
                expected.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(got, expected, "descending, {len} elements, {keys} keys");
            }
        }
    }

    #[test]
    fn sorts_owned_values_and_already_sorted_input() {
        let mut names: Vec<String> = ["c", "a", "b", "a"].map(String::from).to_vec();
        sort(&mut names);
        assert_eq!(names, ["a", "a", "b", "c"]);
        let mut sorted: Vec<u32> = (0..50).collect();
        sort(&mut sorted);
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        let mut reversed: Vec<u32> = (0..50).rev().collect();
        sort(&mut reversed);
        assert_eq!(reversed, sorted);
    }
}
