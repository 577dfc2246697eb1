//! Wrapped text kept between frames: a text is wrapped again only when it or the width
//! changed, so that a frame costs what is on screen, not what the session holds.
//!
//! The key of a cached wrap is the text itself (compared, which is much cheaper than
//! wrapping it) and the width: a text changed by a key, by the other terminal's merge or by
//! a file read again is wrapped afresh at the next frame, whoever changed it. Styles are not
//! cached: the caller puts them on the rows it draws, so a change of selection or state
//! shows without invalidating anything.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use super::wrap::wrap;

/// One text wrapped at one width, and what it was wrapped from.
#[derive(Debug, Default)]
pub struct Wrapped {
    /// The text and width the lines are of; None before the first call.
    source: Option<(String, usize)>,
    lines: Vec<String>,
}

impl Wrapped {
    /// `text` wrapped at `width` as [`wrap`] does, wrapped again only when the text or the
    /// width differs from the last call's.
    pub fn get(&mut self, text: &str, width: usize) -> &[String] {
        let fresh = self
            .source
            .as_ref()
            .is_some_and(|(was, at)| *at == width && was == text);
        if !fresh {
            self.lines = wrap(text, width);
            match &mut self.source {
                Some((was, at)) => {
                    was.clear();
                    was.push_str(text);
                    *at = width;
                }
                None => self.source = Some((text.to_string(), width)),
            }
        }
        &self.lines
    }
}

/// The wrapped texts of a list's items, each under its item's key (a question's id, an
/// opinion field). Only the items asked for since the last [`WrapCache::sweep`] are kept,
/// so a list of thousands holds the wraps of the rows on screen.
#[derive(Debug)]
pub struct WrapCache<K> {
    entries: HashMap<K, Entry>,
    /// Counts sweeps: an entry not asked for since the last one is dropped at the next.
    round: u64,
}

#[derive(Debug, Default)]
struct Entry {
    wrapped: Wrapped,
    used_in: u64,
}

impl<K> Default for WrapCache<K> {
    fn default() -> Self {
        WrapCache {
            entries: HashMap::new(),
            round: 0,
        }
    }
}

impl<K: Hash + Eq> WrapCache<K> {
    /// The item `key`'s `text` wrapped at `width` (see [`Wrapped::get`]).
    pub fn get<Q>(&mut self, key: &Q, text: &str, width: usize) -> &[String]
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let round = self.round;
        if !self.entries.contains_key(key) {
            self.entries.insert(key.to_owned(), Entry::default());
        }
        match self.entries.get_mut(key) {
            Some(entry) => {
                entry.used_in = round;
                entry.wrapped.get(text, width)
            }
            // Inserted just above.
            None => &[],
        }
    }

    /// Forget the items not asked for since the last sweep (called once a frame).
    pub fn sweep(&mut self) {
        let round = self.round;
        self.entries.retain(|_, entry| entry.used_in == round);
        self.round += 1;
    }

    /// How many items are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_wrapped_again_when_it_or_the_width_changes() {
        let mut wrapped = Wrapped::default();
        assert_eq!(wrapped.get("", 10), [""], "an empty text is one empty line");
        assert_eq!(wrapped.get("あいうえお", 6), ["あいう", "えお"]);
        assert_eq!(wrapped.get("あいうえお", 4), ["あい", "うえ", "お"]);
        assert_eq!(wrapped.get("あいうえか", 4), ["あい", "うえ", "か"]);
        assert_eq!(wrapped.get("あいうえか", 4), wrap("あいうえか", 4));
    }

    #[test]
    fn the_cache_keeps_what_was_asked_for_since_the_last_sweep() {
        let mut cache: WrapCache<String> = WrapCache::default();
        assert_eq!(cache.get("q1", "一二三", 4), ["一二", "三"]);
        assert_eq!(cache.get("q2", "四", 4), ["四"]);
        cache.sweep();
        assert_eq!(cache.len(), 2);
        // Another text under the same key is wrapped afresh.
        assert_eq!(cache.get("q1", "五六七", 4), ["五六", "七"]);
        cache.sweep();
        assert_eq!(cache.len(), 1, "q2 was not drawn in the last frame");
        cache.sweep();
        assert!(cache.is_empty());
    }
}
