//! Walking `content/` into a [`Library`]: which files are pages, sections and assets, and where
//! each goes in the output.
//!
//! A folder is a section. Its own text comes from `_index.md`, else `index.md`, else
//! `README.md` (as on a git host), else a sibling `folder.md`. A folder whose `index.md` is its
//! only markdown is a page bundle: one page, with the folder's other files copied beside it.
//! Every file is read and parsed in parallel; every error is collected before failing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::date::Date;
use super::front_matter::{self, Format};
use super::meta::{self, Meta};
use super::url::slugify;
use super::{Asset, Library, Page, Section};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// A loaded library and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The site's content.
    pub library: Library,
    /// Non-fatal problems (unclosed front matter, near-miss keys, …).
    pub warnings: Vec<Diagnostic>,
}

/// One markdown file after reading and front matter parsing.
struct Source {
    rel: String,
    dir: String,
    name: String,
    stem: String,
    meta: Meta,
    body: String,
    body_line: usize,
    title: Option<String>,
}

/// Loads every file under the content folder; drafts are kept only when `drafts` is set.
pub fn load(config: &Config, drafts: bool) -> Result<Loaded, Vec<Diagnostic>> {
    let content = &config.content_dir;
    if !content.is_dir() {
        return Err(vec![Diagnostic::error(
            content,
            0,
            0,
            "content folder not found (set `content_dir` in mentorbook.yaml or create it)",
        )]);
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut dirs = vec![String::new()];
    let mut markdown = Vec::new();
    let mut others = Vec::new();
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(content).to_path_buf();
                errors.push(Diagnostic::error(path, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Some(rel) = relative(content, entry.path()) else {
            continue;
        };
        if entry.file_type().is_dir() {
            dirs.push(rel);
        } else if is_markdown(&rel) {
            markdown.push((entry.into_path(), rel));
        } else {
            others.push((entry.into_path(), rel));
        }
    }

    let parsed: Vec<(Result<Source, Diagnostic>, Vec<Diagnostic>)> =
        markdown.into_par_iter().map(|(path, rel)| read_source(&path, rel)).collect();
    let mut sources = Vec::new();
    for (result, w) in parsed {
        warnings.extend(w);
        match result {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut library = Library::default();
    let draft_dirs: Vec<String> =
        sources.iter().filter(|s| s.meta.draft && is_index_name(&s.name)).map(|s| s.dir.clone()).collect();
    if !drafts {
        let before = sources.len();
        sources.retain(|s| !s.meta.draft && !draft_dirs.iter().any(|d| is_inside(&s.rel, d)));
        library.drafts_skipped = before - sources.len();
    }
    for s in &mut sources {
        if draft_dirs.iter().any(|d| is_inside(&s.rel, d)) {
            s.meta.draft = true;
        }
    }

    let layout = Layout::new(config, &dirs, &sources);
    build_library(&mut library, layout, sources, others, &mut errors);
    if errors.is_empty() { Ok(Loaded { library, warnings }) } else { Err(errors) }
}

/// Which folder each markdown file describes and where every folder lands in the output.
struct Layout<'a> {
    config: &'a Config,
    /// Folder → index of the source that describes it.
    index_of: HashMap<String, usize>,
    /// Folders that are page bundles (their `index.md` is a page, not a section).
    bundles: Vec<String>,
    /// Folder → root-relative URL.
    dir_url: BTreeMap<String, String>,
    /// Sections: every folder that is not a bundle or inside one, in walk order.
    section_dirs: Vec<String>,
    /// Two files claiming one folder.
    conflicts: Vec<(usize, usize)>,
}

impl<'a> Layout<'a> {
    fn new(config: &'a Config, dirs: &[String], sources: &[Source]) -> Self {
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut rank_of: HashMap<String, u8> = HashMap::new();
        let mut conflicts = Vec::new();
        let dir_set: std::collections::HashSet<&str> = dirs.iter().map(String::as_str).collect();
        for (i, s) in sources.iter().enumerate() {
            let (folder, rank) = match s.name.as_str() {
                "_index.md" | "_index.markdown" | "index.md" | "index.markdown" => (s.dir.clone(), 0),
                n if n.eq_ignore_ascii_case("readme.md") => (s.dir.clone(), 1),
                _ => {
                    let sibling = join_rel(&s.dir, &s.stem);
                    if !dir_set.contains(sibling.as_str()) {
                        continue;
                    }
                    (sibling, 2)
                }
            };
            match rank_of.get(&folder) {
                Some(&r) if r == rank && rank == 0 => conflicts.push((index_of[&folder], i)),
                Some(&r) if r <= rank => {}
                _ => {
                    rank_of.insert(folder.clone(), rank);
                    index_of.insert(folder, i);
                }
            }
        }
        let mut md_count: HashMap<&str, usize> = HashMap::new();
        for s in sources {
            for ancestor in ancestors(&s.dir) {
                *md_count.entry(ancestor).or_default() += 1;
            }
        }
        let bundles: Vec<String> = dirs
            .iter()
            .filter(|d| !d.is_empty())
            .filter(|d| {
                index_of.get(*d).is_some_and(|&i| sources[i].name.starts_with("index."))
                    && md_count.get(d.as_str()) == Some(&1)
            })
            .cloned()
            .collect();
        let section_dirs = dirs.iter().filter(|d| !bundles.iter().any(|b| is_inside_dir(d, b))).cloned().collect();
        let mut dir_url = BTreeMap::new();
        for d in dirs {
            let url = match d.rsplit_once('/') {
                _ if d.is_empty() => String::new(),
                Some((parent, name)) => format!(
                    "{}{}/",
                    dir_url.get(parent).cloned().unwrap_or_default(),
                    folder_slug(name, d, &index_of, sources)
                ),
                None => format!("{}/", folder_slug(d, d, &index_of, sources)),
            };
            dir_url.insert(d.clone(), url);
        }
        Layout { config, index_of, bundles, dir_url, section_dirs, conflicts }
    }

    fn url_of_dir(&self, dir: &str) -> String {
        self.dir_url.get(dir).cloned().unwrap_or_default()
    }
}

fn folder_slug(name: &str, dir: &str, index_of: &HashMap<String, usize>, sources: &[Source]) -> String {
    let slug = index_of
        .get(dir)
        .and_then(|&i| sources[i].name.starts_with("index.").then(|| sources[i].meta.slug.clone()).flatten());
    slugify(slug.as_deref().unwrap_or(name))
}

fn build_library(
    library: &mut Library,
    layout: Layout<'_>,
    sources: Vec<Source>,
    others: Vec<(std::path::PathBuf, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    let content = &layout.config.content_dir;
    for (a, b) in &layout.conflicts {
        errors.push(Diagnostic::error(
            content.join(&sources[*b].rel),
            0,
            0,
            format!(
                "`{}` and `{}` both describe the folder `{}`; keep one",
                sources[*a].rel, sources[*b].rel, sources[*a].dir
            ),
        ));
    }
    for dir in &layout.section_dirs {
        let parent = if dir.is_empty() { None } else { library.by_dir.get(parent_dir(dir)).copied() };
        let idx = library.sections.len();
        library.sections.push(Section {
            dir: dir.clone(),
            url: layout.url_of_dir(dir),
            index: None,
            parent,
            pages: Vec::new(),
            subsections: Vec::new(),
            name: dir.rsplit('/').next().unwrap_or("").to_string(),
        });
        library.by_dir.insert(dir.clone(), idx);
        if let Some(p) = parent {
            library.sections[p].subsections.push(idx);
        }
    }
    let mut url_owner: HashMap<String, String> = HashMap::new();
    let index_sources: HashMap<usize, &String> = layout.index_of.iter().map(|(d, i)| (*i, d)).collect();
    for (i, s) in sources.into_iter().enumerate() {
        let described =
            index_sources.get(&i).copied().filter(|d| library.by_dir.contains_key(*d) || layout.bundles.contains(*d));
        let (url, section) = match described {
            Some(d) if library.by_dir.contains_key(d) => (layout.url_of_dir(d), library.by_dir[d]),
            Some(d) => (layout.url_of_dir(d), nearest_section(library, d)),
            None => {
                let slug = s.meta.slug.clone().unwrap_or_else(|| s.stem.clone());
                (format!("{}{}/", layout.url_of_dir(&s.dir), slugify(&slug)), nearest_section(library, &s.dir))
            }
        };
        let file = content.join(&s.rel);
        if let Some(other) = url_owner.insert(url.clone(), s.rel.clone()) {
            errors.push(Diagnostic::error(
                &file,
                0,
                0,
                format!("`{}` and `{other}` both map to the URL `/{url}`; rename one or set a `slug`", s.rel),
            ));
            continue;
        }
        let idx = library.pages.len();
        library.by_path.insert(s.rel.clone(), idx);
        match described.and_then(|d| library.by_dir.get(d)) {
            Some(&sec) => library.sections[sec].index = Some(idx),
            None => library.sections[section].pages.push(idx),
        }
        let meta = s.meta;
        library.pages.push(Page {
            file,
            rel: s.rel,
            dir: s.dir,
            meta,
            body: s.body,
            body_line: s.body_line,
            title: s.title,
            stem: s.stem,
            url,
            section,
        });
    }
    for (source, rel) in others {
        let dir = parent_dir(&rel);
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        let out = format!("{}{name}", layout.url_of_dir(dir));
        library.asset_by_path.insert(rel, out.clone());
        library.assets.push(Asset { source, out });
    }
    sort_children(library);
    library.index_urls();
}

/// Orders pages by weight, then newest date, then file name; sections by weight, then name.
fn sort_children(library: &mut Library) {
    let pages = &library.pages;
    let page_key = |&i: &usize| {
        let p = &pages[i];
        (p.meta.weight.unwrap_or(i64::MAX), std::cmp::Reverse(p.meta.date.map(|d| d.sort_key())), p.rel.clone())
    };
    let weights: Vec<i64> =
        library.sections.iter().map(|s| s.index.and_then(|i| pages[i].meta.weight).unwrap_or(i64::MAX)).collect();
    let names: Vec<String> = library.sections.iter().map(|s| s.name.clone()).collect();
    for section in &mut library.sections {
        section.pages.sort_by_cached_key(page_key);
        section.subsections.sort_by_key(|&s| (weights[s], names[s].clone()));
    }
}

fn nearest_section(library: &Library, dir: &str) -> usize {
    let mut d = dir;
    loop {
        if let Some(&s) = library.by_dir.get(d) {
            return s;
        }
        if d.is_empty() {
            return 0;
        }
        d = parent_dir(d);
    }
}

/// Reads, decodes and splits one markdown file; infers a title from a short first line.
fn read_source(path: &Path, rel: String) -> (Result<Source, Diagnostic>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let text = match std::fs::read(path) {
        Ok(bytes) => match front_matter::decode(&bytes) {
            Ok(t) => t,
            Err(msg) => return (Err(Diagnostic::error(path, 0, 0, msg)), warnings),
        },
        Err(e) => {
            return (Err(Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))), warnings);
        }
    };
    let split = front_matter::split(&text);
    if split.unclosed {
        warnings.push(Diagnostic::warning(
            path,
            1,
            1,
            "`---` on the first line is never closed; read as a thematic break, not front matter",
        ));
    }
    let fm = match front_matter::parse(path, &text, &split) {
        Ok(fm) => fm,
        Err(e) => return (Err(e), warnings),
    };
    let (meta, w) = meta::read(path, &text, fm);
    warnings.extend(w);
    let meta = match meta {
        Ok(m) => m,
        Err(e) => return (Err(e), warnings),
    };
    let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
    // A Jekyll post name `2024-05-01-slug` gives the slug, and the date unless front matter has one.
    let (meta, stem) = match Date::from_file_stem(&stem) {
        Some((date, slug)) => (Meta { date: meta.date.or(Some(date)), ..meta }, slug.to_string()),
        None => (meta, stem.clone()),
    };
    let mut body = split.body;
    let mut body_line = split.body_line;
    let mut title = meta.title.clone();
    if title.is_none()
        && split.format == Format::None
        && !split.unclosed
        && let Some((line, rest, skipped)) = short_first_line(body)
    {
        title = Some(line.to_string());
        body = rest;
        body_line += skipped;
    }
    let dir = parent_dir(&rel).to_string();
    let source = Source { rel, dir, name, stem, meta, body: body.to_string(), body_line, title };
    (Ok(source), warnings)
}

/// A first line that reads as a title: short, plain text, followed by a blank line or the end.
fn short_first_line(body: &str) -> Option<(&str, &str, usize)> {
    let leading = body.len() - body.trim_start_matches('\n').len();
    let rest = &body[leading..];
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let line = line.trim();
    let plain = line.chars().next().is_some_and(char::is_alphanumeric)
        && line.chars().count() <= 60
        && !line.ends_with(['.', ':', ',', ';', '|', '\\'])
        && !line.contains(['<', '[', '`', '*', '|', '{'])
        && !line.starts_with(|c: char| c.is_ascii_digit());
    let followed_by_blank = after.is_empty() || after.starts_with('\n');
    (plain && followed_by_blank).then(|| (line, after, leading + 1))
}

/// Hidden files, editor temp files and backups are not content.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn is_markdown(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn is_index_name(name: &str) -> bool {
    matches!(name, "_index.md" | "_index.markdown")
}

fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.join("/"))
}

fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

fn join_rel(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// `dir` and every folder above it, up to and including `""`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let cur = next?;
        next = if cur.is_empty() { None } else { Some(parent_dir(cur)) };
        Some(cur)
    })
}

/// True when file `rel` lies in folder `dir` or below.
fn is_inside(rel: &str, dir: &str) -> bool {
    dir.is_empty() || rel.starts_with(&format!("{dir}/"))
}

/// True when folder `d` is `dir` or below it.
fn is_inside_dir(d: &str, dir: &str) -> bool {
    d == dir || d.starts_with(&format!("{dir}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_first_line_titles() {
        assert_eq!(short_first_line("Weekly sync\n\nBody"), Some(("Weekly sync", "\nBody", 1)));
        assert_eq!(short_first_line("This is a sentence.\n\nBody"), None);
        assert_eq!(short_first_line("# Heading\n\nBody"), None);
        assert_eq!(short_first_line("Line one\nline two"), None);
    }

    #[test]
    fn ignores_hidden_and_temp_files() {
        for name in [".git", ".#a.md", "a.md~", "#a.md#", "a.md.swp"] {
            assert!(is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("_index.md")));
    }
}
