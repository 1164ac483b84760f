//! `mentorbook check`: everything `build` validates, stricter, and a proof that nothing of a
//! left-out page (a draft) reaches the output. It writes nothing.
//!
//! It renders with the build's own model and outputs, in memory. Broken internal links and
//! anchors, and links to left-out pages (warnings in `build`, so a work-in-progress site still
//! builds) are errors here, told apart by their [`Kind`]. The proof has three parts, none of
//! which can raise a false alarm from an author's own words:
//! - every left-out file is loaded *disguised*: its title, text, headings, checklist items,
//!   tags and aliases replaced by a marker no real text contains, and every output byte (the
//!   search index decompressed) and path is searched for the markers;
//! - no output may come from a left-out file (an asset of a draft folder, say);
//! - no link in any output (raw HTML included) may lead to a left-out page's URL.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read as _;

use rayon::prelude::*;

use super::build::{BuildOptions, load_config, selection};
use super::model::Model;
use super::output::{self, Output};
use super::relink;
use crate::content::date::Date;
use crate::content::load::LoadOptions;
use crate::content::source::Source;
use crate::content::{Excluded, url};
use crate::diagnostic::{Diagnostic, Kind};

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that fail the check (exit code 1).
    pub errors: Vec<Diagnostic>,
    /// Problems reported but not failing.
    pub warnings: Vec<Diagnostic>,
    /// Output files of the production render that were examined.
    pub files: usize,
    /// Left-out drafts whose absence was proven.
    pub excluded: usize,
    /// Pages left out for other audiences whose absence was proven, for an audience's build.
    pub other_audiences: Option<usize>,
}

/// What every marker starts with; nothing a person writes contains it.
const MARKER: &str = "mbx0leak0";

/// The marker of the left-out file `rel`.
fn marker(rel: &str) -> String {
    format!("{MARKER}{:016x}", url::fnv1a(rel.as_bytes()))
}

/// Replaces everything a reader could see of `source` with its marker.
fn disguise(source: &mut Source) {
    let m = marker(&source.rel);
    let meta = &mut source.meta;
    meta.title = Some(m.clone());
    meta.description = Some(m.clone());
    meta.summary = Some(m.clone());
    for list in [&mut meta.tags, &mut meta.categories, &mut meta.roles, &mut meta.authors] {
        if !list.is_empty() {
            *list = vec![m.clone()];
        }
    }
    if meta.owner.is_some() {
        meta.owner = Some(m.clone());
    }
    if !meta.aliases.is_empty() {
        meta.aliases = vec![format!("{m}/")];
    }
    meta.extra.clear();
    source.title = Some(m.clone());
    source.body = format!("# {m}\n\n{m} {m}\n\n## {m} {{.checklist}}\n\n- [ ] {m}\n\n<!--more-->\n");
}

/// Checks the site at `opts.root` without writing anything.
pub fn check(opts: &BuildOptions, stale: bool) -> Report {
    let mut report = Report::default();
    let config = match load_config(opts) {
        Ok(c) => c,
        Err(f) => {
            report.errors = f.errors;
            return report;
        }
    };
    let out_dir = opts.output.clone().unwrap_or_else(|| config.output_dir.clone());
    let selection = match selection(false, opts.audience.as_deref(), &config) {
        Ok(s) => s,
        Err(f) => {
            report.errors = f.errors;
            return report;
        }
    };
    let load = LoadOptions { selection, output: Some(&out_dir), disguise: Some(disguise) };
    let (model, warnings) = match Model::load(config, &load) {
        Ok(m) => m,
        Err(f) => {
            report.errors = f.errors;
            report.warnings = f.warnings;
            return report;
        }
    };
    let mut warnings = warnings;
    match model.render(&model.jobs()) {
        Ok(rendering) => {
            warnings.extend(rendering.warnings);
            match output::finish(rendering.outputs, Some(&out_dir)) {
                Ok(files) => {
                    report.files = files.len();
                    let published = published_urls(&files);
                    report.errors.extend(leaks(&model.library.excluded, &model.config.base_url, &files, &published));
                    warnings.extend(shadowed(&model.library.excluded, &published));
                }
                Err(errors) => report.errors.extend(errors),
            }
        }
        Err(f) => {
            report.errors.extend(f.errors);
            warnings.extend(f.warnings);
        }
    }
    warnings.extend(model.views().stale_warnings(&Date::today()));
    let (links, other): (Vec<_>, Vec<_>) =
        warnings.into_iter().partition(|w| w.kind.is_link() || (stale && w.kind == Kind::Stale));
    report.errors.splice(0..0, links.into_iter().map(Diagnostic::into_error));
    report.warnings = other;
    report.excluded = model.library.excluded_for(crate::content::select::DRAFT);
    report.other_audiences =
        model.selection.audience.is_some().then(|| model.library.excluded_for(crate::content::select::OTHER_AUDIENCE));
    report
}

/// Errors for every output that shows a left-out file's marker, comes from a left-out file, or
/// links to a left-out page.
fn leaks(
    excluded: &HashMap<String, Excluded>,
    base_url: &str,
    files: &[Output],
    published: &HashSet<&str>,
) -> Vec<Diagnostic> {
    let by_marker: HashMap<String, &str> = excluded.keys().map(|rel| (marker(rel), rel.as_str())).collect();
    let by_file: HashMap<&std::path::Path, &str> =
        excluded.iter().map(|(rel, e)| (e.file.as_path(), rel.as_str())).collect();
    let by_url: HashMap<&str, &str> = excluded
        .iter()
        .filter(|(_, e)| e.is_page)
        .map(|(rel, e)| (e.url.trim_end_matches('/'), rel.as_str()))
        // A link to a URL a published page has leads to that page, not to the left-out one.
        .filter(|(u, _)| !published.contains(u))
        .collect();
    let found: Vec<Vec<(&str, String, String)>> = files
        .par_iter()
        .map(|f| {
            let mut hits: BTreeSet<(&str, String)> = BTreeSet::new();
            if let Some(rel) = f.origin.file.as_deref().and_then(|p| by_file.get(p)) {
                hits.insert((rel, "a file of it copied".to_string()));
            }
            let text = String::from_utf8_lossy(&decompressed(&f.bytes)).into_owned();
            for hay in [text.as_str(), f.path.as_str()] {
                for (at, _) in hay.match_indices(MARKER) {
                    let m = hay.get(at..at + MARKER.len() + 16).unwrap_or("");
                    if let Some(rel) = by_marker.get(m) {
                        hits.insert((rel, "its words".to_string()));
                    }
                }
            }
            if f.path.ends_with(".html") || f.path.ends_with(".xml") {
                for link in relink::links(&text) {
                    let target = resolve(&f.path, &link, base_url);
                    if let Some(rel) = target.and_then(|t| by_url.get(t.as_str()).copied()) {
                        hits.insert((rel, format!("a link to `{}`", excluded[rel].url)));
                    }
                }
            }
            hits.into_iter().map(|(rel, what)| (rel, f.path.clone(), what)).collect()
        })
        .collect();
    found
        .into_iter()
        .flatten()
        .map(|(rel, path, what)| {
            let e = &excluded[rel];
            let message = format!("{} leaks into `{path}`: {what}", capital(e.why));
            Diagnostic::error(&e.file, 0, 0, message).with_kind(Kind::Leak)
        })
        .collect()
}

/// The URLs (as [`resolve`] gives them) of the pages in the output.
fn published_urls(files: &[Output]) -> HashSet<&str> {
    files.iter().filter_map(|f| f.path.strip_suffix("index.html")).map(|d| d.trim_end_matches('/')).collect()
}

/// Warnings for left-out pages whose URL a published page has: not leaks, but a clash the day
/// they are published (or in a `--drafts` build).
fn shadowed(excluded: &HashMap<String, Excluded>, published: &HashSet<&str>) -> Vec<Diagnostic> {
    let mut found: Vec<_> = excluded
        .values()
        .filter(|e| e.is_page && published.contains(e.url.trim_end_matches('/')))
        .map(|e| {
            let message = format!(
                "{} has the URL `{}` of a published page; building with it would fail on the duplicate URL",
                capital(e.why),
                e.url
            );
            Diagnostic::warning(&e.file, 0, 0, message)
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// "A draft" for "a draft".
fn capital(why: &str) -> String {
    crate::words::capitalize(why)
}

/// The bytes of a gzip member decompressed (the search index), else the bytes as they are.
fn decompressed(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes.into();
    }
    let mut out = Vec::new();
    match flate2::read::GzDecoder::new(bytes).read_to_end(&mut out) {
        Ok(_) => out.into(),
        Err(_) => bytes.into(),
    }
}

/// A link of the output at `page` resolved to a root-relative path without `index.html` or a
/// trailing slash (`guides/a`); absolute links count when they start with `base_url`.
fn resolve(page: &str, link: &str, base_url: &str) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let (dir, link) = match link.strip_prefix(base_url).filter(|_| !base_url.is_empty()) {
        Some(rest) => ("", rest),
        None if link.contains(':') || link.starts_with("//") => return None,
        None if link.starts_with('/') => ("", link),
        None => (page.rsplit_once('/').map_or("", |(d, _)| d), link),
    };
    let joined = url::join(dir, &url::decode_path(link))?;
    Some(joined.strip_suffix("index.html").unwrap_or(&joined).trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_folder() {
        assert_eq!(resolve("guides/first/index.html", "../secret/", "").as_deref(), Some("guides/secret"));
        assert_eq!(resolve("guides/first/index.html", "../../", "").as_deref(), Some(""));
        assert_eq!(resolve("index.html", "guides/secret/index.html#top", "").as_deref(), Some("guides/secret"));
        assert_eq!(
            resolve("atom.xml", "https://x.org/h/guides/secret/", "https://x.org/h/").as_deref(),
            Some("guides/secret")
        );
        assert_eq!(resolve("a/index.html", "https://elsewhere.org/guides/secret/", "https://x.org/"), None);
    }

    #[test]
    fn markers_origins_and_links_are_leaks_and_words_are_not() {
        use crate::site::output::Origin;
        let mut excluded = HashMap::new();
        let e =
            Excluded { file: "content/plans.md".into(), url: "guides/plans/".into(), why: "a draft", is_page: true };
        excluded.insert("guides/plans.md".to_string(), e);
        let asset = Excluded {
            file: "content/secret/a.png".into(),
            url: "secret/a.png".into(),
            why: "a draft",
            is_page: false,
        };
        excluded.insert("secret/a.png".to_string(), asset);
        let m = marker("guides/plans.md");
        let page = |path: &str, html: String| Output::new(path, html.into_bytes(), Origin::generated("page"));
        let files = vec![
            page("a/index.html", "<p>As the plans say, guides/plans is secret.</p>".into()),
            page("b/index.html", format!("<p>{m}</p>")),
            page("c/index.html", r#"<a href="../guides/plans/">p</a>"#.into()),
            page("atom.xml", r#"<link href="https://x.org/guides/plans/"/>"#.into()),
            Output::new("secret/a.png", vec![1], Origin::at("content/secret/a.png", 0, "asset")),
            page(&format!("{m}/index.html"), String::new()),
        ];
        let found: Vec<String> =
            leaks(&excluded, "https://x.org/", &files, &published_urls(&files)).iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found.iter().all(|f| !f.contains("`a/index.html`")), "an author's words are not a leak: {found:#?}");
        assert!(found.iter().any(|f| f.contains("`b/index.html`: its words")), "{found:#?}");
        assert!(found.iter().any(|f| f.contains("`c/index.html`: a link to `guides/plans/`")), "{found:#?}");
        assert!(found.iter().any(|f| f.contains("`atom.xml`: a link")), "{found:#?}");
        assert!(
            found.iter().any(|f| f.starts_with("content/secret/a.png") && f.contains("a file of it copied")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_disguised_page_is_all_marker() {
        let (result, _) = crate::content::source::parse_source(
            std::path::Path::new("p.md"),
            "plans.md".into(),
            b"---\ntitle: Secret reorg\ntags: [hush]\n---\nThe plan.\n",
        );
        let mut source = result.unwrap();
        disguise(&mut source);
        let m = marker("plans.md");
        assert!(!format!("{source:?}").contains("Secret reorg") && !format!("{source:?}").contains("hush"));
        assert_eq!(source.meta.tags, std::slice::from_ref(&m));
        assert!(source.body.contains(&m));
    }
}
