//! `mentorbook check`: everything `build` validates, stricter, and a proof that no draft leaks.
//!
//! It renders with the build's own code ([`render_site`]), in memory, and writes nothing.
//! Broken internal links and anchors, warnings in `build` (so a work-in-progress site still
//! builds), are errors here. The draft-leak proof renders the production site (no drafts), then
//! looks through every output byte for each draft's title, its URL (root-relative and absolute)
//! and every relative link that resolves to it: any hit is an error naming the draft and the
//! output that shows it.

use std::collections::HashMap;

use super::{BuildOptions, Output, load_config, load_model, render_site};
use crate::config::Config;
use crate::diagnostic::{BROKEN_LINK, Diagnostic};

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
}

/// Every draft page and section text, with its settled title.
fn drafts(config: &Config) -> Result<Vec<Draft>, Vec<Diagnostic>> {
    let (model, _) = load_model(config, true).map_err(|f| f.errors)?;
    let library = &model.library;
    Ok((0..library.pages.len())
        .filter(|&i| library.pages[i].meta.draft)
        .map(|i| {
            let p = &library.pages[i];
            Draft { file: p.file.clone(), title: model.titles.pages[i].clone(), url: p.url.clone() }
        })
        .collect())
}

/// Errors for every output that shows a draft's title, URL or a link to it.
fn leaks(config: &Config, drafts: &[Draft], files: &[Output]) -> Vec<Diagnostic> {
    let by_url: HashMap<&str, &Draft> = drafts.iter().map(|d| (d.url.trim_end_matches('/'), d)).collect();
    let mut errors = Vec::new();
    for f in files {
        let text = String::from_utf8_lossy(&f.bytes);
        for d in drafts {
            let mut found = Vec::new();
            if f.path == format!("{}index.html", d.url) {
                found.push("the page itself".to_string());
            }
            if !d.title.trim().is_empty() && (text.contains(&escape(&d.title)) || text.contains(d.title.as_str())) {
                found.push(format!("its title `{}`", d.title));
            }
            let absolute = format!("{}{}", config.base_url, d.url);
            if !config.base_url.is_empty() && text.contains(&absolute) {
                found.push(format!("its URL `{absolute}`"));
            }
            for what in found {
                errors.push(Diagnostic::error(&d.file, 0, 0, format!("draft leaks into `{}`: {what}", f.path)));
            }
        }
        if f.path.ends_with(".html") {
            for target in links(&f.path, &text) {
                if let Some(d) = by_url.get(target.trim_end_matches('/')) {
                    let message = format!("draft leaks into `{}`: a link to `{}`", f.path, d.url);
                    errors.push(Diagnostic::error(&d.file, 0, 0, message));
                }
            }
        }
    }
    errors
}

/// The title as it appears in HTML text.
fn escape(title: &str) -> String {
    crate::markdown::highlight::escape_html(title)
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
