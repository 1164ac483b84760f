//! The serialize-only structs templates see. Internal types never reach a template, so the
//! template contract (documented in the README) can stay stable while the internals change.

use serde::Serialize;

use crate::markdown::toc::TocEntry;

/// A titled link (breadcrumbs, prev/next, a page's section).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Root-relative URL; prefix with `root` in templates.
    pub url: String,
}

/// A section as listed in navigation or by its parent.
#[derive(Debug, Clone, Serialize)]
pub struct SectionRef {
    /// Title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Description (plain text).
    pub description: String,
    /// Number of pages directly in it.
    pub page_count: usize,
}

/// A page as listed by a section or the home page.
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    /// Title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// `YYYY-MM-DD` or empty.
    pub date: String,
    /// RFC 3339 or empty.
    pub date_iso: String,
    /// Description (plain text).
    pub description: String,
    /// Summary as HTML (before `<!--more-->`, else the escaped `summary` key); may be empty.
    pub summary: String,
    /// Shown only in draft previews.
    pub draft: bool,
}

/// A page's terms in one taxonomy, linked to their term pages.
#[derive(Debug, Clone, Serialize)]
pub struct TermLinks {
    /// Taxonomy name (`tags`).
    pub name: String,
    /// Its label (`Tags`).
    pub title: String,
    /// One link per term.
    pub terms: Vec<Link>,
}

/// `pager` of a paginated list (taxonomy term, section with `paginate_by`).
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// 1-based page number.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Root-relative URL of the previous page, or empty.
    pub prev: String,
    /// Root-relative URL of the next page, or empty.
    pub next: String,
    /// The pages it links: the first, the last and a few around the current one.
    pub pages: Vec<PagerLink>,
}

/// One page a pager links.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// 1-based page number.
    pub number: usize,
    /// Root-relative URL.
    pub url: String,
    /// Pages between this one and the one before it are not linked.
    pub gap_before: bool,
}

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Language tag.
    pub language: String,
    /// Absolute base URL or empty.
    pub base_url: String,
    /// Root-relative URL of the home page (`""` or `index.html`).
    pub home_url: String,
    /// The search page and index are built (`search` config key).
    pub search: bool,
    /// `mentorbook X.Y.Z`.
    pub generator: String,
    /// Top-level sections, for the main navigation.
    pub sections: Vec<SectionRef>,
    /// Every checklist of the site, in reading order.
    pub checklists: Vec<ChecklistView>,
    /// The site's roles, with their checklist pages.
    pub roles: Vec<RoleView>,
    /// Root-relative URL of the page listing every checklist (`checklists/`).
    pub checklists_url: String,
    /// A stable id for the site, the prefix of its saved checklist ticks.
    pub id: String,
    /// Keep every page out of search engines (a build with non-public pages, or `noindex`).
    pub noindex: bool,
    /// Root-relative URL of the maintainers' review page, or empty when this build has none.
    pub review_url: String,
}

/// A checklist, as a page, the playbook and the `/checklists/` pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistView {
    /// Stable id (page path `#` anchor).
    pub id: String,
    /// Its anchor on its page (the part of the id after `#`).
    pub anchor: String,
    /// Heading or lead-in text.
    pub title: String,
    /// Role id, or empty for everyone.
    pub role: String,
    /// Role label ("Mentors"), or "Everyone".
    pub role_label: String,
    /// Title of the page it is on.
    pub page: String,
    /// Root-relative URL of that page.
    pub page_url: String,
    /// Root-relative URL of the checklist on its page (with `#anchor`).
    pub url: String,
    /// Root-relative URL that prints only this checklist from its page
    /// (`<page>/#print-<anchor>`, see [`crate::checklist::Checklist::print_anchor`]).
    pub print_url: String,
    /// Items in order.
    pub items: Vec<ChecklistItemView>,
    /// Number of items.
    pub total: usize,
    /// Items ticked in the source (`[x]`).
    pub checked: usize,
}

/// One checklist item.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItemView {
    /// Stable id.
    pub id: String,
    /// Plain text.
    pub text: String,
    /// Inline HTML (safe: rendered markdown).
    pub html: String,
    /// Ticked in the source.
    pub checked: bool,
}

/// A role with its checklists page.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    /// Role id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Keywords that name it.
    pub keywords: Vec<String>,
    /// Root-relative URL of `checklists/<role>/`.
    pub url: String,
    /// Checklists for this role.
    pub checklist_count: usize,
}

/// A playbook step: its number and its playbook, on the step's own page.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// 1-based position.
    pub number: usize,
    /// Steps in the playbook.
    pub total: usize,
    /// The playbook (section) page.
    pub playbook: Link,
    /// Every step of the playbook, in order, for the stepper.
    pub steps: Vec<StepLink>,
}

/// A step in the stepper of a step's page: its link, and its checklists as the browser counts
/// them (so each step shows how much of it is done).
#[derive(Debug, Clone, Serialize)]
pub struct StepLink {
    /// The step's title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Its checklists.
    pub checklists: Vec<ChecklistTally>,
    /// Items in them.
    pub total: usize,
    /// Items ticked in the source (`[x]`).
    pub checked: usize,
}

/// A checklist reduced to what `checklists.js` needs to count its ticks.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistTally {
    /// Stable id (page path `#` anchor).
    pub id: String,
    /// Role id, or empty for everyone.
    pub role: String,
    /// Its items' ids, separated by spaces.
    pub items: String,
    /// The ids of items ticked in the source, separated by spaces.
    pub checked: String,
}

/// A step as the playbook page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct StepRef {
    /// 1-based position.
    pub number: usize,
    /// The step's page.
    pub page: PageRef,
    /// Its checklists.
    pub checklists: Vec<ChecklistView>,
}

/// `config` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Absolute base URL or empty.
    pub base_url: String,
    /// Language tag.
    pub language: String,
    /// The config's free-form `extra` map.
    pub extra: serde_json::Value,
}

/// `page` in `page.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Title.
    pub title: String,
    /// Description (plain text), may be empty.
    pub description: String,
    /// Summary HTML, may be empty.
    pub summary: String,
    /// Body HTML.
    pub content: String,
    /// Nested table of contents.
    pub toc: Vec<TocEntry>,
    /// `toc` front matter (default true).
    pub show_toc: bool,
    /// `YYYY-MM-DD` or empty.
    pub date: String,
    /// RFC 3339 or empty.
    pub date_iso: String,
    /// `YYYY-MM-DD` or empty.
    pub updated: String,
    /// RFC 3339 or empty.
    pub updated_iso: String,
    /// Draft (only in `--drafts` builds).
    pub draft: bool,
    /// Last URL segment.
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, or empty without `base_url`.
    pub permalink: String,
    /// `weight`.
    pub weight: Option<i64>,
    /// `aliases` (old URLs of the page).
    pub aliases: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `categories`.
    pub categories: Vec<String>,
    /// `roles`.
    pub roles: Vec<String>,
    /// The page's terms in every configured taxonomy, linked.
    pub taxonomies: Vec<TermLinks>,
    /// `authors`.
    pub authors: Vec<String>,
    /// Unknown front matter keys and the `extra` map.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Source path relative to `content/`.
    pub source_path: String,
    /// `edit_url` from the config followed by `source_path`, or empty.
    pub edit_url: String,
    /// Words of prose.
    pub word_count: usize,
    /// Minutes at 200 words a minute, at least 1.
    pub reading_time: usize,
    /// The page or section before it in book order (on a playbook step, the previous step).
    pub prev: Option<Link>,
    /// The page or section after it in book order (on a playbook step, the next step).
    pub next: Option<Link>,
    /// The section the page is in.
    pub section: Option<Link>,
    /// Breadcrumbs from home, excluding the page.
    pub ancestors: Vec<Link>,
    /// Checklists on the page, in order.
    pub checklists: Vec<ChecklistView>,
    /// Its place in a playbook, when its section is one.
    pub step: Option<StepView>,
    /// Its effective audience (own, else its section's); empty is everyone.
    pub audience: Vec<String>,
    /// "Internal" on a page for a narrower audience than the public one, else empty.
    pub audience_marker: String,
    /// `owner`, or empty.
    pub owner: String,
    /// Its review, when it has a `reviewed` date and a review period applies.
    pub review: Option<ReviewView>,
}

/// Where a page stands with its review (`page.review`, and the rows of `review.html`).
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// Last reviewed, `YYYY-MM-DD`.
    pub reviewed: String,
    /// Due again, `YYYY-MM-DD`.
    pub due: String,
    /// Past its due date.
    pub overdue: bool,
    /// How long ago it was reviewed ("14 months").
    pub ago: String,
    /// The sentence an overdue page shows ("Last reviewed 14 months ago by …").
    pub notice: String,
}

/// `section` in `section.html` and `index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Body HTML of its `_index.md`.
    pub content: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, or empty.
    pub permalink: String,
    /// Pages directly in it, in order (this list page's share when paginated).
    pub pages: Vec<PageRef>,
    /// Links between list pages when its `_index.md` sets `paginate_by`, else none.
    pub pager: Option<Pager>,
    /// Root-relative URL of its Atom feed, or empty when it has none.
    pub feed_url: String,
    /// Child sections, in order.
    pub subsections: Vec<SectionRef>,
    /// Breadcrumbs from home, excluding the section.
    pub ancestors: Vec<Link>,
    /// Extra front matter of its `_index.md` (e.g. `playbook`).
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Draft (only in `--drafts` builds).
    pub draft: bool,
    /// `playbook: true` in its `_index.md`: its pages are ordered steps.
    pub playbook: bool,
    /// The steps, when it is a playbook (else empty).
    pub steps: Vec<StepRef>,
    /// Items in all the steps' checklists (the playbook's progress bar maximum).
    pub progress_total: usize,
    /// Of those, items ticked in the source.
    pub progress_checked: usize,
    /// Checklists in its own text.
    pub checklists: Vec<ChecklistView>,
    /// "Internal" on a section for a narrower audience than the public one, else empty.
    pub audience_marker: String,
    /// The page or section before it in book order (none on later list pages).
    pub prev: Option<Link>,
    /// The page or section after it in book order (none on later list pages).
    pub next: Option<Link>,
}
