//! `mentorbook check`: everything `build` validates, stricter, and a proof that no draft leaks.
//!
//! It renders with the build's own code ([`render_site`]), in memory, and writes nothing.
//! Broken internal links and anchors, warnings in `build` (so a work-in-progress site still
//! builds), are errors here. The draft-leak proof renders the production site (no drafts), then
//! looks through every output byte for each draft's title, its URL (root-relative and absolute)
//! and every relative link that resolves to it: any hit is an error naming the draft and the
//! output that shows it.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::{BuildOptions, Output, load_config, load_model, render_site};
use crate::config::Config;
use crate::diagnostic::{BROKEN_LINK, Diagnostic};
use crate::markdown::highlight::escape_html;

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that fail the check (exit code 1).
    pub errors: Vec<Diagnostic>,
    /// Problems reported but not failing.
    pub warnings: Vec<Diagnostic>,
    /// Output files of the production render that were examined.
    pub files: usize,
    /// Drafts whose absence was proven.
    pub drafts: usize,
}

/// Checks the site at `opts.root` without writing anything.
pub fn check(opts: &BuildOptions) -> Report {
    let mut report = Report::default();
    let config = match load_config(opts) {
        Ok(c) => c,
        Err(f) => {
            report.errors = f.errors;
            return report;
        }
    };
    match render_site(&config, false) {
        Ok(site) => {
            let (broken, other): (Vec<_>, Vec<_>) =
                site.warnings.into_iter().partition(|w| w.message.starts_with(BROKEN_LINK));
            report.errors.extend(broken.into_iter().map(as_error));
            report.warnings = other;
            report.files = site.files.len();
            match drafts(&config) {
                Ok(drafts) => {
                    report.drafts = drafts.len();
                    report.errors.extend(leaks(&config, &drafts, &site.files));
                }
                Err(errors) => report.errors.extend(errors),
            }
        }
        Err(f) => {
            report.errors = f.errors;
            report.warnings = f.warnings;
        }
    }
    report
}

fn as_error(mut d: Diagnostic) -> Diagnostic {
    d.severity = crate::diagnostic::Severity::Error;
    d
}

/// One draft: where it is, what it is called, where it would be published.
struct Draft {
    file: std::path::PathBuf,
    title: String,
    url: String,
    /// Ids of its checklists (`guides/secret#plan`), which `checklists.json` and data
    /// attributes would carry.
    checklists: Vec<String>,
}

/// Every draft page and section text, with its settled title.
fn drafts(config: &Config) -> Result<Vec<Draft>, Vec<Diagnostic>> {
    let (model, _) = load_model(config, true).map_err(|f| f.errors)?;
    let library = &model.library;
    Ok((0..library.pages.len())
        .filter(|&i| library.pages[i].meta.draft)
        .map(|i| {
            let p = &library.pages[i];
            let checklists = model.rendered[i].checklists.iter().map(|c| c.id.clone()).collect();
            Draft { file: p.file.clone(), title: model.titles.pages[i].clone(), url: p.url.clone(), checklists }
        })
        .collect())
}

/// Errors for every output that shows a draft's title, URL, checklist ids or a link to it. All the needles
/// go into one Aho-Corasick automaton and the outputs are searched in parallel, so the cost
/// stays one pass over the output however many drafts there are.
fn leaks(config: &Config, drafts: &[Draft], files: &[Output]) -> Vec<Diagnostic> {
    let by_url: HashMap<&str, usize> =
        drafts.iter().enumerate().map(|(i, d)| (d.url.trim_end_matches('/'), i)).collect();
    let by_output: HashMap<String, usize> =
        drafts.iter().enumerate().map(|(i, d)| (format!("{}index.html", d.url), i)).collect();
    // (draft, what) for each needle, in automaton pattern order.
    let mut needles: Vec<(String, usize, String)> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        if !d.title.trim().is_empty() {
            let what = format!("its title `{}`", d.title);
            needles.push((d.title.clone(), i, what.clone()));
            needles.push((escape_html(&d.title), i, what));
        }
        for id in &d.checklists {
            needles.push((id.clone(), i, format!("its checklist `{id}`")));
        }
        if !config.base_url.is_empty() {
            let absolute = format!("{}{}", config.base_url, d.url);
            needles.push((absolute.clone(), i, format!("its URL `{absolute}`")));
        }
    }
    let automaton = match AhoCorasick::new(needles.iter().map(|(n, _, _)| n)) {
        Ok(a) => a,
        Err(e) => return vec![Diagnostic::error(&config.content_dir, 0, 0, format!("cannot search for drafts: {e}"))],
    };
    let found: Vec<Vec<(usize, String, String)>> = files
        .par_iter()
        .map(|f| {
            let mut hits: BTreeSet<(usize, String)> = BTreeSet::new();
            if let Some(&i) = by_output.get(&f.path) {
                hits.insert((i, "the page itself".to_string()));
            }
            for m in automaton.find_overlapping_iter(&f.bytes) {
                let (_, i, what) = &needles[m.pattern().as_usize()];
                hits.insert((*i, what.clone()));
            }
            if f.path.ends_with(".html") {
                let text = String::from_utf8_lossy(&f.bytes);
                for target in links(&f.path, &text) {
                    if let Some(&i) = by_url.get(target.as_str()) {
                        hits.insert((i, format!("a link to `{}`", drafts[i].url)));
                    }
                }
            }
            hits.into_iter().map(|(i, what)| (i, f.path.clone(), what)).collect()
        })
        .collect();
    found
        .into_iter()
        .flatten()
        .map(|(i, path, what)| Diagnostic::error(&drafts[i].file, 0, 0, format!("draft leaks into `{path}`: {what}")))
        .collect()
}

/// Every `href`/`src` of an HTML output, resolved to a root-relative path without `index.html`
/// or a trailing slash (`guides/a`).
fn links(page: &str, html: &str) -> Vec<String> {
    let dir: Vec<&str> = page.split('/').collect::<Vec<_>>().split_last().map(|(_, d)| d.to_vec()).unwrap_or_default();
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let Some(end) = rest.find('"') else { continue };
            let link = rest[..end].split(['#', '?']).next().unwrap_or("");
            if link.is_empty() || link.contains(':') || link.starts_with("//") {
                continue;
            }
            let mut parts: Vec<&str> = if link.starts_with('/') { Vec::new() } else { dir.clone() };
            for seg in link.split('/').filter(|s| !s.is_empty() && *s != ".") {
                if seg == ".." {
                    parts.pop();
                } else {
                    parts.push(seg);
                }
            }
            let joined = parts.join("/");
            out.push(joined.strip_suffix("index.html").unwrap_or(&joined).trim_end_matches('/').to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_folder() {
        let html =
            r#"<a href="../secret/">x</a><a href="../../">home</a><img src="pic.png"><a href="https://x.org/a">"#;
        assert_eq!(links("guides/first/index.html", html), ["guides/secret", "", "guides/first/pic.png"]);
        assert_eq!(links("index.html", r#"<a href="guides/secret/index.html#top">"#), ["guides/secret"]);
    }
}
