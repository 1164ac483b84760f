//! Splitting a long list (a taxonomy term's pages, a section's pages) into numbered pages:
//! page 1 at the list's own URL, page N at `URL/page/N/`.
//!
//! Taxonomy terms take `paginate_by` from the config; a section is paginated only when its
//! `_index.md` sets `paginate_by`, as in Zola, so long sections do not change by default. A
//! pager links a window of pages (the first, the last and a few around the current one), so
//! that a list of N pages costs bytes in proportion to N, not N².

/// How many pages on each side of the current one a pager links.
pub const WINDOW: usize = 2;

/// The URL of list page `n` (1-based) under `base` (`tags/coaching/`): `base`, then `base/page/n/`.
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// How many list pages `len` entries fill at `per` a page (`0`: one page); at least 1.
pub fn page_count(len: usize, per: usize) -> usize {
    if per == 0 { 1 } else { len.div_ceil(per).max(1) }
}

/// The entries of list page `n` (1-based).
pub fn chunk<T>(items: &[T], per: usize, n: usize) -> &[T] {
    if per == 0 {
        return items;
    }
    let start = (n - 1).saturating_mul(per).min(items.len());
    &items[start..(start + per).min(items.len())]
}

/// The page numbers a pager on page `n` of `total` links, in order: 1, `total`, and the
/// [`WINDOW`] pages on each side of `n`.
pub fn window(n: usize, total: usize) -> Vec<usize> {
    let low = n.saturating_sub(WINDOW).max(1);
    let high = (n + WINDOW).min(total);
    let mut pages: Vec<usize> = std::iter::once(1).chain(low..=high).chain(std::iter::once(total)).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_chunks() {
        assert_eq!(page_count(0, 2), 1);
        assert_eq!(page_count(5, 2), 3);
        assert_eq!(page_count(5, 0), 1);
        assert_eq!(chunk(&[1, 2, 3, 4, 5], 2, 3), [5]);
        assert_eq!(chunk(&[1, 2, 3], 0, 1), [1, 2, 3]);
        assert_eq!(page_url("tags/x/", 1), "tags/x/");
        assert_eq!(page_url("tags/x/", 2), "tags/x/page/2/");
    }

    #[test]
    fn the_window_stays_small() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(1, 3), [1, 2, 3]);
        assert_eq!(window(50, 4000), [1, 48, 49, 50, 51, 52, 4000]);
        assert_eq!(window(4000, 4000), [1, 3998, 3999, 4000]);
        assert!((1..=4000).all(|n| window(n, 4000).len() <= 2 * WINDOW + 3));
    }
}
