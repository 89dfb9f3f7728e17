//! [`VecSet`]: a set kept as one sorted `Vec`.

use std::borrow::Borrow;
use std::fmt;

use super::sort_dedup;

/// A set with `BTreeSet`'s behaviour and method names, stored as a sorted `Vec` (see the
/// module docs for why and when).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VecSet<T> {
    items: Vec<T>,
}

impl<T> VecSet<T> {
    /// An empty set; allocates nothing.
    pub const fn new() -> Self {
        VecSet { items: Vec::new() }
    }

    /// As `BTreeSet::len`.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// As `BTreeSet::is_empty`.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// As `BTreeSet::clear`.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The elements in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// As `BTreeSet::first`.
    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }

    /// As `BTreeSet::last`.
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }

    /// Removes and returns the smallest element (moves every other element).
    pub fn pop_first(&mut self) -> Option<T> {
        (!self.items.is_empty()).then(|| self.items.remove(0))
    }

    /// Keeps the elements for which `keep` says so, in order.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
    }
}

impl<T: Ord> VecSet<T> {
    fn find<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        let items = &self.items;
        items.binary_search_by(|v| v.borrow().cmp(value))
    }

    /// As `BTreeSet::contains`.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(value).is_ok()
    }

    /// Adds `value`; false if it was there already (and then the set is unchanged).
    pub fn insert(&mut self, value: T) -> bool {
        match self.find(&value) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, value);
                true
            }
        }
    }

    /// As `BTreeSet::remove`.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.take(value).is_some()
    }

    /// As `BTreeSet::take`.
    pub fn take<Q: Ord + ?Sized>(&mut self, value: &Q) -> Option<T>
    where
        T: Borrow<Q>,
    {
        self.find(value).ok().map(|i| self.items.remove(i))
    }

    /// The elements of `self` not in `other`, in order.
    pub fn difference<'a>(&'a self, other: &'a Self) -> impl Iterator<Item = &'a T> + Clone {
        self.iter().filter(move |v| !other.contains(*v))
    }

    /// The elements in both, in order.
    pub fn intersection<'a>(&'a self, other: &'a Self) -> impl Iterator<Item = &'a T> + Clone {
        self.iter().filter(move |v| other.contains(*v))
    }

    /// As `BTreeSet::is_disjoint`.
    pub fn is_disjoint(&self, other: &Self) -> bool {
        self.intersection(other).next().is_none()
    }

    /// As `BTreeSet::is_subset`.
    pub fn is_subset(&self, other: &Self) -> bool {
        self.len() <= other.len() && self.iter().all(|v| other.contains(v))
    }

    /// As `BTreeSet::is_superset`.
    pub fn is_superset(&self, other: &Self) -> bool {
        other.is_subset(self)
    }
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for VecSet<T> {
    /// As `BTreeSet` prints: `{a, b, ...}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    /// Sorted once (stably, in little code); of equal elements the last is kept, as
    /// `BTreeSet` keeps it.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut items: Vec<T> = iter.into_iter().collect();
        sort_dedup(&mut items, T::cmp);
        VecSet { items }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for VecSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    /// Inserts each element in turn, as `BTreeSet` does: cheap when the elements are already
    /// there or come after the last one, a move of the elements after it otherwise.
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
