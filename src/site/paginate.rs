//! Splitting a long list (a taxonomy term's pages, a section's pages) into numbered pages:
//! page 1 at the list's own URL, page N at `URL/page/N/`, each with a `pager` view.
//!
//! Taxonomy terms take `paginate_by` from the config; a section is paginated only when its
//! `_index.md` sets `paginate_by`, as in Zola, so long sections do not change by default.

use super::pages::Views;
use crate::content::Meta;
use crate::render::views::Pager;

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

/// The pager of list page `n` of `total` under `base`, or `None` for a single page.
pub fn pager(views: &Views, base: &str, n: usize, total: usize) -> Option<Pager> {
    (total > 1).then(|| Pager {
        current: n,
        total,
        prev: if n > 1 { views.link(&page_url(base, n - 1)) } else { String::new() },
        next: if n < total { views.link(&page_url(base, n + 1)) } else { String::new() },
        pages: (1..=total).map(|k| (k, views.link(&page_url(base, k)))).collect(),
    })
}

/// A section's `paginate_by` front matter (kept in `extra`), 0 when unset or not a number.
pub fn section_paginate_by(meta: &Meta) -> usize {
    meta.extra.get("paginate_by").and_then(serde_json::Value::as_u64).map_or(0, |n| n as usize)
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
}
