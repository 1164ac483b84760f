//! What templates see of audiences and reviews: a page's audience marker, its review state and
//! notice, the rows of the maintainers' `/review/` page, and whether the site is kept out of
//! search engines.

use serde::Serialize;

use super::Views;
use crate::content::date::Date;
use crate::content::{Meta, PageId};
use crate::diagnostic::{Diagnostic, Kind};
use crate::governance::{Every, Review, marker};
use crate::render::views::ReviewView;

/// One row of `/review/`.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    /// Page title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// `owner`, or empty.
    pub owner: String,
    /// Its review, or none when it has no `reviewed` date.
    pub review: Option<ReviewView>,
    /// Source file, content-relative.
    pub source_path: String,
}

impl Views<'_> {
    /// "Internal" for front matter whose audience leaves out the public one, else empty.
    pub fn audience_marker(&self, meta: &Meta) -> String {
        marker(meta.audience.as_deref(), &self.config.governance.public_audience).unwrap_or_default()
    }

    /// Keep the site out of search engines: the config says so, or (unset) the build holds a
    /// page for an audience that is not the public one.
    pub fn noindex(&self) -> bool {
        self.config
            .governance
            .noindex
            .unwrap_or_else(|| self.library.pages.iter().any(|p| !self.audience_marker(&p.meta).is_empty()))
    }

    /// The review period of page `i`: its own `review_every`, else the nearest section's, else
    /// the config's.
    fn review_every(&self, i: PageId) -> Option<Every> {
        let lib = self.library;
        let own = std::iter::once(i);
        let sections = lib.section_chain(lib.page(i).section).into_iter().filter_map(|s| lib.section(s).own_page);
        own.chain(sections)
            .find_map(|j| lib.page(j).meta.review_every.as_deref().and_then(|e| Every::parse(e).ok()))
            .or(self.config.governance.review_every)
    }

    /// Page `i`'s review as of `today`, when it has a `reviewed` date and a period applies.
    pub fn review(&self, i: PageId, today: &Date) -> Option<Review> {
        let reviewed = self.library.page(i).meta.reviewed?;
        Some(Review::of(reviewed, self.review_every(i)?, today))
    }

    /// Page `i`'s review as `page.review` shows it.
    pub fn review_view(&self, i: PageId, today: &Date) -> Option<ReviewView> {
        let review = self.review(i, today)?;
        let strings = &self.config.strings;
        let ago = if review.months_ago >= 1 {
            strings.count("month", review.months_ago as usize)
        } else {
            strings.count("day", review.days_ago as usize)
        };
        let notice = match &self.library.page(i).meta.owner {
            Some(owner) => strings.fill("review_notice_owner", &[("ago", &ago), ("owner", owner)]),
            None => strings.fill("review_notice", &[("ago", &ago)]),
        };
        Some(ReviewView {
            reviewed: review.reviewed.ymd(),
            due: review.due.ymd(),
            overdue: review.overdue,
            ago,
            notice,
        })
    }

    /// Pages past their review date as of `today`, in library order.
    pub fn overdue(&self, today: &Date) -> Vec<PageId> {
        self.library.page_ids().filter(|&i| self.review(i, today).is_some_and(|r| r.overdue)).collect()
    }

    /// A warning for every page past its review date, at its `reviewed` line.
    pub fn stale_warnings(&self, today: &Date) -> Vec<Diagnostic> {
        self.overdue(today)
            .into_iter()
            .filter_map(|i| {
                let p = self.library.page(i);
                let review = self.review(i, today)?;
                let owner = p.meta.owner.as_deref().map(|o| format!(" (owner: {o})")).unwrap_or_default();
                let message = format!(
                    "past its review date: last reviewed {}, due {}{owner}",
                    review.reviewed.ymd(),
                    review.due.ymd()
                );
                Some(Diagnostic::warning(&p.file, p.meta.line_of("reviewed"), 1, message).with_kind(Kind::Stale))
            })
            .collect()
    }

    /// True when anything in the site is under review: a period, an owner or a review date.
    pub fn has_reviews(&self) -> bool {
        self.config.governance.review_every.is_some()
            || self.library.pages.iter().any(|p| p.meta.owner.is_some() || p.meta.reviewed.is_some())
    }

    /// Every page, overdue first (longest overdue first), then pages never reviewed, then the
    /// rest by due date.
    pub fn review_rows(&self, today: &Date) -> Vec<ReviewRow> {
        let mut rows: Vec<(u8, i64, ReviewRow)> = self
            .library
            .page_ids()
            .map(|i| {
                let p = self.library.page(i);
                let review = self.review_view(i, today);
                let rank = match &review {
                    Some(r) if r.overdue => 0,
                    None => 1,
                    Some(_) => 2,
                };
                let due = self.review(i, today).map_or(0, |r| r.due.days());
                let row = ReviewRow {
                    title: self.titles.page(i).to_string(),
                    url: self.link(&p.url),
                    owner: p.meta.owner.clone().unwrap_or_default(),
                    review,
                    source_path: p.rel.clone(),
                };
                (rank, due, row)
            })
            .collect();
        rows.sort_by_key(|r| (r.0, r.1));
        rows.into_iter().map(|(_, _, row)| row).collect()
    }
}
