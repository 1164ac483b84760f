//! `/whats-new/`: the pages added or changed in the last `whats_new_days` days, newest first,
//! each with the date and subject of the commit that changed it, and its Atom feed.
//!
//! The commits come from the one `git log` the model already ran for last-updated dates. A
//! subject can name a draft or an internal page, so it is shown only when every file its
//! commit touched is in this build; otherwise the entry just says "Updated". Without a
//! trustworthy history (no repository, a shallow clone) the page says why instead of listing
//! nothing or something wrong, and the build warns.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tera::Context;

use super::feeds::{Entry as FeedEntry, Feed};
use super::render_at;
use crate::content::PageId;
use crate::content::date::Date;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::git::{Gap, History};
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// One changed page.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Page title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Commit date, `YYYY-MM-DD`.
    pub date: String,
    /// Commit date, RFC 3339.
    pub date_iso: String,
    /// The commit's subject, or empty when it may not be shown.
    pub subject: String,
    /// The commit added the page.
    pub added: bool,
    #[serde(skip)]
    page: PageId,
}

/// The changes of the last `days` days as of `today`, newest first, one per page.
pub fn changes(views: &Views, commits: &[crate::site::git::Commit], today: &Date, days: u32) -> Vec<Change> {
    let lib = views.library;
    let pages: HashMap<&str, PageId> = lib.page_ids().map(|i| (lib.page(i).rel.as_str(), i)).collect();
    let content = &views.config.content_dir;
    let assets: HashSet<String> = lib
        .assets
        .iter()
        .filter_map(|a| a.source.strip_prefix(content).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let in_build = |f: &str| pages.contains_key(f) || assets.contains(f);
    // The oldest commit of each file is the one that added it.
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (n, c) in commits.iter().enumerate() {
        for f in &c.files {
            first.insert(f.as_str(), n);
        }
    }
    let since = today.days() - i64::from(days);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (n, c) in commits.iter().enumerate().take_while(|(_, c)| c.date.days() >= since) {
        let shown = c.files.iter().all(|f| in_build(f));
        for f in &c.files {
            let Some(&i) = pages.get(f.as_str()) else { continue };
            if !seen.insert(i) {
                continue;
            }
            out.push(Change {
                title: views.titles.page(i).to_string(),
                url: views.link(&lib.page(i).url),
                date: c.date.ymd(),
                date_iso: c.date.rfc3339(),
                subject: if shown { c.subject.clone() } else { String::new() },
                added: first.get(f.as_str()) == Some(&n),
                page: i,
            });
        }
    }
    out
}

/// `whats-new/index.html` and, with a `base_url`, `whats-new/atom.xml`.
pub fn render(views: &Views, renderer: &Renderer, history: &History, today: &Date) -> Result<Vec<Output>, Diagnostic> {
    let days = views.config.governance.whats_new_days;
    let (changes, unavailable) = match history {
        History::Commits(commits) => (changes(views, commits, today, days), ""),
        History::Unavailable(gap) => (Vec::new(), gap.why()),
    };
    let origin = || Origin::at(views.config.file(), views.config.line_of("whats_new_days"), "what's new page");
    let mut ctx = Context::new();
    ctx.insert("changes", &changes);
    ctx.insert("days", &days);
    ctx.insert("unavailable", unavailable);
    let feed_url = if views.config.base_url.is_empty() { String::new() } else { views.link("whats-new/atom.xml") };
    ctx.insert("feed_url", &feed_url);
    let mut out = vec![render_at(views, renderer, "whats_new.html", "whats-new/", ctx, origin())?];
    if !feed_url.is_empty() {
        let strings = &views.config.strings;
        let entries = changes
            .iter()
            .map(|c| {
                let p = views.library.page(c.page);
                let text = if !c.subject.is_empty() {
                    c.subject.clone()
                } else if c.added {
                    strings.get("whats_new_added").to_string()
                } else {
                    strings.get("whats_new_updated").to_string()
                };
                FeedEntry {
                    title: c.title.clone(),
                    link: views.permalink(&p.url),
                    published: c.date_iso.clone(),
                    updated: c.date_iso.clone(),
                    authors: vec![views.config.title.clone()],
                    summary: String::new(),
                    content: crate::markdown::highlight::escape_html(&text),
                }
            })
            .collect();
        let feed = Feed {
            language: views.config.language.clone(),
            title: format!("{} · {}", strings.get("whats_new"), views.config.title),
            subtitle: String::new(),
            self_url: views.permalink("whats-new/atom.xml"),
            alternate_url: views.permalink("whats-new/"),
            updated: changes.first().map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |c| c.date_iso.clone()),
            generator: format!("mentorbook {}", env!("CARGO_PKG_VERSION")),
            entries,
        };
        let mut ctx = Context::new();
        ctx.insert("feed", &feed);
        let xml = renderer.render("feeds/atom.xml", &ctx, &views.config.file())?;
        out.push(Output::new("whats-new/atom.xml", xml.into_bytes(), origin()));
    }
    Ok(out)
}

/// The warning a build prints when `/whats-new/` cannot list changes: always for a shallow
/// clone (a CI checkout that cuts the history off gets wrong dates too), and outside a
/// repository only when the config asks for the page with `whats_new_days` (a handbook not yet
/// in git is no mistake).
pub fn warning(views: &Views, history: &History) -> Option<Diagnostic> {
    let History::Unavailable(gap) = *history else { return None };
    let config = views.config;
    let line = config.line_of("whats_new_days");
    if gap != Gap::Shallow && line == 0 {
        return None;
    }
    let why = gap.why();
    let message = format!(
        "what's new: {why}, so `whats-new/` says so instead of listing changes (set `whats_new_days: 0` to leave the page out)"
    );
    Some(Diagnostic::warning(config.file(), line, if line > 0 { 1 } else { 0 }, message))
}
