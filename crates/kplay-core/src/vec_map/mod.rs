//! Sorted maps and sets in little code, for the web page's sake.
//!
//! The standard library's `BTreeMap` and `BTreeSet` are compiled again for every key and value
//! type, and their node splitting, merging and rebalancing is large: in the engine alone they
//! were close to half of the WebAssembly, spread over a hundred types. Nearly all of the
//! engine's maps are small (a cluster's brokers, a group's members, a consumer's partitions) and
//! built once, then read many times. [`VecMap`] and [`VecSet`] keep their entries in one sorted
//! `Vec`: lookups are a binary search compiled once (behind a `dyn` comparison), iteration is a
//! slice walk, and an insertion moves the entries after it.
//!
//! Invariant: entries are sorted by key and keys are unique, so every method answers exactly as
//! the `BTreeMap`/`BTreeSet` method of the same name does — iteration in key order included,
//! which keeps the simulation's traces identical (the golden trace hash tests check it, and the
//! property tests in `tests.rs` compare the two side by side).
//!
//! Not for large maps that change at the front: the engine's and the simulation's timer queues
//! (`pop_first` on every tick) stay `BTreeMap`s.

mod map;
mod set;
#[cfg(test)]
mod tests;

pub use map::{Entry, Iter, IterMut, OccupiedEntry, VacantEntry, VecMap};
pub use set::VecSet;

use std::cmp::Ordering;

/// Binary search over positions `0..len` with `compare(i)` saying how the element at `i`
/// stands against the one sought: `Ok(i)` where it is, `Err(i)` where it would go. Compiled
/// once for every map and set type.
fn search(len: usize, compare: &mut dyn FnMut(usize) -> Ordering) -> Result<usize, usize> {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match compare(mid) {
            Ordering::Less => low = mid + 1,
            Ordering::Greater => high = mid,
            Ordering::Equal => return Ok(mid),
        }
    }
    Err(low)
}
