//! Sorted maps and sets in little code, for the web page's sake.
//!
//! The standard library's `BTreeMap` and `BTreeSet` are compiled again for every key and value
//! type, and their node splitting, merging and rebalancing is large: in the engine alone they
//! were close to half of the WebAssembly, spread over a hundred types. Nearly all of the
//! engine's maps are small (a cluster's brokers, a group's members, a consumer's partitions) and
//! built once, then read many times. [`VecMap`] and [`VecSet`] keep their entries in one sorted
//! `Vec`: a lookup is a binary search (a short loop), iteration is a slice walk, and an insertion
//! moves the entries after it.
//!
//! Invariant: entries are sorted by key and keys are unique, so every method answers exactly as
//! the `BTreeMap`/`BTreeSet` method of the same name does — iteration in key order included,
//! which keeps the simulation's traces identical (the golden trace hash tests check it, and the
//! property tests in `tests.rs` compare the two side by side).
//!
//! Not for large maps that change at the front: the engine's and the simulation's timer queues
//! (`pop_first` on every tick) stay `BTreeMap`s. A large map filled in no particular order is
//! best collected (`FromIterator` sorts once) than inserted into entry by entry.

mod map;
mod set;
#[cfg(test)]
mod tests;

pub use map::{Entry, Iter, IterMut, OccupiedEntry, VacantEntry, VecMap};
pub use set::VecSet;

use std::cmp::Ordering;

/// Sorts `items` stably unless they already are in order, then keeps one of each run of equal
/// elements: the last, as `BTreeMap` and `BTreeSet` do when built from an iterator.
fn sort_dedup<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if !items.windows(2).all(|w| compare(&w[0], &w[1]) == Ordering::Less) {
        crate::sort::sort_by(items, &compare);
        items.dedup_by(|later, kept| {
            let same = compare(later, kept) == Ordering::Equal;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
    }
}
